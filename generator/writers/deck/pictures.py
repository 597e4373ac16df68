"""Pictures added without python-pptx walking the whole package for each one.

`shapes.add_picture` looks for an image part with the same bytes by walking every part of the
package, then names a new one by walking them all again, so each picture costs a walk of the
deck so far and a deck's pictures cost grew with the square of its length. The parts are looked
up once per deck here, and each picture is then found by its SHA-1 or named with the first free
number, exactly as python-pptx would name it, so the saved package is the same.
"""

from __future__ import annotations

import weakref

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.image import Image, ImagePart

PREFIX = "/ppt/media/image"


class Pictures:
    """The image parts of one deck, by SHA-1, and the image numbers in use."""

    def __init__(self, package):
        self.package = package
        self.by_sha1: dict[str, ImagePart] = {}
        self.numbers: set[int] = set()
        for part in package.iter_parts():
            if isinstance(part, ImagePart):
                self.by_sha1.setdefault(part.sha1, part)
            if part.partname.startswith(PREFIX) and part.partname.idx is not None:
                self.numbers.add(part.partname.idx)

    def add(self, slide, blob: bytes, left: int, top: int, width: int, height: int):
        """The picture shape, as `slide.shapes.add_picture` would add it."""
        image = Image.from_blob(blob)
        part = self.by_sha1.get(image.sha1)
        if part is None:
            number = next(n for n in range(1, len(self.numbers) + 2) if n not in self.numbers)
            part = ImagePart(PackURI(f"{PREFIX}{number}.{image.ext}"), image.content_type, self.package, image.blob, image.filename)
            self.numbers.add(number)
            self.by_sha1[image.sha1] = part
        rId = slide.part.relate_to(part, RT.IMAGE)
        shapes = slide.shapes
        pic = shapes._add_pic_from_image_part(part, rId, left, top, width, height)
        shapes._recalculate_extents()
        return shapes._shape_factory(pic)


_DECKS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def add_picture(slide, blob: bytes, left: int, top: int, width: int, height: int):
    """`slide.shapes.add_picture`, with the deck's image parts looked up once, not per picture."""
    package = slide.part.package
    pictures = _DECKS.get(package)
    if pictures is None:
        pictures = _DECKS[package] = Pictures(package)
    return pictures.add(slide, blob, left, top, width, height)
