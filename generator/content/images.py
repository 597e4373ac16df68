"""An image file named by the content: read once, capped, and checked to be a PNG or JPEG it can print.

The file is a regular file of at most MAX_IMAGE_BYTES (read by file_kinds, so a pipe or device is
refused unopened). Its kind is decided by its first bytes, never its name, and Pillow then reads
only its header: the pixel count is capped before a single pixel is decoded, so an image that
claims 100000 x 100000 pixels (a decompression bomb) is refused in milliseconds. Only then is it
decoded once, so a damaged file is refused here rather than failing inside a writer.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from ..file_kinds import FileRefused, read_described

MAX_IMAGE_BYTES = 20 * 2**20
MAX_PIXELS = 40_000_000
KINDS = {b"\x89PNG\r\n\x1a\n": "PNG", b"\xff\xd8\xff": "JPEG"}
_OTHERS = {b"GIF8": "a GIF", b"BM": "a BMP", b"II*\x00": "a TIFF", b"MM\x00*": "a TIFF", b"%PDF": "a PDF",
           b"<svg": "an SVG", b"<?xm": "an XML (SVG?) file", b"RIFF": "a RIFF (WebP?) file", b"PK\x03\x04": "a zip archive"}
HINT = "give a PNG or JPEG file, relative to the content file"


class ImageFault(Exception):
    """Why an image file cannot be used, worded for the content's `file:` key."""

    def __init__(self, message: str, hint: str | None = HINT):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class ImageFile:
    data: bytes
    kind: str  # "PNG" or "JPEG"
    pixels: tuple[int, int]
    digest: str


def read_image(path: Path, shown: str) -> ImageFile:
    """The checked image at `path` (`shown` is how messages name it); raises ImageFault."""
    data = _image_bytes(path, shown)
    kind = next((name for magic, name in KINDS.items() if data.startswith(magic)), None)
    if kind is None:
        found = next((name for magic, name in _OTHERS.items() if data.startswith(magic)), None)
        raise ImageFault(f"{shown} is {found or 'not an image'}, expected a PNG or JPEG file" if data else
                         f"{shown} is empty, expected a PNG or JPEG file",
                         "save it as PNG (or JPEG for a photograph); renaming a file does not change what it holds")
    image = _header(data, kind, shown)
    width, height = image.size
    if width < 1 or height < 1:
        raise ImageFault(f"{shown} claims a size of {width} x {height} pixels", "the file is damaged: save it again")
    if width * height > MAX_PIXELS:
        raise ImageFault(f"{shown} is {width:,} x {height:,} pixels ({width * height / 1e6:,.0f} megapixels); images "
                         f"are limited to {MAX_PIXELS // 1_000_000} megapixels",
                         "scale it down: 4000 pixels across prints sharply across a page")
    try:
        image.load()  # decoded once, within the cap, so a truncated file is found here
    except Exception as error:  # Pillow raises OSError, SyntaxError, ValueError... for damaged data
        raise ImageFault(f"{shown} is a damaged {kind} file ({error})", "save it again from the program that made it") from None
    return ImageFile(data, kind, (width, height), hashlib.sha256(data).hexdigest()[:12])


def _header(data: bytes, kind: str, shown: str):
    """Pillow's reader for the one kind the first bytes name, constructed directly: it reads the
    header and decodes nothing (and skips Image.open's own bomb check, which would raise before
    the size could be named)."""
    from PIL import JpegImagePlugin, PngImagePlugin

    reader = PngImagePlugin.PngImageFile if kind == "PNG" else JpegImagePlugin.JpegImageFile
    try:
        return reader(io.BytesIO(data))
    except Exception as error:  # a header Pillow cannot read: SyntaxError, OSError, struct.error...
        raise ImageFault(f"{shown} starts like a {kind} file but its header cannot be read ({error})",
                         "save it again as PNG or JPEG") from None


def _image_bytes(path: Path, shown: str) -> bytes:
    try:
        return read_described(path, MAX_IMAGE_BYTES, "image", shown, "a PNG or JPEG file")
    except FileRefused as refused:
        hint = {"too large": "save it smaller: a PNG or JPEG of a few megabytes prints sharply",
                "changed": "build again once it is saved"}.get(refused.reason, HINT)
        raise ImageFault(refused.words, hint) from None
