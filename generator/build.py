"""One build: load and validate, render the charts once, lay out each output in memory, check,
then write files.

`prepare` does everything but the writing, so `briefing check` and `briefing build` see the same
findings from the same layout. A build with errors among them writes nothing unless forced.
The outputs are written all or none (see `outputs.write_all`): a failed build leaves the previous
outputs untouched, and the temporaries of a killed build are swept by the next one.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .errors import Diagnostic, spans
from .outputs import check_targets, sweep_stale_partials, write_all
from .model import Document
from .theme import DEFAULT_THEME, Theme
from .writers import FORMATS, Options, Output, get_writer


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


@dataclass(frozen=True)
class Prepared:
    """Both outputs laid out in memory, and every finding about them, nothing yet written."""

    document: Document
    outputs: dict[str, Output]
    findings: list[Diagnostic]

    @property
    def errors(self) -> list[Diagnostic]:
        return [finding for finding in self.findings if finding.level == "error"]


@dataclass(frozen=True)
class Result:
    written: list[Written]
    findings: list[Diagnostic]


class Refused(Exception):
    """The content is valid but its outputs have errors (text that does not fit, too small, too faint)."""

    def __init__(self, findings: list[Diagnostic]):
        self.findings = findings
        super().__init__(f"{sum(f.level == 'error' for f in findings)} errors")


def prepare(content: Path, formats: tuple[str, ...] = tuple(FORMATS), options: Options = Options(),
            theme: Theme = DEFAULT_THEME) -> Prepared:
    """Load, check and lay out the asked-for formats; raises ContentError on invalid content."""
    from .content import parse_content, read_content

    data = read_content(content)
    document, settings = parse_content(data, str(content))  # invalid content stops here, before any drawing library is loaded
    options = replace(options, page_size=options.page_size or settings.page_size)
    if settings.fonts:  # the content's fallback fonts join the typeface every chart and writer sets text in
        theme = replace(theme, typeface=replace(theme.typeface, fallbacks=(*theme.typeface.fallbacks, *settings.fonts)))
    if "pptx" in formats:
        options = _with_template(options, settings)  # a bad template, a zip bomb too, is refused before anything is drawn
    from .charts import render_charts
    from .checks import document_findings, right_to_left, theme_findings, uncovered
    from .stamp import stamp_for

    digests = "".join(f"\0{file}\0{digest}" for file, digest in document.files_shown())
    fingerprinted = data + digests.encode()  # new data in a data file, or a new image, is a new document, with a new ID
    options = replace(options, stamp=stamp_for(fingerprinted, document.meta.date, locale=document.meta.locale))
    charts = render_charts(document, theme)
    outputs = {name: get_writer(name)(document, charts, theme, options) for name in formats}
    findings = [*theme_findings(theme), *uncovered(document, theme.typeface), *right_to_left(document),
                *document_findings(document)]
    findings += [finding for output in outputs.values() for finding in output.findings]
    return Prepared(document, outputs, _placed(findings, outputs))


def _with_template(options: Options, settings) -> Options:
    """The template the deck builds on (the command line's, else the content's) and its checked bytes."""
    path = options.template or settings.template
    if not path:
        return options
    from .writers.template_file import read_template

    origin = settings.origin if path == settings.template else None
    return replace(options, template=path, template_origin=origin, template_data=read_template(path, origin))


def build(content: Path, out_dir: Path, formats: tuple[str, ...] = tuple(FORMATS), options: Options = Options(),
          theme: Theme = DEFAULT_THEME, force: bool = False) -> Result:
    """Build the asked-for formats; raises ContentError on invalid content and Refused on errors unless forced."""
    prepared = prepare(content, formats, options, theme)
    if prepared.errors and not force:
        raise Refused(prepared.findings)
    targets = {out_dir / f"{content.stem}.{name}": output.data for name, output in prepared.outputs.items()}
    check_targets(list(targets))  # a folder where a file should go fails here, before anything is made
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in FORMATS:
        sweep_stale_partials(out_dir / f"{content.stem}.{name}")
    write_all(targets)
    return Result([Written(target, len(data)) for target, data in targets.items()], prepared.findings)


def _placed(findings: list[Diagnostic], outputs: dict[str, Output]) -> list[Diagnostic]:
    """Name the pages and slides where each finding's content lands, unless a writer already did."""
    placements = [placement for output in outputs.values() for placement in output.placements]
    return [finding if finding.where or not finding.path else replace(finding, where=_where(finding.path, placements))
            for finding in findings]


def _where(path: str, placements: list[tuple[str, str, int]]) -> str:
    """Every page and slide showing the block at `path` or the node inside it: 'page 1, slides 2-4'."""
    units: dict[str, set[int]] = {}
    for block, unit, number in placements:
        if path == block or path.startswith((block + ".", block + "[")):
            units.setdefault(unit, set()).add(number)
    return ", ".join(spans(unit, sorted(numbers)) for unit, numbers in units.items())
