"""The slide plan, tested as plain data: what goes on which slide, at what size, and where it continues."""

from __future__ import annotations

from generator.model import BulletItem, BulletsBlock, Column, Document, Meta, NumberFormat, Section, Source, Stat, StatsBlock, TableBlock
from generator.theme import DEFAULT_THEME, SLIDE
from generator.writers.deck.check import problems
from generator.writers.deck import plan_deck
from generator.writers.deck.shapes import TableBox, TextBox

from .conftest import FIXTURES

SOURCE = Source("s", "Survey", "Office", "Survey")


def plan(*blocks):
    document = Document(Meta("Plan test"), (SOURCE,), (Section("Only", tuple(blocks)),))
    return plan_deck(document, DEFAULT_THEME)


def test_a_long_table_continues_with_its_header_repeated_at_one_size():
    rows = tuple((f"Row {i}", float(i) * 1000) for i in range(60))
    table = TableBlock("Sixty rows", (Column("Name"), Column("Value", "right", NumberFormat())), rows, ("s",), note="A note.")
    deck = plan(table)
    slides = [s for s in deck.slides if s.kind == "table"]
    assert len(slides) > 1 and deck.splits
    tables = [next(shape for shape in s.shapes if isinstance(shape, TableBox)) for s in slides]
    assert all(t.rows[0] == ["Name", "Value"] for t in tables)
    assert [r[0] for t in tables for r in t.rows[1:]] == [f"Row {i}" for i in range(60)]
    assert len({t.size for t in tables}) == 1 and len({tuple(t.column_widths) for t in tables}) == 1
    headlines = [s.shapes[0].paragraphs[0].text for s in slides]
    assert headlines[0] == "Sixty rows" and all(h == "Sixty rows (cont.)" for h in headlines[1:])
    notes = [shape for s in slides for shape in s.shapes if isinstance(shape, TextBox) and shape.paragraphs[0].text == "A note."]
    assert len(notes) == 1 and notes[0] in slides[-1].shapes
    assert all(t.y + sum(t.row_heights) <= SLIDE.bottom for t in tables)
    assert problems(deck) == []


def test_bullets_beyond_what_fits_continue():
    items = tuple(BulletItem(f"Item {i}: " + "a fairly long bullet that wraps onto a second line on the slide " * 3) for i in range(14))
    deck = plan(BulletsBlock("Many bullets", items))
    slides = [s for s in deck.slides if s.kind == "bullets"]
    assert len(slides) >= 2
    texts = [p.text for s in slides for shape in s.shapes if isinstance(shape, TextBox) for p in shape.paragraphs if p.bullet]
    assert texts == [item.text for item in items]
    assert problems(deck) == []


def test_nine_stat_cards_go_five_and_four_with_one_value_size_a_slide():
    stats = tuple(Stat(v, f"Label {i}", "s") for i, v in enumerate([1, 22, 333, 4444, 55555, 666666, 7777777, 88, 9]))
    deck = plan(StatsBlock(stats))
    slides = [s for s in deck.slides if s.kind == "stats"]
    assert len(slides) == 2
    for slide, count in zip(slides, (5, 4)):
        values = [shape for shape in slide.shapes if isinstance(shape, TextBox) and shape.paragraphs[0].runs[0].bold
                  and shape.paragraphs[0].text[0].isdigit()]
        assert len(values) == count and len({v.paragraphs[0].size for v in values}) == 1


def test_the_check_finds_overlapping_and_overflowing_text():
    deck = plan(BulletsBlock("Fine", (BulletItem("one"),)))
    slide = deck.slides[1]
    box = next(shape for shape in slide.shapes if isinstance(shape, TextBox) and shape.paragraphs[0].bullet)
    assert problems(deck) == []
    box.height = 600
    found = [(d.level, d.where, d.message) for d in problems(deck)]
    assert ("error", "slide 2", "text does not fit the slide even at the smallest allowed size: it runs past the content area") in found


def test_a_continuation_headline_that_wraps_pushes_its_table_down():
    from generator.measure import wrap

    title = "Reports"
    while len(wrap(title + " extra", 880, 28, bold=True)) == 1:
        title += " extra"
    assert len(wrap(title, 880, 28, bold=True)) == 1 and len(wrap(title + " (cont.)", 880, 28, bold=True)) == 2
    rows = tuple((f"Row {i}", float(i)) for i in range(40))
    deck = plan(TableBlock(title, (Column("Name"), Column("Value", "right", NumberFormat())), rows, ("s",)))
    for slide in (s for s in deck.slides if s.kind == "table"):
        head = slide.shapes[0]
        table = next(shape for shape in slide.shapes if isinstance(shape, TableBox))
        assert table.y >= head.y + head.height
    assert problems(deck) == []


def bullet_counts(deck) -> list[int]:
    return [sum(p.bullet for shape in s.shapes if isinstance(shape, TextBox) for p in shape.paragraphs)
            for s in deck.slides if s.kind == "bullets"]


def test_continued_bullets_are_balanced_not_ten_then_two():
    line = "a bullet long enough to wrap onto a second line at every allowed size on a slide of this width, " * 2
    for count in (9, 12, 13, 19, 24):
        deck = plan(BulletsBlock("Balanced", tuple(BulletItem(f"{i} {line}") for i in range(count))))
        counts = bullet_counts(deck)
        assert sum(counts) == count and max(counts) - min(counts) <= 1, (count, counts)
        assert problems(deck) == []


