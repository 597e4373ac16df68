"""Hyperlinks on slides: a run with an address becomes a clickable, underlined link in the link colour.

Kept apart from render.py's run writer, which stays one loop over plain runs: the links are added
after a text box is filled, each run of the plan matched to the a:r element written for it, in
order. The relationship ids are numbered in drawing order, so the same deck gives the same bytes.
"""

from __future__ import annotations

from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn

from ...theme import Theme
from .shapes import TextBox


def link_runs(shape, box: TextBox, theme: Theme) -> None:
    """Give each run of `box` that has an address its hyperlink, underline and link colour."""
    runs = [run for para in box.paragraphs for run in para.runs]
    if not any(run.href for run in runs):
        return
    elements = shape.text_frame._txBody.findall(f"{qn('a:p')}/{qn('a:r')}")
    colour = theme.palette.heading.lstrip("#").upper()
    for run, element in zip(runs, elements):
        if not run.href:
            continue
        properties = element.find(qn("a:rPr"))
        properties.set("u", "sng")
        fill = properties.find(f"{qn('a:solidFill')}/{qn('a:srgbClr')}")
        if fill is not None:
            fill.set("val", colour)
        relationship = shape.part.relate_to(run.href, RT.HYPERLINK, is_external=True)
        link = properties.makeelement(qn("a:hlinkClick"), {qn("r:id"): relationship})
        properties.append(link)  # after a:latin and a:cs, as the schema orders a:rPr's children
