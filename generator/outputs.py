"""Writing a build's files: each whole or not at all, and the set of them all or none.

A reader of an output only ever sees the old file or the whole new one (`write_atomically`), and a
build of two outputs never leaves a new PDF beside an old deck when one of them cannot be written
(`write_all`): every target is checked before anything is made, every temporary is written before
any rename, and a rename that fails puts back the files already replaced.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


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
    temporary = _temporary(target, data)
    try:
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


class OutputError(OSError):
    """An output cannot be written; nothing of this build was kept."""


def check_targets(targets: list[Path]) -> None:
    """Refuse, before any file is made, a target that exists as something other than a file."""
    for target in targets:
        try:
            mode = target.stat().st_mode
        except FileNotFoundError:
            continue
        if not stat.S_ISREG(mode):
            kind = "a folder" if stat.S_ISDIR(mode) else "not a regular file"
            raise OutputError(f"{target} is {kind}, so it cannot be replaced by the output; nothing was written")


def write_all(targets: dict[Path, bytes]) -> None:
    """Write every target or none: temporaries first, then the renames, undone if one fails.

    Each target that exists is first hard-linked to a hidden backup, so a failed rename can put
    the old file back; a build killed outright (SIGKILL) between two renames can still leave one
    output new and one old, each whole, and the next build sweeps its backups."""
    temporaries: dict[Path, str] = {}
    backups: dict[Path, str | None] = {}
    try:
        for target, data in targets.items():
            temporaries[target] = _temporary(target, data)
        for target in targets:
            backups[target] = _backup(target)
        done: list[Path] = []
        try:
            for target, temporary in temporaries.items():
                os.replace(temporary, target)
                done.append(target)
        except BaseException:
            _restore(done, backups)
            raise
    finally:
        for path in [*temporaries.values(), *(b for b in backups.values() if b)]:
            Path(path).unlink(missing_ok=True)
    for folder in {target.parent for target in targets}:
        _sync_folder(folder)


def _temporary(target: Path, data: bytes) -> str:
    """The whole new file beside its target, on disk (fsync'd), not yet in place."""
    handle, temporary = tempfile.mkstemp(prefix=_partial_prefix(target) + f"{os.getpid()}.", suffix=PARTIAL_SUFFIX,
                                         dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _backup(target: Path) -> str | None:
    """A second name for the current target, or None when there is none (or links are unsupported)."""
    if not target.exists():
        return None
    backup = f"{target.parent / _partial_prefix(target)}{os.getpid()}.backup{PARTIAL_SUFFIX}"
    try:
        Path(backup).unlink(missing_ok=True)
        os.link(target, backup)
    except OSError:
        return None
    return backup


def _restore(done: list[Path], backups: dict[Path, str | None]) -> None:
    """Put back each target already replaced: its old file, or nothing if it had none."""
    for target in done:
        backup = backups.get(target)
        try:
            if backup:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        except OSError:
            pass  # the original error is the one to report
