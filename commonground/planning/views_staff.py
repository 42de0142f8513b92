"""Pages that change plans, report cards and the requests log, and the exception report.

Each view checks the permission, validates with a form and calls one verb through
``form_page``; a verb's ``ValidationError`` appears in the error summary and nothing is
half-written.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core.dates import long_date
from commonground.core.form_views import form_page
from commonground.core.models import Organisation
from commonground.core.pdf import pdf_response, render_pdf
from commonground.core.requests import signed_in_user
from commonground.partnerships.models import Paper, PartnershipBody
from commonground.planning import actions, export, forms, queries
from commonground.planning.models import (
    Action,
    Candidate,
    GovernmentRequest,
    Measure,
    Plan,
    Priority,
    ReportCard,
)

FORM = "planning/form.html"


def _allowed(request: HttpRequest, obj: Model, perm: str = "planning.manage_plans") -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied


def _body(request: HttpRequest, slug: str, perm: str = "planning.manage_plans") -> PartnershipBody:
    body = get_object_or_404(PartnershipBody, slug=slug)
    _allowed(request, body, perm)
    return body


def _organisations(body: PartnershipBody) -> QuerySet[Organisation]:
    return (
        Organisation.objects.filter(Q(area__in=body.areas.all()) | Q(pk=body.convenor_id))
        .exclude(kind=Organisation.Kind.THIRD_SECTOR, constituted=False)
        .distinct()
        .order_by("name_en")
    )


def _on(request: HttpRequest) -> date:
    try:
        return date.fromisoformat(request.GET.get("on", ""))
    except ValueError:
        return timezone.localdate()


# Plans


@login_required
def plan_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = forms.PlanForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.create_plan(signed_in_user(request), body, form.record()),
        success=_("The plan has been created."),
        then=lambda plan: plan.get_absolute_url(),
        template=FORM,
        title=_("Create a plan"),
        caption=str(body),
        back=reverse("planning:body", args=[body.slug]),
        submit=_("Create plan"),
    )


@login_required
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    _allowed(request, plan)
    form = forms.PlanForm(request.POST or None, instance=Plan.objects.get(pk=pk))
    return form_page(
        request,
        form,
        lambda: actions.update_plan(signed_in_user(request), plan, form.record()),
        success=_("The plan has been saved."),
        then=plan.get_absolute_url(),
        template=FORM,
        title=_("Edit the plan"),
        caption=str(plan),
        back=plan.get_absolute_url(),
        submit=_("Save plan"),
    )


@login_required
@require_POST
def plan_publish(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    _allowed(request, plan)
    try:
        published = actions.publish_plan(signed_in_user(request), plan)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Version %(version)s of the plan is published.") % {"version": published.version},
        )
    return redirect(plan.get_absolute_url())


@login_required
def candidate_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    _allowed(request, plan)
    form = forms.CandidateForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.add_candidate(signed_in_user(request), plan, form.record()),
        success=_("The candidate priority is on the long list."),
        then=plan.get_absolute_url() + "#needs",
        template=FORM,
        title=_("Add a candidate priority"),
        caption=str(plan),
        back=plan.get_absolute_url(),
        submit=_("Add to the long list"),
    )


@login_required
def candidate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(Candidate.objects.select_related("plan"), pk=pk)
    _allowed(request, candidate.plan)
    form = forms.DecisionForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.decide_candidate(
            signed_in_user(request),
            candidate,
            form.cleaned_data["decision"],
            form.cleaned_data["reason"],
        ),
        success=_("The decision and its reason are recorded."),
        then=candidate.plan.get_absolute_url() + "#needs",
        template=FORM,
        title=_("Shortlist or not: %(name)s") % {"name": candidate.title},
        caption=str(candidate.plan),
        back=candidate.plan.get_absolute_url(),
        submit=_("Record decision"),
    )


@login_required
def priority_add(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(Plan, pk=pk)
    _allowed(request, plan)
    form = forms.PriorityForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.add_priority(
            signed_in_user(request), plan, form.record(), form.cleaned_data["outcomes"]
        ),
        success=_("The priority has been added."),
        then=plan.get_absolute_url(),
        template=FORM,
        title=_("Add a priority"),
        caption=str(plan),
        back=plan.get_absolute_url(),
        submit=_("Add priority"),
    )


# Actions


@login_required
def action_add(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_object_or_404(Priority.objects.select_related("plan__body"), pk=pk)
    _allowed(request, priority.plan)
    form = forms.ActionForm(request.POST or None, organisations=_organisations(priority.plan.body))
    return form_page(
        request,
        form,
        lambda: actions.create_action(
            signed_in_user(request), priority, form.record(), form.cleaned_data["partners"]
        ),
        success=_("The action has been added."),
        then=lambda action: action.get_absolute_url(),
        template=FORM,
        title=_("Add an action"),
        caption=str(priority),
        back=priority.plan.get_absolute_url(),
        submit=_("Add action"),
    )


@login_required
def action_edit(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("priority__plan__body"), pk=pk)
    _allowed(request, action)
    form = forms.ActionForm(
        request.POST or None,
        instance=Action.objects.get(pk=pk),
        organisations=_organisations(action.priority.plan.body),
    )
    return form_page(
        request,
        form,
        lambda: actions.update_action(
            signed_in_user(request), action, form.record(), form.cleaned_data["partners"]
        ),
        success=_("The action has been saved."),
        then=action.get_absolute_url(),
        template=FORM,
        title=_("Edit the action"),
        caption=str(action.priority),
        back=action.get_absolute_url(),
        submit=_("Save action"),
    )


@login_required
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(Action.objects.select_related("priority__plan__body"), pk=pk)
    _allowed(request, action, "planning.update_action")
    form = forms.ProgressForm(request.POST or None, initial={"status": action.status})
    return form_page(
        request,
        form,
        lambda: actions.record_progress(
            signed_in_user(request), action, form.cleaned_data["text"], form.cleaned_data["status"]
        ),
        success=_("The progress update has been recorded."),
        then=action.get_absolute_url(),
        template=FORM,
        title=_("Update progress"),
        caption=str(action),
        back=action.get_absolute_url(),
        submit=_("Record progress"),
    )


# Report cards and measures


@login_required
def card_create(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug, "planning.manage_cards")
    form = forms.CardForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.create_card(signed_in_user(request), body, form.record()),
        success=_("The report card has been created. Add its measures."),
        then=lambda card: card.get_absolute_url(),
        template=FORM,
        title=_("Create a report card"),
        caption=str(body),
        back=reverse("planning:body", args=[body.slug]),
        submit=_("Create report card"),
    )


@login_required
def card_edit(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ReportCard.objects.select_related("body"), pk=pk)
    _allowed(request, card, "planning.manage_cards")
    form = forms.CardForm(request.POST or None, instance=ReportCard.objects.get(pk=pk))
    return form_page(
        request,
        form,
        lambda: actions.update_card(signed_in_user(request), card, form.record()),
        success=_("The report card has been saved."),
        then=card.get_absolute_url(),
        template=FORM,
        title=_("Edit the report card"),
        caption=str(card),
        back=card.get_absolute_url(),
        submit=_("Save report card"),
    )


def _linkable_actions(body: PartnershipBody) -> QuerySet[Action]:
    return (
        Action.objects.filter(priority__plan__body__in=[body, *body.ancestors()])
        .select_related("priority")
        .order_by("priority__position", "due_on")
    )


@login_required
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ReportCard.objects.select_related("body"), pk=pk)
    _allowed(request, card, "planning.manage_cards")
    form = forms.MeasureForm(request.POST or None, card=card, actions=_linkable_actions(card.body))
    return form_page(
        request,
        form,
        lambda: actions.add_measure(
            signed_in_user(request), card, form.record(), form.cleaned_data["plan_actions"]
        ),
        success=_("The measure has been added. Enter its values."),
        then=lambda measure: measure.get_absolute_url(),
        template=FORM,
        title=_("Add a measure"),
        caption=str(card),
        back=card.get_absolute_url(),
        submit=_("Add measure"),
    )


@login_required
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("card__body"), pk=pk)
    _allowed(request, measure, "planning.manage_cards")
    form = forms.MeasureForm(
        request.POST or None,
        instance=Measure.objects.get(pk=pk),
        card=measure.card,
        actions=_linkable_actions(measure.card.body),
    )
    return form_page(
        request,
        form,
        lambda: actions.update_measure(
            signed_in_user(request), measure, form.record(), form.cleaned_data["plan_actions"]
        ),
        success=_("The measure has been saved."),
        then=measure.get_absolute_url(),
        template=FORM,
        title=_("Edit the measure and its turn-the-curve story"),
        caption=str(measure.card),
        back=measure.get_absolute_url(),
        submit=_("Save measure"),
    )


@login_required
def value_enter(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(Measure.objects.select_related("card__body"), pk=pk)
    _allowed(request, measure, "planning.manage_cards")
    form = forms.ValueForm(request.POST or None)
    return form_page(
        request,
        form,
        lambda: actions.set_values(signed_in_user(request), measure, [form.row()]),
        success=_("The values have been saved."),
        then=measure.get_absolute_url(),
        template=FORM,
        title=_("Enter values for one period"),
        caption=str(measure),
        back=measure.get_absolute_url(),
        submit=_("Save values"),
        intro=_(
            "A period is written like 2025 for a year, 2025-Q3 for a quarter or 2025-09 for a month. Entering a period again replaces its values."
        ),
    )


@login_required
def card_import(request: HttpRequest, pk: int) -> HttpResponse:
    card = get_object_or_404(ReportCard.objects.select_related("body"), pk=pk)
    _allowed(request, card, "planning.manage_cards")
    form = forms.ImportForm(request.POST or None, request.FILES or None)

    def run() -> int:
        try:
            text = form.text()
        except Exception as error:
            raise ValidationError({"file": error.messages}) from None  # type: ignore[attr-defined]
        try:
            return actions.import_values(signed_in_user(request), card, text)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from None

    return form_page(
        request,
        form,
        run,
        success=_("The values have been imported."),
        then=card.get_absolute_url(),
        template="planning/import.html",
        title=_("Import values from CSV"),
        caption=str(card),
        back=card.get_absolute_url(),
        submit=_("Import values"),
        context={"measures": card.measures.all(), "multipart": True},
    )


# Government requests


@login_required
def request_log(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    on = _on(request)
    requests = list(
        GovernmentRequest.objects.filter(body__in=queries.family(body)).select_related(
            "owner", "body"
        )
    )
    fmt = request.GET.get("download")
    if fmt in export.FORMATS:
        header, rows = export.request_table(requests, on)
        return export.download(fmt, f"government-requests-{body.slug}", header, rows)
    return render(
        request,
        "planning/requests.html",
        {"body": body, "requests": requests, "on": on},
    )


@login_required
def request_add(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    form = forms.RequestForm(request.POST or None, organisations=_organisations(body))
    return form_page(
        request,
        form,
        lambda: actions.log_request(signed_in_user(request), body, form.record()),
        success=_("The request is in the log."),
        then=reverse("planning:requests", args=[body.slug]),
        template=FORM,
        title=_("Log a government request"),
        caption=str(body),
        back=reverse("planning:requests", args=[body.slug]),
        submit=_("Log request"),
    )


@login_required
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(GovernmentRequest.objects.select_related("body"), pk=pk)
    _allowed(request, item.body)
    form = forms.AnswerForm(request.POST or None, initial={"answered_on": timezone.localdate()})
    return form_page(
        request,
        form,
        lambda: actions.answer_request(
            signed_in_user(request),
            item,
            form.cleaned_data["response"],
            form.cleaned_data["answered_on"],
        ),
        success=_("The response is recorded."),
        then=reverse("planning:requests", args=[item.body.slug]),
        template=FORM,
        title=_("Record the response: %(subject)s") % {"subject": item.title},
        caption=str(item.body),
        back=reverse("planning:requests", args=[item.body.slug]),
        submit=_("Record response"),
    )


# Exception report


def _report_title(body: PartnershipBody, on: date) -> str:
    return _("Exception report: %(body)s, %(date)s") % {"body": body, "date": long_date(on)}


@login_required
def exception_report(request: HttpRequest, slug: str) -> HttpResponse:
    body = _body(request, slug)
    on = _on(request)
    report = queries.exception_report(body, on)
    fmt = request.GET.get("download")
    context = {
        "body": body,
        "report": report,
        "on": on,
        "title": _report_title(body, on),
        "as_of": forms.AsOfForm(initial={"on": on}),
    }
    if fmt in export.FORMATS:
        header, rows = export.exception_table(report)
        return export.download(fmt, f"exception-report-{body.slug}-{on.isoformat()}", header, rows)
    if fmt == "pdf":
        pdf = render_pdf("planning/exception_report_pdf.html", context, request)
        return pdf_response(pdf, f"exception-report-{body.slug}-{on.isoformat()}.pdf")
    form = forms.AttachForm(body=body)
    return render(request, "planning/exceptions.html", {**context, "form": form})


@login_required
def exception_attach(request: HttpRequest, slug: str) -> HttpResponse:
    """One click: the report's PDF goes into the chosen meeting's papers."""
    body = _body(request, slug)
    on = _on(request)
    form = forms.AttachForm(request.POST or None, body=body)
    report = queries.exception_report(body, on)
    title = _report_title(body, on)
    context = {
        "body": body,
        "report": report,
        "on": on,
        "title": title,
        "as_of": forms.AsOfForm(initial={"on": on}),
    }

    def attach() -> Paper:
        pdf = render_pdf("planning/exception_report_pdf.html", context, request)
        return actions.attach_exception_report(
            signed_in_user(request), body, form.cleaned_data["meeting"], pdf, on, title
        )

    return form_page(
        request,
        form,
        attach,
        success=_("The exception report is in the meeting’s papers."),
        then=lambda paper: paper.meeting.get_absolute_url(),
        template="planning/exceptions.html",
        context={**context, "form": form},
    )
