"""Pages for everyone: bulletins, subscriptions and digests, consultations, events.

Thin: reads go through ``queries``, changes through ``actions``.
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from commonground.core.forms import add_errors
from commonground.core.models import Organisation
from commonground.core.requests import signed_in_user
from commonground.engagement import actions, principles, queries, sending
from commonground.engagement.forms import ResponseForm, SubscriptionForm
from commonground.engagement.models import (
    Consultation,
    Digest,
    Event,
    PrincipleCheck,
    Registration,
    Response,
    Subscription,
)
from commonground.interop.ical import build_calendar

PAGE_SIZE = 20


# --- Bulletins -----------------------------------------------------------------------------


def bulletin_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.published_bulletins().prefetch_related("themes"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    can_publish = request.user.has_perm("engagement.open_publishing_pages")
    return render(
        request, "engagement/bulletins/list.html", {"page": page, "can_publish": can_publish}
    )


def bulletin_detail(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = get_object_or_404(queries.published_bulletins(), pk=pk)
    return render(request, "engagement/bulletins/detail.html", {"bulletin": bulletin})


# --- Subscriptions and digests -------------------------------------------------------------


@login_required
def subscription(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    current = Subscription.objects.filter(user=user).first()
    initial: dict[str, Any] = {"frequency": "weekly", "language": ""}
    if current is not None:
        initial = {
            "themes": list(current.themes.all()),
            "areas": list(current.areas.all()),
            "frequency": current.frequency,
            "language": current.language,
        }
    form = SubscriptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        actions.subscribe(
            user,
            themes=data["themes"],
            areas=data["areas"],
            frequency=data["frequency"],
            language=data["language"],
        )
        messages.success(request, _("Your subscription has been saved."))
        return redirect("engagement:subscription")
    digests = Digest.objects.filter(subscription__user=user).order_by("-created_at")[:12]
    return render(
        request,
        "engagement/subscriptions/manage.html",
        {"form": form, "subscription": current, "digests": digests},
    )


def digest_detail(request: HttpRequest, public_id: str) -> HttpResponse:
    """A digest on the web. The address is unguessable and the content public, as in the email."""
    digest = get_object_or_404(Digest, public_id=public_id)
    view = sending.digest_view(digest)
    return render(
        request,
        "engagement/subscriptions/digest.html",
        {"view": view, "digest": digest},
    )


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The page behind the email's unsubscribe link: one button, no sign-in."""
    found = queries.subscription_for_token(token)
    if found is None:
        return render(
            request, "engagement/subscriptions/unsubscribe.html", {"invalid": True}, status=400
        )
    done = False
    if request.method == "POST":
        actions.unsubscribe(found)
        done = True
    return render(
        request,
        "engagement/subscriptions/unsubscribe.html",
        {"subscription": found, "done": done or not found.active, "token": token},
    )


