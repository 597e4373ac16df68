"""Decks built on a user's template: their layouts by name, the headline in each title placeholder,
and clear refusals (exit 2) for a template that is missing, not 16:9, or lacks the layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from .conftest import FIXTURES, run_cli
from .conftest import images_beside
from .readback import deck


def make_template(path: Path, rename: dict[str, str] | None = None, widescreen: bool = True) -> Path:
    """python-pptx's own template, set to 16:9 and with its layouts renamed as a house template might."""
    template = Presentation()
    if widescreen:
        template.slide_width, template.slide_height = Inches(13.333), Inches(7.5)
    for layout in template.slide_layouts:
        layout.name = (rename or {}).get(layout.name, layout.name)
    template.slides.add_slide(template.slide_layouts[0]).shapes.title.text = "A sample slide the deck must not keep"
    template.save(str(path))
    return path


def content_with_template(tmp_path: Path, template: str) -> Path:
    content = tmp_path / "content" / "pack.yaml"
    content.parent.mkdir(exist_ok=True)
    images_beside(content)
    text = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    content.write_text(text.replace("page_size: Letter\n", f"page_size: Letter\ntemplate: {template}\n"), encoding="utf-8")
    return content


def test_the_deck_uses_the_templates_layouts_by_name_with_headlines_in_title_placeholders(tmp_path):
    (tmp_path / "content").mkdir()
    make_template(tmp_path / "content" / "house.pptx")
    content = content_with_template(tmp_path, "house.pptx")  # relative to the content file
    result = run_cli("build", str(content), "--out", str(tmp_path / "out"), "--format", "pptx")
    assert result.returncode == 0, result.stderr
    slides = list(deck(tmp_path / "out" / "pack.pptx").slides)
    layouts = [slide.slide_layout.name for slide in slides]
    assert layouts[0] == "Title Slide" and "Section Header" in layouts
    assert set(layouts) == {"Title Slide", "Section Header", "Title Only", "Two Content"}  # the columns slide
    assert slides[0].shapes.title.text == "Minimal briefing"
    assert all(slide.shapes.title is not None and slide.shapes.title.text for slide in slides)
    assert all("sample slide" not in shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame)
    for slide in slides:  # PowerPoint offers to repair a slide whose shapes share an id
        ids = [element.get("id") for element in slide._element.iter() if element.tag.endswith("}cNvPr")]
        assert len(ids) == len(set(ids))
    titles = [slide.shapes.title for slide in slides[1:]]
    assert all(t.text_frame.paragraphs[0].runs[0].font.name == "Calibri" for t in titles)


def test_a_missing_section_layout_falls_back_with_a_note(tmp_path):
    template = make_template(tmp_path / "house.pptx", {"Section Header": "Chapter"})
    result = run_cli("build", str(FIXTURES / "minimal.yaml"), "--out", str(tmp_path / "out"), "--format", "pptx",
                     "--template", str(template))
    assert result.returncode == 0, result.stderr
    assert 'note: the deck template has no "Section Header" layout; those slides use "Title Only"' in result.stderr
    layouts = {slide.slide_layout.name for slide in deck(tmp_path / "out" / "minimal.pptx").slides}
    assert layouts == {"Title Slide", "Title Only", "Two Content"}


