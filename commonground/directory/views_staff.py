"""Directory pages that change things: adding and editing services, suggesting a change,
reviewing suggestions, importing.

Thin: each calls one verb in ``actions`` (or the import in ``imports``).
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from commonground.core.forms import add_errors
from commonground.core.models import Organisation
from commonground.core.requests import signed_in_user
from commonground.directory import actions, imports, queries
from commonground.directory import problems as problems_module
from commonground.directory.forms import (
    ImportForm,
    ServiceForm,
    SuggestionForm,
)
from commonground.directory.models import Attribute, Service, Suggestion
from commonground.directory.views_public import visible_service


@login_required
def service_new(request: HttpRequest, slug: str) -> HttpResponse:
    """An organisation's admins (or area staff) add a service to its entry."""
    organisation = get_object_or_404(Organisation.objects.select_related("area"), slug=slug)
    if not request.user.has_perm("directory.add_service", organisation):
        raise PermissionDenied
    form = ServiceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            service = actions.create_service(signed_in_user(request), organisation, form.changes())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, _("The service has been added."))
            return redirect(service.get_absolute_url())
    return render(request, "directory/new.html", {"form": form, "organisation": organisation})


def _initial(service: Service) -> dict[str, Any]:
    return {
        "terms": list(
            Attribute.objects.filter(link_id=service.pk).values_list("taxonomy_term_id", flat=True)
        )
    }


@login_required
def service_edit(request: HttpRequest, pk: Any) -> HttpResponse:
    service = visible_service(request, pk)
    if not request.user.has_perm("directory.change_service", service):
        return redirect("directory:service-suggest", pk=service.pk)
    form = ServiceForm(request.POST or None, instance=service, initial=_initial(service))
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.update_service(signed_in_user(request), service, form.changes())
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            if changed:
                messages.success(request, _("Your changes have been saved."))
            return redirect(service.get_absolute_url())
    return render(
        request, "directory/edit.html", {"form": form, "service": service, "suggest": False}
    )


@login_required
def service_suggest(request: HttpRequest, pk: Any) -> HttpResponse:
    service = visible_service(request, pk)
    form = SuggestionForm(request.POST or None, instance=service, initial=_initial(service))
    if request.method == "POST" and form.is_valid():
        try:
            actions.suggest_change(signed_in_user(request), service, form.changes(), form.cleaned_data["note"])
        except ValidationError as exc:
            form.add_error(
                None,
                exc.messages[0] if exc.code != "no_change" else _("You have not changed anything."),
            )
        else:
            messages.success(request, _("Thank you. Your suggestion has been sent for review."))
            return redirect(service.get_absolute_url())
    return render(
        request, "directory/edit.html", {"form": form, "service": service, "suggest": True}
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    suggestions = queries.pending_suggestions_for(request.user)
    return render(request, "directory/review.html", {"suggestions": suggestions})


@require_POST
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    suggestion = get_object_or_404(
        Suggestion.objects.select_related("service__organisation"), pk=pk
    )
    if not request.user.has_perm("directory.review_suggestion", suggestion):
        raise PermissionDenied
    accept = request.POST.get("decision") == "accept"
    try:
        actions.review_suggestion(signed_in_user(request), suggestion, accept)
    except ValidationError:
        messages.success(request, _("This suggestion had already been reviewed."))
    else:
        messages.success(
            request,
            _("The change has been made.") if accept else _("The suggestion has been rejected."),
        )
    return redirect("directory:review-queue")


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("directory.import"):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    problems: list[Any] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            counts = imports.run_import(
                request.user,
                form.cleaned_data["format"],
                upload.read(),
                form.cleaned_data["area"],
                upload.name,
            )
        except actions.ImportFailed as exc:
            problems = problems_module.as_rows(exc.problems[:500])
            form.add_error(
                "file",
                ngettext(
                    "The file has %(count)d problem. Nothing has been imported.",
                    "The file has %(count)d problems. Nothing has been imported.",
                    len(exc.problems),
                )
                % {"count": len(exc.problems)},
            )
        else:
            total = sum(counts.values())
            messages.success(request, _("Import complete: %(count)d records.") % {"count": total})
            return redirect("directory:import")
    return render(request, "directory/import.html", {"form": form, "problems": problems})
