"""The ORUK CSV data package: one CSV file per table, read from a zip or a folder."""

import csv
import io
import zipfile
from collections.abc import Mapping

from commonground.interop.oruk.tables import TABLES, WHERE, Problem, Row, Tables, empty_tables

_BY_FILENAME = {spec.filename: name for name, spec in TABLES.items()}
_ALIASES = {"service_at_locations.csv": "service_at_locations", "addresses.csv": "addresses"}


def _coerce(kind: str, text: str) -> object:
    """A CSV cell as a JSON value: numbers parsed, empty cells ``None``; bad numbers kept."""
    if text == "":
        return None
    if kind in {"number", "integer"}:
        text = text.strip()
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() and "." not in text else number
    return text


def read_csv_files(files: Mapping[str, str]) -> tuple[Tables, list[Problem]]:
    """Tables from CSV texts keyed by file name (e.g. ``services.csv``)."""
    tables, problems = empty_tables(), []
    for filename, text in sorted(files.items()):
        base = filename.rsplit("/", 1)[-1]
        if base == "datapackage.json" or not base.endswith(".csv"):
            continue
        table = _BY_FILENAME.get(base) or _ALIASES.get(base)
        if table is None:
            problems.append(Problem(base, "", "malformed", "not an ORUK table"))
            continue
        spec = TABLES[table]
        reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
        try:
            rows = list(reader)
        except csv.Error as exc:
            problems.append(Problem(base, "", "malformed", str(exc)))
            continue
        for n, raw in enumerate(rows):
            where = f"{base} row {n + 2}"
            if None in raw:
                problems.append(Problem(where, "", "malformed", "more cells than columns"))
                continue
            row: Row = {WHERE: where}
            for column, text_value in raw.items():
                kind = spec.fields.get(column, "string")
                row[column] = _coerce(kind, text_value or "")
            tables[table].append(row)
    return tables, problems


def read_csv_package(data: bytes) -> tuple[Tables, list[Problem]]:
    """Tables from a zipped data package."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        files = {
            name: archive.read(name).decode("utf-8-sig")
            for name in archive.namelist()
            if name.endswith(".csv")
        }
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        return empty_tables(), [Problem("", "", "malformed", str(exc) or "not a zip file")]
    if not files:
        return empty_tables(), [Problem("", "", "malformed", "no CSV files in the zip")]
    return read_csv_files(files)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def write_csv_files(tables: Tables) -> dict[str, str]:
    """One CSV text per table, with the table's columns in order."""
    files = {}
    for name, spec in TABLES.items():
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        columns = list(spec.fields)
        writer.writerow(columns)
        for row in tables.get(name, []):
            writer.writerow([_cell(row.get(c)) for c in columns])
        files[spec.filename] = out.getvalue()
    return files


def write_csv_package(tables: Tables) -> bytes:
    """A zip of the CSV files, ready to download."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, text in write_csv_files(tables).items():
            archive.writestr(filename, text)
    return buffer.getvalue()
