"""Reading a content file: YAML nodes with positions -> the checked document model.

`load` is the entry point; the block readers are in a table keyed by the YAML name (blocks.py).
"""

from .files import read_content
from .loading import load, parse

__all__ = ["load", "parse", "read_content"]
