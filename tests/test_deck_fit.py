"""Every text box and table cell of the saved decks, measured again from the file: the wrapped text
fits its box, the box is on the slide, and no text is smaller than the limits allow."""

from __future__ import annotations

import pytest
from pptx.util import Emu

from generator.measure import LINE_SPACING, text_width, wrap

from .conftest import EXAMPLE, FIXTURES, run_cli
from .readback import deck

SLACK = 0.5  # points


@pytest.fixture(scope="module", params=[EXAMPLE, FIXTURES / "stress.yaml", FIXTURES / "long-cells.yaml"],
                ids=["example", "stress", "long-cells"])
def built(request, tmp_path_factory):
    out = tmp_path_factory.mktemp("fit")
    result = run_cli("build", str(request.param), "--out", str(out), "--format", "pptx")
    assert result.returncode == 0, result.stderr
    assert " error: " not in result.stderr, result.stderr
    return deck(out / f"{request.param.stem}.pptx")


def pt(value: Emu) -> float:
    return Emu(value).pt


def paragraph_height(paragraph, width: float) -> float:
    """Wrapped height of one paragraph at its runs' size; bold runs measured bold, so a bold lead is not underestimated."""
    runs = paragraph.runs
    if not runs:
        return 0.0
    size = runs[0].font.size.pt
    text = "".join(run.text for run in runs)
    bold = all(run.font.bold for run in runs if run.text.strip())
    properties = paragraph._p.pPr
    indent = pt(int(properties.get("marL", 0))) if properties is not None else 0.0
    lead = runs[0].text if len(runs) > 1 and runs[0].font.bold else ""
    lines = len(wrap(text, width - indent - _bold_extra(lead, size), size, bold))
    after = paragraph.space_after.pt if paragraph.space_after is not None else 0.0
    return lines * size * LINE_SPACING + after


def _bold_extra(lead: str, size: float) -> float:
    return text_width(lead, size, bold=True) - text_width(lead, size) if lead else 0.0


def test_every_text_box_holds_its_wrapped_text(built):
    for number, slide in enumerate(built.slides, 1):
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            width, height = pt(shape.width), pt(shape.height)
            needed = sum(paragraph_height(p, width) for p in shape.text_frame.paragraphs)
            assert needed <= height + SLACK + 0.01 * height, (number, shape.text_frame.text[:60])


def test_every_table_cell_holds_its_wrapped_text(built):
    for number, slide in enumerate(built.slides, 1):
        for shape in (s for s in slide.shapes if s.has_table):
            table = shape.table
            for r, row in enumerate(table.rows):
                for c, cell in enumerate(row.cells):
                    size = cell.text_frame.paragraphs[0].runs[0].font.size.pt if cell.text else 14
                    inner = pt(table.columns[c].width) - pt(cell.margin_left) - pt(cell.margin_right)
                    lines = len(wrap(cell.text, inner, size, bold=r == 0))
                    needed = lines * size * LINE_SPACING + pt(cell.margin_top) + pt(cell.margin_bottom)
                    assert needed <= pt(row.height) + SLACK, (number, r, c)


def test_everything_is_on_the_slide_and_above_the_smallest_sizes(built):
    width, height = pt(built.slide_width), pt(built.slide_height)
    for number, slide in enumerate(built.slides, 1):
        sizes = []
        for shape in slide.shapes:
            assert pt(shape.left) >= 0 and pt(shape.top) >= 0, number
            assert pt(shape.left + shape.width) <= width + SLACK and pt(shape.top + shape.height) <= height + SLACK, number
            frames = [shape.text_frame] if shape.has_text_frame else []
            if shape.has_table:
                frames = [cell.text_frame for row in shape.table.rows for cell in row.cells]
            in_footer = pt(shape.top) >= 500
            for frame in frames:
                for paragraph in frame.paragraphs:
                    for run in paragraph.runs:
                        sizes.append(run.font.size.pt)
                        assert in_footer or run.font.size.pt >= 14, (number, run.text[:40])
        assert max(sizes) >= 24, number  # every slide has a headline (or title) of at least 24 pt
