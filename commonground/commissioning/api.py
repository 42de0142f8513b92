"""OCDS endpoints: record packages per ocid and pages of releases, as the standard shapes them.

Both answers are OCDS packages (valid against the standard's package schemas), not the
kit's page envelope: OCDS tools read them as they are. Paging of releases uses the kit's
``page`` and ``per_page`` parameters and the package's ``links.next`` / ``links.prev``.
"""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Query, Router

from commonground.api.errors import ERROR_RESPONSES
from commonground.api.pagination import PageParams
from commonground.commissioning.models import OcdsRecord, OcdsRelease

router = Router(tags=["commissioning"])

VERSION = "1.1"
PUBLISHER = {"name": "Commonground"}


def _package_meta(request: HttpRequest) -> dict[str, Any]:
    return {
        "uri": request.build_absolute_uri(),
        "version": VERSION,
        "publishedDate": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "publisher": PUBLISHER,
    }


@router.get(
    "/ocds/records/{ocid}",
    response={200: dict[str, Any], **ERROR_RESPONSES},
    summary="Get the OCDS record package of one contracting process",
)
def get_record(request: HttpRequest, ocid: str) -> Any:
    """Releases (oldest first), compiled release and versioned release of ``ocid``."""
    record = get_object_or_404(OcdsRecord, ocid=ocid)
    releases = list(
        OcdsRelease.objects.filter(ocid=ocid).order_by("date", "release_id").values_list(
            "data", flat=True
        )
    )
    return {
        **_package_meta(request),
        "records": [
            {
                "ocid": record.ocid,
                "releases": releases,
                "compiledRelease": record.compiled,
                "versionedRelease": record.versioned,
            }
        ],
    }


@router.get(
    "/ocds/releases",
    response={200: dict[str, Any], **ERROR_RESPONSES},
    summary="List OCDS releases as release packages, page by page",
)
def list_releases(request: HttpRequest, paging: Query[PageParams]) -> Any:
    """Every stored release, in the order received, ``per_page`` to a package."""
    start = (paging.page - 1) * paging.per_page
    rows = list(
        OcdsRelease.objects.order_by("pk").values_list("data", flat=True)[
            start : start + paging.per_page + 1
        ]
    )
    base = request.build_absolute_uri(reverse("api:list_releases"))
    links = {}
    if len(rows) > paging.per_page:
        links["next"] = f"{base}?page={paging.page + 1}&per_page={paging.per_page}"
    if paging.page > 1:
        links["prev"] = f"{base}?page={paging.page - 1}&per_page={paging.per_page}"
    package = {**_package_meta(request), "releases": rows[: paging.per_page]}
    if links:
        package["links"] = links
    return package
