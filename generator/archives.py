"""How far a zip package would inflate, judged from its zip directory before anything is inflated.

Deck templates and XLSX data files are both zip packages that a library (python-pptx, openpyxl)
inflates member by member. A small file can declare gigabytes (a zip bomb), so each caller checks
the declared sizes against its own caps first and refuses the file in milliseconds.
"""

from __future__ import annotations

import io
import zipfile


def inflation_problem(data: bytes, max_member: int, max_total: int) -> str | None:
    """Why the package would inflate too far, from the sizes its zip directory declares, worded to
    follow the file's name ("... has a part (x) that inflates to 900 MB, more than 100 MB"); None when
    it stays within the caps or is no zip at all (the caller's library names that). Python's zipfile
    never inflates a member past its declared size (a member whose header lies about it fails its
    length and CRC check), so the declared sizes bound what the library can inflate."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    total = 0
    for member in members:
        if member.file_size > max_member:
            return (f"has a part ({member.filename}) that inflates to {member.file_size / 2**20:,.0f} MB, "
                    f"more than {max_member // 2**20} MB")
        total += member.file_size
        if total > max_total:
            return f"inflates to more than {max_total // 2**20} MB"
    return None
