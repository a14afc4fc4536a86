"""tcptui's errors. Protocol behaviour is never an error (it is an Outcome); these are for input.

TcptuiError
 ├── PuzzleError        a puzzle file is wrong: names the file, the key, the line when known
 └── StoreError         the progress store cannot be used at all (not: a corrupt file, which
                        is moved aside with a warning)
"""

from __future__ import annotations


class TcptuiError(Exception):
    """Base of every error tcptui raises on bad input."""


class PuzzleError(TcptuiError):
    """One problem in one puzzle file, as one line: `FILE:LINE: KEY: what is wrong; expected …`."""

    def __init__(self, path: str, key: str, message: str, line: int | None = None) -> None:
        self.path, self.key, self.message, self.line = str(path), key, message, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class StoreError(TcptuiError):
    """The progress store could not be opened or written even after starting afresh."""
