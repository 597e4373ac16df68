"""The saved deck's zip rewritten with fixed times: each member's compressed bytes copied, never
deflated twice, with the same bytes as deflating every member again with Python's zipfile."""

from __future__ import annotations

import io
import re
import zipfile

from pptx import Presentation

from generator.writers.deck.archive import ZIP_TIME, fixed_times
from generator.writers.deck.notes import NotesSlides


def rewritten_by_zipfile(data: bytes, edit) -> bytes:
    """What the deck did before: every member inflated and deflated again by zipfile."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            info = zipfile.ZipInfo(item.filename, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, edit(item.filename, source.read(item.filename)))
    return out.getvalue()


def dated(name: str, content: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)


def zipped(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return out.getvalue()


def test_members_are_copied_compressed_with_the_bytes_zipfile_would_write():
    workbook = zipped({"docProps/core.xml": b"<dcterms:created x='1'>2024-05-06T07:08:09Z</dcterms:created>",
                       "xl/sheet1.xml": b"<sheet/>" * 50})
    data = zipped({"[Content_Types].xml": b"<Types/>" * 20, "ppt/media/image1.png": bytes(range(256)) * 40,
                   "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx": workbook, "ppt/slides/slide\u00e9.xml": b"<sld/>"})
    expected = rewritten_by_zipfile(data, lambda name, content: rewritten_by_zipfile(content, dated)
                                    if name.endswith(".xlsx") else content)
    assert fixed_times(data) == expected
    inner = zipfile.ZipFile(io.BytesIO(zipfile.ZipFile(io.BytesIO(fixed_times(data))).read(
        "ppt/embeddings/Microsoft_Excel_Sheet1.xlsx")))
    assert b"2000-01-01T00:00:00Z" in inner.read("docProps/core.xml")


def test_a_stored_member_is_deflated_as_the_others():
    data = zipped({"a.xml": b"<a/>" * 30, "b.bin": b"\x00" * 500}, zipfile.ZIP_STORED)
    assert fixed_times(data) == rewritten_by_zipfile(data, lambda name, content: content)


def test_notes_slides_are_named_as_python_pptx_names_them():
    ours, theirs = Presentation(), Presentation()
    notes = NotesSlides(ours)
    for index in range(5):
        mine, other = (deck.slides.add_slide(deck.slide_layouts[6]) for deck in (ours, theirs))
        if index != 2:
            notes.add(mine, f"notes {index}")
            other.notes_slide.notes_text_frame.text = f"notes {index}"
    parts = [{str(part.partname): part.blob for part in deck.part.package.iter_parts() if "notesSlide" in part.partname}
             for deck in (ours, theirs)]
    assert parts[0] == parts[1] and len(parts[0]) == 4
    names = [[str(part.partname) for part in deck.part.package.iter_parts()] for deck in (ours, theirs)]
    assert names[0] == names[1]
    assert [slide.notes_slide.notes_text_frame.text for slide in ours.slides if slide.has_notes_slide] == \
        [f"notes {i}" for i in (0, 1, 3, 4)]
