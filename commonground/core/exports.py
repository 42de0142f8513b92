"""Spreadsheet exports (CSV and XLSX): the one guard against formula injection.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets, so a name such as ``=HYPERLINK(...)`` typed
by one person would act on the computer of the staff member who opens the export. Every
such text value is written with a leading apostrophe, which spreadsheets show as text.
Every CSV or XLSX export writes its rows through ``write_csv`` or ``append_row``. The one
exception is the Open Referral UK CSV package (``commonground/interop/oruk``): a data
interchange format read by programs, whose values must round-trip exactly.
"""

import csv
from collections.abc import Iterable
from typing import Any, Protocol

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Writable(Protocol):
    def write(self, text: str, /) -> Any: ...


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_cell(v) for v in values]


def write_csv(out: _Writable, rows: Iterable[Iterable[Any]]) -> None:
    writer = csv.writer(out)
    for row in rows:
        writer.writerow(safe_row(row))


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """Append to an openpyxl worksheet; text never becomes a formula cell."""
    sheet.append(safe_row(values))
