"""One build: load and validate, render the charts once, run each writer, then write files.

Every output is rendered in memory first and only then written, each to a temporary file that
is renamed into place; a failed or interrupted build leaves the previous outputs untouched.
"""

from __future__ import annotations

import os
import tempfile
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
    charts = render_charts(document, theme, raster=False)  # the deck draws its own slide-sized pictures
    rendered = {name: get_writer(name)(document, charts, theme, options) for name in formats}
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, output in rendered.items():
        target = out_dir / f"{content.stem}.{name}"
        write_atomically(target, output.data)
        written.append(Written(target, len(output.data)))
        warnings += output.findings
    return Result(written, warnings)


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, flush to disk, then rename over it in one step."""
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
