"""Formatting the model with CSL styles (citeproc-py): styles, the engine, output formats."""
