"""Pictures are added as python-pptx adds them, without its walk of the package per picture."""

from __future__ import annotations

import io

from PIL import Image as PILImage
from pptx import Presentation
from pptx.util import Pt

from generator.writers.deck.pictures import add_picture


def _png(colour: str) -> bytes:
    out = io.BytesIO()
    PILImage.new("RGB", (8, 4), colour).save(out, format="PNG")
    return out.getvalue()


def _deck(add) -> Presentation:
    deck = Presentation()
    blobs = [_png("red"), _png("blue"), _png("red"), _png("green")]  # the third repeats the first
    for blob in blobs:
        slide = deck.slides.add_slide(deck.slide_layouts[6])
        add(slide, blob)
    return deck


def test_pictures_get_the_parts_names_and_relationships_python_pptx_gives_them():
    ours = _deck(lambda slide, blob: add_picture(slide, blob, Pt(10), Pt(10), Pt(80), Pt(40)))
    theirs = _deck(lambda slide, blob: slide.shapes.add_picture(io.BytesIO(blob), Pt(10), Pt(10), Pt(80), Pt(40)))

    def parts(deck):
        return sorted((str(part.partname), part.blob if str(part.partname).startswith("/ppt/media/") else part.blob[:0])
                      for part in deck.part.package.iter_parts())

    assert parts(ours) == parts(theirs)
    assert sum(str(part.partname).startswith("/ppt/media/image") for part in ours.part.package.iter_parts()) == 3
    for mine, other in zip(ours.slides, theirs.slides):
        assert mine.shapes._spTree.xml == other.shapes._spTree.xml
        assert {r.rId: str(r.target_part.partname) for r in mine.part.rels.values()} == \
               {r.rId: str(r.target_part.partname) for r in other.part.rels.values()}
