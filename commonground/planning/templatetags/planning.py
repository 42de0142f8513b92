"""Template helpers for plans and report cards: status tags' colours, numbers, and a
measure's chart with its text alternative in the reader's language."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from commonground.planning import chart, curves
from commonground.planning.queries import MeasureSummary

register = template.Library()

_COLOURS = {
    "on_track": "govuk-tag--green",
    "off_track": "govuk-tag--red",
    "at_risk": "govuk-tag--orange",
    "no_data": "govuk-tag--grey",
    "not_started": "govuk-tag--grey",
    "done": "govuk-tag--blue",
    "dropped": "govuk-tag--grey",
    "open": "govuk-tag--yellow",
    "answered": "govuk-tag--green",
}


@register.filter
def tag_class(status: str) -> str:
    return _COLOURS.get(str(status), "")


def status_label(status: curves.Status | str) -> str:
    return {
        curves.Status.ON_TRACK: _("On track"),
        curves.Status.OFF_TRACK: _("Off track"),
        curves.Status.NO_DATA: _("No data"),
    }[curves.Status(status)]


def trend_label(trend: curves.Trend | str) -> str:
    return {
        curves.Trend.BETTER: _("Better"),
        curves.Trend.WORSE: _("Worse"),
        curves.Trend.SAME: _("No change"),
        curves.Trend.UNKNOWN: _("Not known"),
    }[curves.Trend(trend)]


register.filter("status_label", status_label)
register.filter("trend_label", trend_label)


@register.filter
def number(value: Decimal | str | None) -> str:
    """A value without trailing zeros; a dash for none (a missing value reads as "")."""
    if value is None or value == "":
        return "–"
    if not isinstance(value, Decimal):
        return str(value)
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def describe(summary: MeasureSummary) -> str:
    """The chart's text alternative: what a sighted reader takes from the curve."""
    m = summary.measure
    parts = [
        _("Baseline %(value)s %(unit)s in %(period)s.")
        % {"value": number(m.baseline_value), "unit": m.unit, "period": m.baseline_period}
    ]
    value = summary.value
    if value is not None and value.actual is not None:
        parts.append(
            _("Latest actual %(value)s %(unit)s in %(period)s.")
            % {"value": number(value.actual), "unit": m.unit, "period": value.period}
        )
        if value.target is not None:
            parts.append(_("Target %(value)s.") % {"value": number(value.target)})
        if value.forecast is not None:
            parts.append(_("Forecast %(value)s.") % {"value": number(value.forecast)})
    else:
        parts.append(_("No actual for %(period)s.") % {"period": summary.period})
        recorded = [v for v in summary.values if v.actual is not None]
        if recorded:
            parts.append(
                _("The last actual recorded is %(value)s %(unit)s in %(period)s.")
                % {
                    "value": number(recorded[-1].actual),
                    "unit": m.unit,
                    "period": recorded[-1].period,
                }
            )
    parts.append(_("Status: %(status)s.") % {"status": status_label(summary.status)})
    parts.append(
        _("Compared with the previous period: %(trend)s; with the baseline: %(baseline)s.")
        % {
            "trend": trend_label(summary.trend_previous),
            "baseline": trend_label(summary.trend_baseline),
        }
    )
    parts.append(_("The table beside the chart gives every value."))
    return " ".join(parts)


@register.simple_tag
def measure_chart(summary: MeasureSummary) -> SafeString:
    points = [chart.Point(v.period, v.actual, v.target, v.forecast) for v in summary.values]
    if not points:
        return mark_safe("")
    words = chart.Words(
        title=_("Chart of %(measure)s") % {"measure": summary.measure.title},
        description=describe(summary),
        actual=_("Actual"),
        target=_("Target"),
        forecast=_("Baseline and forecast"),
        baseline=_("Baseline"),
    )
    # chart.svg escapes every text it is given.
    return mark_safe(  # noqa: S308
        chart.svg(points, summary.measure.baseline_value, words, f"chart-{summary.measure.pk}")
    )


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def is_overdue(action: Any, on: Any) -> bool:
    return bool(action.is_overdue(on))
