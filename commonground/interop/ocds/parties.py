"""Organisation identifiers in OCDS parties, in the org-id.guide form the directory keeps.

Feeds write the same charity or company many ways: scheme ``GB-CHC`` with id ``1234567``,
an id that repeats the scheme (``GB-CHC-1234567``), Companies House numbers without their
leading zeros. ``normalised_identifier`` gives the one form the directory stores.
"""

import re
from typing import Any

_COMPANY = re.compile(r"^\d{1,8}$")


def normalised_identifier(scheme: str, local_id: str) -> str:
    scheme = re.sub(r"\s+", "", scheme).upper()
    local = re.sub(r"\s+", "", str(local_id)).upper()
    if local.startswith(f"{scheme}-"):
        local = local[len(scheme) + 1 :]
    if scheme == "GB-COH" and _COMPANY.match(local):
        local = local.zfill(8)
    elif scheme == "GB-CHC":
        local = local.lstrip("0")
    return f"{scheme}-{local}" if scheme else local


def party_identifiers(party: dict[str, Any]) -> list[str]:
    """The party's main and additional identifiers, normalised; empty when it has none."""
    found = []
    for ident in [party.get("identifier"), *party.get("additionalIdentifiers", [])]:
        if isinstance(ident, dict) and ident.get("scheme") and ident.get("id") not in (None, ""):
            found.append(normalised_identifier(str(ident["scheme"]), str(ident["id"])))
    return found
