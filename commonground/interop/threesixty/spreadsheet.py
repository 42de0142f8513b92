"""The 360Giving spreadsheet layout: one row per grant on a ``grants`` sheet.

Column titles are the standard's own (``Recipient Org:Identifier``, ``Planned Dates:Start
Date``, ...). A grant's first beneficiary location and classification use the plain titles;
its second and later ones repeat them with an index (``Beneficiary Location:1:Name``). Rows
become the JSON shape and go through the same reader, so both layouts share one validator.
"""

import io
import re
from collections.abc import Iterable
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell

from commonground.interop.threesixty.grants import Grant, Problem, grant_to_json
from commonground.interop.threesixty.package import read_grants

SHEET = "grants"
# (column title, JSON path) for single-valued fields.
COLUMNS: list[tuple[str, str]] = [
    ("Identifier", "id"),
    ("Title", "title"),
    ("Description", "description"),
    ("Currency", "currency"),
    ("Amount Awarded", "amountAwarded"),
    ("Award Date", "awardDate"),
    ("Planned Dates:Start Date", "plannedDates/startDate"),
    ("Planned Dates:End Date", "plannedDates/endDate"),
    ("Planned Dates:Duration (months)", "plannedDates/duration"),
    ("Recipient Org:Identifier", "recipientOrganization/id"),
    ("Recipient Org:Name", "recipientOrganization/name"),
    ("Recipient Ind:Identifier", "recipientIndividual/id"),
    ("Recipient Ind:Name", "recipientIndividual/name"),
    ("To Individuals Details:Primary Grant Reason", "toIndividualsDetails/primaryGrantReason"),
    ("To Individuals Details:Secondary Grant Reason", "toIndividualsDetails/secondaryGrantReason"),
    ("To Individuals Details:Grant Purpose", "toIndividualsDetails/grantPurpose"),
    ("Funding Org:Identifier", "fundingOrganization/id"),
    ("Funding Org:Name", "fundingOrganization/name"),
    ("Funding Org:Department", "fundingOrganization/department"),
    ("Grant Programme:Code", "grantProgramme/code"),
    ("Grant Programme:Title", "grantProgramme/title"),
]
LOCATION = [
    ("Name", "name"),
    ("Geographic Code", "geoCode"),
    ("Geographic Code Type", "geoCodeType"),
    ("Country Code", "countryCode"),
]
CLASSIFICATION = [("Vocabulary", "vocabulary"), ("Code", "code"), ("Title", "title")]
REPEATED = {"Beneficiary Location": ("beneficiaryLocation", LOCATION)}
REPEATED["Classifications"] = ("classifications", CLASSIFICATION)
_LISTS = {"recipientOrganization", "fundingOrganization", "grantProgramme", "plannedDates"}
_INDEXED = re.compile(r"^(?P<group>[^:]+):(?:(?P<n>\d+):)?(?P<name>.+)$")


def _repeated_titles(group: str, n: int) -> list[str]:
    sub = REPEATED[group][1]
    return [f"{group}:{name}" if n == 0 else f"{group}:{n}:{name}" for name, _ in sub]


def _cell(sheet: Any, value: Any) -> Any:
    """A cell value; text that looks like a formula stays text (no formula injection)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else value
    if isinstance(value, str) and value.startswith("="):
        cell = WriteOnlyCell(sheet, value)
        cell.data_type = "s"
        return cell
    return value


def write_workbook(grants: Iterable[Grant]) -> bytes:
    """The grants as an XLSX in the standard's layout."""
    rows = [grant_to_json(g) for g in grants]
    counts = {
        group: max([len(r.get(key, [])) for r in rows] or [0])
        for group, (key, _) in REPEATED.items()
    }
    header = [title for title, _ in COLUMNS]
    for group, count in counts.items():
        for n in range(count):
            header += _repeated_titles(group, n)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(SHEET)
    sheet.append(header)
    for row in rows:
        values: list[Any] = []
        for _, path in COLUMNS:
            head, _sep, tail = path.partition("/")
            value = row.get(head)
            if tail and value is not None:
                value = (value[0] if isinstance(value, list) else value).get(tail)
            if isinstance(value, list):
                value = ";".join(value)
            values.append(_cell(sheet, value))
        for group, count in counts.items():
            key, sub = REPEATED[group]
            items = row.get(key, [])
            for n in range(count):
                item = items[n] if n < len(items) else {}
                values += [_cell(sheet, item.get(name)) for _, name in sub]
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _text(value: Any) -> Any:
    """Cells typed in a spreadsheet: dates as ISO text, a year typed as a number as text."""
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, int):
        return str(value)
    return value


def _row_to_json(header: list[str], row: tuple[Any, ...]) -> dict[str, Any]:
    by_title = dict(zip(header, row, strict=False))
    grant: dict[str, Any] = {}
    for title, path in COLUMNS:
        value = by_title.get(title)
        if value is None or value == "":
            continue
        head, _sep, tail = path.partition("/")
        if path in ("amountAwarded", "plannedDates/duration"):
            value = Decimal(str(value)) if isinstance(value, int | float) else value
        else:
            value = _text(value)
        if tail == "grantPurpose":
            value = [p.strip() for p in str(value).split(";") if p.strip()]
        if not tail:
            grant[head] = value
            continue
        container = grant.setdefault(head, [{}] if head in _LISTS else {})
        (container[0] if isinstance(container, list) else container)[tail] = value
    for title, value in by_title.items():
        match = _INDEXED.match(title or "")
        if value in (None, "") or not match or match["group"] not in REPEATED:
            continue
        key, sub = REPEATED[match["group"]]
        field = dict(sub).get(match["name"])
        if field is None:
            continue
        items = grant.setdefault(key, [])
        n = int(match["n"] or 0)
        while len(items) <= n:
            items.append({})
        items[n][field] = _text(value)
    for key, _sub in REPEATED.values():
        if key in grant:
            grant[key] = [item for item in grant[key] if item]
    return grant


def read_workbook(data: bytes) -> tuple[list[Grant], list[Problem]]:
    """Read the ``grants`` sheet (or the first sheet) of an XLSX in the standard's layout."""
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a file that is not XLSX
        return [], [Problem("", "", "xlsx", str(exc))]
    sheet = workbook[SHEET] if SHEET in workbook.sheetnames else workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(h) if h is not None else "" for h in next(rows, ())]
    if "Identifier" not in header:
        return [], [Problem("", "Identifier", "required")]
    raw = [_row_to_json(header, row) for row in rows if any(v not in (None, "") for v in row)]
    return read_grants(raw)
