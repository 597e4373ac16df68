"""The installed package, not the source tree: a wheel built from the project holds every module and
the fonts, and each module imports from the wheel alone.

Tests run from the source tree, so a subpackage the packaging missed would pass them all and still
break `pip install`; this test builds the wheel the way pip does and imports from it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "generator"


def _modules() -> list[str]:
    names = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "__main__.py":
            continue  # importing it runs the command line
        parts = path.relative_to(ROOT).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def _wheel(tmp_path: Path) -> Path:
    """Build from a copy, so the build's scratch folders never land in the source tree."""
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "output", "build", "*.egg-info",
                                                                   "__pycache__", ".pytest_cache"))
    script = ("import sys, setuptools.build_meta as backend; "
              "print(backend.build_wheel(sys.argv[1]))")
    built = subprocess.run([sys.executable, "-c", script, str(tmp_path / "dist")], cwd=source,
                           capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr[-2000:]
    return tmp_path / "dist" / built.stdout.strip().splitlines()[-1]


def test_the_wheel_holds_every_module_and_font_and_each_imports_from_it(tmp_path: Path):
    wheel = _wheel(tmp_path)
    unpacked = tmp_path / "unpacked"
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        archive.extractall(unpacked)
    sources = {str(path.relative_to(ROOT)) for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts}
    assert sources - names == set(), "files of the package missing from the wheel"

    modules = _modules()
    script = ("import importlib, sys; sys.path.insert(0, sys.argv[1]); "
              "[importlib.import_module(name) for name in sys.argv[2:]]; "
              "import generator; print(generator.__file__)")
    imported = subprocess.run([sys.executable, "-I", "-c", script, str(unpacked), *modules], cwd=tmp_path,
                              capture_output=True, text=True, timeout=300)
    assert imported.returncode == 0, imported.stderr[-2000:]
    assert imported.stdout.strip().startswith(str(unpacked)), imported.stdout
    assert len(modules) > 30
