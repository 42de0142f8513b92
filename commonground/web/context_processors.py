from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url

from commonground.core.bilingual import active_language


def site(request: HttpRequest) -> dict[str, Any]:
    """The language switch keeps you on the same page: it links to this URL in the other language."""
    current = active_language()
    other = "en" if current == "cy" else "cy"
    return {
        "language_switch": {
            "current": current,
            "other": other,
            "url": translate_url(request.get_full_path(), other),
        },
        "demo_mode": settings.COMMONGROUND_DEMO,
    }
