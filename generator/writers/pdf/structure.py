"""The recorded structure written into the PDF reportlab made: the structure tree, the parent
tree that maps each page's marked content and each link back to its element, the catalog's
/MarkInfo and /ViewerPreferences, each page's tab order, each link's description, and an XMP
packet with the title and the PDF/UA identification.

This is done with pikepdf (qpdf) on the finished file, since reportlab cannot make these
objects point at the pages and annotations it writes. qpdf's output is a function of its input
(`deterministic_id`), so the same content still builds the same bytes.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from xml.sax.saxutils import escape

import pikepdf
from pikepdf import Array, Dictionary, Name

from .tagging import Annotation, Element, Marked, Tagger

PRINT_FLAG = 4
STRUCT_ELEM = Name.StructElem  # an annotation's /F bit 3: printed, and shown to every reader


@dataclass(frozen=True)
class Metadata:
    """What the XMP packet says of the document (the Info dictionary says the same)."""

    title: str
    author: str
    subject: str
    keywords: tuple[str, ...]
    language: str
    tool: str
    moment: datetime


def write_structure(data: bytes, tagger: Tagger, metadata: Metadata, describe: Callable[[tuple[str, str]], str]) -> bytes:
    """The PDF `data` with the structure `tagger` recorded while it was drawn; `describe` says in
    words where a link goes (its annotation's /Contents)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _Writer(pdf, describe).write(tagger)
        catalog = pdf.Root
        catalog.MarkInfo = Dictionary(Marked=True)
        catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
        catalog.Lang = pikepdf.String(metadata.language)
        catalog.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, _xmp(metadata).encode("utf-8"),
                                                            Type=Name.Metadata, Subtype=Name.XML))
        out = io.BytesIO()
        # the tree's many small objects go in compressed object streams: a third of the file's size otherwise
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate)
        return out.getvalue()


class _Writer:
    """Writes elements depth first, in reading order, filling the parent tree on the way."""

    def __init__(self, pdf: pikepdf.Pdf, describe: Callable[[tuple[str, str]], str]):
        self.pdf, self.describe = pdf, describe
        self.pages = list(pdf.pages)
        self.page_objects = [page.obj for page in self.pages]
        self.names: dict[str, Name] = {}  # each structure type's name object, made once
        self.marked: dict[int, dict[int, pikepdf.Object]] = {}  # page -> MCID -> element
        self.links: list[pikepdf.Object] = []

    def write(self, tagger: Tagger) -> None:
        root = self.pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        document = self._element(tagger.root, root)
        root.K = Array([document])
        numbers: list = []  # built as a list: pikepdf copies an Array's contents on every extend
        for page_index, page in enumerate(self.pages):
            page.obj.Tabs = Name.S  # the tab order follows the structure
            if page_index in self.marked:
                page.obj.StructParents = page_index
                by_mcid = self.marked[page_index]
                numbers += [page_index, self.pdf.make_indirect(Array([by_mcid[mcid] for mcid in range(len(by_mcid))]))]
        for offset, link in enumerate(self.links):
            numbers += [len(self.pages) + offset, link]
        root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(numbers)))
        root.ParentTreeNextKey = len(self.pages) + len(self.links)
        self.pdf.Root.StructTreeRoot = root

    def _element(self, element: Element, parent: pikepdf.Object) -> pikepdf.Object:
        role = self.names.get(element.role) or self.names.setdefault(element.role, Name("/" + element.role))
        first = next((kid.page for kid in element.kids if isinstance(kid, (Marked, Annotation))), None)
        if first is None:
            made = self.pdf.make_indirect(Dictionary(Type=STRUCT_ELEM, S=role, P=parent))
        else:
            made = self.pdf.make_indirect(Dictionary(Type=STRUCT_ELEM, S=role, P=parent, Pg=self.page_objects[first]))
        if element.alt:
            made.Alt = pikepdf.String(element.alt)
        if element.scope:
            made.A = Dictionary(O=Name.Table, Scope=Name("/" + element.scope))
        if element.bbox is not None:
            made.A = Dictionary(O=Name.Layout, BBox=Array(list(element.bbox)))
        kids: list = []
        for kid in element.kids:
            if isinstance(kid, Element):
                kids.append(self._element(kid, made))
            elif isinstance(kid, Marked):
                self.marked.setdefault(kid.page, {})[kid.mcid] = made
                kids.append(kid.mcid if kid.page == first else
                            Dictionary(Type=Name.MCR, Pg=self.page_objects[kid.page], MCID=kid.mcid))
            else:
                kids.append(self._annotation(kid, made, element))
        made.K = kids[0] if len(kids) == 1 else Array(kids)  # one kid stands alone, as most writers put it
        return made

    def _annotation(self, kid: Annotation, made: pikepdf.Object, element: Element) -> Dictionary:
        page = self.pages[kid.page]
        annotation = page.obj.Annots[kid.index]
        description = self.describe(element.target)
        annotation.Contents = pikepdf.String(description)
        annotation.F = PRINT_FLAG
        annotation.StructParent = len(self.pages) + len(self.links)
        made.Alt = pikepdf.String(description)
        self.links.append(made)
        return Dictionary(Type=Name.OBJR, Obj=annotation, Pg=page.obj)


def _xmp(metadata: Metadata) -> str:
    """The XMP packet: dc:title and the PDF/UA-1 identification, with the Info dictionary's other
    entries, dated by the build's stamp (never the clock)."""
    moment = metadata.moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    author = f"<dc:creator><rdf:Seq><rdf:li>{escape(metadata.author)}</rdf:li></rdf:Seq></dc:creator>" if metadata.author else ""
    subject = (f'<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.subject)}</rdf:li></rdf:Alt>'
               "</dc:description>") if metadata.subject else ""
    keywords = f"<pdf:Keywords>{escape(', '.join(metadata.keywords))}</pdf:Keywords>" if metadata.keywords else ""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(metadata.title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"{author}{subject}"
        f"<dc:language><rdf:Bag><rdf:li>{escape(metadata.language)}</rdf:li></rdf:Bag></dc:language>\n"
        "<dc:format>application/pdf</dc:format>\n"
        f"<pdf:Producer>{escape(metadata.tool)}</pdf:Producer>{keywords}\n"
        f"<xmp:CreatorTool>{escape(metadata.tool)}</xmp:CreatorTool>\n"
        f"<xmp:CreateDate>{moment}</xmp:CreateDate><xmp:ModifyDate>{moment}</xmp:ModifyDate>\n"
        "<pdfuaid:part>1</pdfuaid:part>\n"
        "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
        '<?xpacket end="w"?>'
    )
