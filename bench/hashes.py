"""Hashes of the outputs of the example and every valid fixture, to compare before and after a change.

The same content must build the same bytes, so a restructuring that should change nothing is
checked by running this before and after and diffing the two listings. Each file is built with
`--force` (a fixture may carry layout errors on purpose) into a scratch folder.

    python bench/hashes.py > before.txt; ...; python bench/hashes.py | diff before.txt -
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def contents() -> list[Path]:
    fixtures = ROOT / "tests" / "fixtures"
    return [ROOT / "content" / "briefing.yaml", *sorted(fixtures.glob("*.yaml")), *sorted((fixtures / "layout").glob("*.yaml"))]


def main() -> None:
    with tempfile.TemporaryDirectory() as out:
        for content in contents():
            folder = Path(out) / content.parent.name
            result = subprocess.run([sys.executable, "-m", "generator", "build", str(content), "--out", str(folder), "--force"],
                                    cwd=ROOT, capture_output=True, text=True)
            for suffix in ("pdf", "pptx"):
                built = folder / f"{content.stem}.{suffix}"
                digest = hashlib.sha256(built.read_bytes()).hexdigest()[:16] if built.exists() else f"none (exit {result.returncode})"
                print(f"{content.relative_to(ROOT)} {suffix}: {digest}")


if __name__ == "__main__":
    main()
