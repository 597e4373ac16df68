"""Problems found in content, carried as values so every one of a file is reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID_CONTENT = 2

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None
    level: Level = "error"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        at = f" [{self.path}]" if self.path else ""
        text = f"{where}: {self.level}: {self.message}{at}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


class ContentError(Exception):
    """The content file cannot be built; holds every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))
