"""Every block kind of the model is a line in each table that handles it, and a fixture uses it.

A block kind is the unit of extension: a model class (with `texts` and `data` for the checks), a
reader in the content's table, a PDF handler, a deck handler. This test fails when a piece is
missing, so a new kind cannot be half added, and an unknown kind is an error, never drawn as another.
"""

from __future__ import annotations

import typing

import pytest

from generator import model
from generator.content import load
from generator.content.blocks import BLOCK_READERS
from generator.errors import ContentError
from generator.writers.deck import DECK_BLOCKS
from generator.writers.pdf import PDF_BLOCKS

from .conftest import FIXTURES

KINDS = set(typing.get_args(model.Block))


def test_every_block_kind_has_a_reader_a_pdf_handler_and_a_deck_handler():
    assert {kind.model for kind in BLOCK_READERS.values()} == KINDS
    assert set(PDF_BLOCKS) == KINDS
    assert set(DECK_BLOCKS) == KINDS


@pytest.mark.parametrize("kind", sorted(KINDS, key=lambda cls: cls.__name__), ids=lambda cls: cls.__name__)
def test_every_block_kind_answers_the_checks(kind):
    assert callable(getattr(kind, "texts", None)) and callable(getattr(kind, "data", None)), kind


def test_a_fixture_uses_every_block_kind_and_each_reads_back_as_its_class():
    built = {type(block) for block in load(FIXTURES / "minimal.yaml").blocks()}
    assert built == KINDS, "minimal.yaml must use every block kind"
    for name, kind in BLOCK_READERS.items():
        assert name in (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")


def test_an_unknown_block_kind_is_an_error_naming_the_kinds(tmp_path):
    content = tmp_path / "x.yaml"
    content.write_text("title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n"
                       "  - title: A\n    blocks:\n      - video: {title: x}\n")
    with pytest.raises(ContentError) as caught:
        load(content)
    assert str(caught.value).startswith(f"{content}:6:9: error: unknown block type 'video' [sections[0].blocks[0]]")
    assert ", ".join(BLOCK_READERS) in str(caught.value)


def test_a_block_no_writer_knows_is_refused_by_each_writer_not_drawn_as_another():
    from generator.writers.deck import plan_deck
    from generator.writers.pdf import write_pdf
    from generator.charts import render_charts
    from generator.theme import DEFAULT_THEME
    from generator.writers import Options

    class Stranger:
        origin = model.NOWHERE
        sources = ()
        notes = None

        def texts(self):
            return iter(())

        def data(self):
            return None

    document = load(FIXTURES / "minimal.yaml")
    section = model.Section("Odd", (Stranger(),))
    odd = model.Document(document.meta, document.sources, (*document.sections, section), document.cites, document.origin)
    with pytest.raises(TypeError, match="the PDF has no way to print a Stranger"):
        write_pdf(odd, render_charts(document), DEFAULT_THEME, Options())
    with pytest.raises(TypeError, match="the deck has no slide for a Stranger"):
        plan_deck(odd, DEFAULT_THEME)


def test_every_chart_kind_the_content_may_name_has_a_layout_and_no_layout_is_for_another():
    """A chart kind is a module in generator/charts and a line in CHART_KINDS; the reader accepts
    exactly the model's kinds, so each of those must have a line, and every line a kind."""
    from generator.charts import CHART_KINDS

    assert set(CHART_KINDS) == set(model.CHART_KINDS) == set(typing.get_args(model.ChartKind))
    for kind in CHART_KINDS.values():
        assert callable(kind.plan) and callable(kind.height)


def test_a_chart_kind_no_layout_knows_is_refused_not_drawn_as_another():
    from dataclasses import replace

    from generator.charts import plan_chart
    from generator.theme import DEFAULT_THEME

    chart = next(iter(load(FIXTURES / "minimal.yaml").charts()))
    with pytest.raises(ValueError, match="no layout for chart kind 'pie'"):
        plan_chart(replace(chart, kind="pie"), DEFAULT_THEME, 400, 300)
