"""Decks built on a user's template: their layouts by name, the headline in each title placeholder,
and clear refusals (exit 2) for a template that is missing, not 16:9, or lacks the layouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from .conftest import FIXTURES, run_cli
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
    assert set(layouts) == {"Title Slide", "Section Header", "Title Only"}
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
    assert layouts == {"Title Slide", "Title Only"}


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
