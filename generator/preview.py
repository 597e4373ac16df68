"""Previews: a PNG of every PDF page and every slide, and one contact sheet of each output.

The outputs are built afresh into a temporary folder, so a preview always shows the content as
it is now and never touches the built outputs. PDF pages are rendered with pypdfium2. Nothing
in Python renders PowerPoint faithfully, so the deck goes through LibreOffice (pptx -> PDF)
first; without LibreOffice the PDF previews are still written and a notice says how to get the
slides too.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from .build import build
from .outputs import write_atomically
from .errors import Diagnostic
from .theme import DEFAULT_THEME, FONT_DIR
from .writers import Options

PAGE_WIDTH = 1000  # pixels across one PDF page preview (about 120 dpi on A4)
SLIDE_WIDTH = 1600  # pixels across one slide preview
LIBREOFFICE_TIMEOUT = 300  # seconds; a first start of LibreOffice builds its profile
INSTALL_LIBREOFFICE = ("slide previews need LibreOffice, which is not installed (no 'soffice' on the PATH). "
                       "Install it, e.g. on Debian or Ubuntu: sudo apt-get install libreoffice-impress "
                       "(macOS: brew install --cask libreoffice), then run this command again. "
                       "The PDF previews were written.")


@dataclass(frozen=True)
class Kind:
    """One output as previewed: its file suffix, what one image of it is called, and the sizes."""

    suffix: str
    unit: str  # "page" or "slide"
    width: int  # of each preview image
    thumbnail: int  # width of each image on the contact sheet
    columns: int


PAGES = Kind("pdf", "page", PAGE_WIDTH, 240, 5)
SLIDES = Kind("pptx", "slide", SLIDE_WIDTH, 360, 3)


@dataclass
class Previews:
    written: list[Path] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)  # from the build, as `briefing build` reports them
    notices: list[str] = field(default_factory=list)  # plain sentences: what could not be previewed, and why
    failed: bool = False  # a preview that should have been made was not


def preview(content: Path, out_dir: Path, formats: tuple[str, ...] = ("pdf", "pptx"), options: Options = Options()) -> Previews:
    """Build the outputs into a scratch folder and write their previews; raises ContentError.

    Outputs with errors (text that does not fit, say) are previewed all the same: seeing the
    fault is what a preview is for."""
    previews = Previews()
    with tempfile.TemporaryDirectory(prefix="briefing-preview-") as scratch:
        result = build(content, Path(scratch), formats, options, force=True)
        previews.findings += result.findings
        out_dir.mkdir(parents=True, exist_ok=True)
        for written in result.written:
            kind = PAGES if written.path.suffix == ".pdf" else SLIDES
            pdf = written.path.read_bytes() if kind is PAGES else _deck_as_pdf(written.path, Path(scratch), previews)
            if pdf is not None:
                previews.written += _write_previews(pdf, kind, content.stem, out_dir)
            else:  # previews of an earlier version would pass for this one
                _remove_beyond(out_dir, content.stem, kind, 0)
                (out_dir / f"{content.stem}-{kind.unit}s.png").unlink(missing_ok=True)
    return previews


def _write_previews(pdf: bytes, kind: Kind, stem: str, out_dir: Path) -> list[Path]:
    """One PNG per page or slide, then the contact sheet; previews left from a longer version go."""
    images = render_pdf(pdf, kind.width)
    written = []
    for number, image in enumerate(images, start=1):
        target = out_dir / f"{stem}-{kind.unit}-{number:02d}.png"
        write_atomically(target, _png(image))
        written.append(target)
    sheet = out_dir / f"{stem}-{kind.unit}s.png"
    write_atomically(sheet, _png(contact_sheet(images, kind, f"{stem}.{kind.suffix}")))
    written.append(sheet)
    _remove_beyond(out_dir, stem, kind, len(images))
    return written


def render_pdf(pdf: bytes, width: int) -> list:
    """Each page of a PDF as a PIL image `width` pixels wide."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        images = []
        for index in range(len(document)):
            page = document[index]
            scale = width / page.get_width()
            images.append(page.render(scale=scale, draw_annots=True).to_pil().convert("RGB"))
            page.close()
        return images
    finally:
        document.close()


def contact_sheet(images: list, kind: Kind, title: str):
    """All pages or slides on one image, in reading order, each labelled with its number."""
    from PIL import Image, ImageDraw, ImageFont

    margin, gap, label_height, title_height = 32, 24, 30, 56
    thumbs = [image.resize((kind.thumbnail, round(image.height * kind.thumbnail / image.width)), Image.LANCZOS)
              for image in images]
    cell_height = max((thumb.height for thumb in thumbs), default=0) + label_height
    columns = max(1, min(kind.columns, len(thumbs)))
    rows = -(-len(thumbs) // columns)
    width = 2 * margin + columns * kind.thumbnail + (columns - 1) * gap
    height = 2 * margin + title_height + rows * cell_height + max(rows - 1, 0) * gap
    palette = DEFAULT_THEME.palette
    sheet = Image.new("RGB", (width, height), palette.panel)
    draw = ImageDraw.Draw(sheet)
    heading = ImageFont.truetype(str(FONT_DIR / "Carlito-Bold.ttf"), 26)
    label = ImageFont.truetype(str(FONT_DIR / "Carlito-Regular.ttf"), 18)
    count = f"{len(thumbs)} {kind.unit}{'s' if len(thumbs) != 1 else ''}"
    draw.text((margin, margin), f"{title} · {count}", font=heading, fill=palette.heading)
    for index, thumb in enumerate(thumbs):
        row, column = divmod(index, columns)
        x = margin + column * (kind.thumbnail + gap)
        y = margin + title_height + row * (cell_height + gap)
        sheet.paste(thumb, (x, y))
        draw.rectangle((x - 1, y - 1, x + thumb.width, y + thumb.height), outline=palette.rule)
        draw.text((x, y + thumb.height + 6), f"{kind.unit.capitalize()} {index + 1}", font=label, fill=palette.ink)
    return sheet


def _png(image) -> bytes:
    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _remove_beyond(out_dir: Path, stem: str, kind: Kind, count: int) -> None:
    pattern = re.compile(re.escape(f"{stem}-{kind.unit}-") + r"(\d+)\.png")
    for path in out_dir.iterdir():
        match = pattern.fullmatch(path.name)
        if match and int(match.group(1)) > count:
            path.unlink(missing_ok=True)


def find_libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def _deck_as_pdf(deck: Path, scratch: Path, previews: Previews) -> bytes | None:
    """The deck converted by LibreOffice, run with a profile of its own so that a LibreOffice the
    user has open neither swallows the request nor is disturbed by it."""
    program = find_libreoffice()
    if program is None:
        previews.notices.append(INSTALL_LIBREOFFICE)
        return None
    converted, profile = scratch / "slides", scratch / "libreoffice-profile"
    command = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "pdf", "--outdir", str(converted), str(deck)]
    env = {**os.environ, "SAL_FONTPATH": str(FONT_DIR)}  # the shipped Carlito, where the system lacks it
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=LIBREOFFICE_TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        finished = None
    result = converted / f"{deck.stem}.pdf"
    if finished is None or not result.exists():
        why = "it did not finish in time" if finished is None else (finished.stderr.strip() or f"exit status {finished.returncode}")
        previews.notices.append(f"LibreOffice ({program}) could not convert the deck, so no slide previews were written: {why}")
        previews.failed = True
        return None
    return result.read_bytes()
