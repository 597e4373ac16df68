"""The briefing's language on the deck's text, so PowerPoint's proofing tools and screen readers use it.

Every text run carries it (a:rPr @lang), and so do the ends of paragraphs and the presentation's
default text style, which is what new text typed into the deck takes. The tag is the language with
its region, as Office names languages ('fr-FR', 'de-CH'): see `generator.words.office_language`.
"""

from __future__ import annotations

from lxml import etree
from pptx.oxml.ns import qn


def tag_language(element, lang: str) -> None:
    """Every run under `element` (a slide, a notes slide, a chart) marked as being in `lang`."""
    for run in element.iter(qn("a:r"), qn("a:fld")):
        properties = run.find(qn("a:rPr"))
        if properties is None:
            properties = etree.Element(qn("a:rPr"))
            run.insert(0, properties)
        properties.set("lang", lang)
    for end in element.iter(qn("a:endParaRPr")):
        end.set("lang", lang)


def tag_default_language(presentation, lang: str) -> None:
    """The presentation's default text style in `lang`: the language of text added to the deck later."""
    style = presentation.part._element.find(qn("p:defaultTextStyle"))
    if style is None:
        return
    for default in style.iter(qn("a:defRPr")):
        if default.get("lang") is not None or default.getparent().tag == qn("a:defPPr"):
            default.set("lang", lang)
