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


class _TooManyRows(Exception):
    pass


def read_csv_files(
    files: Mapping[str, str], max_rows: int | None = None
) -> tuple[Tables, list[Problem]]:
    """Tables from CSV texts keyed by file name (e.g. ``services.csv``). Past ``max_rows``
    rows in all, reading stops with a single ``too_many_rows`` problem."""
    tables, problems = empty_tables(), []
    total = 0
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
        rows = []
        try:
            for raw in reader:
                total += 1
                if max_rows is not None and total > max_rows:
                    raise _TooManyRows
                rows.append(raw)
        except csv.Error as exc:
            problems.append(Problem(base, "", "malformed", str(exc)))
            continue
        except _TooManyRows:
            return empty_tables(), [Problem(base, "", "too_many_rows", str(max_rows))]
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


def read_csv_package(
    data: bytes, max_unzipped: int | None = None, max_rows: int | None = None
) -> tuple[Tables, list[Problem]]:
    """Tables from a zipped data package. A package whose CSV files unzip to more than
    ``max_unzipped`` bytes is refused from its directory, before anything is unpacked (a
    zip bomb): zipfile never unpacks more than the size the directory declares."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if info.filename.endswith(".csv")]
        if max_unzipped is not None and sum(i.file_size for i in members) > max_unzipped:
            limit = f"{max_unzipped / 2**20:g} MB"
            return empty_tables(), [Problem("", "", "too_large_unzipped", limit)]
        files = {info.filename: archive.read(info).decode("utf-8-sig") for info in members}
    except (zipfile.BadZipFile, UnicodeDecodeError, OSError) as exc:
        return empty_tables(), [Problem("", "", "malformed", str(exc) or "not a zip file")]
    if not files:
        return empty_tables(), [Problem("", "", "malformed", "no CSV files in the zip")]
    return read_csv_files(files, max_rows)


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
