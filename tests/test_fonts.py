"""Fallback fonts (`fonts:`): Chinese names printed, extractable, embedded as a subset, drawn in the
charts and named in the deck's font slots; refused fonts named at their entry; and, without a
fallback, one error per place with a hint naming an installed font.

The fallback is the system's Droid Sans Fallback (Debian's fonts-droid-fallback, which CI installs),
found where Debian puts it or through fontconfig; it is 4 MB, so it is not copied into the repository,
and the tests that need it are skipped, saying why, where it is absent.
"""

from __future__ import annotations

import io
import shutil
import struct
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest

from generator import measure
from generator.build import build
from generator.charts import render_picture
from generator.content import load, parse_content
from generator.errors import ContentError
from generator.theme import DEFAULT_THEME
from generator.writers import Options

from .conftest import FIXTURES, images_beside

NAMES = ("王小明", "北京", "上海", "广州", "深圳", "Смирнов", "Ólafsdóttir")
DEBIAN_FONT = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def _installed_font() -> Path | None:
    if DEBIAN_FONT.is_file():
        return DEBIAN_FONT
    if shutil.which("fc-list") is None:
        return None
    listed = subprocess.run(["fc-list", ":charset=738b 5c0f 660e 5317 4eac", "file"], capture_output=True, text=True).stdout
    files = sorted(line.split(":")[0] for line in listed.splitlines() if line.split(":")[0].endswith(".ttf"))
    return Path(files[0]) if files else None


FONT = _installed_font()
needs_font = pytest.mark.skipif(FONT is None, reason="no TrueType CJK font installed (Debian: apt-get install fonts-droid-fallback)")


