"""The ORUK tables, their fields and types, and validation of rows against them.

Field lists follow the HSDS 3.0 UK profile data package, with the HSDS 3.0 fields
``phones.service_id``, ``contacts.email`` and ``languages.name/code/note`` added because the
directory uses them. Values in a row are JSON values: strings, numbers or ``None``; dates,
times and date-times stay ISO strings so that a row reads the same in JSON and CSV.
"""

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

Row = dict[str, Any]
Tables = dict[str, list[Row]]

WHERE = "_where"  # where a row came from, for error messages; never exported

# type names: string, uuid, number, integer, date, time, datetime, uri, email
_T = dict[str, str]


@dataclass(frozen=True)
class TableSpec:
    name: str
    filename: str
    fields: _T
    required: frozenset[str]
    references: dict[str, str] = field(default_factory=dict)  # field -> table
    choices: dict[str, frozenset[str]] = field(default_factory=dict)


def _spec(
    name: str,
    filename: str,
    fields: _T,
    required: set[str],
    references: dict[str, str] | None = None,
    choices: dict[str, set[str]] | None = None,
) -> TableSpec:
    return TableSpec(
        name,
        filename,
        fields,
        frozenset(required),
        references or {},
        {k: frozenset(v) for k, v in (choices or {}).items()},
    )


SERVICE_STATUSES = {"active", "inactive", "defunct", "temporarily closed"}
FREQUENCIES = {"WEEKLY", "MONTHLY"}
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")

TABLES: dict[str, TableSpec] = {
    t.name: t
    for t in [
        _spec(
            "taxonomies",
            "taxonomies.csv",
            {
                "id": "uuid",
                "name": "string",
                "description": "string",
                "uri": "uri",
                "version": "string",
            },
            {"id", "name", "description"},
        ),
        _spec(
            "taxonomy_terms",
            "taxonomy_terms.csv",
            {
                "id": "uuid",
                "name": "string",
                "description": "string",
                "parent_id": "uuid",
                "taxonomy": "string",
                "taxonomy_id": "uuid",
                "term_uri": "uri",
                "term": "string",
            },
            {"id", "name", "description"},
            {"taxonomy_id": "taxonomies"},
        ),
        _spec(
            "organizations",
            "organizations.csv",
            {
                "id": "uuid",
                "name": "string",
                "description": "string",
                "email": "email",
                "website": "uri",
                "logo": "string",
                "uri": "uri",
                "parent_organization_id": "uuid",
            },
            {"id", "name", "description"},
        ),
        _spec(
            "organization_identifiers",
            "organization_identifiers.csv",
            {
                "id": "uuid",
                "organization_id": "uuid",
                "identifier_scheme": "string",
                "identifier_type": "string",
                "identifier": "string",
            },
            {"id", "organization_id", "identifier_type", "identifier"},
            {"organization_id": "organizations"},
        ),
        _spec(
            "services",
            "services.csv",
            {
                "id": "uuid",
                "organization_id": "uuid",
                "name": "string",
                "description": "string",
                "url": "uri",
                "email": "email",
                "status": "string",
                "fees": "string",
                "accreditations": "string",
                "minimum_age": "integer",
                "maximum_age": "integer",
                "assured_date": "date",
                "assurer_email": "email",
                "alert": "string",
                "last_modified": "datetime",
            },
            {"id", "organization_id", "name", "status"},
            {"organization_id": "organizations"},
            {"status": SERVICE_STATUSES},
        ),
        _spec(
            "locations",
            "locations.csv",
            {
                "id": "uuid",
                "location_type": "string",
                "name": "string",
                "description": "string",
                "latitude": "number",
                "longitude": "number",
                "external_identifier": "string",
                "external_identifier_type": "string",
            },
            {"id", "location_type"},
            choices={"location_type": {"physical", "postal", "virtual"}},
        ),
        _spec(
            "addresses",
            "address.csv",
            {
                "id": "uuid",
                "location_id": "uuid",
                "attention": "string",
                "address_1": "string",
                "city": "string",
                "region": "string",
                "state_province": "string",
                "postal_code": "string",
                "country": "string",
                "address_type": "string",
            },
            {
                "id",
                "location_id",
                "address_1",
                "city",
                "state_province",
                "postal_code",
                "country",
                "address_type",
            },
            {"location_id": "locations"},
        ),
        _spec(
            "accessibility",
            "accessibility.csv",
            {
                "id": "uuid",
                "location_id": "uuid",
                "description": "string",
                "details": "string",
                "url": "uri",
                "accessibility": "string",
            },
            {"id", "location_id"},
            {"location_id": "locations"},
        ),
        _spec(
            "service_at_locations",
            "service_at_location.csv",
            {"id": "uuid", "service_id": "uuid", "location_id": "uuid"},
            {"id", "service_id", "location_id"},
            {"service_id": "services", "location_id": "locations"},
        ),
        _spec(
            "schedules",
            "schedule.csv",
            {
                "id": "uuid",
                "service_id": "uuid",
                "service_at_location_id": "uuid",
                "valid_from": "date",
                "valid_to": "date",
                "dtstart": "date",
                "freq": "string",
                "interval": "integer",
                "byday": "string",
                "bymonthday": "string",
                "description": "string",
                "opens_at": "time",
                "closes_at": "time",
                "schedule_link": "uri",
                "attending_type": "string",
                "notes": "string",
            },
            {"id"},
            {"service_id": "services", "service_at_location_id": "service_at_locations"},
            {"freq": FREQUENCIES},
        ),
        _spec(
            "contacts",
            "contacts.csv",
            {
                "id": "uuid",
                "service_id": "uuid",
                "name": "string",
                "title": "string",
                "email": "email",
            },
            {"id"},
            {"service_id": "services"},
        ),
        _spec(
            "phones",
            "phones.csv",
            {
                "id": "uuid",
                "contact_id": "uuid",
                "service_id": "uuid",
                "number": "string",
                "description": "string",
            },
            {"id", "number"},
            {"contact_id": "contacts", "service_id": "services"},
        ),
        _spec(
            "languages",
            "languages.csv",
            {
                "id": "uuid",
                "service_id": "uuid",
                "phone_id": "uuid",
                "name": "string",
                "code": "string",
                "note": "string",
            },
            {"id"},
            {"service_id": "services", "phone_id": "phones"},
        ),
        _spec(
            "funding",
            "funding.csv",
            {"id": "uuid", "service_id": "uuid", "source": "string"},
            {"id"},
            {"service_id": "services"},
        ),
        _spec(
            "cost_options",
            "cost_options.csv",
            {
                "id": "uuid",
                "service_id": "uuid",
                "valid_from": "date",
                "valid_to": "date",
                "option": "string",
                "amount": "number",
                "amount_description": "string",
            },
            {"id", "service_id"},
            {"service_id": "services"},
        ),
        _spec(
            "service_areas",
            "service_areas.csv",
            {
                "id": "uuid",
                "service_id": "uuid",
                "name": "string",
                "extent": "string",
                "extent_type": "string",
                "uri": "string",
                "service_area": "string",
            },
            {"id"},
            {"service_id": "services"},
        ),
        _spec(
            "attributes",
            "attribute.csv",
            {"id": "uuid", "link_id": "uuid", "taxonomy_term_id": "uuid", "link_type": "string"},
            {"id", "link_id", "taxonomy_term_id"},
            {"taxonomy_term_id": "taxonomy_terms"},
        ),
    ]
}

