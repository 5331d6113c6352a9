"""Formatting the model with CSL styles (citeproc-py): styles, the engine, output formats.

The attribute ``trialbib.render`` is the API function, never this subpackage (see
``trialbib._Package``); import from here with ``from trialbib.render import engine`` or
``from trialbib.render.engine import render_bibliography``.
"""
