"""Readers for the text and image blocks: prose with its inline markup parsed (inline.py), and an
image file read and checked (images.py), each problem placed at its line and column.

A markup fault is placed at its own character when the text is written on one line as it reads
(a plain scalar, or a quoted one without escapes); otherwise at the start of the text.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode, SequenceNode

from ..errors import Diagnostic
from ..model import ImageBlock, Span, TextBlock
from .images import ImageFault, read_image
from .inline import parse, tidy
from .common import output_keys

if TYPE_CHECKING:
    from .document import DocumentReader


def read_text(reader: DocumentReader, node: Node, path: str) -> TextBlock | None:
    fields = reader.mapping(node, path, ("title", "paragraphs", "sources", "notes", "only"), required=("paragraphs",))
    if fields is None:
        return None
    title = fields.text("title")
    body = fields.get("paragraphs")
    if isinstance(body, ScalarNode):  # a single paragraph may be written without brackets
        paragraphs = [p for p in [_paragraph(reader, body, fields.child("paragraphs"))] if p is not None]
        failed = not paragraphs
    else:
        count = len(body.value) if isinstance(body, SequenceNode) else -1
        paragraphs = reader.each(body, fields.child("paragraphs"), lambda child, at: _paragraph(reader, child, at))
        failed = len(paragraphs) != count
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"))
    if body is None or failed or not paragraphs or (fields.get("title") is not None and title is None):
        if body is None and "paragraphs" in fields.values:
            reader.expect(fields.values["paragraphs"], fields.child("paragraphs"), "a paragraph, or a list of paragraphs")
        return None
    return output_keys(reader, fields, TextBlock(tuple(paragraphs), title, sources, fields.text("notes"), reader.origin(node, path)))


def _paragraph(reader: DocumentReader, node: Node, path: str) -> tuple[Span, ...] | None:
    text = reader.text(node, path)
    if text is None:
        return None
    spans, problems = parse(text)
    for problem in problems:
        line, column = _place(node, text, problem.offset)
        reader.diagnostics.append(Diagnostic(reader.file, line, column, path, problem.message, problem.hint))
    return tidy(spans) if not problems and tidy(spans) else None


def _place(node: Node, text: str, offset: int) -> tuple[int, int]:
    """The line and column of the text's `offset`th character, when the source shows it as read."""
    start, end = node.start_mark, node.end_mark
    style = getattr(node, "style", None)
    quote = 1 if style in ("'", '"') else 0
    if start.line == end.line and style in (None, "", "'", '"') and end.column - start.column == len(text) + 2 * quote:
        return start.line + 1, start.column + 1 + quote + offset
    return start.line + 1, start.column + 1


IMAGE_KEYS = ("file", "alt", "sources", "title", "note", "notes", "only")


def read_image_block(reader: DocumentReader, node: Node, path: str) -> ImageBlock | None:
    fields = reader.mapping(node, path, IMAGE_KEYS, required=("file", "alt", "sources"))
    if fields is None:
        return None
    written, alt, title, note = fields.text("file"), fields.text("alt"), fields.text("title"), fields.text("note")
    sources = reader.cite_list(fields.get("sources"), fields.child("sources"), 1)
    image = None
    if written:
        place = Path(written) if Path(written).is_absolute() else Path(reader.file).parent / written
        try:
            image = read_image(place, str(place))
        except ImageFault as fault:
            reader.error(fields.get("file"), fields.child("file"), fault.message, fault.hint)
    unread = [key for key, value in (("title", title), ("note", note)) if fields.get(key) is not None and value is None]
    if image is None or alt is None or not sources or unread:
        return None
    return output_keys(reader, fields, ImageBlock(written, image.data, image.kind, image.pixels, alt, sources, image.digest,
                                                  title, note, fields.text("notes"), reader.origin(node, path)))
