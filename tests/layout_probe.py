"""Reading a built PDF and deck back for the layout a reader notices at once: a heading alone at
a page foot, a table split leaving a row or two, stat cards per row, slides left mostly empty."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
from pptx import Presentation

FOOT = 20 * 72 / 25.4  # the PDF's bottom margin: text below it is the page's footer
HEAD = 22 * 72 / 25.4  # the top margin: text above it (after page 1) is the running header
MARGIN = 20 * 72 / 25.4  # the left margin, where headings start
HEADING_SIZES = (15.0, 11.5)  # section headings and block titles, set in bold


def _lines(page) -> list[list[dict]]:
    """The page's content lines (no header, no footer), top to bottom, each a list of its characters."""
    rows: dict[float, list[dict]] = defaultdict(list)
    for char in page.chars:
        if not char["text"].strip() or char["bottom"] > page.height - FOOT + 1:
            continue
        if page.page_number > 1 and char["top"] < HEAD - 1:
            continue
        rows[round(char["bottom"])].append(char)
    return [rows[key] for key in sorted(rows)]


def _is_heading(line: list[dict]) -> bool:
    """A line all in bold at a heading's size, starting at the left margin (a callout's bold text,
    set at a block title's size, is indented inside its panel)."""
    bold = [c for c in line if "Bold" in c["fontname"]]
    return (len(bold) == len(line) and abs(min(c["x0"] for c in line) - MARGIN) < 1
            and any(abs(bold[0]["size"] - size) < 0.2 for size in HEADING_SIZES))


def headings_at_foot(path: Path) -> list[tuple[int, str]]:
    """(page, text) of every page whose last content line is a heading, the last page aside."""
    found = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:-1]:
            lines = _lines(page)
            if lines and _is_heading(lines[-1]):
                found.append((page.page_number, "".join(c["text"] for c in lines[-1])))
    return found


def rows_per_page(path: Path, pattern: str) -> list[int]:
    """How many table rows whose first cell matches `pattern` (a key such as 'R07') each page holds."""
    key = re.compile(pattern)
    with pdfplumber.open(path) as pdf:
        return [len(set(key.findall(page.extract_text() or ""))) for page in pdf.pages]


def split_sides(counts: list[int]) -> list[int]:
    """The rows on each side of a table's page breaks: the counts of the pages it is on."""
    return [count for count in counts if count]


def card_rows(path: Path, figures: list[str], page: int = 1) -> list[int]:
    """Cards per row: the lines of `page` made only of the given figures (each card's value, set
    large on one line), and how many figures each holds, top to bottom."""
    wanted = set(figures)
    with pdfplumber.open(path) as pdf:
        lines = pdf.pages[page - 1].extract_text_lines()
    counts = []
    for line in lines:
        words = line["text"].split()
        if words and all(word in wanted for word in words):
            counts.append(len(words))
    return counts


def empty_fraction(shape_boxes: list[tuple[float, float, float, float]], width: float, height: float) -> float:
    """The share of the content area (below the headline band) no shape covers, from their bounding box."""
    if not shape_boxes:
        return 1.0
    bottom = max(box[3] for box in shape_boxes)
    return 1.0 - min(1.0, bottom / height)


def slide_fill(path: Path) -> list[float]:
    """For each slide, the share of its height down to the lowest content shape (furniture aside)."""
    deck = Presentation(str(path))
    height = deck.slide_height
    fills = []
    for slide in deck.slides:
        bottoms = [shape.top + shape.height for shape in slide.shapes
                   if shape.top is not None and shape.top + shape.height < height * 0.93]
        fills.append(max(bottoms, default=0) / height)
    return fills


def page_gaps(path: Path) -> list[float]:
    """For each page but the last, the share of the content area left empty below its last text."""
    gaps = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[:-1]:
            lines = _lines(page)
            top = HEAD if page.page_number > 1 else 0.0
            area = page.height - FOOT - top
            lowest = max((c["bottom"] for c in lines[-1]), default=top) if lines else top
            gaps.append(round((page.height - FOOT - lowest) / area, 2))
    return gaps


def gaps_before_figures(path: Path) -> list[float]:
    """The empty share of each page whose next page opens with a figure (a chart that moved on)."""
    gaps = page_gaps(path)
    opened = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages[1:]:
            lines = _lines(page)
            opened.append(bool(lines) and "".join(c["text"] for c in lines[0]).startswith("Figure"))
    return [gap for gap, figure in zip(gaps, opened) if figure]


def card_grids(path: Path) -> list[list[int]]:
    """For each slide of stat cards, how many cards each row holds, top to bottom. A card is a
    panel with its heading-coloured bar along its top edge (a callout's bar runs down its side)."""
    deck = Presentation(str(path))
    grids = []
    for slide in deck.slides:
        rects = [shape for shape in slide.shapes if shape.shape_type == 1]  # 1: an autoshape (a rectangle)
        bars = {(shape.left, shape.top, shape.width) for shape in rects if shape.height < 12700 * 6}
        cards = [shape for shape in rects if shape.height > 12700 * 100 and (shape.left, shape.top, shape.width) in bars]
        rows: dict[int, int] = defaultdict(int)
        for card in cards:
            rows[card.top] += 1
        if rows:
            grids.append([rows[top] for top in sorted(rows)])
    return grids


def card_cover(path: Path) -> list[float]:
    """For each slide of stat cards, the share of its content area (the slide's width inside its
    margins, from below the headline to the footer) that its cards cover."""
    deck = Presentation(str(path))
    width, height = deck.slide_width, deck.slide_height
    margin, footer, headline = width * 40 / 960, height * 496 / 540, height * 88 / 540
    shares = []
    for slide in deck.slides:
        rects = [shape for shape in slide.shapes if shape.shape_type == 1]
        bars = {(shape.left, shape.top, shape.width) for shape in rects if shape.height < 12700 * 6}
        cards = [shape for shape in rects if shape.height > 12700 * 100 and (shape.left, shape.top, shape.width) in bars]
        if cards:
            shares.append(sum(card.width * card.height for card in cards) / ((width - 2 * margin) * (footer - headline)))
    return shares
