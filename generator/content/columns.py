"""The reader of the `columns` block: two blocks side by side, each read by its own kind's reader.

Written as a list of the two blocks (`columns: [{chart: ...}, {bullets: ...}]`) or, with a title
or notes of its own, as a mapping (`columns: {title: ..., blocks: [...]}`). The nested blocks are
read exactly as blocks of a section are (`DocumentReader.block`), so their errors are placed at
their own paths, their citations are checked and their ids bind stat cards. A `columns` inside a
`columns` is refused: a column is half a slide, and a quarter would not be read from the room.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..model import ColumnsBlock
from .common import output_keys

if TYPE_CHECKING:
    from .document import DocumentReader

COLUMN_COUNT = 2  # a chart and its takeaways; three columns would be too narrow on a slide


def read_columns(reader: DocumentReader, node: Node, path: str) -> ColumnsBlock | None:
    if isinstance(node, SequenceNode):  # the short form: just the two blocks
        blocks = _nested(reader, node, path)
        return ColumnsBlock(blocks, origin=reader.origin(node, path)) if blocks else None
    fields = reader.mapping(node, path, ("title", "blocks", "notes", "only"), required=("blocks",))
    if fields is None:
        return None
    title = fields.text("title")
    blocks_node = fields.get("blocks")
    blocks = _nested(reader, blocks_node, fields.child("blocks")) if blocks_node is not None else None
    if blocks_node is None and "blocks" in fields.values:
        reader.expect(fields.values["blocks"], fields.child("blocks"), "a list of two blocks")
    if not blocks or (fields.get("title") is not None and title is None):
        return None
    return output_keys(reader, fields, ColumnsBlock(blocks, title, fields.text("notes"), reader.origin(node, path)))


def _nested(reader: DocumentReader, node: Node, path: str) -> tuple | None:
    """The two blocks, each read by its kind's reader; None when any has an error (already reported)."""
    if not isinstance(node, SequenceNode):
        reader.expect(node, path, "a list of two blocks, such as [{chart: ...}, {bullets: ...}]")
        return None
    if len(node.value) != COLUMN_COUNT:
        reader.error(node, path, f"expected two blocks side by side, found {len(node.value)}",
                     "give a columns block exactly two blocks, such as a chart and its bullets; "
                     "put any other block after it in the section")
        ok = False
    else:
        ok = True
    blocks = []
    for index, child in enumerate(node.value):
        at = f"{path}[{index}]"
        if _kind(child) == "columns":
            kinds = ", ".join(kind for kind in _block_kinds() if kind != "columns")
            reader.error(child.value[0][0], at, f"a columns block cannot hold another columns block; expected one of {kinds}",
                         "put the two blocks side by side in this columns block, and any others after it")
            ok = False
            continue
        block = reader.block(child, at)
        ok = ok and block is not None
        blocks.append(block)
    return tuple(blocks) if ok else None


def _block_kinds() -> tuple[str, ...]:
    from .blocks import BLOCK_READERS  # the table that names this reader

    return tuple(BLOCK_READERS)


def _kind(node: Node) -> str | None:
    if isinstance(node, MappingNode) and len(node.value) == 1 and isinstance(node.value[0][0], ScalarNode):
        return node.value[0][0].value
    return None
