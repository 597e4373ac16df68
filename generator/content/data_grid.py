"""A data file's cells: CSV or XLSX bytes -> a rectangle of raw values, each with its row and column.

A briefing's figures live in spreadsheets, and retyping them is where wrong figures come from, so
a table or chart may read them from a file beside the content. The file is hostile input like the
content: its bytes are capped, an XLSX's zip directory is checked before openpyxl inflates
anything (a zip bomb costs milliseconds), and no more than MAX_CELLS cells are read. A fault of
the whole file is a DataFault, placed by the caller at the content's key it concerns. Cells are
left raw here (text, numbers, dates as the file holds them); content/data_files.py reads them
with the content's own checks.
"""

from __future__ import annotations

import csv
import io
import re
import warnings
import zipfile
from dataclasses import dataclass

from ..archives import inflation_problem
from .nodes import printable, suggest

MAX_FILE_BYTES = 20 * 2**20
MAX_MEMBER_BYTES = 50 * 2**20
MAX_TOTAL_BYTES = 100 * 2**20
MAX_CELLS = 100_000
_XLSX_HINT = "open it in Excel or LibreOffice and save it as an Excel workbook (.xlsx)"
_UTF8_HINT = "save it as UTF-8 (Excel: Save As, CSV UTF-8; LibreOffice: character set Unicode (UTF-8))"


class DataFault(Exception):
    """A fault of the whole data file or of what the content asks of it; `key` is the content's key
    it is placed at (file, sheet, range), so the message points where the fix is written."""

    def __init__(self, message: str, hint: str | None = None, key: str = "file"):
        super().__init__(message)
        self.message, self.hint, self.key = message, hint, key


class Formula(str):
    """A formula cell with no saved value (openpyxl reads values, not formulas, and has none to give)."""


class CellError(str):
    """A cell holding a spreadsheet error value (#DIV/0!, #N/A), kept apart from text that says so."""


@dataclass(frozen=True)
class Area:
    """A rectangle of cells, 1-based and inclusive, as `A1:C20` names it."""

    top: int
    left: int
    bottom: int
    right: int

    def __str__(self) -> str:
        return f"{column_letter(self.left)}{self.top}:{column_letter(self.right)}{self.bottom}"

    @property
    def cells(self) -> int:
        return (self.bottom - self.top + 1) * (self.right - self.left + 1)


@dataclass
class Grid:
    """The cells read, row by row (None for an empty cell), with the row and column of the first;
    `where` names them in messages ("sheet Monthly of data/x.xlsx"); `sheet` and `area` go into the
    block's provenance; `long_rows` are CSV rows with more fields than the header, as (row, fields)."""

    rows: list[list[object]]
    top: int
    left: int
    where: str
    sheet: str | None = None
    area: Area | None = None
    long_rows: tuple[tuple[int, int], ...] = ()


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def parse_area(text: str) -> Area | None:
    """`A1:C20` (or `$A$1:$C$20`, any case) as an Area; None when malformed or reversed."""
    match = re.fullmatch(r"\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6}):\$?([A-Za-z]{1,3})\$?([1-9][0-9]{0,6})", text.strip())
    if not match:
        return None
    numbers = [sum((ord(c) - 64) * 26**i for i, c in enumerate(reversed(match.group(g).upper()))) for g in (1, 3)]
    area = Area(int(match.group(2)), numbers[0], int(match.group(4)), numbers[1])
    if area.right > 16384 or area.bottom > 1048576 or area.top > area.bottom or area.left > area.right:
        return None
    return area


def read_grid(data: bytes, shown: str, kind: str, sheet: str | None, area: Area | None, delimiter: str | None) -> Grid:
    """The cells of `area` (default: all the data) of a CSV file or of one sheet of an XLSX workbook."""
    if kind == "xlsx":
        return _xlsx_grid(data, shown, sheet, area)
    return _csv_grid(_csv_text(data, shown), shown, area, delimiter)


# --- CSV --------------------------------------------------------------------------------


