"""The files trialbib reads when it is told none: their names, written once.

The command line, ``trialbib check`` and the configuration all start from these; a
``trialbib.toml`` (or ``[tool.trialbib]``) can name others.
"""

BIBLIOGRAPHY = "references.bib"
TRIALS = "trials.yaml"
PRINTED = "article/reference-list.txt"
