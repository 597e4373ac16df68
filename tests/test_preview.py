"""`briefing preview`: a PNG per page and per slide, a contact sheet per output, and a plain
notice when LibreOffice is missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

from generator.preview import PAGE_WIDTH, SLIDE_WIDTH
from generator.theme import DEFAULT_THEME, hex_to_rgb

from .conftest import FIXTURES, ROOT, run_cli

BAND = hex_to_rgb(DEFAULT_THEME.palette.band)
needs_libreoffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")


def run_without_libreoffice(*args: str) -> subprocess.CompletedProcess:
    """The command with a PATH that holds no soffice (nor anything else)."""
    env = {**os.environ, "PATH": str(Path(sys.executable).parent / "no-such-folder")}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=ROOT, env=env)


@pytest.fixture(scope="module")
def previewed(tmp_path_factory, minimal) -> Path:
    out = tmp_path_factory.mktemp("preview")
    (out / "minimal-slide-40.png").write_bytes(b"left from a longer version")
    (out / "notes.txt").write_text("not ours")
    result = run_cli("preview", str(FIXTURES / "minimal.yaml"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def _dark_share(image: Image.Image) -> float:
    grey = image.convert("L")
    return sum(grey.histogram()[:128]) / (grey.width * grey.height)


@needs_libreoffice
def test_one_png_per_pdf_page_and_per_slide(previewed: Path, minimal):
    pages = len(PdfReader(minimal.pdf).pages)
    slides = len(Presentation(minimal.pptx).slides)
    assert pages >= 2 and slides >= 6
    expected = {f"minimal-page-{n:02d}.png" for n in range(1, pages + 1)}
    expected |= {f"minimal-slide-{n:02d}.png" for n in range(1, slides + 1)}
    expected |= {"minimal-pages.png", "minimal-slides.png", "notes.txt"}
    assert {p.name for p in previewed.iterdir()} == expected  # the stale slide 40 went, the notes stayed


@needs_libreoffice
def test_previews_show_the_pages_and_slides(previewed: Path, minimal):
    page = Image.open(previewed / "minimal-page-01.png").convert("RGB")
    width, height = PdfReader(minimal.pdf).pages[0].mediabox.width, PdfReader(minimal.pdf).pages[0].mediabox.height
    assert page.width == PAGE_WIDTH and abs(page.height - PAGE_WIDTH * height / width) <= 1
    assert page.getpixel((PAGE_WIDTH // 2, 20)) == BAND  # the title band across the top of page 1
    assert 0.001 < _dark_share(Image.open(previewed / "minimal-page-02.png")) < 0.5  # text, not a blank page
    title = Image.open(previewed / "minimal-slide-01.png").convert("RGB")
    assert title.size == (SLIDE_WIDTH, SLIDE_WIDTH * 9 // 16)
    assert title.getpixel((SLIDE_WIDTH // 2, 30)) == BAND
    assert 0.001 < _dark_share(Image.open(previewed / "minimal-slide-04.png")) < 0.5


@needs_libreoffice
def test_contact_sheets_hold_every_page_and_slide(previewed: Path, minimal):
    pages = len(PdfReader(minimal.pdf).pages)
    slides = len(Presentation(minimal.pptx).slides)
    page_sheet = Image.open(previewed / "minimal-pages.png")
    slide_sheet = Image.open(previewed / "minimal-slides.png")
    # five page thumbnails 240 px wide per row, three slide thumbnails 360 px wide, 24 px apart, 32 px margins
    assert page_sheet.width == 64 + pages * 240 + (pages - 1) * 24
    assert slide_sheet.width == 64 + 3 * 360 + 2 * 24
    rows = -(-slides // 3)
    assert slide_sheet.height == 64 + 56 + rows * (round(360 * 9 / 16) + 30) + (rows - 1) * 24
    band_pixels = sum(1 for pixel in slide_sheet.convert("RGB").getdata() if pixel == BAND)
    assert band_pixels > 0.5 * 360 * round(360 * 9 / 16)  # the title slide's band, shrunk onto the sheet


def test_without_libreoffice_the_pdf_previews_are_written_and_the_fix_is_named(tmp_path: Path):
    (tmp_path / "minimal-slide-01.png").write_bytes(b"an earlier deck")
    (tmp_path / "minimal-slides.png").write_bytes(b"an earlier sheet")
    result = run_without_libreoffice("preview", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "slide previews need LibreOffice" in result.stderr
    assert "apt-get install libreoffice-impress" in result.stderr
    assert "Traceback" not in result.stderr
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["minimal-page-01.png", "minimal-page-02.png", "minimal-pages.png"]
    assert all(f"wrote {tmp_path / name}" in result.stdout for name in names)


def test_invalid_content_writes_no_preview(tmp_path: Path):
    result = run_cli("preview", str(FIXTURES / "bad" / "unknown-block.yaml"), "--out", str(tmp_path / "preview"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "unknown-block.yaml:6:9: error: unknown block type 'chrt'" in result.stderr
    assert "no preview was written" in result.stderr
    assert not (tmp_path / "preview").exists()


def test_preview_writes_no_outputs_beside_the_previews(tmp_path: Path):
    out = tmp_path / "preview"
    assert run_without_libreoffice("preview", str(FIXTURES / "minimal.yaml"), "--out", str(out)).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["preview"]
    assert not [p for p in out.iterdir() if p.suffix != ".png"]


def test_help_names_the_preview_command():
    assert "preview" in run_cli("--help").stdout
    assert "output/preview/" in run_cli("preview", "--help").stdout
