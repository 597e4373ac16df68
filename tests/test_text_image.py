"""Text and image blocks: the markup read into spans, and both outputs read back to see them printed.

The PDF is read with pdfplumber (fonts of the characters, placed images) and pypdf (link
annotations, embedded images); the deck with python-pptx (runs, hyperlinks, the picture's
description). The refusals of bad files are in tests/fixtures/bad (image-*.yaml, text-bad-markup.yaml).
"""

from __future__ import annotations

import io
import shutil
import time
from pathlib import Path

import pdfplumber
import pytest
from pptx import Presentation
from pypdf import PdfReader
from pypdf.filters import ASCII85Decode

from generator.build import prepare
from generator.content import load
from generator.content.inline import parse, tidy
from generator.errors import ContentError
from generator.model import ImageBlock, Span, TextBlock
from generator.theme import DEFAULT_THEME
from generator.writers.deck.blocks.text import cut
from generator.writers.deck.plan import plan_deck

from .conftest import FIXTURES

HEAD = "title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"


def spans(text: str) -> tuple[Span, ...]:
    parsed, problems = parse(text)
    assert not problems, problems
    return tidy(parsed)


def test_bold_italic_and_links_become_spans_and_nothing_else_is_read():
    assert spans("a **b** *c* ***d*** [e](https://x.org/p?q=1&r=2)") == (
        Span("a "), Span("b", bold=True), Span(" "), Span("c", italic=True), Span(" "), Span("d", True, True), Span(" "),
        Span("e", href="https://x.org/p?q=1&r=2"))
    literal = r"5 * 3 < 16 & a\b <b>x</b> _y_ `z` [1] (n) a* b ****"
    assert spans(literal) == (Span(literal),)
    assert spans("**[bold link](mailto:desk@example.org)**") == (Span("bold link", bold=True, href="mailto:desk@example.org"),)
    assert spans("[w](https://en.wikipedia.org/wiki/Foo_(bar))")[0].href == "https://en.wikipedia.org/wiki/Foo_(bar)"


def test_an_unclosed_marker_and_a_link_to_anything_but_the_web_or_mail_are_errors_at_their_place():
    _, problems = parse("x **y")
    assert [(p.offset, p.message) for p in problems] == [(2, "** opens bold text that is never closed")]
    _, problems = parse("[a](javascript:alert(1)) [b](file:///etc/passwd) [c](https://)")
    assert [p.offset for p in problems] == [4, 29, 53]
    assert all("is not a web or email address" in p.message for p in problems)


def test_a_single_string_is_one_paragraph(tmp_path: Path):
    content = tmp_path / "one.yaml"
    content.write_text(HEAD + "      - text: {paragraphs: 'Only **this**.'}\n")
    [block] = load(content).blocks()
    assert isinstance(block, TextBlock) and block.plain() == ["Only this."] and block.sources == ()


def test_the_pdf_prints_bold_runs_in_bold_and_links_as_link_annotations(minimal):
    with pdfplumber.open(minimal.pdf) as pdf:
        page = pdf.pages[0]
        text = page.extract_text()
        assert "Figures are nominal & rounded; <none> are adjusted for prices." in text
        words = page.extract_words(extra_attrs=["fontname"])
    start = next(i for i, word in enumerate(words) if word["text"] == "judgements") + 1
    fonts = [(word["text"], word["fontname"].split("+")[-1]) for word in words[start:start + 8]]
    assert fonts == [("Spending", "Carlito"), ("rose", "Carlito"), ("in", "Carlito-Bold"), ("every", "Carlito-Bold"),
                     ("region", "Carlito-Bold"), (",", "Carlito"), ("and", "Carlito"), ("fastest", "Carlito-Italic")]
    uris = [annotation.get_object().get("/A", {}).get("/URI") for annotation in PdfReader(minimal.pdf).pages[0]["/Annots"]]
    assert "https://example.org/survey-2025" in uris


