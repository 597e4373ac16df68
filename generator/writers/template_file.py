"""The deck template's bytes, read and checked before anything is drawn: a regular file, not too
large, and a zip package that cannot inflate past the caps.

A template is read whole into memory and python-pptx inflates every member of it, so a small file
that inflates to gigabytes (a zip bomb) is refused here, from its zip directory, before it is
parsed; the build does this right after reading the content, so such a file is refused before
any chart is drawn. The bytes checked are the bytes the deck is built on.
"""

from __future__ import annotations

from ..archives import inflation_problem
from ..errors import ContentError, Diagnostic
from ..file_kinds import FileRefused, read_regular
from ..model import Origin

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_MEMBER_BYTES = 100 * 1024 * 1024
MAX_TOTAL_BYTES = 200 * 1024 * 1024


def read_template(path: str, origin: Origin | None) -> bytes:
    """The checked bytes of the template at `path`; `origin` is where the content names it (None
    when it came from the command line). Raises ContentError, placed at `origin` when there is one."""
    return _template_bytes(path, origin is not None and bool(origin.line), lambda message, hint: refusal(path, origin, message, hint))


def refusal(path: str, origin: Origin | None, message: str, hint: str) -> ContentError:
    """A template problem, placed where the content names the template, else at the file itself."""
    if origin is not None and origin.line:
        return ContentError([Diagnostic.at(origin, message, hint=hint)])
    return ContentError([Diagnostic(path, 0, 0, "", message, hint)])


def _template_bytes(path: str, named_elsewhere: bool, refuse) -> bytes:
    """The template's bytes, read once from a regular file of at most MAX_FILE_BYTES whose zip
    members declare no more than the caps. A folder, pipe or device is refused, never read (a pipe
    would hang the build), and the bytes checked are the bytes parsed (`file_kinds.read_regular`)."""
    subject = f"the deck template {path}" if named_elsewhere else "this"  # the message follows the file's name
    template = subject if named_elsewhere else "this template"
    hint = "give the path of a .pptx file, relative to the content file"
    try:
        data, size = read_regular(path, MAX_FILE_BYTES)
    except FileRefused as refused:
        if refused.reason == "too large":
            raise refuse(f"{template} is {refused.detail / 2**20:.0f} MB, more than a deck template may be "
                         f"({MAX_FILE_BYTES // 2**20} MB)", "remove large media from the template's master and layouts") from None
        raise refuse({"missing": f"the deck template {path} does not exist",
                      "unreadable": f"the deck template {path} cannot be read ({refused.detail})",
                      "irregular": f"{subject} is {refused.detail}, expected a PowerPoint file (.pptx)"}[refused.reason],
                     hint) from None
    if len(data) > size:  # it grew after it was opened: a file still being written
        raise refuse(f"the deck template {path} changed while it was read", "build again once it is saved")
    inflation = inflation_problem(data, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES)
    if inflation:
        raise refuse(f"{template} {inflation}, so it is not read",
                     "a deck template is a few MB unpacked: check this is the template you meant")
    return data
