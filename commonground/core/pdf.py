"""PDF documents rendered from the same templates as their web pages (WeasyPrint).

Reports that are published as a page and a PDF (a compact's annual report, a board's
exception report) render one template for both. The URL fetcher serves only the site's
own static files, so a link or image in user-written text can never make the server fetch
another address (no request forgery through a report).
"""

import mimetypes
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

PDF_CONTENT_TYPE = "application/pdf"
_BASE_URL = "file:///"


def _static_path(url: str) -> Path | None:
    prefix = "file://" + settings.STATIC_URL
    if not url.startswith(prefix):
        return None
    found = finders.find(url.removeprefix(prefix).split("?", 1)[0])
    return Path(found) if isinstance(found, str) else None


def html_to_pdf(html: str) -> bytes:
    """The PDF of an HTML document whose stylesheets and images are static files."""
    # Imported here: loading Pango takes a quarter of a second that pages never need.
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            path = _static_path(url)
            if path is None:
                raise ValueError(f"Only the site's static files are fetched, not {url}")
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})

    return bytes(HTML(string=html, base_url=_BASE_URL, url_fetcher=StaticOnly()).write_pdf())


def render_pdf(template_name: str, context: dict[str, Any], request: HttpRequest) -> bytes:
    return html_to_pdf(render_to_string(template_name, context, request=request))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(pdf, content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