def test_the_pdf_prints_the_image_from_its_bytes_at_its_aspect_ratio_as_a_numbered_figure(minimal):
    reader = PdfReader(minimal.pdf)
    page = next(page for page in reader.pages if "Figure 2. The four regions" in page.extract_text())
    [image] = page.images
    assert (image.image.width, image.image.height) == (1600, 640)
    with pdfplumber.open(minimal.pdf) as pdf:
        [placed] = pdf.pages[reader.pages.index(page)].images
    assert placed["width"] / placed["height"] == pytest.approx(2.5, rel=1e-3)


def test_the_deck_keeps_bold_italic_and_links_and_describes_the_picture_by_its_alt_text(minimal):
    deck = Presentation(minimal.pptx)
    runs = {run.text: run for slide in deck.slides for shape in slide.shapes if shape.has_text_frame
            for para in shape.text_frame.paragraphs for run in para.runs}
    assert runs["in every region"].font.bold and not runs["in every region"].font.italic
    assert runs["fastest in the East"].font.italic
    assert runs["survey"].hyperlink.address == "https://example.org/survey-2025"
    pictures = [shape for slide in deck.slides for shape in slide.shapes if shape.shape_type == 13]
    described = [shape for shape in pictures if shape._element.nvPicPr.cNvPr.get("descr") == load(minimal.content).blocks()[-1].alt]
    assert len(described) == 1
    assert described[0].width / described[0].height == pytest.approx(2.5, rel=1e-3)


def test_a_long_text_continues_over_balanced_slides_with_its_spans_cut_at_line_boundaries(tmp_path: Path):
    sentence = "The **totals rose** in *every* region, as the [audit](https://example.org/a) shows in detail. "
    content = tmp_path / "long.yaml"
    content.write_text(HEAD + "      - text:\n          title: Summary\n          paragraphs:\n"
                       + "".join(f"            - '{sentence * 9}'\n" for _ in range(6)) + "          sources: s\n")
    document = load(content)
    block = document.blocks()[0]
    slides = plan_deck(document, DEFAULT_THEME).slides[1:-1]
    assert len(slides) > 1 and all(s.shapes[0].paragraphs[0].text.endswith("(cont.)") for s in slides[1:])
    boxes = [shape for slide in slides for shape in slide.shapes[1:2]]
    heights = [box.height for box in boxes]
    assert max(heights) - min(heights) < max(heights) * 0.5  # evenly filled, no slide with a scrap
    pieces = cut(block.paragraphs[0], 300.0, 24.0, 3)
    assert len(pieces) > 1
    joined = " ".join("".join(span.text for span in piece) for piece in pieces)
    assert joined == block.plain()[0]
    assert {span.text for piece in pieces for span in piece if span.bold} <= {"totals rose", "totals", "rose"}
    assert all(span.href == "https://example.org/a" for piece in pieces for span in piece if "audit" in span.text)


def _image_content(tmp_path: Path, name: str, extra: str = "") -> Path:
    shutil.copy(FIXTURES / "images" / name, tmp_path / name)
    content = tmp_path / "figure.yaml"
    content.write_text(HEAD + f"      - image: {{file: {name}, alt: A picture., sources: s{extra}}}\n")
    return content


def test_a_jpeg_is_embedded_as_it_was_read(tmp_path: Path):
    prepared = prepare(_image_content(tmp_path, "photo.jpg"), ("pdf",))
    [block] = prepared.document.blocks()
    assert isinstance(block, ImageBlock) and block.kind == "JPEG" and block.pixels == (1200, 900)
    [stream] = [x.get_object() for x in PdfReader(io.BytesIO(prepared.outputs["pdf"].data)).pages[0]["/Resources"]["/XObject"].values()]
    assert stream["/Filter"] == ["/ASCII85Decode", "/DCTDecode"] and (stream["/Width"], stream["/Height"]) == (1200, 900)
    assert ASCII85Decode.decode(stream._data) == (FIXTURES / "images" / "photo.jpg").read_bytes()  # the JPEG's own bytes


