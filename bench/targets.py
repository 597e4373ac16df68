"""Issue 11's speed targets, side by side in one run: medians of paired, interleaved cold processes.

Every figure is a whole process, timed from outside as a user's command is (interpreter start-up
and imports included). The rows:

- import floor: a process that only imports the four libraries any build loaded (FLOOR, from
  bench/build.py: matplotlib with an Agg figure and canvas, reportlab.platypus, pptx, yaml);
- `build --format pdf` of the example against the floor (target at most 0.7x);
- the default build of the example (PDF and deck) against the peer pipeline (bench/peer.py:
  matplotlib PNG charts, Markdown, pandoc to PPTX and to PDF by typst; target at most 0.9x), and
  against the floor. Where the peer runs typst through bench/peer.py's Python wrapper (PyPI's
  typst is a binding, not a command), that wrapper's start-up (`python -c "import typst"`) is timed
  in the same rounds, and the peer is also shown without it, as a native typst binary would run;
- `check` of the example, against the floor (no target; it should not paint or save);
- the large fixture (tests/fixtures/large.yaml) against the example (target at most 3x);
- scaling: the large fixture's sections copied N times into one content file (titles numbered,
  sources shared; see bench/large.py), N = 1..8. What the first copy costs is N=1 less the
  example; each added copy is the step from one N to the next, per copy. Target: an added copy
  costs at most 1.1x the first (the issue measured 1.35x: (56.5 s - 7.3 s) / 7 against 7.3 s - 2.1 s).
  The target row uses the average over all added copies, as that figure did; the steps between
  consecutive N are printed too, to show where growth bends. These are differences of medians, so
  they magnify noise: one round on a loaded machine can put a step anywhere from 0.1x to 2.5x.
  `--json FILE` keeps every run's time beside the table, to see the spread.

Runs are rounds: each round runs every command once, in an order that rotates from round to round,
so a change in machine load falls on all of them alike; the ratios are of medians. The small rows
(floor, pdf, build, peer, check) run `--runs` rounds after one warm-up of each; the large rows
(example again, large, every N) run `--large-runs` rounds of their own, with the example in each
round so the large ratios pair with an example timed under the same load.

`--base PATH` runs our rows (pdf, build, check, large, N) for a second checkout too, e.g. a git
worktree of an older commit (`git -C /work/main worktree add /tmp/base009 009a6f2`), with
`PYTHONPATH=PATH` and in PATH as working directory, interleaved with the current tree in the same
rounds, so one run on one machine gives a before/after table. The floor and the peer are the same
for both and run once per round. Both trees build this tree's content files (the example, the
large fixture and its copies), so the same content is timed before and after.

This takes a while on purpose (the default is about 15 minutes per tree, most of it the large
builds); run it on a quiet machine. `--quick` runs N = 1, 2, 4 with 3 and 1 rounds, to see that it
works; `--no-scaling` leaves the large rows out.

    python bench/targets.py [--runs 7] [--large-runs 3] [--copies 1,2,...,8] [--quick] [--no-scaling]
                            [--base PATH] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))

from build import FLOOR  # noqa: E402
from large import copies  # noqa: E402

EXAMPLE = ROOT / "content" / "briefing.yaml"
LARGE = ROOT / "tests" / "fixtures" / "large.yaml"
PEER = BENCH / "peer.py"


@dataclass
class Command:
    """One command line, run in `cwd` with PYTHONPATH set to `tree` when it has one; its timings."""

    key: str
    argv: list[str]
    cwd: Path
    tree: Path | None = None
    times: list[float] = field(default_factory=list)

    def run(self) -> float:
        env = dict(os.environ)
        if self.tree is not None:
            env["PYTHONPATH"] = str(self.tree)
        start = time.perf_counter()
        result = subprocess.run(self.argv, cwd=self.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            sys.exit(f"targets: {self.key} exited {result.returncode}: {' '.join(self.argv)}\n{result.stderr.decode(errors='replace')[-2000:]}")
        return elapsed

    @property
    def median(self) -> float:
        return statistics.median(self.times)


def rounds(commands: list[Command], count: int, warm: bool, label: str) -> None:
    """`count` rounds of every command, the order rotated each round; a warm-up round first if asked."""
    if warm:
        for command in commands:
            command.run()
    for number in range(count):
        shift = number % len(commands)
        for command in commands[shift:] + commands[:shift]:
            command.times.append(command.run())
        print(f"  {label}: round {number + 1}/{count} done", file=sys.stderr, flush=True)


def ours(name: str, out: Path) -> dict[str, list[str]]:
    """Our commands for one checkout, as argv lists keyed by row name (`name` tells the trees apart)."""
    run = [sys.executable, "-m", "generator"]
    folder = str(out / name)
    return {
        "pdf": [*run, "build", str(EXAMPLE), "--out", folder, "--format", "pdf"],
        "build": [*run, "build", str(EXAMPLE), "--out", folder],
        "check": [*run, "check", str(EXAMPLE)],
    }


def large_commands(name: str, out: Path, contents: dict[int, Path]) -> dict[str, list[str]]:
    run = [sys.executable, "-m", "generator", "build"]
    folder = str(out / name)
    commands = {"example": [*run, str(EXAMPLE), "--out", folder], "large": [*run, str(LARGE), "--out", folder]}
    commands.update({f"x{n}": [*run, str(path), "--out", folder] for n, path in contents.items()})
    return commands


def native_typst() -> str | None:
    return shutil.which("typst", path=os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]))


def verdict(ratio: float | None, target: float | None) -> str:
    if ratio is None or target is None:
        return ""
    return "pass" if ratio <= target else "FAIL"


class Table:
    """Rows of (label, target, {tree: (seconds, ratio)}), printed with the trees side by side."""

    def __init__(self, trees: list[str]):
        self.trees = trees
        self.rows: list[tuple[str, float | None, dict[str, tuple[float | None, float | None]]]] = []

    def add(self, label: str, target: float | None, cells: dict[str, tuple[float | None, float | None]]) -> None:
        self.rows.append((label, target, cells))

    def print(self) -> None:
        head = f"{'row':46s}" + "".join(f" | {tree:>8s} {'ratio':>6s} {'':4s}" for tree in self.trees) + f" | {'target':>8s}"
        print(head)
        print("-" * len(head))
        for label, target, cells in self.rows:
            line = f"{label:46s}"
            for tree in self.trees:
                seconds, ratio = cells.get(tree, (None, None))
                line += f" | {seconds:7.3f}s" if seconds is not None else f" | {'':8s}"
                line += f" {ratio:5.2f}x" if ratio is not None else f" {'':6s}"
                line += f" {verdict(ratio, target):4s}"
            print(line + f" | {'' if target is None else f'<= {target:.2f}':>8s}")

    def as_json(self) -> list[dict]:
        return [{"row": label, "target": target,
                 **{tree: dict(zip(("seconds", "ratio"), cells.get(tree, (None, None)))) for tree in self.trees}}
                for label, target, cells in self.rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None, help="rounds of the small rows (default 7; 3 with --quick)")
    parser.add_argument("--large-runs", type=int, default=None, help="rounds of the large rows (default 3; 1 with --quick)")
    parser.add_argument("--copies", default=None, help="the N to build, e.g. 1,2,4,8 (default 1..8; 1,2,4 with --quick)")
    parser.add_argument("--quick", action="store_true", help="fewer rounds and N = 1, 2, 4: to see that it works")
    parser.add_argument("--no-scaling", action="store_true", help="leave out the large fixture and its copies")
    parser.add_argument("--base", type=Path, help="another checkout to time in the same rounds (before/after)")
    parser.add_argument("--json", type=Path, help="also write the table as JSON")
    args = parser.parse_args()
    runs = args.runs or (3 if args.quick else 7)
    large_runs = args.large_runs or (1 if args.quick else 3)
    counts = [int(n) for n in (args.copies or ("1,2,4" if args.quick else "1,2,3,4,5,6,7,8")).split(",")]
    if 1 not in counts:
        sys.exit("targets: --copies must include 1 (the first copy is what the others are measured against)")
    trees = {"current": ROOT}
    if args.base:
        base = args.base.resolve()
        if not (base / "generator").is_dir():
            sys.exit(f"targets: {base} holds no generator/ package")
        trees["base"] = base

    with tempfile.TemporaryDirectory(prefix="targets-") as scratch:
        out = Path(scratch)
        floor = Command("floor", [sys.executable, "-c", FLOOR], ROOT)
        peer = Command("peer", [sys.executable, str(PEER), str(EXAMPLE), "--out", str(out / "peer")], ROOT)
        # Without a typst binary the peer runs typst through a Python wrapper (bench/peer.py); its
        # start-up is timed alone too, so the peer can also be read without it.
        wrapper = None if native_typst() else Command("typst wrapper", [sys.executable, "-c", "import typst"], ROOT)
        small: dict[tuple[str, str], Command] = {}
        for name, tree in trees.items():
            for key, argv in ours(name, out).items():
                small[name, key] = Command(f"{name} {key}", argv, tree, tree)
        # pair each tree's commands in a round: current pdf, base pdf, current build, base build, ...
        order = [floor, peer, *([wrapper] if wrapper else [])] + [small[name, key] for key in ("pdf", "build", "check") for name in trees]
        print(f"small rows: {runs} rounds of {len(order)} commands", file=sys.stderr)
        rounds(order, runs, warm=True, label="small rows")

        large: dict[tuple[str, str], Command] = {}
        if not args.no_scaling:
            contents = {n: copies(LARGE, n, out) for n in counts}
            for name, tree in trees.items():
                for key, argv in large_commands(name, out, contents).items():
                    large[name, key] = Command(f"{name} {key}", argv, tree, tree)
            keys = ["example", "large", *(f"x{n}" for n in counts)]
            order = [large[name, key] for key in keys for name in trees]
            print(f"large rows: {large_runs} rounds of {len(order)} commands (N = {', '.join(map(str, counts))})", file=sys.stderr)
            rounds(order, large_runs, warm=False, label="large rows")

    table = Table(list(trees))
    table.add("import floor (s)", None, {name: (floor.median, None) for name in trees})
    table.add("peer pipeline, example (s)", None, {name: (peer.median, None) for name in trees})
    if wrapper:
        table.add("  peer less its typst wrapper start-up (s)", None, {n: (peer.median - wrapper.median, None) for n in trees})
    table.add("build --format pdf / import floor", 0.7, {n: (small[n, "pdf"].median, small[n, "pdf"].median / floor.median) for n in trees})
    table.add("build (pdf + pptx) / peer pipeline", 0.9, {n: (small[n, "build"].median, small[n, "build"].median / peer.median) for n in trees})
    if wrapper:
        native = peer.median - wrapper.median
        table.add("  the same, less the typst wrapper start-up", 0.9,
                  {n: (small[n, "build"].median, small[n, "build"].median / native) for n in trees})
    table.add("build (pdf + pptx) / import floor", None, {n: (small[n, "build"].median, small[n, "build"].median / floor.median) for n in trees})
    table.add("check / import floor", None, {n: (small[n, "check"].median, small[n, "check"].median / floor.median) for n in trees})
    if large:
        table.add("example build, large rounds (s)", None, {n: (large[n, "example"].median, None) for n in trees})
        table.add("large fixture / example", 3.0, {n: (large[n, "large"].median, large[n, "large"].median / large[n, "example"].median) for n in trees})
        first = {n: large[n, "x1"].median - large[n, "example"].median for n in trees}
        table.add("large x1: first copy over the example (s)", None, {n: (first[n], None) for n in trees})
        for a, b in zip(counts, counts[1:]):
            step = {n: (large[n, f"x{b}"].median - large[n, f"x{a}"].median) / (b - a) for n in trees}
            table.add(f"large x{b}: added copy x{a}->x{b} / first copy", None,
                      {n: (large[n, f"x{b}"].median, step[n] / first[n] if first[n] > 0 else None) for n in trees})
        last = counts[-1]
        if last > 1:
            table.add(f"added copy, average x1->x{last} / first copy", 1.1,
                      {n: ((large[n, f"x{last}"].median - large[n, "x1"].median) / (last - 1),
                           (large[n, f"x{last}"].median - large[n, "x1"].median) / (last - 1) / first[n] if first[n] > 0 else None)
                       for n in trees})

    print(f"cold processes, medians of {runs} rounds (small rows) and {large_runs} (large rows); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at the end")
    for name, tree in trees.items():
        head = subprocess.run(["git", "-C", str(tree), "log", "-1", "--format=%h %s"], capture_output=True, text=True).stdout.strip()
        print(f"{name}: {tree}  ({head[:70] or 'not a git checkout'})")
    print()
    table.print()
    if args.json:
        runs_by_command = {command.key: command.times for command in [floor, peer, *([wrapper] if wrapper else []),
                                                                         *small.values(), *large.values()]}
        args.json.write_text(json.dumps({"rows": table.as_json(), "runs": runs_by_command}, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