def _csv_text(data: bytes, shown: str) -> str:
    """UTF-8 with or without its byte-order mark; anything else is refused with how to save it."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DataFault(f"{shown} is UTF-16 text; CSV files are read as UTF-8", _UTF8_HINT)
    if data.startswith(b"PK\x03\x04"):
        raise DataFault(f"{shown} is a zip package (an XLSX workbook?), not CSV text", "name a workbook .xlsx")
    if b"\x00" in data:
        raise DataFault(f"{shown} holds binary data (a NUL byte), expected CSV text", _UTF8_HINT)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DataFault(f"{shown} is not UTF-8 text (byte 0x{data[error.start]:02x} on line {line})", _UTF8_HINT) from None


def sniff_delimiter(text: str) -> str:
    """The delimiter the header line uses most, outside quotes: comma, semicolon or tab (comma on a tie)."""
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for char in text:
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            break
        elif char in counts and not quoted:
            counts[char] += 1
    return max(counts, key=lambda d: counts[d])  # max keeps the first of equals: the comma


def _csv_grid(text: str, shown: str, area: Area | None, delimiter: str | None) -> Grid:
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text), strict=True)
    rows: list[list[object]] = []
    widths: list[int] = []
    count, number = 0, 0
    try:
        for number, record in enumerate(records, 1):
            if area and number < area.top:
                continue
            if area and number > area.bottom:
                break
            widths.append(len(record))
            record = record[area.left - 1:area.right] if area else record
            count += max(len(record), 1)
            if count > MAX_CELLS:
                raise DataFault(f"{shown} holds more than {MAX_CELLS:,} cells, more than a data file may give",
                                "give `range:` with only the cells the block uses", "range" if area else "file")
            rows.append([field.strip() or None for field in record])
    except csv.Error as error:
        raise DataFault(f"{shown} does not read as CSV on line {records.line_num}: {error}",
                        "a field holding the delimiter, a quote or a line break must be in double quotes") from None
    if area and (number < area.bottom or max(widths, default=0) < area.right):
        extent = Area(1, 1, max(number, 1), max(max(widths, default=1), 1))
        raise DataFault(f"the range {area} reaches past the data of {shown} ({extent})",
                        "give a range inside the file's rows and columns", "range")
    return _rectangle(rows, shown, area)


def _rectangle(rows: list[list[object]], shown: str, area: Area | None) -> Grid:
    """Rows padded to one width: the range's, else the header's. A row longer than the header is
    kept aside to be reported, since it usually means a number written as 1,234 in a comma file."""
    width = (area.right - area.left + 1) if area else len(rows[0]) if rows else 0
    long_rows = tuple((index, len(row)) for index, row in enumerate(rows, 1)
                      if len(row) > width and any(cell is not None for cell in row[width:]))
    grid = [(row + [None] * width)[:width] for row in rows]
    where = f"the range {area} of {shown}" if area else shown
    return Grid(grid, area.top if area else 1, area.left if area else 1, where, None, area, long_rows)


# --- XLSX -------------------------------------------------------------------------------


def _xlsx_grid(data: bytes, shown: str, sheet: str | None, area: Area | None) -> Grid:
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DataFault(f"{shown} is an Excel 97-2003 (.xls) or password-protected workbook, not an XLSX workbook",
                        f"{_XLSX_HINT}, without a password")
    if not zipfile.is_zipfile(io.BytesIO(data)):
        found = "a damaged or cut-short zip package" if data.startswith(b"PK") else "not a zip package"
        raise DataFault(f"{shown} is not an XLSX workbook (it is {found})", f"{_XLSX_HINT}; a CSV file must be named .csv")
    problem = inflation_problem(data, MAX_MEMBER_BYTES, MAX_TOTAL_BYTES)
    if problem:
        raise DataFault(f"{shown} {problem}, so it is not read", "a data workbook is a few MB unpacked: check this is the file you meant")
    book = _open_book(data, shown, values=True)
    try:
        worksheet, read, rows = _sheet_cells(book, shown, sheet, area)
    except DataFault:
        raise
    except Exception as error:  # a part's XML damaged or hostile (an entity bomb): openpyxl and its parser raise many kinds
        raise DataFault(f"{shown} cannot be read as an XLSX workbook ({type(error).__name__})", _XLSX_HINT) from None
    finally:
        book.close()
    where = f"sheet {printable(worksheet.title)} of {shown}"
    if any(value is None for row in rows for value in row):
        _mark_formulas(data, shown, worksheet.title, read, rows)
    return Grid(rows, read.top, read.left, f"the range {area} of {where}" if area else where, worksheet.title, read)


def _sheet_cells(book, shown: str, sheet: str | None, area: Area | None):
    """The worksheet, the area read (the range asked for, else the sheet's data) and its cells."""
    worksheet = _worksheet(book, shown, sheet)
    where = f"sheet {printable(worksheet.title)} of {shown}"
    extent = _extent(worksheet, where)
    if area and (area.bottom > extent.bottom or area.right > extent.right):
        raise DataFault(f"the range {area} reaches past the data of {where} ({extent})",
                        "give a range inside the sheet's cells with data", "range")
    read = area or extent
    if read.cells > MAX_CELLS:
        raise DataFault(f"{'the range ' + str(read) + ' of ' if area else ''}{where} holds {read.cells:,} cells, more than "
                        f"a data file may give ({MAX_CELLS:,})", "give `range:` with only the cells the block uses",
                        "range" if area else "file")
    return worksheet, read, _cells(worksheet, read)


def _open_book(data: bytes, shown: str, values: bool):
    import openpyxl  # loaded only for a workbook: most briefings never need it

    with warnings.catch_warnings():  # openpyxl warns of styles and extensions it skips; the values are read
        warnings.simplefilter("ignore")
        try:
            return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=values)
        except KeyError:
            raise DataFault(f"{shown} is a zip package but not an XLSX workbook (it has no workbook part)", _XLSX_HINT) from None
        except Exception as error:  # damaged or hostile XML: openpyxl and its parser raise many kinds
            raise DataFault(f"{shown} cannot be read as an XLSX workbook ({type(error).__name__})", _XLSX_HINT) from None


