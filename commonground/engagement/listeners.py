"""Listeners: published report-backs (representation) and plans (planning) become bulletins.

Those apps emit ``"reportback.published"`` and ``"plan.published"``; each event object
carries ``title_en``, ``title_cy``, ``summary_en``, ``summary_cy``, ``url`` and ``areas`` (a
report-back ``themes`` too), and its payload the record's id. The bulletin is keyed on
``reportback:<id>`` or ``plan:<id>:<version>``, so a repeated delivery publishes nothing
twice. Engagement reads the events only: it imports neither app, which sit above it.
"""

from typing import Any

from commonground.core.events import subscribe
from commonground.core.models import DomainEvent
from commonground.engagement import actions
from commonground.engagement.models.bulletins import SUMMARY_LIMIT, TITLE_LIMIT


def _shorten(text: str, limit: int) -> str:
    text = (text or "").strip()
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _absolute(url: str) -> str:
    from commonground.engagement.sending import site_url

    return site_url() + url if url.startswith("/") else url


@subscribe("reportback.published")
def report_back_to_bulletin(event: Any, record: DomainEvent) -> None:
    _to_bulletin(f"reportback:{record.payload.get('report_back')}", event, record)


@subscribe("plan.published")
def plan_to_bulletin(event: Any, record: DomainEvent) -> None:
    payload = record.payload
    _to_bulletin(f"plan:{payload.get('plan')}:{payload.get('version')}", event, record)


def _to_bulletin(source: str, event: Any, record: DomainEvent) -> None:
    actions.publish_fed_bulletin(
        source,
        {
            "title_en": _shorten(event.title_en, TITLE_LIMIT),
            "title_cy": _shorten(event.title_cy, TITLE_LIMIT),
            "summary_en": _shorten(event.summary_en, SUMMARY_LIMIT),
            "summary_cy": _shorten(event.summary_cy, SUMMARY_LIMIT),
            "link": _absolute(getattr(event, "url", "") or ""),
        },
        themes=list(getattr(event, "themes", []) or []),
        areas=list(getattr(event, "areas", []) or []),
        organisation=record.organisation,
        actor=record.actor,
    )
