"""Postcode to coordinates, from a table loaded from CSV (``manage.py load_postcodes``)."""

import csv
import io
import re
from pathlib import Path

from django.db import transaction

from commonground.directory.models import Postcode

DEMO_POSTCODES = Path(__file__).parent / "data" / "postcodes_demo.csv"
_SHAPE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$")


class InvalidPostcode(ValueError):
    pass


def normalise(text: str) -> str:
    """``sy23 1aa`` to ``SY231AA``; raises :class:`InvalidPostcode` if it is not one."""
    compact = re.sub(r"\s+", "", text or "").upper()
    if not _SHAPE.match(compact):
        raise InvalidPostcode(text)
    return compact


def display(compact: str) -> str:
    return f"{compact[:-3]} {compact[-3:]}"


def locate(text: str) -> tuple[float, float] | None:
    """The coordinates of a postcode, ``None`` if it is not in the table."""
    row = Postcode.objects.filter(postcode=normalise(text)).values_list("latitude", "longitude")
    found = row.first()
    return (found[0], found[1]) if found else None


def load_csv(text: str) -> int:
    """Load ``postcode,latitude,longitude`` rows (the ONS Postcode Directory's ``pcds``,
    ``lat`` and ``long`` columns are accepted too). Returns the number of rows stored."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    rows: dict[str, Postcode] = {}
    for raw in reader:
        code = raw.get("postcode") or raw.get("pcds") or raw.get("pcd") or ""
        lat = raw.get("latitude") or raw.get("lat")
        lon = raw.get("longitude") or raw.get("long")
        try:
            compact = normalise(code)
            latitude, longitude = float(lat or ""), float(lon or "")
        except (InvalidPostcode, ValueError):
            continue
        if latitude == 99.999999:  # ONSPD's marker for a postcode with no grid reference
            continue
        rows[compact] = Postcode(postcode=compact, latitude=latitude, longitude=longitude)
    with transaction.atomic():
        Postcode.objects.bulk_create(
            list(rows.values()),
            batch_size=5000,
            update_conflicts=True,
            unique_fields=["postcode"],
            update_fields=["latitude", "longitude"],
        )
    return len(rows)


def load_demo_postcodes() -> int:
    return load_csv(DEMO_POSTCODES.read_text(encoding="utf-8"))
