"""briefing: one content file in, a printable PDF briefing and a slide deck out."""

__version__ = "0.1.0"
