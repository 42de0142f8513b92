"""The Charity Commission for England and Wales register extract (``publicextract.charity``).

The Commission publishes its register as tab-separated text (and JSON) files, one per table;
the main table has one row per charity and linked charity, with these columns in this order.
Only main charities (``linked_charity_number`` 0) that are still registered become directory
entries; linked charities and removed charities are skipped, not reported as errors.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from commonground.interop.oruk.tables import Problem

COLUMNS = [
    "date_of_extract",
    "organisation_number",
    "registered_charity_number",
    "linked_charity_number",
    "charity_name",
    "charity_type",
    "charity_registration_status",
    "date_of_registration",
    "date_of_removal",
    "charity_reporting_status",
    "latest_acc_fin_period_start_date",
    "latest_acc_fin_period_end_date",
    "latest_income",
    "latest_expenditure",
    "charity_contact_address1",
    "charity_contact_address2",
    "charity_contact_address3",
    "charity_contact_address4",
    "charity_contact_address5",
    "charity_contact_postcode",
    "charity_contact_phone",
    "charity_contact_email",
    "charity_contact_web",
    "charity_company_registration_number",
    "charity_insolvent",
    "charity_in_administration",
    "charity_previously_excepted",
    "charity_is_cdf_or_cif",
    "charity_is_cio",
    "cio_is_dissolved",
    "date_cio_dissolution_notice",
    "charity_activities",
    "charity_gift_aid",
    "charity_has_land",
]
REQUIRED = ["registered_charity_number", "linked_charity_number", "charity_name"]
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


@dataclass(frozen=True)
class Charity:
    registered_number: int
    name: str
    registered_on: date | None
    income: Decimal | None
    address: list[str]
    postcode: str
    phone: str
    email: str
    website: str
    company_number: str
    is_cio: bool
    activities: str

    @property
    def identifier(self) -> str:
        """The org-id.guide identifier, e.g. ``GB-CHC-1094512``."""
        return f"GB-CHC-{self.registered_number}"


def _date(text: str) -> date:
    # The extract writes dates as ISO date-times ("2001-03-27 00:00:00") or plain dates.
    return date.fromisoformat(text.strip()[:10])


def parse_extract(text: str) -> tuple[list[Charity], list[Problem]]:
    """Charities from the extract's text (tab-separated; comma-separated is accepted too)."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        return [], [Problem("header", c, "required") for c in missing]
    charities: list[Charity] = []
    problems: list[Problem] = []
    try:
        rows = list(reader)
    except csv.Error as exc:
        return [], [Problem("", "", "malformed", str(exc))]
    for n, row in enumerate(rows):
        where = f"row {n + 2}"
        if None in row:
            problems.append(Problem(where, "", "malformed", "more cells than columns"))
            continue
        row_problems: list[Problem] = []
        values = {k: (v or "").strip() for k, v in row.items()}
        for column in REQUIRED:
            if not values.get(column):
                row_problems.append(Problem(where, column, "required"))
        number = linked = 0
        for column in ("registered_charity_number", "linked_charity_number"):
            if values.get(column) and not values[column].isdigit():
                row_problems.append(Problem(where, column, "not_integer"))
        if not row_problems:
            number, linked = (
                int(values["registered_charity_number"]),
                int(values["linked_charity_number"]),
            )
        registered_on = None
        if values.get("date_of_registration"):
            try:
                registered_on = _date(values["date_of_registration"])
            except ValueError:
                row_problems.append(Problem(where, "date_of_registration", "bad_date"))
        income = None
        if values.get("latest_income"):
            try:
                income = Decimal(values["latest_income"])
            except InvalidOperation:
                row_problems.append(Problem(where, "latest_income", "not_number"))
        postcode = values.get("charity_contact_postcode", "").upper()
        if postcode and not _POSTCODE.match(postcode):
            row_problems.append(
                Problem(where, "charity_contact_postcode", "bad_postcode", postcode)
            )
        email = values.get("charity_contact_email", "")
        if email and "@" not in email:
            row_problems.append(Problem(where, "charity_contact_email", "bad_email"))
        if row_problems:
            problems += row_problems
            continue
        status = values.get("charity_registration_status", "Registered")
        if linked != 0 or status.lower() not in {"registered", ""}:
            continue
        website = values.get("charity_contact_web", "")
        if website and not website.lower().startswith(("http://", "https://")):
            website = f"https://{website}"
        charities.append(
            Charity(
                registered_number=number,
                name=values["charity_name"],
                registered_on=registered_on,
                income=income,
                address=[
                    values[f"charity_contact_address{i}"]
                    for i in range(1, 6)
                    if values.get(f"charity_contact_address{i}")
                ],
                postcode=postcode,
                phone=values.get("charity_contact_phone", ""),
                email=email,
                website=website,
                company_number=values.get("charity_company_registration_number", ""),
                is_cio=values.get("charity_is_cio", "").lower() in {"true", "1", "yes"},
                activities=values.get("charity_activities", ""),
            )
        )
    return charities, problems


def write_extract(rows: list[dict[str, str]]) -> str:
    """Rows in the extract's layout (tab-separated, every column): for tests and fixtures."""
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter="\t", lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({c: row.get(c, "") for c in COLUMNS})
    return out.getvalue()
