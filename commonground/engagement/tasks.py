"""Background tasks: everything that sends email runs here, never in a request."""

from datetime import date

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django_tasks import TaskContext, task

from commonground.engagement import queries, sending
from commonground.engagement.models import Consultation, Registration, Response
from commonground.interop.ical import Participant, invitation


@task(takes_context=True)
def send_digests(context: TaskContext, frequency: str, today: str) -> int:
    """Send the weekly or monthly digests for the last complete period before ``today``.

    The digests it takes carry the task's id, so a crashed run's can be released to its retry."""
    period = sending.period_for(frequency, date.fromisoformat(today))
    return sending.deliver(period, claim=str(context.task_result.id))


@task(takes_context=True)
def send_immediate_digests(context: TaskContext, bulletin_id: int) -> int:
    return sending.deliver_immediately(bulletin_id, claim=str(context.task_result.id))


def _language(user: object) -> str:
    subscription = getattr(user, "engagement_subscription", None)
    language = getattr(user, "preferred_language", "en")
    return str(language or (subscription.language if subscription else "en"))


def _send(to: str, language: str, subject: str, template: str, context: dict[str, object]) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(template, {**context, "site": sending.site_url()}),
        to=[to],
        headers={"Content-Language": language},
    )
    message.send()


@task()
def send_response_receipt(response_id: int) -> None:
    response = Response.objects.select_related("consultation", "respondent", "organisation").get(
        pk=response_id
    )
    language = _language(response.respondent)
    with translation.override(language):
        consultation = response.consultation
        _send(
            response.respondent.email,
            language,
            _("Receipt for your response: %(title)s") % {"title": consultation.title},
            "engagement/emails/receipt.txt",
            {
                "response": response,
                "consultation": consultation,
                "answers": response.answers.select_related("question").order_by("question__number"),
                "url": sending.site_url() + consultation.get_absolute_url(),
            },
        )


@task()
def send_feedback_notices(consultation_id: int) -> int:
    """Tell each respondent that "you said, we did" is published."""
    consultation = Consultation.objects.get(pk=consultation_id)
    responses = consultation.responses.filter(status=Response.Status.SUBMITTED).select_related(
        "respondent"
    )
    count = 0
    for response in responses:
        language = _language(response.respondent)
        with translation.override(language):
            _send(
                response.respondent.email,
                language,
                _("You said, we did: %(title)s") % {"title": consultation.title},
                "engagement/emails/feedback.txt",
                {
                    "consultation": consultation,
                    "response": response,
                    "url": sending.site_url() + consultation.get_absolute_url(),
                },
            )
        count += 1
    return count


@task()
def send_event_invitation(registration_id: int) -> None:
    """The confirmation with an iCalendar invitation (METHOD:REQUEST) attached."""
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    if registration.status != Registration.Status.CONFIRMED:
        return
    event, user = registration.event, registration.user
    language = _language(user)
    with translation.override(language):
        url = sending.site_url() + event.get_absolute_url()
        message = EmailMultiAlternatives(
            subject=_("Your place at %(title)s") % {"title": event.title},
            body=render_to_string(
                "engagement/emails/invitation.txt",
                {"event": event, "url": url, "site": sending.site_url()},
            ),
            to=[user.email],
            headers={"Content-Language": language},
        )
        message.attach(
            "invite.ics",
            invitation(
                queries.calendar_event(event, url),
                organiser=queries.invitation_organiser(event),
                attendee=Participant(email=user.email),
            ),
            "text/calendar; method=REQUEST; charset=utf-8",
        )
        message.send()


def calendar_url(event_id: int) -> str:
    return sending.site_url() + reverse("engagement:event-ics", args=[event_id])
