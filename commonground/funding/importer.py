"""Import a 360Giving package (JSON or the spreadsheet layout): all of it, or nothing.

Every problem in the file is listed by grant and field before anything is written. Grants
are matched to agreements by their identifier, and funders and recipients to organisations
by org-id.guide identifier (or by the id an earlier import gave them). A new organisation
is placed in the area of the grant's first beneficiary location that is a known area, or
in ``default_area``.

Organisations are core's records; an import writes the new ones here in bulk, with their
history, because one at a time through core's verb would cost a 100,000-grant file minutes.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from commonground.core import actions as core_actions
from commonground.core import identifiers
from commonground.core.events import emit_many
from commonground.core.models import Area, Organisation, Theme, User
from commonground.funding.event_types import AgreementImported
from commonground.funding.models import Agreement, BeneficiaryLocation, Classification
from commonground.funding.terms import fill_dates
from commonground.funding.threesixty import THEME_VOCABULARY
from commonground.interop import collector
from commonground.interop.threesixty import Grant, Problem, read_package, read_workbook

_MAX_PENCE = 2**63 - 1
_STATUTORY = {"GB-PLA", "GB-LAE", "GB-LAS", "GB-NHS", "GB-GOR", "GB-EDU"}


def _batches(values: Sequence[Any], size: int = 5000) -> list[Sequence[Any]]:
    """Slices small enough for one query's parameters on every database."""
    return [values[i : i + size] for i in range(0, len(values), size)]


class ImportFailed(Exception):
    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = list(problems)


@dataclass
class ImportSummary:
    created: int = 0
    updated: int = 0
    organisations_created: int = 0
    identifiers: list[str] = field(default_factory=list)


def describe(problem: Problem) -> str:
    """The problem in the reader's language, naming the grant and the field."""
    messages = {
        "required": _("is missing"),
        "text": _("must be text"),
        "number": _("must be a number (without commas or £)"),
        "date": _("is not a date like 2026-04-01 (planned dates may also be 2026-04 or 2026)"),
        "amount": _("must be in whole pence, at most two decimal places"),
        "currency": _("is not a three-letter currency code such as GBP"),
        "country": _("is not a two-letter country code such as GB"),
        "one_only": _("has more than one entry; Commonground keeps one"),
        "duplicate": _("is used by another grant in the file"),
        "recipient": _("needs exactly one of a recipient organisation or a recipient individual"),
        "shape": _("is not in the shape the 360Giving standard gives"),
        "json": _("the file is not valid JSON"),
        "empty": _("the file has no grants; a 360Giving file holds at least one"),
        "xlsx": _("the file is not a spreadsheet in XLSX format"),
        "too_long": _("is too long"),
        "too_large": _("is too large"),
        "no_area": _(
            "is a new organisation and no area is known for it: give a beneficiary location with a Welsh area's ONS code, or a default area"
        ),
    }
    text = messages.get(problem.code, problem.code)
    where = problem.field or _("file")
    grant = problem.grant or _("the file")
    value = f" ({problem.value[:80]})" if problem.value else ""
    return _("Grant %(grant)s, %(field)s: %(problem)s%(value)s") % {
        "grant": grant,
        "field": where,
        "problem": text,
        "value": value,
    }


def read_file(name: str, data: bytes) -> tuple[list[Grant], list[Problem]]:
    reader = read_workbook if name.lower().endswith(".xlsx") else read_package
    with collector.paused():
        grants, problems = reader(data)
    if not grants and not problems:
        problems = [Problem("", "grants", "empty")]
    return grants, problems


_PREFIXED = re.compile(r"^360G-[^-]+-(?P<ref>.+)$")


