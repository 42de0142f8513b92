"""The 360Giving Data Standard (1.4): grants as JSON packages and as the spreadsheet layout.

The pivot is :class:`Grant`, one grant with the fields Commonground keeps. ``read_package``
turns a JSON package into grants and lists every problem by grant and field;
``package_json`` writes grants back. Pure Python: no Django.
"""

from commonground.interop.threesixty.grants import (
    Classification,
    Grant,
    Location,
    Party,
    Problem,
    date_bounds,
    grant_from_json,
    grant_to_json,
    is_partial_date,
)
from commonground.interop.threesixty.package import package_json, read_package
from commonground.interop.threesixty.spreadsheet import read_workbook, write_workbook

__all__ = [
    "Classification",
    "Grant",
    "Location",
    "Party",
    "Problem",
    "date_bounds",
    "grant_from_json",
    "grant_to_json",
    "is_partial_date",
    "package_json",
    "read_package",
    "read_workbook",
    "write_workbook",
]
