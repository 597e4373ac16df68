"""The printable briefing: document model + planned charts -> PDF bytes, with reportlab's platypus.

document.py builds the story (sections, numbered figures and tables, the Sources list), the
outline and the layout fallbacks; page.py the title band and running furniture; blocks.py what
each block kind prints; tables.py long and wide tables; styles.py the paragraph styles.
"""

from .document import PDF_BLOCKS, write_pdf

__all__ = ["PDF_BLOCKS", "write_pdf"]
