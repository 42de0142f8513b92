"""Dates and times as people read them, in the GOV.UK style, in English and Welsh.

"16 December 2026 at 1:07pm" / "16 Rhagfyr 2026 am 1:07yp"; "10am", "midday", "midnight".
Every date shown on a page, in a message or an email goes through these, so no page mixes
styles and none shows Django's "Dec. 16, 2026, 1:07 p.m.". Machine-readable dates (inputs,
feeds, exports) stay ISO and do not use these.
"""

from datetime import date, datetime, time

from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from commonground.core.bilingual import active_language


def _local(value: datetime) -> datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def long_date(value: date) -> str:
    """``16 December 2026`` (month names in the active language)."""
    if isinstance(value, datetime):
        value = _local(value)
    return date_format(value, "j F Y")


def time_of_day(value: time | datetime) -> str:
    """``1:07pm``, ``10am``, ``midday``, ``midnight``; ``1:07yp``, ``10yb``, ``canol dydd``."""
    if isinstance(value, datetime):
        value = _local(value).time()
    if value.minute == 0 and value.hour == 12:
        return _("midday")
    if value.minute == 0 and value.hour == 0:
        return _("midnight")
    hour = value.hour % 12 or 12
    clock = f"{hour}:{value.minute:02d}" if value.minute else str(hour)
    suffix = pgettext("time of day", "am") if value.hour < 12 else pgettext("time of day", "pm")
    return f"{clock}{suffix}"


def long_datetime(value: datetime) -> str:
    """``16 December 2026 at 1:07pm``."""
    value = _local(value)
    return _("%(date)s at %(time)s") % {"date": long_date(value), "time": time_of_day(value)}


_ICAL_DAYS = {"MO": 0, "TU": 1, "WE": 2, "TH": 3, "FR": 4, "SA": 5, "SU": 6}


def weekdays(codes: str) -> str:
    """iCalendar ``BYDAY`` codes in words: "MO,WE,FR" is "Monday, Wednesday and Friday",
    in Welsh "Dydd Llun, dydd Mercher a dydd Gwener". Unknown codes are shown as they are."""
    names = []
    for code in (c.strip().upper() for c in codes.split(",") if c.strip()):
        day = _ICAL_DAYS.get(code[-2:])
        names.append(str(WEEKDAYS[day]) if day is not None else code)
    if active_language() == "cy":  # "dydd" takes a capital only at the start
        names = names[:1] + [n[:1].lower() + n[1:] for n in names[1:]]
    if len(names) < 2:
        return "".join(names)
    return _("%(first)s and %(last)s") % {"first": ", ".join(names[:-1]), "last": names[-1]}


def opening_times(byday: str, opens: time | None, closes: time | None) -> str:
    """ "Monday and Friday, 10am to 2pm"; either part alone when the other is unknown."""
    days = weekdays(byday)
    if opens is None or closes is None:
        return days
    hours = _("%(opens)s to %(closes)s") % {
        "opens": time_of_day(opens),
        "closes": time_of_day(closes),
    }
    return f"{days}, {hours}" if days else hours
