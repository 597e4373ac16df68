"""The slide deck: the document planned as slides (plan.py, no python-pptx), then drawn (render.py).

Modules, each named for what it holds: `plan` (the slide plan and `DECK_BLOCKS`, the table of
block kinds), `blocks/` (one module per block kind), `furniture` (title and divider slides, slide
numbers and marking), `sources` (the sources slides), `text` (measuring and placing text),
`pagination` (balanced continuation), `shapes` (the plan's records), `check` (what the build
reports), and for drawing: `render` (python-pptx), `access` (what a screen reader meets: title
placeholders, reading order, decorative marks), `notes` (speaker notes), `archive` (fixed zip
times), `native` (native charts) and `template` (a user's template), the last two loaded only
when asked for. The slide's geometry is the theme's (`theme.SLIDE`).

The deck's bytes are drawn only when the build asks for them, so `briefing check` gets every
finding of the layout without python-pptx drawing a slide or a chart picture being painted.
"""

from __future__ import annotations

from ...charts import RenderedChart
from ...measure import measuring_with
from ...model import ChartBlock, Document
from ...theme import Theme
from .. import Options, Output
from .check import findings
from .plan import DECK_BLOCKS, DeckPlan, plan_deck

__all__ = ["DECK_BLOCKS", "DeckPlan", "plan_deck", "write_deck"]


def write_deck(document: Document, charts: dict[ChartBlock, RenderedChart], theme: Theme, options: Options) -> Output:
    """The deck on the built-in theme, or on the user's template (the option's, else the content's).

    `charts` are the print-size charts the writers are all handed; the deck lays its charts out
    at slide size in its own plan. The template is opened now, since what it lacks is a finding."""
    template = options.template if options.template_data is not None else None
    opened = None
    if template:
        from .template import open_template

        opened = open_template(options.template_data, template, options.template_origin, document)
    native = options.pptx_charts == "native"
    with measuring_with(theme.typeface):  # the slides' text measured in the faces the deck names, fallbacks too
        plan = plan_deck(document, theme, templated=opened is not None, pictures=not native)
    notes = opened.findings if opened else ()
    placements = tuple((slide.origin.path, "slide", number) for number, slide in enumerate(plan.slides, 1)
                       if slide.origin and slide.origin.path)

    def draw() -> bytes:
        from .render import render_deck

        return render_deck(plan, document, theme, options.stamp, native_charts=native, template=opened)

    return Output(draw, tuple(notes) + tuple(findings(plan)), placements)
