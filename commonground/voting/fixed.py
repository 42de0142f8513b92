"""Integer fixed-point helpers.

Counting rules such as SSI 2007/42 and ERS97 define their arithmetic in
decimal places with remainders ignored.  Floats cannot reproduce that, so
values are plain ``int`` scaled by ``10**places`` and every division says
which way it rounds.
"""

from __future__ import annotations

from fractions import Fraction


def scale(places: int) -> int:
    """Return the scaling factor for ``places`` decimal places."""
    return int(10**places)


def muldiv_down(a: int, b: int, c: int) -> int:
    """Return ``a * b / c`` truncated towards zero (all operands >= 0)."""
    return (a * b) // c


def div_up(a: int, b: int) -> int:
    """Return ``a / b`` rounded up (ceiling) for non-negative operands."""
    return -((-a) // b)


def to_fraction(value: int, places: int) -> Fraction:
    """Convert a scaled integer to an exact fraction."""
    return Fraction(value, 10**places)


def format_value(value: Fraction | int, places: int) -> str:
    """Render ``value`` with exactly ``places`` decimals.

    Exact fixed-point values print exactly; rationals (Meek) are rounded half
    up at the last displayed place, which is a display choice only.
    """
    frac = Fraction(value)
    negative = frac < 0
    frac = abs(frac)
    scaled = frac * 10**places
    units = int(scaled)
    if scaled - units >= Fraction(1, 2):
        units += 1
    whole, part = divmod(units, 10**places)
    text = f"{whole}.{part:0{places}d}" if places else str(whole)
    return f"-{text}" if negative and units else text
