"""The one rule of an evidence record's status: pipeline and not eligible need a reason."""

from django.utils.translation import gettext as _

from commonground.monitoring.models import Evidence


def status_problems(status: str, reason: str) -> dict[str, str]:
    """The problems with ``status`` and ``reason``, by field; empty when there are none."""
    if status not in Evidence.Status.values:
        return {"status": _("Give eligible, pipeline or not_eligible.")}
    if status != Evidence.Status.ELIGIBLE and not reason.strip():
        return {"reason": _("Give the reason evidence is in the pipeline or not eligible.")}
    return {}
