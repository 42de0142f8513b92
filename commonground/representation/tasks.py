"""Background work: emails and counting never run inside a web request."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from commonground.core.models import User
from commonground.core.tasks import send_templated


def _admins(organisation_ids: list[int]) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True,
            person__affiliations__organisation_id__in=organisation_ids,
            person__affiliations__is_admin=True,
        ).distinct()
    )


@task()
def notify_eligible_organisations(vacancy_id: int) -> int:
    """Email the admins of every organisation eligible to stand. Returns how many were sent."""
    from commonground.representation.models import Vacancy
    from commonground.representation.queries import area_of, eligible_to_stand

    vacancy = Vacancy.objects.select_related("seat__body").get(pk=vacancy_id)
    organisations = list(eligible_to_stand(area_of(vacancy.seat)).values_list("pk", flat=True))
    recipients = _admins(organisations)
    for user in recipients:
        send_templated(
            user,
            "representation/email/vacancy.txt",
            {"vacancy": vacancy, "site": settings.SITE_URL},
        )
    return len(recipients)


@task()
def count_election(election_id: int) -> str:
    from commonground.representation.actions import record_result
    from commonground.representation.models import Election

    return record_result(Election.objects.get(pk=election_id)).status


@task()
def send_term_reminders() -> int:
    """Remind staff and holders before a term ends, once per term. Returns how many terms."""
    from commonground.core.models import RoleAssignment
    from commonground.partnerships.models import SeatHolding
    from commonground.representation.models import TermReminder
    from commonground.representation.queries import area_of, policy_for

    today = timezone.localdate()
    reminded = 0
    holdings = SeatHolding.objects.filter(
        ended_on__isnull=True, ends_on__gte=today, reminder__isnull=True
    )
    for holding in holdings.select_related("seat__body", "person"):
        area = area_of(holding.seat)
        if holding.ends_on > today + timedelta(days=policy_for(area).term_reminder_days):
            continue
        _, created = TermReminder.objects.get_or_create(holding=holding)
        if not created:
            continue
        staff = User.objects.filter(
            role_assignments__area=area,
            role_assignments__role__in=[
                RoleAssignment.Role.INFRASTRUCTURE_STAFF,
                RoleAssignment.Role.AREA_ADMIN,
            ],
        ).distinct()
        holder = User.objects.filter(person=holding.person)
        for user in {*staff, *holder}:
            send_templated(
                user,
                "representation/email/term_ending.txt",
                {"holding": holding, "site": settings.SITE_URL},
            )
        reminded += 1
    return reminded


@task()
def notify_nominee(nomination_id: int) -> int:
    """Tell the nominee, and whoever nominated them, that staff validated or rejected the
    nomination (with the reason). Returns how many were sent."""
    from commonground.representation.models import Nomination

    nomination = Nomination.objects.select_related(
        "vacancy__seat__body", "organisation", "submitted_by"
    ).get(pk=nomination_id)
    recipients = {
        user.pk: user
        for user in [
            *User.objects.filter(person_id=nomination.nominee_id, is_active=True),
            nomination.submitted_by,
        ]
    }
    for user in recipients.values():
        send_templated(
            user,
            "representation/email/nomination_decided.txt",
            {"nomination": nomination, "site": settings.SITE_URL},
        )
    return len(recipients)
