"""Pages for publishers: bulletins, consultation owners and event organisers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from commonground.core.forms import add_errors
from commonground.core.requests import signed_in_user
from commonground.engagement import actions, export, queries
from commonground.engagement.forms import (
    AttendanceForm,
    BulletinForm,
    ConsultationForm,
    DocumentForm,
    EventForm,
    FeedbackForm,
    MaterialForm,
    PrinciplesForm,
    QuestionForm,
    SummaryForm,
)
from commonground.engagement.models import (
    Consultation,
    Event,
    PrincipleCheck,
    Question,
    Registration,
)
from commonground.engagement.views_public import principle_rows


@login_required
def bulletin_new(request: HttpRequest) -> HttpResponse:
    organisations = queries.publishable_organisations(request.user)
    if not organisations.exists():
        raise PermissionDenied
    form = BulletinForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            bulletin = actions.publish_bulletin(
                signed_in_user(request),
                form.cleaned_data["organisation"],
                form.data_fields(),
                themes=form.cleaned_data["themes"],
                areas=form.cleaned_data["areas"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The bulletin has been published."))
            return redirect(bulletin.get_absolute_url())
    return render(request, "engagement/bulletins/new.html", {"form": form})


# --- Consultations -------------------------------------------------------------------------


def _managed(request: HttpRequest, pk: int) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("owner", "area"), pk=pk)
    if not request.user.has_perm("engagement.change_consultation", consultation):
        raise PermissionDenied
    return consultation


@login_required
def consultation_new(request: HttpRequest) -> HttpResponse:
    owners = queries.consultation_owners(request.user)
    if not owners.exists():
        raise PermissionDenied
    form = ConsultationForm(request.POST or None, owners=owners)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = actions.create_consultation(
                signed_in_user(request),
                form.cleaned_data["owner"],
                form.data_fields(),
                themes=form.cleaned_data["themes"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, _("The draft consultation has been saved. Now add its questions.")
            )
            return redirect("engagement:consultation-manage", pk=consultation.pk)
    return render(request, "engagement/consultations/form.html", {"form": form})


@login_required
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _managed(request, pk)
    form = ConsultationForm(request.POST or None, instance=consultation)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_consultation(
                signed_in_user(request), consultation, form.data_fields(), themes=form.cleaned_data["themes"]
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect("engagement:consultation-manage", pk=consultation.pk)
    return render(
        request, "engagement/consultations/form.html", {"form": form, "consultation": consultation}
    )


@login_required
def consultation_manage(request: HttpRequest, pk: int) -> HttpResponse:
    """The owner's page: questions, documents, principles, publishing, and after the close."""
    consultation = _managed(request, pk)
    question_form = QuestionForm(prefix="question")
    document_form = DocumentForm(prefix="document")
    if request.method == "POST":
        try:
            if "add_question" in request.POST:
                question_form = QuestionForm(request.POST, prefix="question")
                if question_form.is_valid():
                    actions.add_question(signed_in_user(request), consultation, question_form.cleaned_data)
                    messages.success(request, _("The question has been added."))
                    return redirect("engagement:consultation-manage", pk=pk)
            elif "add_document" in request.POST:
                document_form = DocumentForm(request.POST, prefix="document")
                if document_form.is_valid():
                    actions.add_document(signed_in_user(request), consultation, document_form.cleaned_data)
                    messages.success(request, _("The document has been added."))
                    return redirect("engagement:consultation-manage", pk=pk)
        except ValidationError as exc:
            add_errors(question_form if "add_question" in request.POST else document_form, exc)
    return render(
        request,
        "engagement/consultations/manage.html",
        {
            "consultation": consultation,
            "window": queries.window_for(consultation),
            "questions": consultation.questions.all(),
            "documents": consultation.documents.all(),
            "principles": principle_rows(consultation),
            "question_form": question_form,
            "document_form": document_form,
            "closed": consultation.has_closed(),
            "overdue": consultation.feedback_overdue(),
            "responses": queries.submitted_responses(consultation).count(),
        },
    )


