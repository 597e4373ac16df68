"""Build time at size: the large fixture at 1x, 2x and 4x copies of its sections, against the example.

Each run is a cold process building both outputs (PDF and deck), as a user's build is. Copies of
the sections are written as a new content file, so every copied chart and table is a block of its
own (its position differs) and is drawn again, not served from the first copy. The figures show
whether the cost grows linearly with content, and how the large fixture compares with the example
(target: within 3 times the example's time).

    python bench/large.py [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "content" / "briefing.yaml"
LARGE = ROOT / "tests" / "fixtures" / "large.yaml"
COPIES = (1, 2, 4)


class _Plain(yaml.SafeDumper):
    """Writes every copy out in full: no anchors and aliases, as a person would write the file."""

    def ignore_aliases(self, data) -> bool:
        return True


def copies(content: Path, count: int, folder: Path) -> Path:
    """The content with its sections repeated `count` times, the copies' titles numbered."""
    data = yaml.safe_load(content.read_text(encoding="utf-8"))
    sections = data["sections"]
    data["sections"] = [dict(section, title=f"{section['title']} ({n + 1})" if n else section["title"])
                        for n in range(count) for section in sections]
    target = folder / f"{content.stem}-{count}x.yaml"
    text = yaml.dump(data, Dumper=_Plain, allow_unicode=True, sort_keys=False)
    target.write_text(text, encoding="utf-8")
    return target


def median_build(content: Path, runs: int, out: str) -> tuple[float, float]:
    command = [sys.executable, "-m", "generator", "build", str(content), "--out", out]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        median_build(EXAMPLE, 1, folder)  # warm the OS file cache and matplotlib's font cache once
        example, _ = median_build(EXAMPLE, args.runs, folder)
        print(f"runs:               {args.runs} cold processes each, pdf + pptx")
        print(f"example:            {example * 1000:7.0f} ms median")
        medians = {}
        for count in COPIES:
            content = copies(LARGE, count, Path(folder))
            medians[count], fastest = median_build(content, args.runs, folder)
            print(f"large x{count}:           {medians[count] * 1000:7.0f} ms median  ({fastest * 1000:.0f} ms fastest)  "
                  f"{medians[count] / example:5.2f} x example")
    per_copy = [(medians[b] - medians[a]) / (b - a) for a, b in zip(COPIES, COPIES[1:])]
    print(f"cost per added copy: {'  '.join(f'{t * 1000:.0f} ms' for t in per_copy)}  (linear when these agree)")
    print("target:             large x1 within 3 x the example")


if __name__ == "__main__":
    main()
