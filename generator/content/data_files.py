"""A table's rows and a chart's values read from a CSV or XLSX file named by the content.

`rows: {file: data/regions.csv}` and `data: {file: data/x.xlsx, sheet: Monthly, range: A1:D61}`.
Each cell goes through the content's own checks (a number must be finite, below 10^15 and not
hidden by its format; text must be showable), read by a CellReader whose problems are placed at
the data file's row and column, carry the content's path, and name the place in the content that
uses the file: the fix is made in the data file, the reader must find both. At most
MAX_PROBLEMS problems are listed per file, then how many more. A fault of the whole file (missing,
not a workbook, no such sheet, an empty file) is placed at the content's key that names it.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

from yaml.nodes import Node, ScalarNode
from yaml.error import Mark

from ..errors import Diagnostic
from ..file_kinds import FileRefused, read_described
from ..model import DataOrigin, NumberFormat, Origin
from .data_grid import MAX_FILE_BYTES, CellError, DataFault, Formula, Grid, column_letter, parse_area, read_grid
from .formats import FormatReader
from .nodes import Fields, describe, printable
from .numbers import plain_number

if TYPE_CHECKING:
    from .document import DocumentReader

DATA_KEYS = ("file", "sheet", "range", "delimiter")
MAX_PROBLEMS = 20
_TAG = "tag:yaml.org,2002:"
_PLAIN = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")  # -1.0, 5098666, 1e6
_DELIMITERS = {",": ",", ";": ";", "|": "|", "\t": "\t", "tab": "\t"}
_NUMBER_HINT = "write a plain decimal number, such as -1.0, 5098666 or 1e6"


class CellReader(FormatReader):
    """Reads one data file's cells with the content's own checks, each problem placed at its row and
    column of the data file (and for a workbook its cell, Regions!C14)."""

    def __init__(self, shown: str, owner: FormatReader, used_by: Origin, grid: Grid):
        super().__init__(shown)
        self.locale = owner.locale
        self.used_by, self.grid = used_by, grid
        self.workbook = grid.sheet is not None

    def node(self, value: str, row: int, column: int, tag: str = "str") -> ScalarNode:
        """A scalar standing for one cell, so the content's readers check it and place it."""
        mark = Mark(self.file, 0, row - 1, column - 1, None, None)
        return ScalarNode(_TAG + tag, value, mark, mark)

    def at(self, row: int, column: int, message: str, hint: str | None = None) -> None:
        self.error(self.node("", row, column), self.used_by.path, message, hint)

    def text_of(self, value: object, row: int, column: int) -> str | None:
        """A cell as text: a number as written plainly (2024, not 2024.0), a date as 2023-02-01."""
        if value is None or isinstance(value, str) and not value.strip():
            return None
        if isinstance(value, (Formula, CellError)):
            return self.bad_cell(value, row, column)
        if isinstance(value, bool):
            text = "TRUE" if value else "FALSE"
        elif isinstance(value, (int, float)):
            text = plain_number(value)
        elif isinstance(value, datetime.datetime):
            text = value.date().isoformat() if value.time() == datetime.time() else value.isoformat(sep=" ")
        else:
            text = value.isoformat() if isinstance(value, (datetime.date, datetime.time)) else str(value)
        return self.text(self.node(text, row, column), self.used_by.path)

    def figure_of(self, value: object, row: int, column: int, number_format: NumberFormat | None,
                  minimum: float | None = None) -> float | None:
        """A number cell, checked as a figure of the content is: None when empty or reported."""
        if isinstance(value, (Formula, CellError)):
            return self.bad_cell(value, row, column)
        written = number_text(value, self.workbook)
        if written is None:
            self.not_a_number(value, row, column)
            return None
        tag = "int" if re.fullmatch(r"[-+]?[0-9]+", written) else "float"
        return self.figure(self.node(written, row, column, tag), self.used_by.path, number_format, minimum)

    def not_a_number(self, value: object, row: int, column: int) -> None:
        if isinstance(value, str):
            node = self.node(value.strip(), row, column)
            self.expect(node, self.used_by.path, "a number", _text_hint(value.strip(), self.workbook))
        else:
            kind = "the date" if isinstance(value, (datetime.date, datetime.time)) else "the value"
            self.at(row, column, f"expected a number, found {kind} {self.text_of(value, row, column)}", _NUMBER_HINT)

    def bad_cell(self, value: str, row: int, column: int) -> None:
        if isinstance(value, Formula):
            self.at(row, column, f"the cell holds a formula ({printable(value[:40])}) with no saved value",
                    "open the file in Excel or LibreOffice and save it, so each formula's value is stored with it")
        else:
            self.at(row, column, f"the cell holds the error {printable(value)}", "correct the formula, or leave the cell empty")

    def report(self, owner: DocumentReader) -> bool:
        """Hand this file's problems to the content's reader, capped, each naming the place that uses
        the file; True when there were none."""
        problems = sorted(self.diagnostics, key=lambda problem: (problem.line, problem.column))
        for problem in problems[:MAX_PROBLEMS]:
            owner.data_problem(self.placed(problem), self.used_by)
        if len(problems) > MAX_PROBLEMS:
            first = problems[MAX_PROBLEMS]
            more = f"{len(problems) - MAX_PROBLEMS} more problems in {self.file} are not listed"
            owner.data_problem(Diagnostic(first.file, first.line, first.column, first.path, more, f"used by {self.used_by}"), self.used_by)
        return not problems

    def placed(self, problem: Diagnostic) -> Diagnostic:
        message = problem.message
        if self.workbook:
            message += f" (cell {sheet_reference(self.grid.sheet)}!{column_letter(problem.column)}{problem.line})"
        used = f"used by {self.used_by}"
        hint = f"{problem.hint}; {used}" if problem.hint else used
        return Diagnostic(problem.file, problem.line, problem.column, problem.path, message, hint)


