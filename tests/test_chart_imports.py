"""matplotlib is loaded only to paint a picture: planning, measuring and the PDF never import it.

Each case runs in a fresh interpreter, since this test process has long loaded matplotlib.
"""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

_BUILD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from generator.build import prepare
from generator.writers import Options
{patch}
prepare(Path({content!r}), ("pdf",))  # briefing build --format pdf
prepare(Path({content!r}), options=Options(pptx_charts="native"))  # briefing check --pptx-charts native
print(sorted(name for name in ("matplotlib", "reportlab", "pptx", "pikepdf") if name in sys.modules))
"""

def _loaded(patch: str) -> str:
    script = _BUILD.format(root=str(ROOT), content=str(ROOT / "content" / "briefing.yaml"), patch=patch)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT).stdout.strip()


def test_a_pdf_build_and_a_native_chart_check_never_load_matplotlib():
    # check lays the deck out without drawing it, so python-pptx stays unloaded, and lays the PDF out
    # without writing its structure tree, so pikepdf does too
    assert _loaded("") == "['reportlab']"


def test_planning_and_measuring_charts_load_neither_matplotlib_nor_reportlab():
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\n"
              "from generator.charts import render_chart, needed_height\n"
              "from generator.measure import text_width, wrap\n"
              "from generator.model import ChartBlock, Series\n"
              "for kind in ('bar', 'hbar'):\n"
              "    for series in ((Series('A', (3.0, -1.0)),), (Series('A', (1.0, 2.0)), Series('B', (2.0, 5.0)))):\n"
              "        block = ChartBlock('T', ('North', 'A long southern region'), series, ('s',), kind=kind)\n"
              "        render_chart(block).vector, needed_height(block, __import__('generator.theme').theme.DEFAULT_THEME)\n"
              "wrap('a few words to wrap', 40, 12), text_width('x', 9)\n"
              "print(sorted(name for name in ('matplotlib', 'reportlab', 'PIL') if name in sys.modules))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
