"""Public pages: the register, a compact with its findings and disputes, the packs, raising
and following a concern, compact health per area and side by side, the annual report."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from commonground.compacts import actions, queries
from commonground.compacts.forms import ConcernForm, FollowForm, MessageForm, finding_for
from commonground.compacts.models import AnnualReport, Compact, Dispute
from commonground.compacts.packs import load_packs
from commonground.compacts.parameters import compact_rules
from commonground.core.bilingual import active_language
from commonground.core.form_views import form_page
from commonground.core.pdf import pdf_response, render_pdf


def _staff(request: HttpRequest, compact: Compact) -> bool:
    return bool(request.user.has_perm("compacts.manage_compact", compact))


def register(request: HttpRequest) -> HttpResponse:
    return render(request, "compacts/register.html", {"compacts": queries.public_compacts()})


def _finding_rows(compact: Compact) -> list[dict[str, Any]]:
    language = active_language()
    return [
        {"finding": f, "text": queries.rule_text(f.rule, f.pack_id, language)}
        for f in queries.findings(compact)
    ]


def compact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    compact = get_object_or_404(Compact.objects.select_related("area", "liaison_body"), pk=pk)
    packs = load_packs()
    return render(
        request,
        "compacts/compact.html",
        {
            "compact": compact,
            "parties": compact.parties.select_related("organisation"),
            "targets": compact.targets.select_related("owner"),
            "adoptions": [(a, packs.get(a.pack_id)) for a in compact.adoptions.all()],
            "overrides": compact.overrides.all(),
            "rules": compact_rules(compact),
            "finding_rows": _finding_rows(compact),
            "health": queries.health(compact),
            "disputes": queries.disputes(compact),
            "can_manage": _staff(request, compact),
            "year": timezone.localdate().year,
            # the year's report is linked for staff (a draft) and, once published, for all
            "report_shown": _staff(request, compact)
            or AnnualReport.objects.filter(
                compact=compact, year=timezone.localdate().year, published_at__isnull=False
            ).exists(),
        },
    )


def pack_list(request: HttpRequest) -> HttpResponse:
    return render(request, "compacts/packs.html", {"packs": load_packs().values()})


def pack_detail(request: HttpRequest, pack_id: str) -> HttpResponse:
    pack = load_packs().get(pack_id)
    if pack is None:
        raise Http404
    if request.GET.get("format") == "json":
        from django.http import JsonResponse

        return JsonResponse(pack.as_json())
    return render(request, "compacts/pack.html", {"pack": pack, "language": active_language()})


def raise_concern(request: HttpRequest, pk: int) -> HttpResponse:
    compact = get_object_or_404(Compact, pk=pk)
    finding = finding_for(compact.pk, request.GET.get("finding") or request.POST.get("finding"))
    form = ConcernForm(
        request.POST or None,
        initial={"record_url": finding.record_url if finding else ""},
    )

    def change() -> Dispute:
        return actions.raise_concern(
            request.user,
            compact,
            form.cleaned_data["summary"],
            anonymous=form.cleaned_data["anonymous"],
            finding=finding,
            record_url=form.cleaned_data["record_url"],
        )

    return form_page(
        request,
        form,
        change,
        success=_("Your concern has been raised. Keep its reference to follow it."),
        then=lambda d: d.get_absolute_url(),
        template="compacts/concern.html",
        title=_("Raise a concern about %(compact)s") % {"compact": compact.title},
        back=compact.get_absolute_url(),
        submit=_("Raise the concern"),
        context={"compact": compact, "finding": finding},
    )


def follow(request: HttpRequest) -> HttpResponse:
    form = FollowForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return redirect("compacts:dispute", form.cleaned_data["reference"])
    status = 400 if form.is_bound else 200
    return render(request, "compacts/follow.html", {"form": form}, status=status)


def dispute_detail(request: HttpRequest, reference: str) -> HttpResponse:
    dispute = get_object_or_404(
        Dispute.objects.select_related("compact", "stage", "finding"), reference=reference
    )
    form = MessageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        handling = request.user.has_perm("compacts.handle_dispute", dispute)
        actions.add_message(
            request.user, dispute, form.cleaned_data["text"], as_reporter=not handling
        )
        messages.success(request, _("Your message has been added."))
        return redirect(dispute.get_absolute_url())
    return render(
        request,
        "compacts/dispute.html",
        {
            "view": queries.dispute_view(dispute),
            "dispute": dispute,
            "steps": dispute.steps.select_related("stage", "by__person"),
            "form": form,
            "can_handle": request.user.has_perm("compacts.handle_dispute", dispute),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def compact_health(request: HttpRequest, pk: int) -> HttpResponse:
    compact = get_object_or_404(Compact.objects.select_related("area"), pk=pk)
    return render(request, "compacts/health.html", {"health": queries.health(compact)})


def national(request: HttpRequest) -> HttpResponse:
    return render(request, "compacts/national.html", {"rows": queries.national()})


def _report_context(request: HttpRequest, pk: int, year: int) -> dict[str, Any]:
    compact = get_object_or_404(Compact.objects.select_related("area"), pk=pk)
    report = AnnualReport.objects.filter(compact=compact, year=year).first()
    content = report.content if report and report.published_at else None
    if content is None and not _staff(request, compact):
        raise Http404
    return {
        "compact": compact,
        "year": year,
        "report": report,
        "content": content or queries.report_content(compact, year),
        "can_manage": _staff(request, compact),
    }


def report(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    return render(request, "compacts/report.html", _report_context(request, pk, year))


def report_pdf(request: HttpRequest, pk: int, year: int) -> HttpResponse:
    context = _report_context(request, pk, year)
    pdf = render_pdf("compacts/report_pdf.html", context, request)
    return pdf_response(pdf, f"compact-report-{context['compact'].slug}-{year}.pdf")
