"""The keys every block kind takes besides its own, read once for all the kinds' readers."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import OUTPUTS
from .nodes import Fields

if TYPE_CHECKING:
    from .document import DocumentReader


def output_keys(reader: DocumentReader, fields: Fields, block, deck_key: str | None = None):
    """The keys every block takes besides its own: `only` (pdf or deck: the one output that shows
    it) and, on tables and charts, `deck: {rows: N}` or `deck: {categories: N}`, so a long ranking
    is presented as its top N while the PDF keeps it whole."""
    only_node = fields.get("only")
    only = reader.choice(only_node, fields.child("only"), OUTPUTS) if only_node else None
    changes: dict = {"only": only} if only else {}
    deck_node = fields.get("deck")
    if deck_node is not None and deck_key:
        deck = reader.mapping(deck_node, fields.child("deck"), (deck_key,))
        count_node = deck.get(deck_key) if deck else None
        if count_node is not None:
            count = reader.integer(count_node, deck.child(deck_key), 1, 10_000)
            if count is not None:
                changes["deck_rows" if deck_key == "rows" else "deck_categories"] = count
    return replace(block, **changes) if changes else block
