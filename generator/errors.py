"""Problems found in content, carried as values so every one of a file is reported at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_INVALID_CONTENT = 2

Level = Literal["error", "warning", "note"]


@dataclass(frozen=True)
class Diagnostic:
    file: str
    line: int
    column: int
    path: str
    message: str
    hint: str | None = None
    level: Level = "error"
    where: str = ""  # the page or slide a layout finding lands on, e.g. "page 3", "slide 5"

    @classmethod
    def at(cls, origin, message: str, *, level: Level = "error", hint: str | None = None, where: str = "") -> "Diagnostic":
        """A finding about a document node, placed by the `Origin` the node was read from."""
        return cls(origin.file, origin.line, origin.column, origin.path, message, hint, level, where)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        at = f" [{self.path}]" if self.path else ""
        lands = f" ({self.where})" if self.where else ""
        text = f"{where}: {self.level}: {self.message}{at}{lands}"
        return f"{text}\n  hint: {self.hint}" if self.hint else text


def spans(unit: str, numbers: list[int]) -> str:
    """Where a finding lands, as ranges: 'page 3', 'slides 2-4, 7'."""
    runs: list[list[int]] = []
    for number in sorted(set(numbers)):
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    shown = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"{unit}s {shown}" if len(set(numbers)) > 1 else f"{unit} {shown}"


class ContentError(Exception):
    """The content file cannot be built; holds every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        super().__init__("\n".join(str(d) for d in diagnostics))


class Unreadable(ContentError):
    """The path names no content file that can be read (missing, a folder, a pipe, too large): every
    command treats it as a usage error, `check` included, since there is nothing to check."""