def _worksheet(book, shown: str, sheet: str | None):
    names = list(book.sheetnames)
    listed = ", ".join(printable(name) for name in names)
    if sheet is None:
        if not book.worksheets:
            raise DataFault(f"{shown} has no worksheet (its sheets: {listed})")
        return book.worksheets[0]
    if sheet not in names:
        near = suggest(sheet, names)
        raise DataFault(f"{shown} has no sheet {printable(sheet)!r}; its sheets: {listed}",
                        f"did you mean {near!r}?" if near else None, "sheet")
    if sheet not in [worksheet.title for worksheet in book.worksheets]:
        raise DataFault(f"sheet {printable(sheet)!r} of {shown} is a chart sheet, with no cells", None, "sheet")
    return book[sheet]


def _extent(worksheet, where: str) -> Area:
    """The sheet's cells with data, as its dimension records them; a workbook written without one
    is walked, up to the cap."""
    if worksheet.max_row and worksheet.max_column:
        return Area(worksheet.min_row or 1, worksheet.min_column or 1, worksheet.max_row, worksheet.max_column)
    bottom = right = count = 0
    for row in worksheet.iter_rows():
        for cell in row:
            count += 1
            if count > MAX_CELLS:
                raise DataFault(f"{where} holds more than {MAX_CELLS:,} cells, more than a data file may give",
                                "give `range:` with only the cells the block uses")
            if cell.value is not None:
                bottom, right = max(bottom, cell.row), max(right, cell.column)
    return Area(1, 1, max(bottom, 1), max(right, 1))


def _cells(worksheet, area: Area) -> list[list[object]]:
    return [[CellError(cell.value) if cell.data_type == "e" else cell.value for cell in row]
            for row in worksheet.iter_rows(min_row=area.top, max_row=area.bottom, min_col=area.left, max_col=area.right)]


def _mark_formulas(data: bytes, shown: str, title: str, area: Area, rows: list[list[object]]) -> None:
    """Empty cells read again with formulas kept: one holding a formula has no saved value (a file
    written by a program rather than saved from a spreadsheet), which must not read as empty."""
    book = _open_book(data, shown, values=False)
    try:
        again = _cells(book[title], area)
    except Exception as error:  # read once already, so this is a file changed in between or parsed differently
        raise DataFault(f"{shown} cannot be read as an XLSX workbook ({type(error).__name__})", _XLSX_HINT) from None
    finally:
        book.close()
    for row, formulas in zip(rows, again):
        for index, value in enumerate(formulas):
            if row[index] is None and value is not None:
                row[index] = Formula(value if isinstance(value, str) else getattr(value, "text", "") or "=")
