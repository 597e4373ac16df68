"""Reading a content file: YAML nodes with positions -> the checked document model.

`load` is the entry point; the block readers are in a table keyed by the YAML name (blocks.py).
"""

from .document import OutputSettings
from .files import read_content
from .loading import load, parse, parse_content

__all__ = ["OutputSettings", "load", "parse", "parse_content", "read_content"]