def number_text(value: object, workbook: bool) -> str | None:
    """A cell's number as the content would write it, or None: a workbook's numeric cell, or CSV
    text in plain decimal notation. `1,234` and `12%` are text, never guessed at, and so is a
    workbook's text cell, whatever it holds."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return plain_number(value)
    if not workbook and isinstance(value, str) and _PLAIN.fullmatch(value.strip()) and not isinstance(value, (Formula, CellError)):
        written = value.strip()  # a leading zero (007) is no octal here: the plain reading is meant
        return plain_number(float(written)) if re.match(r"[-+]?0[0-9]", written) else written
    return None


def sheet_reference(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", name) else "'" + name.replace("'", "''") + "'"


def _text_hint(text: str, workbook: bool) -> str:
    if re.fullmatch(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?", text):
        return f"write the number without thousands separators: {text.replace(',', '')}"
    if re.fullmatch(r"[-+]?[0-9.]+\s*%", text):
        return f"write {text.rstrip('% ')} and give the column (or chart) format: percent"
    if workbook and number_text(text, False):
        return "the cell holds the number as text: format it as a number in the spreadsheet"
    return _NUMBER_HINT


def read_data(reader: DocumentReader, node: Node, path: str) -> tuple[Grid, DataOrigin, CellReader] | None:
    """The file a `{file: ..., sheet: ..., range: ...}` mapping names, read into cells."""
    fields = reader.mapping(node, path, DATA_KEYS, required=("file",))
    if fields is None:
        return None
    written, sheet = fields.text("file"), fields.text("sheet")
    area = _area(reader, fields)
    delimiter = _delimiter(reader, fields)
    if not written or (fields.get("sheet") and sheet is None) or area is False or delimiter is False:
        return None
    kind = Path(written).suffix.lower().lstrip(".")
    if kind not in ("csv", "xlsx"):
        reader.error(fields.get("file"), fields.child("file"), f"expected a .csv or .xlsx file, found {printable(written)!r}",
                     "save the data as CSV UTF-8 or as an Excel workbook (.xlsx)")
        return None
    wrong = "sheet" if kind == "csv" and sheet else "delimiter" if kind == "xlsx" and delimiter else None
    if wrong:
        reader.error(fields.get(wrong), fields.child(wrong), f"`{wrong}` is for {'.xlsx' if wrong == 'sheet' else '.csv'} files only")
        return None
    place = Path(written) if Path(written).is_absolute() else Path(reader.file).parent / written
    try:
        data = _data_bytes(place, str(place))
        grid = read_grid(data, str(place), kind, sheet, area, delimiter)
    except DataFault as fault:
        key = fault.key if fields.get(fault.key) is not None else "file"
        reader.error(fields.get(key), fields.child(key), fault.message, fault.hint)
        return None
    origin = DataOrigin(written, hashlib.sha256(data).hexdigest()[:12], grid.sheet, str(grid.area) if grid.area else None)
    return grid, origin, CellReader(str(place), reader, reader.origin(node, path), grid)


def _data_bytes(path: Path, shown: str) -> bytes:
    try:
        return read_described(path, MAX_FILE_BYTES, "data file", shown, "a CSV or XLSX file")
    except FileRefused as refused:
        hint = {"too large": "give the briefing only the sheet or the columns it shows",
                "changed": "build again once it is saved"}.get(refused.reason,
                                                              "give the path of a .csv or .xlsx file, relative to the content file")
        raise DataFault(refused.words, hint) from None


def _area(reader: DocumentReader, fields: Fields):
    """The `range:` asked for, None when not given, False when malformed (reported)."""
    node, text = fields.get("range"), fields.text("range")
    if node is None:
        return None
    area = parse_area(text) if text else None
    if area is None and text is not None:
        reader.error(node, fields.child("range"), f"expected a range such as A1:C20, found {printable(text)!r}",
                     "the cell at its top left, a colon, the cell at its bottom right")
    return area if area is not None else False


def _delimiter(reader: DocumentReader, fields: Fields):
    node = fields.get("delimiter")
    if node is None:
        return None
    value = node.value if isinstance(node, ScalarNode) else None
    if value not in _DELIMITERS:
        reader.error(node, fields.child("delimiter"), f"expected one of , ; | tab, found {describe(node)}")
        return False
    return _DELIMITERS[value]
