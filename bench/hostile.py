"""How fast hostile content is refused, in process, beside the cost of loading a good file.

The loader's guards are meant to fail in milliseconds whatever the file holds; the tests assert
only what is refused and where, so the speed is measured here instead, on this machine, with
medians of repeated runs. Each case is loaded with the default parser (libyaml when present) and
with PyYAML's pure-Python parser.

    python bench/hostile.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.content import load, yaml_text  # noqa: E402
from generator.errors import ContentError  # noqa: E402

BAD = ROOT / "tests" / "fixtures" / "bad"


def _cases(folder: Path) -> dict[str, Path]:
    huge = folder / "huge.yaml"
    with huge.open("wb") as stream:
        stream.write(b"title: T\nkeywords:\n" + b"  - a keyword that is repeated a great many times\n" * 520_000)
    wide = folder / "wide-bomb.yaml"
    lines = ["a0: &a0 [" + ", ".join(["lol"] * 50) + "]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 50) + "]" for i in range(1, 12)]
    wide.write_text("\n".join(lines) + "\ntitle: T\n")
    cases = {name: BAD / f"{name}.yaml" for name in ("alias-bomb", "alias-loop", "deep-flow", "deep-block", "long-key")}
    return {**cases, "wide alias bomb": wide, "25 MB file": huge, "good: example": ROOT / "content" / "briefing.yaml"}


def _template_bomb(folder: Path) -> Path:
    """A 1 MB .pptx whose one part inflates to 256 MB."""
    import zipfile

    bomb = folder / "bomb.pptx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        with archive.open("ppt/media/zeros.bin", "w", force_zip64=True) as member:
            for _ in range(256):
                member.write(bytes(1 << 20))
    return bomb


def _build_ms(command: list[str], runs: int) -> float:
    import subprocess

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def _median_ms(path: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            load(path)
        except ContentError:
            pass
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    parsers = {"default": yaml_text.YAML_LOADER, "pure-python": yaml.SafeLoader}
    with tempfile.TemporaryDirectory() as folder:
        cases = _cases(Path(folder))
        print(f"{'case':<18}" + "".join(f"{name:>14}" for name in parsers) + f"   (median ms of {args.runs} loads)")
        for name, path in cases.items():
            row = []
            for chosen in parsers.values():
                yaml_text.YAML_LOADER = chosen
                row.append(_median_ms(path, args.runs))
            print(f"{name:<18}" + "".join(f"{ms:>14.1f}" for ms in row))
        bomb, out = _template_bomb(Path(folder)), str(Path(folder) / "out")
        minimal = str(ROOT / "tests" / "fixtures" / "minimal.yaml")
        refused = _build_ms([sys.executable, "-m", "generator", "build", minimal, "--template", str(bomb), "--out", out], args.runs)
        built = _build_ms([sys.executable, "-m", "generator", "build", minimal, "--out", out], args.runs)
        print(f"\nwhole command, median ms of {args.runs} cold processes:")
        print(f"{'template bomb':<18}{refused:>14.0f}   refused (exit 2)")
        print(f"{'same, no template':<18}{built:>14.0f}   built")


if __name__ == "__main__":
    main()
