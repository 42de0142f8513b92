"""Measures' values from CSV (``indicator, period, actual, target, forecast, numerator,
denominator``) or from the hand-entry form, checked before anything is written.

``indicator`` is the measure's English or Welsh name, or its number. Rows are numbered as a
spreadsheet shows them: the header is row 1. The first bad cell stops the import with a
message naming its row and column, so an import writes every row or none.
"""

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from commonground.planning import curves

if TYPE_CHECKING:
    from commonground.planning.models import Measure

COLUMNS = ["indicator", "period", "actual", "target", "forecast", "numerator", "denominator"]
NUMBERS = ["actual", "target", "forecast", "numerator", "denominator"]
MAX_ROWS = 5000


@dataclass(frozen=True)
class ValueRow:
    period: str
    actual: Decimal | None = None
    target: Decimal | None = None
    forecast: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None


class CellError(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def _number(column: str, text: str) -> Decimal | None:
    text = text.strip().replace(",", "")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise CellError(column, _("Enter a number, like 42 or 12.5.")) from None
    if not value.is_finite() or abs(value) >= Decimal("1e12"):
        raise CellError(column, _("Enter a number, like 42 or 12.5."))
    return value.quantize(Decimal("0.01"))


def check_row(measure: "Measure", row: ValueRow) -> ValueRow:
    """The row as it will be stored (a percentage's actual worked out from its base), or
    ``CellError`` for its first bad column."""
    try:
        curves.parse_period(row.period, measure.frequency)
    except ValueError:
        raise CellError(
            "period",
            _("Enter the period like %(example)s.")
            % {"example": curves.period_example(measure.frequency)},
        ) from None
    period = row.period.strip().upper()
    actual = row.actual
    if row.denominator is not None and row.denominator <= 0:
        raise CellError("denominator", _("The denominator must be more than zero."))
    if (row.numerator is None) != (row.denominator is None):
        column = "denominator" if row.denominator is None else "numerator"
        raise CellError(column, _("Enter both the numerator and the denominator, or neither."))
    if row.numerator is not None and row.denominator is not None:
        if row.numerator < 0 or row.numerator > row.denominator:
            raise CellError("numerator", _("The numerator must be between 0 and the denominator."))
        if actual is None and measure.is_percentage:
            actual = (row.numerator * 100 / row.denominator).quantize(Decimal("0.01"))
    if row.actual is None and row.target is None and row.forecast is None and actual is None:
        raise CellError("actual", _("Enter an actual, a target or a forecast."))
    return ValueRow(period, actual, row.target, row.forecast, row.numerator, row.denominator)


def check_rows(measure: "Measure", rows: Sequence[ValueRow]) -> list[ValueRow]:
    checked = []
    for row in rows:
        try:
            checked.append(check_row(measure, row))
        except CellError as error:
            raise ValidationError({error.column: error.message}) from None
    return checked


def _find(measures: Sequence["Measure"], name: str) -> "Measure | None":
    key = name.strip().casefold()
    for measure in measures:
        if key in {str(measure.pk), measure.title_en.casefold(), measure.title_cy.casefold()}:
            return measure
    return None


def parse_values(text: str, measures: Sequence["Measure"]) -> dict[int, list[ValueRow]]:
    """Every row of the CSV checked, by measure id; ``ValidationError`` on the first bad one."""

    def fail(row: int, column: str, message: str) -> ValidationError:
        return ValidationError(
            _("Row %(row)s, column “%(column)s”: %(message)s")
            % {"row": row, "column": column, "message": message},
            code="bad_row",
        )

    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = [h.strip().lower() for h in next(reader, [])]
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise ValidationError(
            _("The first row must name the columns: %(columns)s. Missing: %(missing)s.")
            % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)},
            code="bad_header",
        )
    where = {name: header.index(name) for name in COLUMNS}
    result: dict[int, list[ValueRow]] = {}
    seen: set[tuple[int, str]] = set()
    number = 1
    for number, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        if number > MAX_ROWS + 1:
            raise ValidationError(_("Import at most %(n)s rows at a time.") % {"n": MAX_ROWS})
        cells = cells + [""] * (len(header) - len(cells))
        values = {name: cells[index] for name, index in where.items()}
        measure = _find(measures, values["indicator"])
        if measure is None:
            raise fail(
                number, "indicator", _("There is no measure of that name on this report card.")
            )
        try:
            numbers = {name: _number(name, values[name]) for name in NUMBERS}
            row = check_row(measure, ValueRow(values["period"], **numbers))
        except CellError as error:
            raise fail(number, error.column, error.message) from None
        if (measure.pk, row.period) in seen:
            raise fail(number, "period", _("This measure's period is already in the file."))
        seen.add((measure.pk, row.period))
        result.setdefault(measure.pk, []).append(row)
    if number == 1:
        raise ValidationError(_("The file has no rows of values."), code="empty")
    return result