def test_an_image_printing_below_150_dpi_is_a_warning_naming_its_dpi(tmp_path: Path):
    prepared = prepare(_image_content(tmp_path, "small.png"), ("pdf",))
    [warning] = [f for f in prepared.findings if "dpi" in f.message]
    assert warning.level == "warning" and warning.where == "page 1"
    assert warning.message.startswith("the image small.png prints at 60 dpi") and "400 x 250 pixels" in warning.message
    assert warning.hint.startswith("give an image at least ")
    assert not [f for f in prepare(_image_content(tmp_path, "map.png"), ("pdf",)).findings if "dpi" in f.message]


def test_a_decompression_bomb_is_refused_from_its_header_in_milliseconds(tmp_path: Path):
    shutil.copy(FIXTURES / "bad" / "images" / "bomb.png", tmp_path / "bomb.png")
    content = _image_content(tmp_path, "map.png").read_text().replace("map.png", "bomb.png")
    (tmp_path / "figure.yaml").write_text(content)
    started = time.perf_counter()
    with pytest.raises(ContentError, match=r"bomb.png is 100,000 x 100,000 pixels \(10,000 megapixels\); images are limited to 40"):
        load(tmp_path / "figure.yaml")
    assert time.perf_counter() - started < 1.0


def test_an_image_over_the_size_cap_is_refused_before_it_is_read(tmp_path: Path):
    big = tmp_path / "big.png"
    with big.open("wb") as stream:  # sparse: 21 MB on paper, nothing on disk
        stream.write(b"\x89PNG\r\n\x1a\n")
        stream.truncate(21 * 2**20)
    content = tmp_path / "figure.yaml"
    content.write_text(HEAD + "      - image: {file: big.png, alt: A picture., sources: s}\n")
    with pytest.raises(ContentError) as caught:
        load(content)
    assert str(caught.value).startswith(f"{content}:6:23: error: {big} is 21.0 MB, more than an image may be (20 MB)")


def test_builds_with_images_are_reproducible(tmp_path: Path):
    content = _image_content(tmp_path, "map.png", ", title: Map, note: A note.")
    first, second = prepare(content), prepare(content)
    assert first.outputs["pdf"].data == second.outputs["pdf"].data
    assert first.outputs["pptx"].data == second.outputs["pptx"].data


def test_a_16_bit_grey_png_prints_its_greys_not_a_blank(tmp_path: Path):
    from PIL import Image as Pillow

    Pillow.new("I;16", (400, 250), 3000).save(tmp_path / "grey.png")  # 3000 of 65535: nearly black
    content = tmp_path / "grey.yaml"
    content.write_text(HEAD + "      - image: {file: grey.png, alt: A grey picture., sources: s}\n")
    prepared = prepare(content, ("pdf",))
    [image] = PdfReader(io.BytesIO(prepared.outputs["pdf"].data)).pages[0].images
    assert image.image.convert("L").getpixel((10, 10)) in (11, 12)  # 3000 / 257, truncated or rounded


def test_only_keeps_a_text_block_to_one_output(tmp_path):
    import pdfplumber
    from pptx import Presentation

    from .conftest import run_cli

    content = tmp_path / "only.yaml"
    content.write_text("title: T\nsources: {s: {title: S, publisher: P}}\nsections:\n  - title: A\n    blocks:\n"
                       "      - text: {paragraphs: [Only in print.], only: pdf}\n      - callout: {text: Both, sources: [s]}\n",
                       encoding="utf-8")
    assert run_cli("build", str(content), "--out", str(tmp_path)).returncode == 0
    with pdfplumber.open(tmp_path / "only.pdf") as pdf:
        assert "Only in print" in pdf.pages[0].extract_text()
    deck = Presentation(tmp_path / "only.pptx")
    assert not any("Only in print" in shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame)