def _draft_question(request: HttpRequest, pk: int, question_pk: int) -> Question:
    consultation = _managed(request, pk)
    return get_object_or_404(
        Question.objects.select_related("consultation"), pk=question_pk, consultation=consultation
    )


def _question_problem(request: HttpRequest, question: Question, exc: ValidationError) -> HttpResponse:
    return render(
        request,
        "engagement/consultations/problem.html",
        {
            "consultation": question.consultation,
            "heading": _("The question cannot be changed"),
            "problems": exc.messages,
        },
        status=400,
    )


@login_required
def question_edit(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _draft_question(request, pk, question_pk)
    consultation = question.consultation
    if consultation.is_published:
        return _question_problem(
            request, question, ValidationError(queries.published_questions_message())
        )
    form = QuestionForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_question(signed_in_user(request), question, form.cleaned_data)
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The question has been changed."))
            return redirect("engagement:consultation-manage", pk=pk)
    return render(
        request,
        "engagement/consultations/question.html",
        {"consultation": consultation, "question": question, "form": form},
    )


@require_POST
@login_required
def question_move(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    question = _draft_question(request, pk, question_pk)
    try:
        actions.move_question(
            signed_in_user(request), question, up=request.POST.get("direction") == "up"
        )
    except ValidationError as exc:
        return _question_problem(request, question, exc)
    messages.success(request, _("The question has been moved."))
    return redirect("engagement:consultation-manage", pk=pk)


@login_required
def question_delete(request: HttpRequest, pk: int, question_pk: int) -> HttpResponse:
    """A page that asks before deleting; the POST from it deletes."""
    question = _draft_question(request, pk, question_pk)
    if question.consultation.is_published:
        return _question_problem(
            request, question, ValidationError(queries.published_questions_message())
        )
    if request.method == "POST":
        try:
            actions.delete_question(signed_in_user(request), question)
        except ValidationError as exc:
            return _question_problem(request, question, exc)
        messages.success(request, _("The question has been deleted."))
        return redirect("engagement:consultation-manage", pk=pk)
    return render(
        request,
        "engagement/consultations/question_delete.html",
        {"consultation": question.consultation, "question": question},
    )


@login_required
def consultation_principles(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _managed(request, pk)
    initial: dict[str, Any] = {}
    for check in PrincipleCheck.objects.filter(consultation=consultation):
        initial[f"met_{check.principle}"] = check.met
        initial[f"note_{check.principle}"] = check.note
    form = PrinciplesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        actions.record_principles(signed_in_user(request), consultation, form.checks())
        messages.success(request, _("The principles checklist has been saved."))
        return redirect("engagement:consultation-manage", pk=pk)
    return render(
        request,
        "engagement/consultations/principles.html",
        {"consultation": consultation, "form": form},
    )


@require_POST
@login_required
def consultation_publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _managed(request, pk)
    try:
        actions.publish_consultation(signed_in_user(request), consultation)
    except ValidationError as exc:
        return render(
            request,
            "engagement/consultations/problem.html",
            {"consultation": consultation, "problems": exc.messages},
            status=400,
        )
    messages.success(request, _("The consultation has been published."))
    return redirect(consultation.get_absolute_url())


@login_required
def consultation_results(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(Consultation.objects.select_related("owner"), pk=pk)
    if not request.user.has_perm("engagement.view_responses", consultation):
        raise PermissionDenied
    header, rows = export.response_table(consultation)
    return render(
        request,
        "engagement/consultations/results.html",
        {
            "consultation": consultation,
            "header": header,
            "rows": rows,
            "results": queries.results_by_question(consultation),
        },
    )


@login_required
def consultation_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = get_object_or_404(Consultation, pk=pk)
    if not request.user.has_perm("engagement.view_responses", consultation):
        raise PermissionDenied
    name = f"consultation-{consultation.pk}-responses-{timezone.localdate():%Y%m%d}"
    if fmt == "xlsx":
        response = HttpResponse(
            export.as_xlsx(consultation),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    else:
        response = HttpResponse(export.as_csv(consultation), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
def consultation_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """After the close: the summary of responses, then "you said, we did"."""
    consultation = _managed(request, pk)
    summary_form = SummaryForm(
        prefix="summary",
        initial={
            "response_summary_en": consultation.response_summary_en,
            "response_summary_cy": consultation.response_summary_cy,
        },
    )
    feedback_form = FeedbackForm(prefix="feedback")
    if request.method == "POST":
        is_summary = "save_summary" in request.POST
        form: Any = (
            SummaryForm(request.POST, prefix="summary")
            if is_summary
            else FeedbackForm(request.POST, prefix="feedback")
        )
        if is_summary:
            summary_form = form
        else:
            feedback_form = form
        if form.is_valid():
            data = form.cleaned_data
            try:
                if is_summary:
                    actions.write_response_summary(
                        signed_in_user(request),
                        consultation,
                        data["response_summary_en"],
                        data["response_summary_cy"],
                    )
                    messages.success(request, _("The summary of responses has been saved."))
                    return redirect("engagement:consultation-feedback", pk=pk)
                actions.publish_feedback(
                    signed_in_user(request), consultation, data["feedback_en"], data["feedback_cy"]
                )
                messages.success(
                    request, _("The feedback has been published and respondents are being told.")
                )
                return redirect(consultation.get_absolute_url())
            except ValidationError as exc:
                add_errors(form, exc)
    return render(
        request,
        "engagement/consultations/feedback.html",
        {
            "consultation": consultation,
            "summary_form": summary_form,
            "feedback_form": feedback_form,
            "closed": consultation.has_closed(),
            "overdue": consultation.feedback_overdue(),
        },
    )


# --- Events --------------------------------------------------------------------------------


@login_required
def event_new(request: HttpRequest) -> HttpResponse:
    organisers = queries.event_organisers(request.user)
    if not organisers.exists():
        raise PermissionDenied
    form = EventForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        try:
            event = actions.create_event(
                signed_in_user(request),
                form.cleaned_data["organiser"],
                form.data_fields(),
                themes=form.cleaned_data["themes"],
            )
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The event has been published."))
            return redirect(event.get_absolute_url())
    return render(request, "engagement/events/new.html", {"form": form})


def _managed_event(request: HttpRequest, pk: int) -> Event:
    event = get_object_or_404(Event.objects.select_related("organiser"), pk=pk)
    if not request.user.has_perm("engagement.manage_event", event):
        raise PermissionDenied
    return event


@login_required
def event_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    """The register: confirmed places, ticked off by who came; and the event's materials."""
    event = _managed_event(request, pk)
    registrations = list(
        event.registrations.filter(status=Registration.Status.CONFIRMED).select_related(
            "user__person"
        )
    )
    form = AttendanceForm(
        request.POST if "save_attendance" in request.POST else None,
        registrations=registrations,
        initial={"attended": [str(r.user_id) for r in registrations if r.attended]},
    )
    material_form = MaterialForm(
        request.POST if "add_material" in request.POST else None, prefix="material"
    )
    if request.method == "POST":
        try:
            if "save_attendance" in request.POST and form.is_valid():
                count = actions.record_attendance(
                    signed_in_user(request), event, [int(i) for i in form.cleaned_data["attended"]]
                )
                messages.success(
                    request,
                    _("Attendance has been recorded: %(count)d attended.") % {"count": count},
                )
                return redirect("engagement:event-attendance", pk=pk)
            if "add_material" in request.POST and material_form.is_valid():
                actions.add_material(signed_in_user(request), event, material_form.cleaned_data)
                messages.success(request, _("The material has been added."))
                return redirect("engagement:event-attendance", pk=pk)
        except ValidationError as exc:
            add_errors(form if "save_attendance" in request.POST else material_form, exc)
    return render(
        request,
        "engagement/events/attendance.html",
        {
            "event": event,
            "form": form,
            "material_form": material_form,
            "waiting": event.registrations.filter(
                status=Registration.Status.WAITING
            ).select_related("user__person"),
            "places": queries.places(event),
        },
    )
