"""Background work: the daily step flags overdue actions and reminds owners before the due
date by email, never inside a web request."""

from datetime import date, timedelta

from django.conf import settings
from django_tasks import task

from commonground.core.models import User
from commonground.core.tasks import send_templated

REMIND_DAYS = 14  # how long before the due date the owners hear


def owners_of(action: object) -> list[User]:
    """The lead person's account and the owner organisation's admins."""
    from commonground.planning.models import Action

    assert isinstance(action, Action)
    users = User.objects.filter(
        is_active=True,
        person__affiliations__organisation=action.owner_id,
        person__affiliations__is_admin=True,
    )
    lead = (
        User.objects.filter(is_active=True, person_id=action.lead_id)
        if action.lead_id
        else User.objects.none()
    )
    return list((users | lead).distinct().order_by("pk"))


@task()
def send_action_reminders(today: str) -> int:
    """Remind each open action's owners once, ``REMIND_DAYS`` before it is due; flag the
    actions that have passed their date. Returns how many actions were reminded."""
    from commonground.planning.actions import flag_overdue_actions, mark_reminded
    from commonground.planning.models import Action
    from commonground.planning.queries import OPEN

    on = date.fromisoformat(today)
    flag_overdue_actions(on)
    due = Action.objects.filter(
        status__in=OPEN,
        reminded_on__isnull=True,
        due_on__gte=on,
        due_on__lte=on + timedelta(days=REMIND_DAYS),
    ).select_related("priority__plan__body", "owner", "lead")
    reminded = 0
    for action in due:
        recipients = owners_of(action)
        for user in recipients:
            send_templated(
                user,
                "planning/email/action_due.txt",
                {"action": action, "site": settings.SITE_URL},
            )
        mark_reminded(action, len(recipients), on)
        reminded += 1
    return reminded