def test_a_split_block_uses_the_largest_size_that_needs_no_more_slides():
    text = ("waiting times rose for the second year while referrals held steady; the service relied on agency staff "
            "for more than a third of its appointments in the year")
    items = tuple(BulletItem(text, lead=f"District {i}") for i in range(12))
    deck = plan(BulletsBlock("Twelve", items))
    sizes = {p.size for s in deck.slides if s.kind == "bullets" for shape in s.shapes if isinstance(shape, TextBox)
             for p in shape.paragraphs if p.bullet}
    assert len(sizes) == 1 and min(sizes) > 14 and len(bullet_counts(deck)) == 2


def test_a_cell_longer_than_a_slide_continues_in_the_next_rows_and_the_split_is_noted():
    from generator.writers.deck.check import findings

    long_cell = " ".join(f"w{i}" for i in range(1200))
    table = TableBlock("Huge", (Column("Key"), Column("Text")), (("a", long_cell), ("b", "short")), ("s",))
    deck = plan(table)
    slides = [s for s in deck.slides if s.kind == "table"]
    cells = [row[1] for s in slides for shape in s.shapes if isinstance(shape, TableBox) for row in shape.rows[1:]]
    assert " ".join(cells).split() == long_cell.split() + ["short"]
    assert problems(deck) == []
    notes = [d for d in findings(deck) if d.level == "note"]
    assert [(d.message, d.where) for d in notes] == [(f'Table 1 "Huge" continues over {len(slides)} slides',
                                                      f"slides 2-{len(slides) + 1}")]


def test_a_stat_card_that_cannot_fit_at_the_smallest_size_is_an_error_on_its_slide():
    stats = (Stat(1, "word " * 600, "s"),)
    found = problems(plan(StatsBlock(stats)))
    assert found and {(d.level, d.where) for d in found} == {("error", "slide 2")}


def test_a_chart_with_too_many_categories_for_a_projector_continues_on_one_scale():
    from generator.model import ChartBlock, Series
    from generator.writers.deck.shapes import ChartBox

    names = tuple(f"District {i}" for i in range(30))
    chart = ChartBlock("Tall", names, (Series("2024", tuple(float(i) for i in range(30))), Series("2025", tuple(30.0 - i for i in range(30)))),
                       ("s",), kind="hbar")
    deck = plan(chart)
    boxes = [shape for s in deck.slides for shape in s.shapes if isinstance(shape, ChartBox)]
    assert len(boxes) > 1 and all(box.font_size >= 12 for box in boxes)
    assert [c for box in boxes for c in box.block.categories] == list(names)
    assert {box.span for box in boxes} == {(0.0, 30.0)}
    assert problems(deck) == []


def test_sections_of_several_blocks_open_with_a_divider():
    document = Document(Meta("Dividers"), (SOURCE,), (
        Section("One block", (BulletsBlock("A", (BulletItem("x"),)),)),
        Section("Two blocks", (BulletsBlock("B", (BulletItem("y"),)), BulletsBlock("C", (BulletItem("z"),)))),
    ))
    deck = plan_deck(document, DEFAULT_THEME)
    assert [s.kind for s in deck.slides] == ["title", "bullets", "section", "bullets", "bullets", "sources"]
    divider = deck.slides[2]
    assert [p.text for shape in divider.shapes if isinstance(shape, TextBox) for p in shape.paragraphs][:2] == ["Section 2 of 2", "Two blocks"]


def test_each_picture_chart_is_laid_out_in_the_plan_once_and_native_ones_not_at_all():
    from generator.content import load
    from generator.writers.deck.shapes import ChartBox

    from .conftest import EXAMPLE

    document = load(EXAMPLE)
    boxes = [s for slide in plan_deck(document, DEFAULT_THEME).slides for s in slide.shapes if isinstance(s, ChartBox)]
    assert boxes and all(box.picture is not None for box in boxes)
    native = plan_deck(document, DEFAULT_THEME, pictures=False)
    assert all(s.picture is None for slide in native.slides for s in slide.shapes if isinstance(s, ChartBox))


def test_the_deck_is_drawn_only_when_its_bytes_are_read_and_then_once():
    import subprocess
    import sys

    from .conftest import EXAMPLE, ROOT

    code = ("import sys\nfrom pathlib import Path\nfrom generator.build import prepare\n"
            f"prepared = prepare(Path({str(EXAMPLE)!r}))\n"
            "assert prepared.findings == []\n"  # the example is clean: the checks ran and found nothing
            "print(sorted(m for m in ('generator.writers.deck.render', 'pptx') if m in sys.modules))\n"
            "deck = prepared.outputs['pptx']\n"
            "assert deck.data is deck.data and deck.data.startswith(b'PK')\n"
            "print(sorted(m for m in ('generator.writers.deck.render', 'pptx') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["[]", "['generator.writers.deck.render', 'pptx']"]


def test_a_chart_continued_over_slides_keeps_its_axis_and_label_column_in_place():
    from generator.content import load
    from generator.writers.deck.shapes import ChartBox

    document = load(FIXTURES / "layout" / "hbar-300.yaml")
    plan = plan_deck(document, DEFAULT_THEME)
    boxes = [shape for slide in plan.slides for shape in slide.shapes if isinstance(shape, ChartBox)]
    assert len(boxes) > 3 and all(box.whole is not None for box in boxes)
    axes = {round(box.picture.rules[-1][0], 3) for box in boxes[:-1]}  # the zero rule beside the label column
    assert len(axes) == 1, axes


def test_a_category_label_the_slide_picture_shortens_is_whole_in_the_speaker_notes():
    from generator.content import load

    document = load(FIXTURES / "layout" / "long-category.yaml")
    label = max(document.charts()[0].categories, key=len)
    slide = next(slide for slide in plan_deck(document, DEFAULT_THEME).slides if slide.kind == "chart")
    assert label in slide.notes and len(label) == 500
