"""Two blocks side by side in the PDF (the `columns` block): a chart beside its takeaways.

Each nested block is printed by its own kind's handler (document.PDF_BLOCKS), into a column half
the frame wide, a chart planned for that width (not a full-width chart scaled down, whose text
would fall below print's minimum). The pair is kept whole: it moves on to the next page rather
than split. It prints one block after the other, at the frame's full width, instead when

- a column would be narrower than the theme's `columns.min_width` (a narrow page),
- the pair is taller than a page (it could neither move on nor split), or
- a nested block needs a page of its own (a table only a landscape page can hold).

Figures and tables inside are numbered in reading order, left then right, like any others.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.platypus import ActionFlowable, CondPageBreak, Flowable, KeepTogether, Paragraph

from ...charts import drawn_as, needed_height, plan_chart, render_chart
from ...checks.charts import THINNEST_PRINT
from ...errors import Diagnostic
from ...model import ChartBlock, ColumnsBlock, shown_in
from .blocks import Context, Gap, text


class Nested:
    """How the columns block prints a nested block through the document's table of handlers, with
    the document's figure and table counters, which it can wind back: the pair is first laid out in
    columns and, when that cannot print, again one block after the other, with the same numbers."""

    def __init__(self, print_block, numbers: dict[str, int], data_files: list, findings: list):
        self.print_block, self.numbers, self.data_files, self.findings = print_block, numbers, data_files, findings

    def __call__(self, ctx: Context, block, chart=None) -> list[Flowable]:
        return self.print_block(ctx, block, chart)

    def mark(self) -> tuple[dict[str, int], int, int]:
        return dict(self.numbers), len(self.data_files), len(self.findings)

    def rewind(self, mark: tuple[dict[str, int], int, int]) -> None:
        """Back to `mark`: the numbers, file list and findings of a layout that will not print are dropped."""
        self.numbers.update(mark[0])
        del self.data_files[mark[1]:]
        del self.findings[mark[2]:]


def columns_flowables(ctx: Context, block: ColumnsBlock, nested: Nested) -> list[Flowable]:
    shown = [inner for inner in block.blocks if shown_in(inner, "pdf")]
    if not shown:
        return []  # both kept to the deck: the pair's title has nothing to head
    head = [Paragraph(text(block.title), ctx.styles.block_title)] if block.title else []
    style = ctx.theme.columns
    width = (ctx.width - style.gutter) / 2
    if len(shown) == 2 and width >= style.min_width:
        mark = nested.mark()
        pair = _side_by_side(ctx, shown, width, nested)
        if pair is not None and pair.wrap(ctx.width, 1e6)[1] + _height(head, ctx.width) <= (ctx.room or 1e6):
            return [KeepTogether([*head, pair]) if head else pair, Gap(6)]
        nested.rewind(mark)
    return [*head, *(flowable for inner in shown for flowable in nested(ctx, inner))]


def _side_by_side(ctx: Context, shown: list, width: float, nested: Nested) -> SideBySide | None:
    """The two blocks printed into columns `width` wide; None when one of them cannot be."""
    narrow = replace(ctx, width=width, landscape_width=width, theme=_column_theme(ctx, width))
    columns = []
    for inner in shown:
        chart = _column_chart(narrow, inner, width) if isinstance(inner, ChartBlock) else None
        parts = _drawable(nested(narrow, inner, chart))
        if parts is None:
            return None
        columns.append(parts)
    return SideBySide(columns, width, ctx.theme.columns.gutter)


def _column_theme(ctx: Context, width: float):
    return replace(ctx.theme, chart=replace(ctx.theme.chart, width_in=width / 72))


def _column_chart(ctx: Context, block: ChartBlock, width: float):
    """The chart planned for its column; its bars and turned labels checked there, as the
    document's chart check does at the full width."""
    drawn = drawn_as(block, width)
    if drawn.kind != block.kind and drawn_as(block).kind == block.kind:
        ctx.findings.append(Diagnostic.at(block.origin, f"chart {block.title!r} is drawn as horizontal bars in its column: its "
                                          f"{len(block.categories)} category labels, turned under vertical bars, would crowd "
                                          "out its bars", level="note", hint="write `type: hbar` to say so, or shorten the category labels"))
    thickness = plan_chart(drawn, ctx.theme, width, needed_height(drawn, ctx.theme)).thickness
    if thickness is not None and thickness < THINNEST_PRINT:
        ctx.findings.append(Diagnostic.at(block.origin, f"the bars of chart {block.title!r} are {thickness:.2f} pt wide in its "
                                          f"column, too thin to see (at least {THINNEST_PRINT:g} pt)", level="warning",
                                          hint="show fewer categories, or give the chart a block of its own"))
    return render_chart(drawn, ctx.theme)


def _drawable(flowables: list[Flowable]) -> list[Flowable] | None:
    """A block's flowables as a column draws them: a kept-together group opened up, the space
    after it and page-break conditions dropped; None when the block asks for a page of its own."""
    parts: list[Flowable] = []
    for flowable in flowables:
        if isinstance(flowable, KeepTogether):
            parts += _drawable(flowable._content) or []
        elif isinstance(flowable, (Gap, CondPageBreak)):
            continue
        elif isinstance(flowable, ActionFlowable):
            return None  # a landscape page, or a page break
        else:
            parts.append(flowable)
    return parts


def _height(parts: list[Flowable], width: float) -> float:
    return sum(part.wrap(width, 1e6)[1] + part.getSpaceBefore() + part.getSpaceAfter() for part in parts)


class SideBySide(Flowable):
    """Two columns of flowables drawn side by side from the same top, kept whole: taller than the
    space left, it moves on to the next page (columns_flowables made sure it fits a page)."""

    def __init__(self, columns: list[list[Flowable]], column_width: float, gutter: float):
        super().__init__()
        self.columns, self.column_width, self.gutter = columns, column_width, gutter
        self.spaceBefore = columns[0][0].getSpaceBefore() if columns and columns[0] else 0.0

    def _laid(self, parts: list[Flowable]) -> list[tuple[Flowable, float, float]]:
        """Each part with the space above it (none above the first) and its height."""
        return [(part, part.getSpaceBefore() if index else 0.0, part.wrap(self.column_width, 1e6)[1] + part.getSpaceAfter())
                for index, part in enumerate(parts)]

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.laid = [self._laid(parts) for parts in self.columns]
        self.width = 2 * self.column_width + self.gutter
        self.height = max(sum(before + height for _, before, height in column) for column in self.laid)
        return self.width, self.height

    def draw(self) -> None:
        for index, column in enumerate(self.laid):
            x, y = index * (self.column_width + self.gutter), self.height
            for part, before, height in column:
                y -= before + height
                part.drawOn(self.canv, x, y + part.getSpaceAfter())
