"""Organisation identifiers in the org-id.guide scheme (https://org-id.guide).

An identifier is ``<scheme>-<id>``, for example ``GB-CHC-1234567``. Each scheme we accept
has a pattern for its local part; anything else is refused with a reason the user can act
on. Pure Python: no Django imports beyond lazy translation of messages.
"""

import re
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Scheme:
    code: str
    pattern: re.Pattern[str]
    label: Promise
    example: str


SCHEMES: dict[str, Scheme] = {
    s.code: s
    for s in [
        Scheme(
            "GB-CHC",
            re.compile(r"[1-9]\d{5,6}"),
            _("registered charity in England and Wales"),
            "GB-CHC-1234567",
        ),
        Scheme("GB-SC", re.compile(r"SC\d{6}"), _("Scottish charity"), "GB-SC-SC012345"),
        Scheme("GB-NIC", re.compile(r"1\d{5}"), _("Northern Ireland charity"), "GB-NIC-100012"),
        Scheme(
            "GB-COH",
            re.compile(r"(\d{8}|(SC|NI|OC|SO|NC|FC|IP|SP|RC|SE|GE|LP|SL|NL|R0|CE|CS)\d{6})"),
            _("company registered at Companies House"),
            "GB-COH-01234567",
        ),
        Scheme(
            "GB-MPR",
            re.compile(r"\d{1,6}[A-Z]?"),
            _("mutual (co-operative or community benefit society)"),
            "GB-MPR-12345R",
        ),
        Scheme("GB-LAE", re.compile(r"[A-Z]{3,4}"), _("local authority in England"), "GB-LAE-BIR"),
        Scheme("GB-LAS", re.compile(r"[A-Z]{3,4}"), _("local authority in Scotland"), "GB-LAS-ABE"),
        Scheme(
            "GB-PLA", re.compile(r"[A-Z]{3}"), _("principal local authority in Wales"), "GB-PLA-CGN"
        ),
        Scheme("GB-NHS", re.compile(r"[A-Z0-9]{3,5}"), _("NHS organisation"), "GB-NHS-7A2"),
        Scheme(
            "GB-GOR",
            re.compile(r"[A-Z]{1,2}\d{1,4}"),
            _("UK government organisation"),
            "GB-GOR-PB123",
        ),
        Scheme("GB-EDU", re.compile(r"\d{6}"), _("school or college"), "GB-EDU-123456"),
    ]
}

_SHAPE = re.compile(r"^(?P<scheme>[A-Z]{2}-[A-Z]{2,5})-(?P<local>\S+)$")


class InvalidIdentifier(ValueError):
    """The identifier does not follow org-id.guide; ``str(exc)`` says why."""


def normalise(identifier: str) -> str:
    """Uppercase and tidy spaces: ``gb-chc 1234567`` and ``GB-CHC-1234567`` are one."""
    value = re.sub(r"\s*-\s*", "-", identifier.strip().upper())
    value = re.sub(r"^([A-Z]{2}-[A-Z]{2,5})\s+", r"\1-", value)
    return re.sub(r"\s+", "", value)


def split(identifier: str) -> tuple[Scheme, str] | None:
    """A valid identifier's scheme and local part (``GB-CHC``, ``1234567``); None otherwise."""
    match = _SHAPE.match(normalise(identifier))
    scheme = SCHEMES.get(match["scheme"]) if match else None
    if match is None or scheme is None or not scheme.pattern.fullmatch(match["local"]):
        return None
    return scheme, match["local"]


def validate(identifier: str) -> str:
    """Return the normalised identifier, or raise InvalidIdentifier with a reason."""
    value = normalise(identifier)
    match = _SHAPE.match(value)
    if not match:
        raise InvalidIdentifier(
            _("Enter an identifier in the form SCHEME-NUMBER, for example GB-CHC-1234567.")
        )
    scheme = SCHEMES.get(match["scheme"])
    if scheme is None:
        raise InvalidIdentifier(
            _("%(scheme)s is not an identifier scheme we recognise. Use one of: %(schemes)s.")
            % {"scheme": match["scheme"], "schemes": ", ".join(SCHEMES)}
        )
    if not scheme.pattern.fullmatch(match["local"]):
        raise InvalidIdentifier(
            _("%(value)s is not a valid %(label)s number. For example: %(example)s.")
            % {"value": value, "label": scheme.label, "example": scheme.example}
        )
    return value
