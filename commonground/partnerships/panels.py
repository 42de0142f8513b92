"""Panels other capabilities add to a body's page, so partnerships never imports them.

A capability registers, from its app config's ``ready()``, a name and a function of the
body; the body page's template receives each panel's value under its name (``None`` hides
the panel). Representation fills ``latest_report_back``.
"""

from collections.abc import Callable
from typing import Any

from commonground.partnerships.models import PartnershipBody

Panel = Callable[[PartnershipBody], Any]

_PANELS: dict[str, Panel] = {}


def register(name: str, panel: Panel) -> None:
    """Add a panel to every body's page (once per name: a second app may not replace it)."""
    if name in _PANELS and _PANELS[name] is not panel:
        raise ValueError(f"A body panel named {name!r} is already registered.")
    _PANELS[name] = panel


def for_body(body: PartnershipBody) -> dict[str, Any]:
    """Each registered panel's value for ``body``, by name."""
    return {name: panel(body) for name, panel in _PANELS.items()}


def value(name: str, body: PartnershipBody) -> Any:
    """One panel's value for ``body``, or ``None`` when no capability registered it."""
    panel = _PANELS.get(name)
    return panel(body) if panel is not None else None
