"""The load benchmark's baseline page: Django answering with no work at all.

Routed only when the ``COMMONGROUND_BENCH`` setting is on (``bench/load.py`` turns it on
for the server it starts), so a production site never has it.
"""

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    """A fixed string: what a request costs before any page does anything."""
    return HttpResponse("ok", content_type="text/plain")
