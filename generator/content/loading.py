"""Content file -> checked document model, or every problem of the file with its position.

Bytes (files.py) -> YAML nodes (yaml_text.py) -> the model, read part by part (document.py), so a
bad value is recorded where it sits and the rest of the file is still checked.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Diagnostic
from ..model import Document
from .document import DocumentReader, OutputSettings
from .files import decoded, read_content
from .yaml_text import compose


def load(path: str | Path) -> Document:
    """Read and validate a content file; raise ContentError listing every problem found."""
    return parse(read_content(path), str(path))


def parse(data: bytes, name: str) -> Document:
    """Validate content already read; `name` is the file the diagnostics name."""
    return parse_content(data, name)[0]


def parse_content(data: bytes, name: str) -> tuple[Document, OutputSettings]:
    """The document, and what the content asks of one output alone (page size, template), kept apart."""
    root = compose(decoded(data, name), name)  # also runs the depth and alias guard
    reader = DocumentReader(name)
    document = reader.document(root)
    if reader.diagnostics or document is None:
        raise ContentError(reader.diagnostics or [Diagnostic(name, 0, 0, "", "the content could not be read")])
    return document, reader.settings_read
