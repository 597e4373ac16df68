"""The closing sources slides: the content's own citation line, then every source numbered.

The list shares one size, as large as fits, and continues evenly over '(cont.)' slides; an entry
cannot continue, so one taller than a whole slide is cut after its last line and reported.
The speaker notes carry every source in full.
"""

from __future__ import annotations

from ...measure import LINE_SPACING, text_width, wrap
from ...urls import url_lines
from ...model import Document, cites_line
from ...theme import SLIDE, Theme
from .pagination import balanced
from .shapes import Para, Run, SlidePlan, TextBox
from .text import MIN_BODY, content_top, continued, ellipsized, full_citation, headline, lines_in

URL_INDENT = 1.5  # ems a URL's lines sit in from its entry's number


def sources_slides(document: Document, theme: Theme) -> list[SlidePlan]:
    words = document.words
    top = content_top(words("sources"), theme, 14, words)
    room, width = SLIDE.bottom - top, SLIDE.content_width
    entries: list[list[Run]] = []
    origins = []
    if document.cites:
        entries.append([Run(words.lead("sources") + " ", bold=True), Run(cites_line(document))])
        origins.append(document.meta.origin_of("cites"))
    urls: list[str | None] = [None] * len(entries)
    for number, source in enumerate(document.sources, 1):
        entries.append([Run(f"{number}.  {source.citation()}" + ("." if source.url and not source.citation().endswith(".") else ""))])
        urls.append(source.url)
        origins.append(source.origin)
    texts = ["".join(r.text for r in runs) for runs in entries]
    for size in (18, 16, MIN_BODY):
        lines = [_url_lines(url, width, size) for url in urls]
        heights = [(len(wrap(t, width, size, bold=runs[0].bold)) + len(u)) * size * LINE_SPACING + size * 0.4
                   for t, runs, u in zip(texts, entries, lines)]
        if sum(heights) <= room:
            break
    cut = _cut_entries(entries, texts, heights, size, room)
    counts = balanced(heights, lambda n: room)
    notes = "\n".join(full_citation(document, s) for s in document.sources)
    slides, start = [], 0
    for index, count in enumerate(counts):
        paragraphs = [para for runs, url in zip(entries[start:start + count], lines[start:start + count])
                      for para in _entry(runs, url, size, theme)]
        box = TextBox(SLIDE.margin, top, width, sum(heights[start:start + count]), paragraphs)
        first_cut = next((i for i in range(start, start + count) if i in cut), None)
        if first_cut is not None:
            box.origin, box.problem = origins[first_cut], cut[first_cut]
        slides.append(SlidePlan("sources", [headline(continued(words("sources"), index, words), theme), box], notes=notes))
        start += count
    return slides


def _url_lines(url: str | None, width: float, size: float) -> list[str]:
    """A URL's lines under its entry, indented, broken only after / . ? & (generator.urls)."""
    return url_lines(url, width - size * URL_INDENT, lambda text: text_width(text, size)) if url else []


def _entry(runs: list[Run], url: list[str], size: float, theme: Theme) -> list[Para]:
    """An entry's citation, then its URL's lines in a hanging indent; the space after the last."""
    paras = [Para(runs, size, theme.palette.ink), *(Para([Run(line)], size, theme.palette.ink, indent=size * URL_INDENT)
                                                   for line in url)]
    paras[-1].space_after = size * 0.4
    return paras


def _cut_entries(entries: list[list[Run]], texts: list[str], heights: list[float], size: float,
                 room: float) -> dict[int, str]:
    """Cut each entry taller than a whole slide after its last line that fits, in place; the
    problem of each cut entry by its index, for the check (a sources list entry cannot continue)."""
    cut = {}
    width = SLIDE.content_width
    for index, text in enumerate(texts):
        if heights[index] <= room:
            continue
        lines = wrap(text, width, size, bold=entries[index][0].bold)
        keep = lines_in(room - size * 0.4, size)
        entries[index] = [Run(" ".join(lines[:keep - 1] + [ellipsized(lines[keep - 1], width, size, False)]))]
        heights[index] = keep * size * LINE_SPACING + size * 0.4
        cut[index] = (f"the entry in the sources list does not fit a slide even at {size:g} pt: it needs "
                      f"{len(lines)} lines where there is room for {keep}")
    return cut
