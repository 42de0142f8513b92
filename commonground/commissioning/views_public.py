"""Public pages of commissioning: anyone may read them, without an account."""

from datetime import datetime, time, timedelta

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import feedgenerator, timezone
from django.utils.translation import gettext as _

from commonground.commissioning import queries
from commonground.commissioning.bands import bands_for
from commonground.commissioning.models import OcdsRecord, Opportunity, Subscription
from commonground.commissioning.principles import PRINCIPLES
from commonground.commissioning.stages import horizon_months
from commonground.core.bilingual import localised_order
from commonground.core.models import Area, Organisation
from commonground.interop.ical import CalendarEvent, build_calendar


def index(request: HttpRequest) -> HttpResponse:
    areas = (
        Area.objects.filter(opportunities__isnull=False).distinct().order_by(localised_order("name"))
    )
    return render(
        request,
        "commissioning/index.html",
        {
            "areas": areas,
            "can_add": request.user.has_perm("commissioning.view_staff_pages"),
            "is_staff": request.user.has_perm("commissioning.import_ocds"),
        },
    )


def pipeline(request: HttpRequest, area_slug: str) -> HttpResponse:
    area = get_object_or_404(Area, slug=area_slug)
    today = timezone.localdate()
    subscribed = (
        request.user.is_authenticated
        and Subscription.objects.filter(user_id=request.user.pk, area=area).exists()
    )
    buyers = (
        Organisation.objects.filter(commissioned_opportunities__areas=area)
        .distinct()
        .order_by(localised_order("name"))
    )
    return render(
        request,
        "commissioning/pipeline.html",
        {
            "area": area,
            "rows": queries.pipeline(area, today),
            "horizon": horizon_months(area.pk),
            "bands": bands_for(area.pk),
            "buyers": buyers,
            "subscribed": subscribed,
        },
    )


def opportunity(request: HttpRequest, slug: str) -> HttpResponse:
    found = get_object_or_404(
        Opportunity.objects.select_related("buyer").prefetch_related("areas", "themes", "lots"),
        slug=slug,
    )
    today = timezone.localdate()
    row = queries.opportunity_row(found, today)
    user = request.user
    return render(
        request,
        "commissioning/opportunity.html",
        {
            "opportunity": found,
            "row": row,
            "principles": [(n, text, n in found.principles_done) for n, text in PRINCIPLES.items()],
            "releases": list(queries.releases_for(found.ocid)) if found.ocid else [],
            "has_record": bool(found.ocid) and OcdsRecord.objects.filter(ocid=found.ocid).exists(),
            "searches": list(queries.partner_searches(found)),
            "consortia": list(queries.consortia(found)),
            "suppliers": list(found.suppliers.all()),
            "can_change": user.has_perm("commissioning.change_opportunity", found),
            # Looking for partners is done for an organisation this person speaks for.
            "can_post": queries.admin_organisations(user).exists(),
        },
    )


def plan(request: HttpRequest, slug: str) -> HttpResponse:
    buyer = get_object_or_404(Organisation, slug=slug, kind=Organisation.Kind.PUBLIC_BODY)
    return render(
        request,
        "commissioning/plan.html",
        {"buyer": buyer, "rows": queries.commissioning_plan(buyer, timezone.localdate())},
    )


@login_required
def fits(request: HttpRequest) -> HttpResponse:
    """ "What fits us": for each organisation the user belongs to."""
    person_id = getattr(request.user, "person_id", None) or 0
    organisations = Organisation.objects.filter(affiliations__person_id=person_id).exclude(
        kind=Organisation.Kind.PUBLIC_BODY
    ).distinct().order_by(localised_order("name"))
    today = timezone.localdate()
    return render(
        request,
        "commissioning/fits.html",
        {
            "results": [(o, queries.fits(o, today)) for o in organisations],
            "invitations": list(queries.invitations(person_id)),
        },
    )


def _area(area_slug: str) -> Area:
    return get_object_or_404(Area, slug=area_slug)


def atom_feed(request: HttpRequest, area_slug: str) -> HttpResponse:
    """The area's opportunities, most recently changed first."""
    area = _area(area_slug)
    feed = feedgenerator.Atom1Feed(
        title=_("Commissioning opportunities %(in_area)s") % {"in_area": area.in_name},
        link=request.build_absolute_uri(reverse("commissioning:pipeline", args=[area.slug])),
        description=_("What public bodies plan, have open, award and will renew."),
        language="cy" if request.LANGUAGE_CODE == "cy" else "en",
        feed_url=request.build_absolute_uri(),
    )
    for item in queries.latest(area):
        feed.add_item(
            title=str(item.title),
            link=request.build_absolute_uri(item.get_absolute_url()),
            description=str(item.description or ""),
            unique_id=request.build_absolute_uri(item.get_absolute_url()),
            updateddate=item.updated_at,
            pubdate=item.created_at,
            author_name=str(item.buyer.name),
        )
    return HttpResponse(feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8")


def deadlines_calendar(request: HttpRequest, area_slug: str) -> HttpResponse:
    """Tender deadlines from today on. A deadline is a day; it is shown at noon, for an hour,
    since most notices close at noon and calendar clients need a time."""
    area = _area(area_slug)
    host = request.get_host().split(":")[0] or "commonground"
    zone = timezone.get_current_timezone()
    events = []
    for item in queries.deadlines(area, timezone.localdate()):
        assert item.tender_deadline is not None  # filtered by the query
        starts = datetime.combine(item.tender_deadline, time(12, 0), tzinfo=zone)
        events.append(
            CalendarEvent(
                uid=f"opportunity-{item.pk}-deadline@{host}",
                summary=_("Tender deadline: %(title)s") % {"title": item.title},
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                last_modified=item.updated_at,
                description=str(item.buyer.name),
                url=request.build_absolute_uri(item.get_absolute_url()),
                cancelled=item.stage == Opportunity.Stage.CANCELLED,
            )
        )
    content = build_calendar(
        _("Tender deadlines %(in_area)s") % {"in_area": area.in_name}, events
    )
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{area.slug}-deadlines.ics"'
    return response

