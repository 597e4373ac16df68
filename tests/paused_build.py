"""`briefing` with a pause before every rename of an output, so a test can kill it while a
temporary sits on disk.

The pause is put in from here, around `os.replace`, so the build the user runs has no hook for it:
    python tests/paused_build.py SECONDS build CONTENT --out FOLDER
"""

import os
import sys
import time

from generator import outputs
from generator.cli import main


class _PausedOs:
    """`os` as `generator.outputs` sees it, except that a rename waits first."""

    def __init__(self, pause: float):
        self._pause = pause

    def __getattr__(self, name: str):
        return getattr(os, name)

    def replace(self, source, target) -> None:
        time.sleep(self._pause)
        os.replace(source, target)


if __name__ == "__main__":
    outputs.os = _PausedOs(float(sys.argv[1]))
    sys.exit(main(sys.argv[2:]))
