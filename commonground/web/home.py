"""The signed-in home: what needs this person now, one panel per part of their work.

Each panel is read from the owning app's ``queries``; nothing here writes.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from commonground.core import queries as core
from commonground.core.models import Area, Organisation, RoleAssignment
from commonground.directory import queries as directory
from commonground.engagement import queries as engagement
from commonground.partnerships import queries as partnerships
from commonground.representation import queries as representation

STAFF_ROLES = [RoleAssignment.Role.INFRASTRUCTURE_STAFF, RoleAssignment.Role.AREA_ADMIN]
LIMIT = 5


@dataclass
class Item:
    text: str
    url: str = ""
    detail: str = ""


@dataclass
class Panel:
    """A heading, what needs doing (at most ``LIMIT`` shown), and where to see the rest."""

    key: str
    title: str
    empty: str
    items: list[Item] = field(default_factory=list)
    more: list[Item] = field(default_factory=list)
    total: int = 0


def _panel(key: str, title: str, empty: str, items: list[Item], more: list[Item]) -> Panel:
    return Panel(key, title, empty, items[:LIMIT], more, total=len(items))


def _day(value: Any) -> str:
    return date_format(value, "j F Y")


def _staff_areas(user: Any) -> QuerySet[Area]:
    ids = RoleAssignment.objects.filter(user_id=user.pk, role__in=STAFF_ROLES).values("area_id")
    return Area.objects.filter(pk__in=ids).order_by("name_en")


def _organisation_panels(user: Any) -> list[Panel]:
    person = user.person
    admin_of = Organisation.objects.filter(
        affiliations__person=person, affiliations__is_admin=True
    ).exclude(kind__in=[Organisation.Kind.PUBLIC_BODY, Organisation.Kind.INFRASTRUCTURE])
    if not admin_of.exists():
        return []
    ballots = []
    for elector in representation.ballots_for(person):
        election = elector.election
        voter = elector.organisation or _("you")
        if elector.has_voted:
            text = _("%(voter)s has voted for %(body)s. Thank you.")
        else:
            text = _("Vote for %(voter)s on %(body)s")
        ballots.append(
            Item(
                text % {"voter": voter, "body": election.vacancy.seat.body},
                election.get_absolute_url(),
                _("Voting closes %(day)s") % {"day": _day(timezone.localtime(election.closes_at))},
            )
        )
    vacancies = [
        Item(
            str(vacancy.seat),
            vacancy.get_absolute_url(),
            _("Nominations close %(day)s") % {"day": _day(vacancy.closes_on)},
        )
        for vacancy in representation.vacancies_open_to(admin_of)
    ]
    consultations = [
        Item(
            str(c.title),
            c.get_absolute_url(),
            _("Closes %(day)s") % {"day": _day(c.closes_on)},
        )
        for c in engagement.open_consultations()
    ]
    events = [
        Item(
            str(r.event.title),
            r.event.get_absolute_url(),
            f"{_day(timezone.localtime(r.event.starts_at))} – {r.get_status_display()}",
        )
        for r in engagement.events_booked(user)
    ]
    joining = [
        Item(
            str(r.user),
            reverse("web:join-requests", args=[r.organisation.slug]),
            f"{r.organisation.name}: {r.get_role_display()}",
        )
        for r in core.pending_join_requests(user)
    ]
    digest = engagement.latest_digest(user)
    digests = [Item(_("Your latest digest"), digest.get_absolute_url())] if digest else []
    return [
        _panel(
            "join-requests",
            _("People asking to join"),
            _("Nobody is waiting to join your organisation."),
            joining,
            [],
        ),
        _panel(
            "ballots",
            _("Elections you can vote in"),
            _("No election is open to you now."),
            ballots,
            [],
        ),
        _panel(
            "vacancies",
            _("Seats your organisation can stand for"),
            _("No vacancy is open to your organisation now."),
            vacancies,
            [Item(_("All vacancies"), reverse("representation:vacancies"))],
        ),
        _panel(
            "consultations",
            _("Open consultations"),
            _("No consultation is open now."),
            consultations,
            [Item(_("All consultations"), reverse("engagement:consultations"))],
        ),
        _panel(
            "events",
            _("Events you have booked"),
            _("You have not booked any events."),
            events,
            [Item(_("All events"), reverse("engagement:events"))],
        ),
        _panel(
            "digest",
            _("Your digest"),
            _("No digest has been sent to you yet."),
            digests,
            [Item(_("Choose what your digest covers"), reverse("engagement:subscription"))],
        ),
    ]


def _representative_panels(user: Any) -> list[Panel]:
    holdings = list(representation.holdings_of(user.person))
    if not holdings:
        return []
    due = []
    for holding in holdings:
        days = representation.policy_for(representation.area_of(holding.seat)).report_back_due_days
        for meeting in representation.overdue_meetings(holding, days, timezone.localdate()):
            due.append(
                Item(
                    str(meeting.body),
                    reverse("representation:report-back-new", args=[holding.pk]),
                    _("Meeting of %(day)s") % {"day": _day(timezone.localtime(meeting.starts_at))},
                )
            )
    return [
        _panel(
            "report-backs",
            _("Report-backs due"),
            _("You have no report-backs due."),
            due,
            [Item(_("Seats you hold"), reverse("representation:my-seats"))],
        )
    ]


def _staff_panels(user: Any) -> list[Panel]:
    areas = _staff_areas(user)
    if not areas.exists():
        return []
    sign_ups = [
        Item(
            str(a.organisation.name),
            reverse("web:application", args=[a.pk]),
            str(a.get_engagement_level_display()),
        )
        for a in core.pending_applications(user)
    ]
    nominations = [
        Item(
            str(n.organisation),
            reverse("representation:review", args=[n.pk]),
            str(n.vacancy.seat),
        )
        for n in representation.nominations_to_validate(areas)
    ]
    overdue, gaps, issues = [], [], []
    for area in areas:
        for row in representation.coverage(area):
            target = (
                reverse("partnerships:seat", args=[row.body.slug, row.seat.pk])
                if row.seat
                else row.body.get_absolute_url()
            )
            label = str(row.seat) if row.seat else str(row.body)
            if row.status == representation.Status.REPORT_BACK_OVERDUE:
                overdue.append(Item(label, target, str(row.holding.person if row.holding else "")))
            elif row.status in (
                representation.Status.VACANT,
                representation.Status.NO_SECTOR_SEAT,
            ):
                gaps.append(Item(label, target, str(row.label)))
        issues += [
            Item(
                str(issue.title),
                reverse("partnerships:issues", args=[issue.body.slug]),
                str(issue.body),
            )
            for issue in partnerships.overdue_liaison_issues(area)
        ]
    review = [
        Item(str(s.service), reverse("directory:review", args=[s.pk]), str(s.service.organisation))
        for s in directory.pending_suggestions_for(user)
    ]
    coverage_links = [
        Item(
            _("Coverage of partnerships %(in_area)s") % {"in_area": area.in_name},
            reverse("representation:coverage", args=[area.slug]),
        )
        for area in areas
    ]
    tools = [
        *coverage_links,
        Item(_("Directory review queue"), reverse("directory:review-queue")),
        Item(_("Import directory records"), reverse("directory:import")),
        Item(_("Add a partnership body"), reverse("partnerships:body-create")),
        Item(_("Write a bulletin"), reverse("engagement:bulletin-new")),
        Item(_("Start a consultation"), reverse("engagement:consultation-new")),
        Item(_("Add an event"), reverse("engagement:event-new")),
        Item(_("Programme monitoring"), reverse("monitoring:index")),
        Item(_("Compacts and their findings"), reverse("compacts:index")),
    ]
    return [
        _panel(
            "sign-ups",
            _("Sign-ups to approve"),
            _("No sign-up is waiting."),
            sign_ups,
            [Item(_("Sign-ups to approve"), reverse("web:applications"))],
        ),
        _panel(
            "nominations",
            _("Nominations to validate"),
            _("No nomination is waiting."),
            nominations,
            [],
        ),
        _panel(
            "overdue-report-backs",
            _("Report-backs overdue"),
            _("No report-back is overdue."),
            overdue,
            coverage_links,
        ),
        _panel(
            "review",
            _("Directory changes to review"),
            _("Nothing is waiting for review."),
            review,
            [Item(_("Directory review queue"), reverse("directory:review-queue"))],
        ),
        _panel(
            "issues",
            _("Liaison issues overdue"),
            _("No liaison issue is overdue."),
            issues,
            [],
        ),
        _panel("gaps", _("Coverage gaps"), _("Every sector seat is filled."), gaps, coverage_links),
        Panel("tools", _("Staff tools"), "", items=tools, total=len(tools)),
    ]


def _officer_panels(user: Any) -> list[Panel]:
    if not RoleAssignment.objects.filter(
        user_id=user.pk, role=RoleAssignment.Role.PUBLIC_BODY_OFFICER
    ).exists():
        return []
    managed = engagement.managed_consultations(user)
    today = timezone.localdate()
    own = [
        Item(
            str(c.title),
            reverse("engagement:consultation-manage", args=[c.pk]),
            c.get_status_display()
            if not c.is_published
            else _("Closes %(day)s") % {"day": _day(c.closes_on)},
        )
        for c in managed
        if c.closes_on >= today
    ]
    due = [
        Item(
            str(c.title),
            reverse("engagement:consultation-feedback", args=[c.pk]),
            _("Feedback due %(day)s") % {"day": _day(c.feedback_due_on)},
        )
        for c in engagement.feedback_due(user, today)
    ]
    return [
        _panel(
            "own-consultations",
            _("Your consultations"),
            _("You have no consultation open or in draft."),
            own,
            [Item(_("Start a consultation"), reverse("engagement:consultation-new"))],
        ),
        _panel(
            "feedback-due",
            _("Feedback due"),
            _("No consultation is waiting for its feedback."),
            due,
            [],
        ),
    ]


def _board_support_panels(user: Any) -> list[Panel]:
    areas = Area.objects.filter(
        pk__in=RoleAssignment.objects.filter(
            user_id=user.pk, role=RoleAssignment.Role.BOARD_SUPPORT_OFFICER
        ).values("area_id")
    )
    if not areas.exists():
        return []
    now = timezone.now()
    meetings = [
        Item(str(m.body), m.get_absolute_url(), _day(timezone.localtime(m.starts_at)))
        for area in areas
        for m in partnerships.area_meetings(area).filter(starts_at__gte=now)
    ]
    return [
        _panel(
            "meetings",
            _("Meetings coming up"),
            _("No meeting is scheduled."),
            meetings,
            [
                Item(_("Partnerships"), reverse("partnerships:index")),
                Item(_("Plans and report cards"), reverse("planning:index")),
            ],
        )
    ]


def _national_panels(user: Any) -> list[Panel]:
    if not user.has_perm("core.view_national"):
        return []
    links = [
        Item(_("National view of every area"), reverse("web:national")),
        Item(_("Compact health in every area"), reverse("compacts:national")),
        Item(_("Programme monitoring"), reverse("monitoring:index")),
    ]
    return [Panel("national", _("Across Wales"), "", items=links, total=len(links))]


def panels_for(user: Any) -> list[Panel]:
    """Every panel for this user's roles, most pressing work first."""
    panels = [*_national_panels(user), *_staff_panels(user)]
    if user.person_id:
        panels += [*_representative_panels(user), *_organisation_panels(user)]
    return [*panels, *_officer_panels(user), *_board_support_panels(user)]
