"""Errors a user can act on: each names the file, the line where known, and what to do."""

from __future__ import annotations

from dataclasses import dataclass

from trialbib.escape import line


@dataclass(frozen=True)
class Location:
    """Where something is: a file, and inside it a line (1-based), column, entry key or row."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None

    def __str__(self) -> str:
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        text = ":".join(parts)
        return line(f"{text} [{self.key}]" if self.key else text)


class TrialbibError(Exception):
    """A problem with the user's input or request; the CLI prints it on one line, exit 2."""

    def __init__(self, message: str, location: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.location = location
        self.hint = hint

    def __str__(self) -> str:
        """One line: a file name, key or value in it can neither break it nor start a CI command."""
        text = self.message.replace("\n", " ")
        if self.location is not None:
            text = f"{self.location}: {text}"
        if self.hint:
            text = f"{text}; {self.hint}"
        return line(text)


class InputError(TrialbibError):
    """A file could not be read or does not have the form its reader expects."""


class StyleError(TrialbibError):
    """A CSL style could not be found or loaded."""


class UsageError(TrialbibError):
    """The request itself does not make sense (an unknown option value, a missing key)."""
