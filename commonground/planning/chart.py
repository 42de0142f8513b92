"""A measure's curve as a server-drawn SVG: actuals as a solid line with points, targets as
dashed, the baseline and its forecast as dotted. Pure Python, no Django, no JavaScript.

The words (title, description, legend) come from the caller in the reader's language; the
SVG is ``role="img"`` labelled by its title and described by its text alternative, and the
page shows the same numbers as a table beside it.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 56, 16, 16, 56


@dataclass(frozen=True)
class Point:
    label: str
    actual: Decimal | None
    target: Decimal | None
    forecast: Decimal | None


@dataclass(frozen=True)
class Words:
    title: str
    description: str
    actual: str
    target: str
    forecast: str
    baseline: str


def _fmt(value: Decimal) -> str:
    text = f"{value:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _series(
    xs: list[float], values: Sequence[Decimal | None], y: Callable[[Decimal], float]
) -> list[list[tuple[float, float]]]:
    """Runs of consecutive points that have a value (a gap breaks the line)."""
    runs: list[list[tuple[float, float]]] = [[]]
    for x, value in zip(xs, values, strict=True):
        if value is None:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append((x, y(value)))
    return [r for r in runs if r]


def svg(points: Sequence[Point], baseline: Decimal, words: Words, chart_id: str) -> str:
    numbers = [baseline] + [
        v for p in points for v in (p.actual, p.target, p.forecast) if v is not None
    ]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    floor = low - pad
    low, high = (max(floor, Decimal(0)) if low >= 0 else floor), high + pad
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)
    xs = [LEFT + i * step for i in range(len(points))]

    def y(value: Decimal) -> float:
        return TOP + plot_h - float((value - low) / (high - low)) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="cg-chart" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'focusable="false">',
        f'<title id="{chart_id}-title">{escape(words.title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(words.description)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#ffffff" '
        f'stroke="#b1b4b6"/>',
    ]
    for n in range(5):
        value = low + (high - low) * n / 4
        yy = y(value)
        out.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yy:.1f}" y2="{yy:.1f}" '
            f'stroke="#f3f2f1"/><text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" '
            f'font-size="12" fill="#0b0c0c">{escape(_fmt(value.quantize(Decimal("0.1"))))}</text>'
        )
    every = max(1, len(points) // 8)
    for i, (x, p) in enumerate(zip(xs, points, strict=True)):
        if i % every == 0 or i == len(points) - 1:
            out.append(
                f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                f'font-size="12" fill="#0b0c0c">{escape(p.label)}</text>'
            )
    yb = y(baseline)
    out.append(
        f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{yb:.1f}" y2="{yb:.1f}" stroke="#505a5f" '
        f'stroke-dasharray="2 4"/>'
    )
    styles = [
        ("forecast", [p.forecast for p in points], 'stroke="#505a5f" stroke-dasharray="2 4"'),
        ("target", [p.target for p in points], 'stroke="#00703c" stroke-dasharray="8 4"'),
        ("actual", [p.actual for p in points], 'stroke="#1d70b8"'),
    ]
    for name, values, style in styles:
        for run in _series(xs, values, y):
            path = " ".join(f"{x:.1f},{yy:.1f}" for x, yy in run)
            out.append(
                f'<polyline class="cg-chart-{name}" points="{path}" fill="none" '
                f'stroke-width="3" {style}/>'
            )
            if name == "actual":
                out.extend(
                    f'<circle cx="{x:.1f}" cy="{yy:.1f}" r="4" fill="#1d70b8"/>' for x, yy in run
                )
    legend = [
        (words.actual, 'stroke="#1d70b8"'),
        (words.target, 'stroke="#00703c" stroke-dasharray="8 4"'),
        (words.forecast, 'stroke="#505a5f" stroke-dasharray="2 4"'),
    ]
    for n, (text, style) in enumerate(legend):
        x = LEFT + n * 190
        out.append(
            f'<line x1="{x}" x2="{x + 30}" y1="{HEIGHT - 14}" y2="{HEIGHT - 14}" '
            f'stroke-width="3" {style}/><text x="{x + 36}" y="{HEIGHT - 10}" font-size="13" '
            f'fill="#0b0c0c">{escape(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)
