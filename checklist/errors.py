"""ChecklistError: a document that cannot be read as a checklist, with file and line."""

from __future__ import annotations


class ChecklistError(Exception):
    """A document is not a usable dataflow document; ``str()`` is ``PATH:LINE: message``."""

    def __init__(self, path: str, line: int | None, message: str) -> None:
        super().__init__(path, line, message)
        self.path = path
        self.line = line or 0
        self.message = message

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}: {self.message}"