@csrf_exempt
@require_POST
def unsubscribe_one_click(request: HttpRequest, token: str) -> HttpResponse:
    """RFC 8058 one-click unsubscribe: the mail client POSTs ``List-Unsubscribe=One-Click``."""
    found = queries.subscription_for_token(token)
    if found is None:
        return HttpResponse(
            _("This unsubscribe link is not valid. Nothing has been changed."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    actions.unsubscribe(found)
    with translation.override(found.language):
        text = _("You have been unsubscribed. You will get no more digests.")
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


# --- Consultations -------------------------------------------------------------------------


def consultation_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    published = list(queries.public_consultations())
    return render(
        request,
        "engagement/consultations/list.html",
        {
            "open": [c for c in published if c.is_open(today)],
            "upcoming": [c for c in published if c.opens_on > today],
            "closed": [c for c in published if c.has_closed(today)],
            "managed": queries.managed_consultations(request.user),
            "can_add": queries.consultation_owners(request.user).exists(),
            "today": today,
        },
    )


def _consultation(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("owner", "area"), pk=pk)
    if not consultation.is_published and not request.user.has_perm(
        "engagement.change_consultation", consultation
    ):
        raise Http404
    return consultation


def principle_rows(consultation: Consultation) -> list[dict[str, Any]]:
    checks = {c.principle: c for c in PrincipleCheck.objects.filter(consultation=consultation)}
    return [
        {"code": code, "label": label, "check": checks.get(code)}
        for code, label in principles.PRINCIPLES
    ]


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    today = timezone.localdate()
    user: Any = request.user
    own = None
    if user.is_authenticated:
        own = Response.objects.filter(consultation=consultation, respondent=user).first()
    closed = consultation.has_closed(today)
    return render(
        request,
        "engagement/consultations/detail.html",
        {
            "consultation": consultation,
            "window": queries.window_for(consultation),
            "is_open": consultation.is_open(today),
            "closed": closed,
            "overdue": consultation.feedback_overdue(today),
            "principles": principle_rows(consultation),
            "questions": consultation.questions.all(),
            "documents": consultation.documents.all(),
            "own_response": own,
            "published_responses": queries.published_responses(consultation) if closed else [],
            "can_change": user.has_perm("engagement.change_consultation", consultation),
        },
    )


@login_required
def consultation_respond(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    user: Any = request.user
    if not consultation.is_published:
        raise Http404
    own = Response.objects.filter(consultation=consultation, respondent=user).first()
    if own is not None and own.status == Response.Status.SUBMITTED:
        return redirect("engagement:consultation-receipt", pk=consultation.pk)
    if not consultation.is_open():
        return render(
            request,
            "engagement/consultations/closed.html",
            {"consultation": consultation, "message": queries.closed_message(consultation)}
            if consultation.has_closed()
            else {"consultation": consultation, "message": _("This consultation is not open yet.")},
            status=200,
        )
    organisations = Organisation.objects.filter(affiliations__person_id=user.person_id).distinct()
    questions = list(consultation.questions.all())
    initial: dict[str, Any] = {}
    if own is not None:
        initial = {"publish": own.publish, "responding_for": str(own.organisation_id or "")}
        for answer in own.answers.select_related("question"):
            kind = answer.question.kind
            key = f"q{answer.question_id}"
            if kind == "free_text":
                initial[key] = answer.text
            elif kind == "rating":
                initial[key] = answer.rating
            elif kind == "single_choice":
                initial[key] = answer.choices[0] if answer.choices else None
            else:
                initial[key] = answer.choices
    form = ResponseForm(
        request.POST or None,
        initial=initial,
        questions=questions,
        organisations=organisations,
    )
    if request.method == "POST" and form.is_valid():
        submit = "submit" in request.POST
        org_id = form.organisation_id()
        organisation = organisations.filter(pk=org_id).first() if org_id else None
        try:
            actions.save_response(
                user,
                consultation,
                form.answers(),
                organisation=organisation,
                publish=form.cleaned_data["publish"],
                submit=submit,
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if submit:
                return redirect("engagement:consultation-receipt", pk=consultation.pk)
            messages.success(
                request, _("Your draft has been saved. You can come back and finish it later.")
            )
            return redirect("engagement:consultation-respond", pk=consultation.pk)
    return render(
        request,
        "engagement/consultations/respond.html",
        {"consultation": consultation, "form": form, "draft": own},
    )


@login_required
def consultation_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _consultation(request, pk)
    response = get_object_or_404(
        Response, consultation=consultation, respondent=request.user, status="submitted"
    )
    answers = response.answers.select_related("question").order_by("question__number")
    return render(
        request,
        "engagement/consultations/receipt.html",
        {"consultation": consultation, "response": response, "answers": answers},
    )


# --- Events --------------------------------------------------------------------------------


def event_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "engagement/events/list.html",
        {
            "upcoming": queries.upcoming_events(),
            "past": queries.past_events()[:20],
            "can_add": queries.event_organisers(request.user).exists(),
        },
    )


def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    user: Any = request.user
    registration = None
    if user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=user).first()
    return render(
        request,
        "engagement/events/detail.html",
        {
            "event": event,
            "places": queries.places(event),
            "registration": registration,
            "started": event.starts_at <= timezone.now(),
            "materials": event.materials.all(),
            "can_manage": user.has_perm("engagement.manage_event", event),
        },
    )


@require_POST
@login_required
def event_register(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    try:
        registration = actions.register_for_event(signed_in_user(request), event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(event.get_absolute_url())
    if registration.status == Registration.Status.WAITING:
        # Not a success: there is no place yet, so it shows as an "Important" banner.
        messages.error(
            request,
            _(
                "This event is full, so you are on the waiting list. We will email you if a place comes up."
            ),
        )
    else:
        messages.success(
            request, _("Your place is booked. We have emailed you a calendar invitation.")
        )
    return redirect(event.get_absolute_url())


@require_POST
@login_required
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    registration = get_object_or_404(Registration, event=event, user=request.user)
    if registration.status != Registration.Status.CANCELLED:
        try:
            actions.cancel_registration(signed_in_user(request), registration)
        except PermissionDenied:
            raise
        messages.success(request, _("Your registration has been cancelled."))
    return redirect(event.get_absolute_url())


def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_object_or_404(Event, pk=pk)
    url = request.build_absolute_uri(event.get_absolute_url())
    body = build_calendar(str(event.title), [queries.calendar_event(event, url)])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
