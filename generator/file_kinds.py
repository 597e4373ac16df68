"""Reading a path that must be a regular file, and naming what it is when it is not.

Content files and deck templates are both refused, before they are read, when they are a
folder, a named pipe (opening one waits for a writer, forever), a socket or a device, or larger
than their cap. Each caller words the refusal for its own file.
"""

from __future__ import annotations

import os
import stat

_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def irregular(mode: int) -> str | None:
    """'a folder', 'a named pipe (FIFO)', ... for a mode that is not a regular file's; None for a file."""
    if stat.S_ISREG(mode):
        return None
    return next((label for test, label in _KINDS if test(mode)), "not a regular file")


class FileRefused(Exception):
    """Why a path cannot be read as a file: `reason` is "missing", "irregular", "unreadable",
    "too large" or "changed"; `detail` the kind of path, the system's words, or the size in bytes."""

    def __init__(self, reason: str, detail: str | int | None = None):
        super().__init__(reason)
        self.reason, self.detail = reason, detail
        self.words = ""  # the refusal in the author's words, when read_described words it


def read_regular(path: str | os.PathLike, cap: int) -> tuple[bytes, int]:
    """A regular file's bytes (at most `cap` + 1 of them, so growth past the cap shows) and the size
    it had when opened. The path is looked at before it is opened, so a pipe or a device is refused
    unopened; it is then opened without blocking and checked again by its descriptor, so a path
    swapped for a pipe in between is refused too, and the bytes checked are the bytes read."""
    try:
        kind = irregular(os.stat(path).st_mode)  # follows symbolic links: a link to a file is that file
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefused("missing") from None
    except OSError as error:
        raise FileRefused("unreadable", error.strerror or str(error)) from None
    if kind:
        raise FileRefused("irregular", kind)
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (FileNotFoundError, NotADirectoryError):
        raise FileRefused("missing") from None
    except OSError as error:
        raise FileRefused("unreadable", error.strerror or str(error)) from None
    with os.fdopen(descriptor, "rb") as stream:
        info = os.fstat(descriptor)
        if kind := irregular(info.st_mode):
            raise FileRefused("irregular", kind)
        if info.st_size > cap:
            raise FileRefused("too large", info.st_size)
        try:  # what the file holds, then whatever it grew by, up to the cap: no buffer larger than the file
            data = stream.read(info.st_size + 1)
            if len(data) > info.st_size:
                data += stream.read(cap + 1 - len(data))
        except OSError as error:
            raise FileRefused("unreadable", error.strerror or str(error)) from None
    return data, info.st_size


def read_described(path: str | os.PathLike, cap: int, what: str, shown: str, expected: str) -> bytes:
    """A regular file's bytes, for a file the content names (an image, a data file); raises
    FileRefused with `words` set to the refusal as the author reads it: "the image a.png does not
    exist", "a.png is 21.0 MB, more than an image may be (20 MB)", "a.png is a folder, expected a
    PNG or JPEG file", or that it changed while it was read (a file still being written)."""
    try:
        data, size = read_regular(path, cap)
    except FileRefused as refused:
        if refused.reason == "too large":
            refused.words = f"{shown} is {refused.detail / 2**20:.1f} MB, more than {_article(what)} {what} may be ({cap // 2**20} MB)"
        else:
            refused.words = {"missing": f"the {what} {shown} does not exist",
                             "unreadable": f"the {what} {shown} cannot be read ({refused.detail})",
                             "irregular": f"{shown} is {refused.detail}, expected {expected}"}[refused.reason]
        raise
    if len(data) > size:
        refused = FileRefused("changed")
        refused.words = f"the {what} {shown} changed while it was read"
        raise refused
    return data


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"
