"""One build: load and validate, render the charts once, run each writer, then write files.

Every output is rendered in memory first and only then written, each to a temporary file that
is renamed into place; a failed or interrupted build leaves the previous outputs untouched, and
temporaries of a killed build are swept by the next one (see `write_atomically`).
"""

from __future__ import annotations

import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic
from .theme import DEFAULT_THEME, Theme
from .writers import FORMATS, Options, get_writer


@dataclass(frozen=True)
class Written:
    path: Path
    size: int


@dataclass(frozen=True)
class Result:
    written: list[Written]
    warnings: list[Diagnostic]


def build(content: Path, out_dir: Path, formats: tuple[str, ...] = tuple(FORMATS), options: Options = Options(),
          theme: Theme = DEFAULT_THEME) -> Result:
    """Build the asked-for formats of one content file; raises ContentError on invalid content."""
    from .loader import load

    document = load(content)  # invalid content stops here, before any drawing library is loaded
    from .charts import render_charts
    from .coverage import uncovered

    warnings = uncovered(document, theme.typeface)
    charts = render_charts(document, theme)
    rendered = {name: get_writer(name)(document, charts, theme, options) for name in formats}
    out_dir.mkdir(parents=True, exist_ok=True)
    for name in FORMATS:
        sweep_stale_partials(out_dir / f"{content.stem}.{name}")
    written = []
    for name, output in rendered.items():
        target = out_dir / f"{content.stem}.{name}"
        write_atomically(target, output.data)
        written.append(Written(target, len(output.data)))
        warnings += output.findings
    return Result(written, warnings)


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
