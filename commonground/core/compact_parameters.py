"""Where a lower app reads a parameter of the area's compact (C7), without importing it.

The compacts app, which sits above engagement and funding, registers the one source in its
``AppConfig.ready()``: the area's adopted rule packs with its overrides, or the default pack
of its country when it has adopted none. A lower app asks::

    area_parameter(area, "consultation.minimum_period", "minimum_weeks")

so no number of a compact is written in the lower app's code.
"""

from collections.abc import Callable
from typing import Any

from commonground.core.models import Area

Source = Callable[[Area, str, str], Any]

_source: list[Source] = []


def register(source: Source) -> None:
    """Install the source of compact parameters (the compacts app does, once)."""
    _source[:] = [source]


def area_parameter(area: Area, rule: str, name: str) -> Any:
    """The value of ``rule``'s parameter ``name`` for ``area`` (``None`` when it has none)."""
    if not _source:
        raise LookupError("No compact parameters: the compacts app is not installed.")
    return _source[0](area, rule, name)
