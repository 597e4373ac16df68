"""Tables and charts whose data comes from a file: the header picked apart, each cell read as the
column or the chart wants it (content/data_files.py reads the file and checks each cell).

A table's file gives a header row, then rows; the table's `columns` pick from it by name, so the
file may hold more columns, in any order. A chart's file gives its categories in the first column
and a series in each further column, named by the header row.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from yaml.nodes import Node, SequenceNode

from ..model import Cell, Column, DataOrigin, NumberFormat, Series
from .data_files import CellReader, number_text, read_data
from .data_grid import Grid, column_letter
from .nodes import Fields, suggest

if TYPE_CHECKING:
    from .document import DocumentReader

Rows = list[tuple[int, list[object]]]


def _header_and_body(reader: DocumentReader, node: Node, path: str):
    """The data file's grid, provenance and cell reader, with its header row and data rows; None
    when the file, or its header, was reported."""
    read = read_data(reader, node, path)
    split = split_header(reader, node, path, read[0]) if read else None
    if read is None or split is None:
        return None
    return (*read, *split)


def table_from_file(reader: DocumentReader, fields: Fields, columns: list[Column] | None
                    ) -> tuple[list[Column], list[tuple[Cell, ...]], DataOrigin] | None:
    """The table's columns (the header's when the table names none), rows and provenance; None
    when anything was reported."""
    node, path = fields.get("rows"), fields.child("rows")
    found = _header_and_body(reader, node, path)
    if found is None:
        return None
    grid, origin, cells, header, body = found
    names = [cells.text_of(value, grid.top, grid.left + index) for index, value in enumerate(header)]
    long_rows(cells, grid)
    if columns is None:
        columns, picks = derived_columns(cells, names, body, grid), list(range(len(names)))
    else:
        picks = pick_columns(reader, fields, names, columns, grid.where)
    rows = [tuple(_cell(cells, row[index], number, grid.left + index, column) for index, column in zip(picks, columns))
            for number, row in body] if picks is not None else []
    if not cells.report(reader) or picks is None:
        return None
    return columns, rows, origin


def _cell(cells: CellReader, value: object, row: int, column: int, kind: Column) -> Cell:
    if not _filled(value):
        return None
    if kind.format is not None:
        return cells.figure_of(value, row, column, kind.format)
    return cells.text_of(value, row, column)


def pick_columns(reader: DocumentReader, fields: Fields, names: list[str | None], columns: list[Column], where: str) -> list[int] | None:
    """Where each of the table's columns sits in the file, found by its name in the header."""
    node = fields.get("columns")
    nodes = node.value if isinstance(node, SequenceNode) and len(node.value) == len(columns) else [node] * len(columns)
    header = [name for name in names if name]
    picks = []
    for index, (column, at) in enumerate(zip(columns, nodes)):
        found = [place for place, name in enumerate(names) if name == column.name]
        path = f"{fields.child('columns')}[{index}]"
        if len(found) == 1:
            picks.append(found[0])
        elif not found:
            near = suggest(column.name, header)
            reader.error(at, path, f"{where} has no column {column.name!r}; its header: {', '.join(header)}",
                         f"did you mean {near!r}?" if near else "a column is picked by its name in the file's first row")
        else:
            letters = ", ".join(column_letter(place + 1) for place in found)
            reader.error(at, path, f"the header of {where} names {column.name!r} {len(found)} times (columns {letters})",
                         "give each column of the file its own name")
    return picks if len(picks) == len(columns) else None


def chart_from_file(reader: DocumentReader, fields: Fields, number_format: NumberFormat | None
                    ) -> tuple[tuple[str, ...], list[Series], DataOrigin] | None:
    """The chart's categories (first column), series (one per further column, named by the header)
    and provenance; None when anything was reported."""
    node, path = fields.values["data"], fields.child("data")  # null included: reported as not a mapping
    both = [key for key in ("categories", "series") if key in fields.values]
    if both:
        reader.error(node, path, "a chart takes its data from `data` (a file) or from `categories` and `series`, not both",
                     f"remove {' and '.join(both)}, or remove data")
        return None
    found = _header_and_body(reader, node, path)
    if found is None:
        return None
    grid, origin, cells, header, body = found
    if len(header) < 2:
        reader.error(node, path, f"{grid.where} has one column; a chart needs its categories in the first column "
                     "and a series in each column after it")
        return None
    long_rows(cells, grid)
    categories = tuple(_category(cells, row[0], number, grid.left) for number, row in body)
    series = [_series(cells, header, body, index, grid, number_format) for index in range(1, len(header))]
    if not cells.report(reader):
        return None
    return categories, series, origin


def _category(cells: CellReader, value: object, row: int, column: int) -> str:
    if not _filled(value):
        cells.at(row, column, "the category is empty", "give every row a category in the first column")
    return cells.text_of(value, row, column) or ""


def _series(cells: CellReader, header: list[object], body: Rows, index: int, grid: Grid, number_format: NumberFormat | None) -> Series:
    column = grid.left + index
    if not _filled(header[index]):
        cells.at(grid.top, column, "the series in this column has no name", "name each series in the header row")
    name = cells.text_of(header[index], grid.top, column) or ""
    values: list[float | None] = []
    for row, cells_of_row in body:
        value = cells_of_row[index]  # an empty cell is a value the source lacks: a gap, as `null` is in YAML
        values.append(cells.figure_of(value, row, column, number_format) or 0.0 if _filled(value) else None)
    if all(value is None for value in values):
        cells.at(grid.top, column, f"the series {name!r} has no values", "give at least one value in its column")
    return Series(name, tuple(values))


def split_header(reader: DocumentReader, node: Node, path: str, grid: Grid) -> tuple[list[object], Rows] | None:
    """The header row and the data rows with their row numbers; rows with every cell empty are left
    out. An empty file, an empty header and a header with no rows under it are reported here."""
    filled = [(grid.top + index, row) for index, row in enumerate(grid.rows) if any(_filled(v) for v in row)]
    if not filled:
        reader.error(node, path, f"{grid.where} is empty; expected a header row, then rows of data")
        return None
    if not grid.rows or filled[0][0] != grid.top:
        reader.error(node, path, f"the first row of {grid.where}, its header, is empty",
                     "the first row (of the range) names the columns")
        return None
    if len(filled) == 1:
        reader.error(node, path, f"{grid.where} has a header row but no rows of data")
        return None
    return filled[0][1], filled[1:]


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


def long_rows(cells: CellReader, grid: Grid) -> None:
    """CSV rows with more fields than the header: a thousands separator in a comma file, usually."""
    width = len(grid.rows[0]) if grid.rows else 0
    for row, count in grid.long_rows:
        cells.at(row, width + 1, f"this row has {count} fields, the header has {width}",
                 "write numbers without thousands separators (1234, not 1,234), and quote a text holding the delimiter")


def derived_columns(cells: CellReader, names: list[str | None], body: Rows, grid: Grid) -> list[Column]:
    """Columns from the header when the table gives none: a column whose every filled cell is a
    number is a number column (default format, right-aligned), any other a text column."""
    columns = []
    for index, name in enumerate(names):
        if name is None:
            cells.at(grid.top, grid.left + index, "the header row has no name for this column",
                     "name every column in the first row, or give `columns:` to pick the ones to show")
        filled = [row[index] for _, row in body if _filled(row[index])]
        numeric = bool(filled) and all(number_text(value, cells.workbook) is not None for value in filled)
        columns.append(Column(name or "", "right", NumberFormat(locale=cells.locale)) if numeric else Column(name or ""))
    return columns
