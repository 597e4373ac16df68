"""Cold-build cost of the example against the import floor.

Each run is a new Python process, so every figure includes interpreter start-up and imports, as a
user's build does. The import floor is a process that only imports what any build must load:
matplotlib with the Agg backend (figure and Agg canvas; pyplot is never needed), reportlab's
platypus, python-pptx and PyYAML. The ratio says what our own work costs on top of that.

    python bench/build.py [--runs 7] [--content content/briefing.yaml]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOOR = ("import matplotlib; matplotlib.use('Agg'); import matplotlib.figure, matplotlib.backends.backend_agg; "
         "import reportlab.platypus, pptx, yaml")


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--content", type=Path, default=ROOT / "content" / "briefing.yaml")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as out:
        build = [sys.executable, "-m", "generator", "build", str(args.content), "--out", out]
        floor = [sys.executable, "-c", FLOOR]
        timed(build), timed(floor)  # warm the OS file cache and matplotlib's font cache once
        builds, floors = [], []
        for _ in range(args.runs):  # interleaved, so drift in machine load hits both alike
            builds.append(timed(build))
            floors.append(timed(floor))
    build_median, floor_median = statistics.median(builds), statistics.median(floors)
    print(f"content:            {args.content.relative_to(ROOT) if args.content.is_relative_to(ROOT) else args.content}")
    print(f"runs:               {args.runs} cold processes each")
    print(f"build (pdf + pptx): {build_median * 1000:7.0f} ms median  ({min(builds) * 1000:.0f} ms fastest)")
    print(f"import floor:       {floor_median * 1000:7.0f} ms median  ({min(floors) * 1000:.0f} ms fastest)")
    print(f"ratio:              {build_median / floor_median:7.2f}  (target <= 1.60; fastest to fastest {min(builds) / min(floors):.2f})")


if __name__ == "__main__":
    main()