@pytest.mark.parametrize("case, expected", [
    ("missing", "pack.yaml:8:11: error: the deck template"),
    ("no-title-only", 'has no slide layout named "Title Only"'),
    ("four-by-three", "not 16:9 at 13.333 x 7.5 in"),
    ("not-pptx", "cannot be read as a PowerPoint file"),
])
def test_an_unusable_template_is_refused_with_exit_2(tmp_path, case, expected):
    (tmp_path / "content").mkdir()
    template = tmp_path / "content" / "house.pptx"
    if case == "no-title-only":
        make_template(template, {"Title Only": "Headline"})
    elif case == "four-by-three":
        make_template(template, widescreen=False)
    elif case == "not-pptx":
        template.write_text("not a presentation", encoding="utf-8")
    content = content_with_template(tmp_path, "house.pptx")
    result = run_cli("build", str(content), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert expected in result.stderr
    assert not (tmp_path / "out").exists()


def test_the_deck_options_are_in_the_help():
    help_text = run_cli("build", "--help").stdout
    assert "--template FILE.pptx" in help_text and "--pptx-charts {picture,native}" in help_text


def zip_bomb(path: Path, inflated: int, declare: int | None = None) -> Path:
    """A zip whose one member is `inflated` bytes of zeros (about 1 MB a GB), written in chunks so
    the test stays small; `declare` rewrites the member's declared size, as a lying header would."""
    import struct
    import zipfile

    chunk = bytes(1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(inflated // len(chunk)):
                member.write(chunk)
    if declare is not None:  # patch the zip64 extra field of the central directory entry
        data = bytearray(path.read_bytes())
        central = data.rindex(b"PK\x01\x02")
        extra = data.index(b"\x01\x00", central + 46)  # zip64 extra: tag 1, then size, then sizes
        struct.pack_into("<Q", data, extra + 4, declare)
        path.write_bytes(bytes(data))
    return path


# The child's own peak: VmHWM belongs to the process image, so unlike ru_maxrss it does not carry
# the size of the (large) test process the child was forked from.
MEASURED = """
import re, resource, runpy, sys, time
started = time.monotonic()
try:
    runpy.run_module("generator", run_name="__main__")
finally:
    try:
        peak = int(re.search(r"VmHWM:\\s+(\\d+) kB", open("/proc/self/status").read()).group(1)) / 1024
    except OSError:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"MEASURED {time.monotonic() - started} {peak}", file=sys.stderr)
"""


def refused_quickly(tmp_path: Path, template: Path) -> tuple[str, float, float]:
    """Build with the template in a child process: its stderr, and the seconds and peak memory (MB)
    that process took, measured inside it."""
    import subprocess
    import sys

    content = content_with_template(tmp_path, str(template))
    result = subprocess.run([sys.executable, "-c", MEASURED, "build", str(content), "--out", str(tmp_path / "out")],
                            capture_output=True, text=True, cwd=FIXTURES.parent.parent)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
    seconds, peak = map(float, result.stderr.rsplit("MEASURED ", 1)[1].split())
    print(f"refused in {seconds:.2f} s, peak {peak:.0f} MB")
    return result.stderr, seconds, peak


def test_a_template_that_inflates_to_a_quarter_gigabyte_is_refused_before_it_is_parsed(tmp_path):
    (tmp_path / "content").mkdir()
    bomb = zip_bomb(tmp_path / "content" / "bomb.pptx", 256 << 20)
    assert bomb.stat().st_size < 3 << 20
    stderr, seconds, peak = refused_quickly(tmp_path, bomb)
    assert "the deck template" in stderr and "bomb.pptx" in stderr
    assert "has a part (ppt/media/zeros.bin) that inflates to 256 MB, more than 100 MB" in stderr
    assert peak < 200  # the whole build process, refused before any chart is drawn; bench/hostile.py times it


def test_a_template_whose_header_lies_about_its_size_is_refused_without_inflating_it(tmp_path):
    (tmp_path / "content").mkdir()
    bomb = zip_bomb(tmp_path / "content" / "liar.pptx", 256 << 20, declare=1000)
    stderr, seconds, peak = refused_quickly(tmp_path, bomb)
    assert "liar.pptx cannot be read as a PowerPoint file" in stderr
    assert peak < 200  # the whole build process; the bench times it


def test_a_template_file_over_the_size_cap_is_refused_unread(tmp_path):
    (tmp_path / "content").mkdir()
    big = tmp_path / "content" / "big.pptx"
    with big.open("wb") as stream:
        stream.truncate(51 * 1024 * 1024)  # sparse: no disk used
    stderr, _, _ = refused_quickly(tmp_path, big)
    assert "big.pptx is 51 MB, more than a deck template may be (50 MB)" in stderr


@pytest.mark.parametrize("kind", ["folder", "pipe"])
def test_a_template_that_is_not_a_regular_file_is_refused(tmp_path, kind):
    import os

    target = tmp_path / "house.pptx"
    if kind == "folder":
        target.mkdir()
    else:
        os.mkfifo(target)
    result = run_cli("build", str(FIXTURES / "minimal.yaml"), "--template", str(target), "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    expected = "a folder" if kind == "folder" else "a named pipe (FIFO)"
    assert f"{target}: error: this is {expected}, expected a PowerPoint file (.pptx)" in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_zip_bomb_is_refused_from_its_directory_without_inflating(tmp_path):
    import tracemalloc

    from generator.errors import ContentError
    from generator.writers.template_file import read_template

    bomb = zip_bomb(tmp_path / "bomb.pptx", 256 << 20)
    tracemalloc.start()
    with pytest.raises(ContentError, match="inflates to 256 MB"):
        read_template(str(bomb), None)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert peak < 20  # the file's own 1 MB and its zip directory, nothing inflated
