from django.urls import path

from commonground.commissioning import views_consortia as consortia
from commonground.commissioning import views_public as public
from commonground.commissioning import views_staff as staff

app_name = "commissioning"
urlpatterns = [
    path("", public.index, name="index"),
    path("new/", staff.opportunity_create, name="opportunity-create"),
    path("fits/", public.fits, name="fits"),
    path("import/", staff.ocds_upload, name="ocds-upload"),
    path("suppliers/", staff.suppliers, name="suppliers"),
    path("suppliers/<int:supplier_id>/", staff.supplier_link, name="supplier-link"),
    path("area/<slug:area_slug>/", public.pipeline, name="pipeline"),
    path("area/<slug:area_slug>/feed.atom", public.atom_feed, name="feed"),
    path("area/<slug:area_slug>/deadlines.ics", public.deadlines_calendar, name="deadlines"),
    path("area/<slug:area_slug>/subscription/", staff.subscription_toggle, name="subscription"),
    path("area/<slug:area_slug>/bids/", staff.bids, name="bids"),
    path("area/<slug:area_slug>/bids/new/", staff.bid_create, name="bid-create"),
    path("area/<slug:area_slug>/bids/<int:record_id>/", staff.bid_outcome, name="bid-outcome"),
    path("plan/<slug:slug>/", public.plan, name="plan"),
    path("consortia/<int:consortium_id>/", staff.consortium_detail, name="consortium"),
    path("consortia/<int:consortium_id>/members/", staff.member_set, name="member-set"),
    path(
        "consortia/<int:consortium_id>/members/<int:member_id>/answer/",
        consortia.answer,
        name="member-answer",
    ),
    path("consortia/<int:consortium_id>/agreement/", staff.agreement_sign, name="agreement"),
    path("<slug:slug>/", public.opportunity, name="opportunity"),
    path("<slug:slug>/edit/", staff.opportunity_edit, name="opportunity-edit"),
    path("<slug:slug>/checklist/", staff.checklist, name="checklist"),
    path("<slug:slug>/stage/", staff.stage, name="stage"),
    path("<slug:slug>/lots/new/", staff.lot_create, name="lot-create"),
    path("<slug:slug>/partners/new/", staff.partner_search_create, name="partner-search-create"),
    path("<slug:slug>/consortia/new/", staff.consortium_create, name="consortium-create"),
]