class _Resolver:
    """Finds or plans the organisation for each id; records problems on the way."""

    def __init__(self, grants: list[Grant], default_area: Area | None) -> None:
        self.default_area = default_area
        self.areas = {a.code: a for a in Area.objects.all()}
        ids = {g.funder.id for g in grants} | {g.recipient.id for g in grants if g.recipient}
        valid = {i: self._org_id(i) for i in ids}
        by_identifier = Organisation.objects.in_bulk(
            [v for v in valid.values() if v], field_name="identifier"
        )
        self.found: dict[str, Organisation] = {
            i: by_identifier[v] for i, v in valid.items() if v and v in by_identifier
        }
        unknown = [i for i in ids if i not in self.found]
        for ref_field, org_field in (("funder_ref", "funder"), ("recipient_ref", "recipient")):
            for batch in _batches(unknown):
                pairs = Agreement.objects.filter(**{f"{ref_field}__in": batch}).values_list(
                    ref_field, org_field
                )
                for ref, org_pk in pairs:
                    self.found.setdefault(ref, Organisation(pk=org_pk))
        self.valid = valid
        self.new: dict[str, Organisation] = {}
        names = {g.recipient.name for g in grants if g.recipient} | {g.funder.name for g in grants}
        self.slugs: set[str] = set()
        for batch in _batches(sorted({slugify(n)[:100] for n in names})):
            self.slugs.update(
                Organisation.objects.filter(slug__in=batch).values_list("slug", flat=True)
            )

    @staticmethod
    def _org_id(value: str) -> str:
        try:
            return identifiers.validate(value)
        except identifiers.InvalidIdentifier:
            return ""

    def area_for(self, grant: Grant) -> Area | None:
        for loc in grant.locations:
            if loc.geo_code in self.areas:
                return self.areas[loc.geo_code]
        return None

    def _slug(self, name: str) -> str:
        base = slugify(name)[:100] or "organisation"
        slug, n = base, 1
        while slug in self.slugs:
            n += 1
            slug = f"{base}-{n}"
        self.slugs.add(slug)
        return slug

    def organisation(
        self,
        party_id: str,
        name: str,
        grant: Grant,
        path: str,
        problems: list[Problem],
        funder: bool,
    ) -> Organisation | None:
        if party_id in self.found:
            return self.found[party_id]
        if party_id in self.new:
            return self.new[party_id]
        area = self.area_for(grant) or self.default_area
        if area is None:
            problems.append(Problem(grant.id, path, "no_area", party_id))
            return None
        identifier = self.valid.get(party_id) or None
        scheme = (identifier or "").rsplit("-", 1)[0]
        statutory = funder and scheme in _STATUTORY
        org = Organisation(
            slug=self._slug(name),
            name_en=name[:200],
            kind=Organisation.Kind.PUBLIC_BODY if statutory else Organisation.Kind.THIRD_SECTOR,
            legal_form=Organisation.LegalForm.STATUTORY
            if statutory
            else Organisation.LegalForm.OTHER,
            identifier=identifier,
            area=area,
        )
        self.new[party_id] = org
        return org


def _limits(grant: Grant, problems: list[Problem]) -> None:
    for path, value, limit in (
        ("id", grant.id, 200),
        ("title", grant.title, 300),
        ("grantProgramme/0/code", grant.programme_code, 100),
        ("grantProgramme/0/title", grant.programme_title, 300),
        ("fundingOrganization/0/department", grant.funder.department, 200),
        ("recipientIndividual/id", grant.individual.id if grant.individual else "", 200),
    ):
        if len(value) > limit:
            problems.append(Problem(grant.id, path, "too_long"))
    if abs(grant.amount * 100) > _MAX_PENCE:
        problems.append(Problem(grant.id, "amountAwarded", "too_large"))


def _status(agreement: Agreement, today: date) -> str:
    if agreement.ends_on and agreement.ends_on < today:
        return Agreement.Status.ENDED
    if agreement.starts_on and agreement.starts_on <= today:
        return Agreement.Status.RUNNING
    return Agreement.Status.SIGNED


def _fill(
    agreement: Agreement,
    grant: Grant,
    funder: Organisation,
    recipient: Organisation | None,
    resolver: _Resolver,
    themes: dict[str, Theme],
    today: date,
) -> None:
    agreement.identifier = grant.id
    agreement.reference = grant.id
    agreement.title = grant.title
    agreement.description = grant.description
    agreement.currency = grant.currency
    agreement.amount_pence = int(grant.amount * 100)
    agreement.award_date = grant.award_date
    agreement.funder = funder
    agreement.funder_ref = "" if funder.identifier == grant.funder.id else grant.funder.id
    agreement.directorate = grant.funder.department
    agreement.recipient = recipient
    agreement.recipient_ref = (
        ""
        if recipient is None or recipient.identifier == grant.recipient.id  # type: ignore[union-attr]
        else grant.recipient.id  # type: ignore[union-attr]
    )
    agreement.individual_id = grant.individual.id if grant.individual else ""
    agreement.individual_name = grant.individual.name if grant.individual else ""
    agreement.to_individuals = grant.to_individuals
    agreement.planned_start = grant.planned_start
    agreement.planned_end = grant.planned_end
    agreement.planned_duration = grant.planned_duration
    agreement.programme_code = grant.programme_code
    agreement.programme_title = grant.programme_title
    agreement.area = resolver.area_for(grant) or (
        recipient.area if recipient and recipient.pk and recipient.area_id else None
    )
    theme = next(
        (
            themes[c.code]
            for c in grant.classifications
            if c.vocabulary == THEME_VOCABULARY and c.code in themes
        ),
        None,
    )
    agreement.theme = theme
    agreement.published = True
    fill_dates(agreement)
    agreement.status = _status(agreement, today)


