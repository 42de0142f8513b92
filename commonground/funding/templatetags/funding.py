from django import template

register = template.Library()


@register.filter
def pounds(pence: int | None) -> str:
    """Integer pence as £1,234.56 (no float on the way)."""
    if pence is None:
        return ""
    sign = "-" if pence < 0 else ""
    return f"{sign}£{abs(pence) // 100:,}.{abs(pence) % 100:02d}"