# Parents before children: the order to write tables in.
ORDER = list(TABLES)


def empty_tables() -> Tables:
    return {name: [] for name in TABLES}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file: where, which field, and a reason code."""

    where: str
    field: str
    code: str
    detail: str = ""

    MESSAGES = {
        "malformed": "The file could not be read: {detail}.",
        "required": "This field is required.",
        "not_string": "Must be text.",
        "not_number": "Must be a number.",
        "not_integer": "Must be a whole number.",
        "not_object": "Must be an object.",
        "not_list": "Must be a list.",
        "bad_uuid": "Must be a UUID, like 3f7b145d-84af-42d7-8fae-eaca714b02b2.",
        "bad_date": "Must be a date, like 2024-03-27.",
        "bad_time": "Must be a time, like 09:30:00.",
        "bad_datetime": "Must be a date and time, like 2024-03-27T09:30:00Z.",
        "bad_uri": "Must be a web address starting http:// or https://.",
        "bad_email": "Must be an email address, like name@example.org.",
        "bad_choice": "Must be one of: {detail}.",
        "bad_byday": "Must be days of the week like MO,WE,FR.",
        "negative": "Must not be negative.",
        "age_order": "The minimum age must not be more than the maximum age.",
        "duplicate_id": "The id {detail} appears more than once.",
        "unknown_reference": "No {detail} has this id.",
        "unknown_taxonomy_term": "Unknown taxonomy term {detail}.",
        "unknown_column": "Unknown column {detail}.",
        "bad_postcode": "Not a UK postcode: {detail}.",
        "too_long": "Must be {detail} characters or fewer.",
        "too_large_unzipped": "Unzipped, the file is bigger than {detail}.",
        "too_many_rows": "The file has more than {detail} rows.",
    }

    @property
    def message(self) -> str:
        return self.MESSAGES.get(self.code, self.code).format(detail=self.detail)

    def __str__(self) -> str:
        prefix = f"{self.where}: " if self.where else ""
        suffix = f" ({self.field})" if self.field else ""
        return f"{prefix}{self.message}{suffix}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_URI = re.compile(r"^https?://[^\s]+$", re.IGNORECASE)
_UUID = re.compile(r"^[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\Z")
_BYDAY = re.compile(r"^(-?\d?(MO|TU|WE|TH|FR|SA|SU))(,-?\d?(MO|TU|WE|TH|FR|SA|SU))*$")


def check_value(kind: str, value: Any) -> str | None:
    """The problem code for ``value`` as a ``kind``, or ``None`` if it is fine."""
    if kind == "number":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not_number"
        return None
    if kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int | float):
            return "not_integer"
        return None if float(value).is_integer() else "not_integer"
    if not isinstance(value, str):
        return "not_string"
    if kind == "uuid":
        # The canonical form only (what ORUK's ``format: uuid`` means), checked by pattern:
        # imports check hundreds of thousands of ids.
        return None if _UUID.match(value) else "bad_uuid"
    try:
        if kind == "date":
            date.fromisoformat(value)
        elif kind == "time":
            time.fromisoformat(value)
        elif kind == "datetime":
            datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return f"bad_{kind}"
    if kind == "uri" and value and not _URI.match(value):
        return "bad_uri"
    if kind == "email" and value and not _EMAIL.match(value):
        return "bad_email"
    return None


def defined_ids(tables: Tables) -> dict[str, set[str]]:
    """The ids each table's rows define."""
    return {
        name: {row["id"] for row in rows if isinstance(row.get("id"), str)}
        for name, rows in tables.items()
    }