_FIELDS = [
    "reference", "title", "description", "currency", "amount_pence", "award_date", "funder",
    "funder_ref", "directorate", "recipient", "recipient_ref", "individual_id",
    "individual_name", "to_individuals", "planned_start", "planned_end", "planned_duration",
    "programme_code", "programme_title", "area", "theme", "published", "starts_on", "ends_on",
    "status",
]  # fmt: skip


def _register(actor: User | None, organisations: list[Organisation]) -> None:
    """Add the import's new organisations to the register through core's bulk verb (history
    and an event each), then give the unsaved objects the agreements point at their keys."""
    values = [
        {
            f.attname: getattr(o, f.attname)
            for f in Organisation._meta.concrete_fields
            if not f.primary_key
        }
        for o in organisations
    ]
    created = core_actions.import_organisations(actor, values, [], "Imported from 360Giving")
    for pending, stored in zip(organisations, created, strict=True):
        pending.pk = stored.pk
        pending._state.adding = False
        pending._state.db = stored._state.db


def import_grants(
    grants: list[Grant], *, actor: User | None = None, default_area: Area | None = None
) -> ImportSummary:
    """Write the grants, or raise ``ImportFailed`` listing every problem and write nothing."""
    with collector.paused():
        return _import(grants, actor, default_area)


def _import(grants: list[Grant], actor: User | None, default_area: Area | None) -> ImportSummary:
    problems: list[Problem] = []
    for grant in grants:
        _limits(grant, problems)
    resolver = _Resolver(grants, default_area)
    parties: list[tuple[Grant, Organisation | None, Organisation | None]] = []
    for grant in grants:
        funder = resolver.organisation(
            grant.funder.id, grant.funder.name, grant, "fundingOrganization/0/id", problems, True
        )
        recipient = None
        if grant.recipient is not None:
            recipient = resolver.organisation(
                grant.recipient.id,
                grant.recipient.name,
                grant,
                "recipientOrganization/0/id",
                problems,
                False,
            )
        parties.append((grant, funder, recipient))
    if problems:
        raise ImportFailed(problems)
    today = timezone.localdate()
    themes = {t.slug: t for t in Theme.objects.all()}
    summary = ImportSummary(organisations_created=len(resolver.new))
    with transaction.atomic():
        if resolver.new:
            _register(actor, list(resolver.new.values()))
        existing = Agreement.objects.in_bulk([g.id for g in grants], field_name="identifier")
        to_create: list[Agreement] = []
        to_update: list[Agreement] = []
        for grant, funder, recipient in parties:
            assert funder is not None
            agreement = existing.get(grant.id) or Agreement()
            _fill(agreement, grant, funder, recipient, resolver, themes, today)
            (to_update if agreement.pk else to_create).append(agreement)
        if to_update:
            bulk_update_with_history(
                to_update,
                Agreement,
                _FIELDS,
                batch_size=2000,
                default_user=actor,
                default_change_reason="Imported from 360Giving",
            )
            for batch in _batches([a.pk for a in to_update]):
                BeneficiaryLocation.objects.filter(agreement_id__in=batch).delete()
                Classification.objects.filter(agreement_id__in=batch).delete()
        if to_create:
            bulk_create_with_history(
                to_create,
                Agreement,
                batch_size=2000,
                default_user=actor,
                default_change_reason="Imported from 360Giving",
            )
        by_id = {a.identifier: a for a in [*to_create, *to_update]}
        if to_create and by_id[to_create[0].identifier].pk is None:
            # SQLite before 3.35 and some backends return no keys from bulk inserts.
            by_id.update(Agreement.objects.in_bulk(list(by_id), field_name="identifier"))
        locations: list[Any] = []
        classifications: list[Any] = []
        for grant in grants:
            agreement = by_id[grant.id]
            locations += [
                BeneficiaryLocation(
                    agreement=agreement,
                    position=n,
                    name=loc.name,
                    geo_code=loc.geo_code,
                    geo_code_type=loc.geo_code_type,
                    country_code=loc.country_code,
                )
                for n, loc in enumerate(grant.locations)
            ]
            classifications += [
                Classification(
                    agreement=agreement,
                    position=n,
                    vocabulary=c.vocabulary,
                    code=c.code,
                    title=c.title,
                )
                for n, c in enumerate(grant.classifications)
            ]
        bulk_create_with_history(
            locations, BeneficiaryLocation, batch_size=5000, default_user=actor
        )
        bulk_create_with_history(
            classifications, Classification, batch_size=5000, default_user=actor
        )
        emit_many(
            [AgreementImported(agreement=by_id[a.identifier], created=True) for a in to_create]
            + [AgreementImported(agreement=a, created=False) for a in to_update],
            actor=actor,
        )
    summary.created = len(to_create)
    summary.updated = len(to_update)
    summary.identifiers = [g.id for g in grants]
    return summary