def _with_fonts(tmp_path: Path, fonts: str) -> Path:
    content = tmp_path / "chinese-names.yaml"
    content.write_text(f"fonts: {fonts}\n" + (FIXTURES / "chinese-names.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    if FONT is None:
        pytest.skip("no TrueType CJK font installed (Debian: apt-get install fonts-droid-fallback)")
    folder = tmp_path_factory.mktemp("fonts")
    result = build(_with_fonts(folder, f"[{FONT}]"), folder / "out")
    assert not [f for f in result.findings if f.level == "error"]
    return folder / "out" / "chinese-names.pdf", folder / "out" / "chinese-names.pptx"


@needs_font
def test_the_names_are_extractable_from_the_pdf(built):
    import pypdf

    text = "".join(page.extract_text() for page in pypdf.PdfReader(built[0]).pages)
    for name in NAMES:
        assert name in text


@needs_font
def test_the_fallback_is_embedded_as_a_subset(built):
    import pypdf

    fonts = {}
    for page in pypdf.PdfReader(built[0]).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[str(font["/BaseFont"])] = font
    family = measure.family(FONT).replace(" ", "")
    subset = [name for name in fonts if name.split("+")[-1].startswith(family)]
    assert subset and all(len(name.split("+")[0]) == 7 for name in subset), fonts.keys()  # "/AAAAAA+DroidSansFallback"
    descendant = fonts[subset[0]]["/DescendantFonts"][0].get_object() if "/DescendantFonts" in fonts[subset[0]] else fonts[subset[0]]
    embedded = descendant["/FontDescriptor"]["/FontFile2"].get_object().get_data()
    assert len(embedded) < FONT.stat().st_size / 20  # a subset: a few glyphs, not the whole 4 MB


@needs_font
def test_deck_runs_name_the_fallback_in_the_east_asian_slot(built):
    family = measure.family(FONT)
    with zipfile.ZipFile(built[1]) as deck:
        slides = [deck.read(name).decode() for name in deck.namelist() if name.startswith("ppt/slides/slide")]
    xml = "".join(slides)
    assert f'<a:ea typeface="{family}"/>' in xml and f'<a:cs typeface="{family}"/>' in xml
    assert "王小明" in xml and "北京" in xml


@needs_font
def test_chart_labels_are_drawn_in_the_fallback():
    block = load(FIXTURES / "chinese-names.yaml").charts()[0]
    with_fallback = replace(DEFAULT_THEME, typeface=replace(DEFAULT_THEME.typeface, fallbacks=(FONT,)))
    drawn, size = render_picture(block, with_fallback, 480, 160)
    blank, _ = render_picture(block, DEFAULT_THEME, 480, 160)
    from PIL import Image

    drawn_image, blank_image = (Image.open(io.BytesIO(png)).convert("L") for png in (drawn, blank))
    width, height = size
    labels, above = (0, height * 7 // 8, width, height), (0, 0, width, height * 3 // 4)
    assert drawn_image.crop(above).tobytes() == blank_image.crop(above).tobytes()  # bars and values as before
    assert drawn_image.crop(labels).tobytes() != blank_image.crop(labels).tobytes()  # the labels are not the missing-glyph boxes
    assert drawn_image.crop(labels).getextrema()[0] < 100  # and they are inked


@needs_font
def test_fallback_widths_are_the_runs_in_their_faces():
    fallback = replace(DEFAULT_THEME.typeface, fallbacks=(FONT,))
    text = "Смирнов, 王小明"
    latin, chinese = "Смирнов, ", "王小明"
    expected = measure.width(latin, 10, DEFAULT_THEME.typeface.regular) + measure.width(chinese, 10, FONT)
    assert measure.text_width(text, 10, typeface=fallback) == pytest.approx(expected)
    assert measure.text_width("Plain", 10, typeface=fallback) == measure.width("Plain", 10, DEFAULT_THEME.typeface.regular)
    assert ord("王") in measure.typeface_covered(fallback) and ord("王") not in measure.typeface_covered(DEFAULT_THEME.typeface)


@needs_font
def test_pdf_markup_escapes_inside_the_fallback_tag():
    from generator.writers.pdf.styles import fallback_name, markup

    fallback = replace(DEFAULT_THEME.typeface, fallbacks=(FONT,))
    with measure.measuring_with(fallback):
        marked = markup("A&B <王>")
    assert marked == f'A&amp;B &lt;<font name="{fallback_name(FONT)}">王</font>&gt;'
    assert markup("A&B <王>") == "A&amp;B &lt;王&gt;"  # no fallback in use: plain escaping


def test_without_fonts_one_error_per_place_names_the_characters(tmp_path):
    findings = build(FIXTURES / "chinese-names.yaml", tmp_path, ("pdf",), force=True).findings
    glyphs = [f for f in findings if "cannot draw" in f.message]
    assert [f.path for f in glyphs] == ["author", "sections[0].blocks[0].stats", "sections[0].blocks[1].chart",
                                        "sections[0].blocks[2].table"]
    assert "'王' (U+738B)" in glyphs[0].message and "Смирнов" in glyphs[0].message
    assert all("fonts:" in f.hint for f in glyphs)
    if FONT is not None and shutil.which("fc-list"):
        assert all(".ttf" in f.hint for f in glyphs)  # names an installed font that has them


@pytest.mark.parametrize("entry, words", [
    ("missing.ttf", "does not exist"),
    (".", "is a folder"),
    ("notes.txt", "not a TrueType font"),
    ("cff.otf", "PostScript (CFF) outlines"),
    ("bitmap.ttf", "bitmap glyphs only"),
])
def test_a_font_the_outputs_cannot_use_is_refused_at_its_entry(tmp_path, entry, words):
    (tmp_path / "notes.txt").write_text("not a font\n" * 10)
    (tmp_path / "cff.otf").write_bytes(b"OTTO" + bytes(60))
    (tmp_path / "bitmap.ttf").write_bytes(_sfnt(("EBDT", "EBLC", "cmap", "head", "hhea", "hmtx", "maxp", "name")))
    text = f"fonts: [{entry}]\n" + (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    images_beside(tmp_path / "content.yaml")
    with pytest.raises(ContentError) as raised:
        parse_content(text.encode(), str(tmp_path / "content.yaml"))
    [problem] = raised.value.diagnostics
    assert (problem.line, problem.column, problem.path) == (1, 9, "fonts[0]")
    assert words in problem.message


def _sfnt(tags: tuple[str, ...]) -> bytes:
    """A TrueType header and table directory naming `tags`, each table empty."""
    head = struct.pack(">4sHHHH", b"\x00\x01\x00\x00", len(tags), 0, 0, 0)
    directory = b"".join(struct.pack(">4sIII", tag.encode(), 0, 12 + 16 * len(tags), 0) for tag in tags)
    return head + directory + bytes(64)


@needs_font
def test_native_charts_name_the_fallback_too(tmp_path):
    build(_with_fonts(tmp_path, f"[{FONT}]"), tmp_path / "out", ("pptx",),
          options=Options(pptx_charts="native"))
    with zipfile.ZipFile(tmp_path / "out" / "chinese-names.pptx") as deck:
        charts = [deck.read(name).decode() for name in deck.namelist() if name.startswith("ppt/charts/chart")]
    assert charts and all(f'<a:ea typeface="{measure.family(FONT)}"/>' in chart for chart in charts)


def test_a_refused_font_stops_the_command_with_status_2(tmp_path):
    content = _with_fonts(tmp_path, "[cff.otf]")
    (tmp_path / "cff.otf").write_bytes(b"OTTO" + bytes(60))
    result = subprocess.run([sys.executable, "-m", "generator", "build", str(content), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert result.returncode == 2 and not (tmp_path / "out").exists()
    assert f"{content}:1:9: error: " in result.stderr and "PostScript (CFF) outlines" in result.stderr


@needs_font
def test_characters_no_fallback_has_stay_an_error(tmp_path):
    content = _with_fonts(tmp_path, f"[{FONT}]")
    content.write_text(content.read_text(encoding="utf-8").replace("title: Site visits 2026", "title: Site visits ⴰ 2026"),
                       encoding="utf-8")
    glyphs = [f for f in build(content, tmp_path / "out", ("pdf",), force=True).findings if "cannot draw" in f.message]
    assert [f.path for f in glyphs] == ["title"]  # the Chinese is drawn; the Tifinagh letter is not
    assert "Carlito and the fonts: files cannot draw 'ⴰ' (U+2D30)" in glyphs[0].message
