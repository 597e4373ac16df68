"""What frames the content: the title slide, section dividers, and every slide's number and marking.

Each text is as large as fits and capped to what its slide leaves it, so an overlong title or
marking is cut and reported rather than running into the slide number or off the slide.
"""

from __future__ import annotations

from ...measure import LINE_SPACING
from ...model import Document, Section
from ...theme import SLIDE, Theme
from ...words import Words
from .shapes import Para, Rect, Run, SlidePlan, TextBox
from .text import MIN_BODY, below, capped_text, fitted_text


def footer(document: Document, theme: Theme, dark: bool, number: int, total: int) -> list[TextBox]:
    """Slide number on every slide, and the handling marking when the content sets one."""
    colour = theme.palette.on_band if dark else theme.palette.muted
    size = theme.screen.footer
    boxes = [TextBox(SLIDE.width - SLIDE.margin - SLIDE.number_width, SLIDE.footer_y, SLIDE.number_width, size * LINE_SPACING,
                     [Para([Run(f"{number} / {total}")], size, colour)], furniture=True)]
    boxes[0].paragraphs[0].align = "right"
    if document.meta.marking:
        boxes.append(_marking(document, theme.palette.on_band if dark else theme.palette.accent, theme))
    return boxes


def _marking(document: Document, colour: str, theme: Theme) -> TextBox:
    """The marking on one line at the footer size where it fits; a longer one wraps and shrinks
    (down to the footer minimum) within the band below the content, clear of the slide number,
    and one longer still is cut there and reported at the marking."""
    screen = theme.screen
    sizes = tuple(dict.fromkeys((screen.footer, *range(int(screen.footer) - 1, int(screen.footer_min) - 1, -1))))
    width = SLIDE.width - 2 * SLIDE.margin - SLIDE.number_width - SLIDE.number_gap
    one_line = screen.footer * LINE_SPACING
    origin = document.meta.origin_of("marking")
    box = capped_text(document.meta.marking, SLIDE.margin, SLIDE.footer_y, width, sizes, one_line, colour, one_line,
                      "the marking", origin, bold=True)
    if box.problem:  # not on one line: as large as fits the band, on as many lines as that takes
        top, bottom = SLIDE.footer_band
        box = capped_text(document.meta.marking, SLIDE.margin, 0, width, sizes, bottom - top, colour, bottom - top,
                          "the marking", origin, bold=True)
        box.y = min(SLIDE.footer_y, bottom - box.height)
    box.furniture = True
    return box


def title_slide(document: Document, theme: Theme, templated: bool) -> SlidePlan:
    """Title, subtitle and byline, each as large as fits; each capped to what the slide has left
    (keeping a line for what follows it), so an overlong one is cut and reported, never overflows."""
    meta, palette, screen = document.meta, theme.palette, theme.screen
    ink = palette.heading if templated else palette.on_band
    line = MIN_BODY * LINE_SPACING
    x, bottom = SLIDE.inset, SLIDE.bottom
    width = SLIDE.width - 2 * x
    details = "  ·  ".join(p for p in (meta.byline, meta.date) if p)
    after = (line + 32 if meta.subtitle else 0) + (line + 18 if details else 0)
    title = capped_text(meta.title, x, 150, width, (screen.title, 36, 32, 28, 24), 160, ink,
                        bottom - 150 - after, "the title", meta.origin_of("title"), bold=True, role="title")
    shapes: list = [] if templated else [Rect(0, 0, SLIDE.width, SLIDE.height, palette.band)]
    shapes += [Rect(x, 132, 72, 4, palette.series[2]), title]
    y = below(title, 14)
    if meta.subtitle:
        subtitle = capped_text(meta.subtitle, x, y, width - 32, (screen.subtitle, 18, 16, MIN_BODY), 120,
                               palette.ink if templated else palette.on_band, bottom - y - (line + 18 if details else 0),
                               "the subtitle", meta.origin_of("subtitle"))
        shapes.append(subtitle)
        y = below(subtitle, 18)
    if details:
        shapes.append(capped_text(details, x, y, width, (16, MIN_BODY), 60,
                                  palette.ink if templated else palette.on_band, bottom - y, "the byline",
                                  meta.origin_of("author") if meta.author else meta.origin_of("organisation")))
    return SlidePlan("title", shapes, notes=meta.subtitle or "", dark=not templated)


def divider_slide(section: Section, number: int, total: int, words: Words, theme: Theme, templated: bool) -> SlidePlan:
    """A section opens with its title alone, so the audience knows where the talk has got to."""
    palette = theme.palette
    ink = palette.heading if templated else palette.on_band
    x, width = SLIDE.inset, SLIDE.width - 2 * SLIDE.inset
    label = fitted_text(words("section", number=number, total=total), x, 0, width, (18,), 1e9,
                        palette.muted if templated else palette.on_band)
    title = capped_text(section.title, x, 0, width, (40, 36, 32, 28, 24), 200, ink, SLIDE.divider_title_cap,
                        "the section title", section.origin, bold=True, role="title")
    label.y = (SLIDE.height - title.height) / 2 - label.height - 18
    title.y = (SLIDE.height - title.height) / 2
    shapes: list = [] if templated else [Rect(0, 0, SLIDE.width, SLIDE.height, palette.band)]
    shapes += [label, Rect(x, title.y - 10, 72, 4, palette.series[2]), title]
    return SlidePlan("section", shapes, dark=not templated)
