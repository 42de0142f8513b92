"""Working days and overdue stages of a dispute, as pure functions (no Django).

A working day is Monday to Friday. Bank holidays are not known to the platform, so a stage
limit counts them as working days; that is a limit of this version, stated in docs.
"""

from datetime import date, timedelta


def add_working_days(start: date, days: int) -> date:
    """The day ``days`` working days after ``start`` (``start`` itself not counted)."""
    day = start
    left = days
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def stage_due_on(started_on: date, working_days: int | None) -> date | None:
    return None if working_days is None else add_working_days(started_on, working_days)


def is_overdue(started_on: date, working_days: int | None, today: date) -> bool:
    due = stage_due_on(started_on, working_days)
    return due is not None and today > due
