"""Evidence from CSV: ``manage.py import_evidence FILE.csv`` and the staff upload page.

The columns are exactly ``COLUMNS`` (docs/monitoring.md has an example). A file is checked
whole first: every problem is listed by row (as a spreadsheet numbers it, the header being
row 1) and column, and nothing is written unless there are none. Rows with a
``source_ref`` already recorded for the programme are left alone, so importing the same
file twice adds nothing.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from commonground.core.models import User
from commonground.monitoring import actions
from commonground.monitoring.eligibility import status_problems
from commonground.monitoring.logic_model import find_area, find_organisation
from commonground.monitoring.models import Programme

COLUMNS = [
    "programme",
    "indicator",
    "date",
    "area",
    "delivery_partner",
    "organisation_id",
    "person_ref",
    "quantity",
    "status",
    "reason",
    "source_ref",
]
MAX_ROWS = 50_000
# An org-id.guide identifier (GB-CHC-1094512) or one of our slugs; one the directory does
# not list is kept as given, so organisations outside it still count once each.
ORG_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column %(column)s: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


class EvidenceFileError(ValueError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class ImportResult:
    added: int
    unchanged: int


def _text(content: bytes | str) -> str:
    if isinstance(content, str):
        return content
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EvidenceFileError([Problem(1, "-", _("The file is not UTF-8 text."))]) from None


def parse(
    content: bytes | str,
) -> dict[Programme, list[actions.EvidenceData]]:
    """The file's rows by programme, or ``EvidenceFileError`` with every problem."""
    reader = csv.DictReader(io.StringIO(_text(content)))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if header != COLUMNS:
        missing = [c for c in COLUMNS if c not in header]
        extra = [c for c in header if c not in COLUMNS]
        detail = []
        if missing:
            detail.append(_("missing %(names)s") % {"names": ", ".join(missing)})
        if extra:
            detail.append(_("not known %(names)s") % {"names": ", ".join(extra)})
        if not detail:
            detail.append(_("in the wrong order"))
        raise EvidenceFileError(
            [
                Problem(
                    1,
                    "-",
                    _("The header must be exactly: %(columns)s (%(detail)s).")
                    % {"columns": ",".join(COLUMNS), "detail": "; ".join(detail)},
                )
            ]
        )
    problems: list[Problem] = []
    programmes: dict[str, Programme | None] = {}
    out: dict[Programme, list[actions.EvidenceData]] = {}
    seen_refs: set[tuple[str, str]] = set()
    areas: dict[str, Any] = {}
    organisations: dict[str, Any] = {}
    indicators: dict[tuple[str, str], Any] = {}

    def area_for(value: str) -> Any:
        if value not in areas:
            areas[value] = find_area(value)
        return areas[value]

    def organisation_for(value: str) -> Any:
        if value not in organisations:
            organisations[value] = find_organisation(value)
        return organisations[value]

    for number, raw in enumerate(reader, start=2):
        if number > MAX_ROWS + 1:
            problems.append(Problem(number, "-", _("A file may hold at most 50,000 rows.")))
            break
        row = {k.strip(): (v or "").strip() for k, v in raw.items() if k is not None}
        if None in raw:
            problems.append(Problem(number, "-", _("This row has more cells than the header.")))
        slug = row["programme"]
        if slug not in programmes:
            programmes[slug] = Programme.objects.filter(slug=slug).first()
        programme = programmes[slug]
        if programme is None:
            problems.append(
                Problem(
                    number, "programme", _("No programme has the slug %(slug)s.") % {"slug": slug}
                )
            )
            continue
        if (slug, row["indicator"]) not in indicators:
            indicators[(slug, row["indicator"])] = programme.indicators.filter(
                code=row["indicator"]
            ).first()
        indicator = indicators[(slug, row["indicator"])]
        if indicator is None:
            problems.append(
                Problem(
                    number,
                    "indicator",
                    _("The programme has no indicator %(code)s.") % {"code": row["indicator"]},
                )
            )
        try:
            day = date.fromisoformat(row["date"])
        except ValueError:
            problems.append(Problem(number, "date", _("Enter a date as YYYY-MM-DD.")))
            day = None
        area = area_for(row["area"])
        if row["area"] and area is None:
            problems.append(
                Problem(
                    number,
                    "area",
                    _("No area has the code or name %(value)s.") % {"value": row["area"]},
                )
            )
        partner = organisation_for(row["delivery_partner"])
        if row["delivery_partner"] and partner is None:
            problems.append(
                Problem(
                    number,
                    "delivery_partner",
                    _("No organisation has the id or name %(value)s.")
                    % {"value": row["delivery_partner"]},
                )
            )
        organisation = organisation_for(row["organisation_id"])
        if row["organisation_id"] and not ORG_ID.match(row["organisation_id"]):
            problems.append(
                Problem(
                    number, "organisation_id", _("Give an org id such as GB-CHC-1094512 or a slug.")
                )
            )
        quantity = 1
        if row["quantity"]:
            if row["quantity"].isdigit() and len(row["quantity"]) <= 9:
                quantity = int(row["quantity"])
            else:
                problems.append(
                    Problem(number, "quantity", _("Give a whole number of zero or more."))
                )
        for column, message in status_problems(row["status"], row["reason"]).items():
            problems.append(Problem(number, column, message))
        ref = row["source_ref"]
        if len(ref) > 120 or len(row["person_ref"]) > 80:
            column = "source_ref" if len(ref) > 120 else "person_ref"
            problems.append(Problem(number, column, _("This is too long.")))
        if ref and (slug, ref) in seen_refs:
            problems.append(
                Problem(number, "source_ref", _("An earlier row has the same source_ref."))
            )
        seen_refs.add((slug, ref))
        if indicator is None or day is None:
            continue
        out.setdefault(programme, []).append(
            actions.EvidenceData(
                indicator=indicator,
                date=day,
                status=row["status"],
                quantity=quantity,
                area=area,
                delivery_partner=partner,
                organisation=organisation,
                organisation_ref=row["organisation_id"],
                person_ref=row["person_ref"],
                reason=row["reason"],
                source_ref=ref,
            )
        )
    if problems:
        raise EvidenceFileError(problems)
    return out


def import_evidence(actor: User | None, content: bytes | str) -> ImportResult:
    """Check the whole file, then add its new rows in one transaction."""
    by_programme = parse(content)
    added = unchanged = 0
    with transaction.atomic():
        for programme, rows in by_programme.items():
            a, u = actions.import_records(actor, programme, rows)
            added, unchanged = added + a, unchanged + u
    return ImportResult(added, unchanged)
