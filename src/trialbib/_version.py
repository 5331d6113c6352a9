"""The version of trialbib, written once: ``pyproject.toml`` reads it from here at build time."""

__version__ = "0.2.0"
