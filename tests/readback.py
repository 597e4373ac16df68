"""Reading the built files back as a reader meets them: text per page or slide, and collisions."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import pdfplumber
from pptx import Presentation
from pptx.util import Emu

# The figures, labels and notes of the seed page, as a reader must find them in both outputs.
SEED_TEXTS = [
    "AI-Generated CSAM Threats",
    "Artificial intelligence is supercharging the production of child sexual abuse material at an unprecedented scale.",
    "485K", "AI-CSAM Reports H1 2025", "15,036", "AI CSAM items (2 years)", "97%", "AI CSAM victims are girls",
    "65%", "Category A (most severe)", "Source: NCMEC", "Source: IWF",
    "NCMEC AI-CSAM Reports", "Reports flagged as AI-generated content", "4,700", "67,000", "485,000",
    "H1 2025: 380,000 from Amazon AI Services alone.", "Source: NCMEC, Thorn",
    "AI-Generated CSAM Videos (IWF)", "From 13 to 3,443 — a +26,385% increase", "3,443",
    "Total AI CSAM content over 2 years: 15,036.", "Source: IWF 2025 Annual Report",
    "AI Platform Reports to NCMEC (2024)", "Platform", "Reports", "Note", "OpenAI", "32,079", "+9,650% from 2023",
    "Amazon AI Services", "30,759", "New entrant", "Anthropic", "971",
    "OpenAI reported 80× more child exploitation reports to NCMEC in H1 2025 vs H1 2024.",
    "How AI Is Being Used by Predators",
    "LoRA fine-tuning enables realistic deepfakes from as few as 20 images in 15 minutes",
    "Emerging: AI-generated audio deepfakes (cloned children's voices)",
    "Agentic AI automating illegal operations",
    "Deepfake defense — offenders claiming real abuse evidence is AI-generated",
    "Early signs of commercialization — AI CSAM created for blackmail and sextortion",
    "20,254 AI-generated CSAM images found in a single forum in one month — 90% realistic enough to be prosecuted",
    "What Platforms Are Doing About It",
    "OpenAI — Deployed classifiers to detect AI-generated CSAM, partners with NCMEC and Thorn, 80× increase in reporting",
    "Google — Developed CSAI Match and Content Safety API for hash-matching at scale",
    "Meta — Uses PhotoDNA and proprietary models, though E2E encryption limits detection on Messenger",
    "Amazon AI Services — 30.7K reports in 2024 as a new entrant; 380K reports attributed in H1 2025",
    "Open-source models — Remain largely unmonitored; LoRA fine-tuning creates realistic deepfakes from as few as 20 images in 15 minutes",
    "CSAM Hosting by Country (2024)", "Country", "URLs", "Share", "Netherlands", "83,037", "29%",
    "United States", "41,110", "14%", "Poland", "8,077", "3%", "YoY: +8,488%",
    "62% of all CSAM hosted in EU — the EU is the largest regional host of CSAM content globally.",
    "Sources: IWF AI CSAM Report 2026 · IWF 2025 Annual Report · Stanford Cyberlaw · Thorn CyberTipline Analysis · Fortune (April 2026)",
]


def flat(text: str) -> str:
    """Whitespace collapsed, so a sentence wrapped over lines still reads as one."""
    return re.sub(r"\s+", " ", text).strip()


def pdf_pages(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdf_collisions(path: Path) -> tuple[int, int]:
    """Glyphs drawn over other glyphs, and glyphs outside the page (as the look-at-outputs hook counts them)."""
    hits = off = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [c for c in page.chars if c["text"].strip()]
            grid = defaultdict(list)
            for index, c in enumerate(chars):
                if c["x0"] < -1 or c["x1"] > page.width + 1 or c["top"] < -1 or c["bottom"] > page.height + 1:
                    off += 1
                grid[(int(c["x0"] // 20), int(c["top"] // 20))].append(index)
            for i, c in enumerate(chars):
                gx, gy = int(c["x0"] // 20), int(c["top"] // 20)
                for j in (j for dx in (-1, 0, 1) for dy in (-1, 0, 1) for j in grid.get((gx + dx, gy + dy), ())):
                    d = chars[j]
                    if j <= i or (abs(c["top"] - d["top"]) < 0.5 and abs(c["size"] - d["size"]) < 0.1):
                        continue
                    w = min(c["x1"], d["x1"]) - max(c["x0"], d["x0"])
                    h = min(c["bottom"], d["bottom"]) - max(c["top"], d["top"])
                    small = min((c["x1"] - c["x0"]) * (c["bottom"] - c["top"]), (d["x1"] - d["x0"]) * (d["bottom"] - d["top"]))
                    if w > 0 and h > 0 and small > 0 and w * h > 0.3 * small:
                        hits += 1
    return hits, off


def slide_texts(slide) -> list[str]:
    """Every string a slide shows or carries: text frames, table cells, picture alt text."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame:
            found.append(shape.text_frame.text)
        if getattr(shape, "has_table", False) and shape.has_table:
            found += [cell.text for row in shape.table.rows for cell in row.cells]
        if shape.shape_type == 13:  # picture
            found.append(shape._element.nvPicPr.cNvPr.get("descr", ""))
    return found


def notes_text(slide) -> str:
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def deck(path: Path):
    return Presentation(str(path))


def inside(shape, width: Emu, height: Emu) -> bool:
    return shape.left >= 0 and shape.top >= 0 and shape.left + shape.width <= width and shape.top + shape.height <= height
