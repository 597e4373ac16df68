"""What a path is when it is not a regular file, in words a message can use.

Content files and deck templates are both refused, before they are read, when they are a
folder, a named pipe (opening one waits for a writer, forever), a socket or a device.
"""

from __future__ import annotations

import stat

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def irregular(mode: int) -> str | None:
    """'a folder', 'a named pipe (FIFO)', ... for a mode that is not a regular file's; None for a file."""
    if stat.S_ISREG(mode):
        return None
    return next((label for test, label in _KINDS if test(mode)), "not a regular file")
