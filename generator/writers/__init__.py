"""Output formats by name. Each writer is imported only when its format is asked for, so a
PDF-only build never pays for python-pptx and `--help` pays for neither."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from importlib import import_module
from collections.abc import Callable

from ..errors import Diagnostic
from ..model import Origin
from ..stamp import FALLBACK_EPOCH, Stamp

FORMATS: dict[str, tuple[str, str]] = {
    "pdf": ("generator.writers.pdf", "write_pdf"),
    "pptx": ("generator.writers.deck", "write_deck"),
}


@dataclass(frozen=True)
class Options:
    """Choices made on the command line that override the content file."""

    page_size: str | None = None  # "A4" or "Letter": the command line's, else the content's (set by the build)
    stamp: Stamp = Stamp(FALLBACK_EPOCH, "")  # set by the build from the content; see generator.stamp
    pptx_charts: str = "picture"  # "picture" (matplotlib, as in the PDF) or "native" (editable PowerPoint charts)
    template: str | None = None  # a .pptx whose master and layouts the deck builds on (the option's, else the content's)
    template_origin: Origin | None = None  # where the content names the template; None when the option did
    template_data: bytes | None = None  # its bytes, read and checked by the build before anything is drawn


@dataclass(frozen=True, eq=False)
class Output:
    """A writer's file, and what it found while laying it out: errors (text that does not fit),
    warnings, and notes (e.g. a table split over continuation slides), each placed by document
    path and by the page or slide it lands on.

    `content` is the file's bytes, or a function that draws them: a writer whose layout is done
    before it draws (the deck) hands its findings over at once and draws only when `data` is
    first read, so `briefing check` reports everything without drawing. Read again, `data` is
    the same bytes."""

    content: bytes | Callable[[], bytes]
    findings: tuple[Diagnostic, ...] = ()
    placements: tuple[tuple[str, str, int], ...] = ()  # (document path of a block, "page" or "slide", its number)

    @cached_property
    def data(self) -> bytes:
        return self.content() if callable(self.content) else self.content


def get_writer(name: str) -> Callable:
    module, function = FORMATS[name]
    return getattr(import_module(module), function)