def validate_table(
    name: str, rows: list[Row], defined: dict[str, set[str]], known: dict[str, set[str]]
) -> list[Problem]:
    """Every problem in one table's rows. Rows may refer to ids ``defined`` in the same
    file (see ``defined_ids``) or ``known`` to be stored."""
    spec = TABLES[name]
    problems: list[Problem] = []
    seen: set[str] = set()
    for n, row in enumerate(rows):
        where = row.get(WHERE) or f"{spec.filename} row {n + 2}"
        problems += _validate_row(spec, row, where)
        rid = row.get("id")
        if isinstance(rid, str):
            if rid in seen:
                problems.append(Problem(where, "id", "duplicate_id", rid))
            seen.add(rid)
        for column, target in spec.references.items():
            value = row.get(column)
            if not value or check_value("uuid", value):
                continue
            if value not in defined.get(target, ()) and value not in known.get(target, ()):
                code = (
                    "unknown_taxonomy_term" if target == "taxonomy_terms" else "unknown_reference"
                )
                detail = value if target == "taxonomy_terms" else target.rstrip("s")
                problems.append(Problem(where, column, code, detail))
    return problems


def _validate_row(spec: TableSpec, row: Row, where: str) -> list[Problem]:
    """The row's problems, in the order of the table's fields (unknown columns first).
    Only the columns present are checked, then the required ones: a row names a few of
    its table's many optional fields, and imports check hundreds of thousands of rows."""
    problems = []
    for column, value in row.items():
        kind = spec.fields.get(column)
        if kind is None:
            if column != WHERE:
                problems.append(Problem(where, column, "unknown_column", column))
            continue
        if value is None or value == "":
            continue
        code = check_value(kind, value)
        if code:
            problems.append(Problem(where, column, code))
            continue
        if column in spec.choices and value not in spec.choices[column]:
            problems.append(
                Problem(where, column, "bad_choice", ", ".join(sorted(spec.choices[column])))
            )
        if kind in {"number", "integer"} and column not in {"latitude", "longitude"} and value < 0:
            problems.append(Problem(where, column, "negative"))
        if column == "byday" and not _BYDAY.match(value.replace(" ", "")):
            problems.append(Problem(where, column, "bad_byday"))
    for column in spec.required:
        value = row.get(column)
        # ORUK requires a description to be present, but it may be empty.
        if value is None or (value == "" and column != "description"):
            problems.append(Problem(where, column, "required"))
    if spec.name == "services":
        low, high = row.get("minimum_age"), row.get("maximum_age")
        if (
            isinstance(low, int | float)
            and isinstance(high, int | float)
            and not isinstance(low, bool)
            and not isinstance(high, bool)
            and low > high
        ):
            problems.append(Problem(where, "minimum_age", "age_order"))
    if len(problems) > 1:
        order = {column: n for n, column in enumerate(spec.fields)}
        problems.sort(key=lambda p: (p.code != "unknown_column", order.get(p.field, -1)))
    return problems
