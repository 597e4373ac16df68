"""One build: load and validate, render the charts once, lay out each output in memory, check,
then write files.

`prepare` does everything but the writing, so `briefing check` and `briefing build` see the same
findings from the same layout. A build with errors among them writes nothing unless forced.
Every output is written to a temporary file that is renamed into place; a failed or interrupted
build leaves the previous outputs untouched, and the temporaries of a killed build are swept by
the next one (see `write_atomically`).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import Diagnostic
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
    from .loader import parse, read_content

    data = read_content(content)
    document = parse(data, str(content))  # invalid content stops here, before any drawing library is loaded
    from .charts import render_charts
    from .checks import document_findings, theme_findings
    from .coverage import uncovered
    from .stamp import stamp_for

    options = replace(options, stamp=stamp_for(data, document.meta.date))
    charts = render_charts(document, theme)
    outputs = {name: get_writer(name)(document, charts, theme, options) for name in formats}
    findings = [*theme_findings(theme), *uncovered(document, theme.typeface), *document_findings(document)]
    findings += [finding for output in outputs.values() for finding in output.findings]
    return Prepared(document, outputs, _placed(findings, outputs))


def build(content: Path, out_dir: Path, formats: tuple[str, ...] = tuple(FORMATS), options: Options = Options(),
          theme: Theme = DEFAULT_THEME, force: bool = False) -> Result:
    """Build the asked-for formats; raises ContentError on invalid content and Refused on errors unless forced."""
    prepared = prepare(content, formats, options, theme)
    if prepared.errors and not force:
        raise Refused(prepared.findings)
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in FORMATS:
        sweep_stale_partials(out_dir / f"{content.stem}.{name}")
    written = []
    for name, output in prepared.outputs.items():
        target = out_dir / f"{content.stem}.{name}"
        write_atomically(target, output.data)
        written.append(Written(target, len(output.data)))
    return Result(written, prepared.findings)


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
    return ", ".join(_spans(unit, sorted(numbers)) for unit, numbers in units.items())


def _spans(unit: str, numbers: list[int]) -> str:
    runs: list[list[int]] = []
    for number in numbers:
        if runs and number == runs[-1][-1] + 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    shown = ", ".join(f"{run[0]}-{run[-1]}" if len(run) > 1 else str(run[0]) for run in runs)
    return f"{unit}s {shown}" if len(numbers) > 1 else f"{unit} {shown}"


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it in one step.

    Readers of the target only ever see the old file or the whole new one. The temporary is
    named `.NAME.PID.RANDOM.partial`: hidden, tied to its target, and naming the process that
    writes it. A failure cleans it up here; a process killed outright (SIGKILL, a power cut)
    cannot, so `sweep_stale_partials` removes such leftovers at the start of the next build's
    writes, and only those whose writer no longer runs, so two builds into one folder never
    delete each other's work. An unnamed temporary (Linux O_TMPFILE) was considered and not
    used: a link cannot replace an existing file, so it still needs a named step before the
    rename, and it is Linux-only and missing on some file systems.
    """
    handle, temporary = tempfile.mkstemp(prefix=_partial_prefix(target) + f"{os.getpid()}.", suffix=PARTIAL_SUFFIX,
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        _test_pause()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def sweep_stale_partials(target: Path) -> list[Path]:
    """Remove temporaries of `target` left by builds that were killed; returns what it removed."""
    prefix = _partial_prefix(target)
    removed = []
    try:
        names = os.listdir(target.parent)
    except FileNotFoundError:
        return removed
    for name in names:
        if not (name.startswith(prefix) and name.endswith(PARTIAL_SUFFIX)):
            continue
        pid = name[len(prefix):-len(PARTIAL_SUFFIX)].split(".", 1)[0]
        if pid.isdigit() and not _running(int(pid)):
            (target.parent / name).unlink(missing_ok=True)
            removed.append(target.parent / name)
    return removed


PARTIAL_SUFFIX = ".partial"
TEST_PAUSE_VARIABLE = "BRIEFING_TEST_PAUSE_BEFORE_RENAME"  # tests only: seconds to wait between write and rename


def _partial_prefix(target: Path) -> str:
    return f".{target.name}."


def _running(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe liveness probe (os.kill would end the process): keep the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another user's process
    return True


def _test_pause() -> None:
    """Lets the interruption tests kill a build between writing a temporary and renaming it."""
    pause = os.environ.get(TEST_PAUSE_VARIABLE)
    if pause:
        time.sleep(float(pause))


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, so a power cut cannot bring the old file back."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    except OSError:
        pass  # some file systems cannot sync a folder; the rename is still atomic
    finally:
        os.close(descriptor)
