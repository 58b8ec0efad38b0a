"""Lay out a story's figure series as an SVG line chart (the template draws it)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_CEILING, Decimal, InvalidOperation
from typing import Any

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 24, 40
INSET = 50  # keeps the first and last points' labels inside the drawing
TICKS = 4
STEPS = (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10))
SCALES = ((Decimal(10) ** 12, "tn"), (Decimal(10) ** 9, "bn"), (Decimal(10) ** 6, "m"))


def figure_charts(figures: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Return one chart per figure series: points, axis ticks and labels in SVG coordinates."""
    return [chart for chart in map(_chart, figures) if chart["points"]]


def compact(value: Decimal) -> str:
    """Return a short human form of a number: 35000000000 -> 35 bn, 3.5e9 -> 3.5 bn."""
    for size, word in SCALES:
        if abs(value) >= size:
            return f"{_trim(value / size)} {word}"
    return _trim(value)


def _chart(figure: Mapping[str, Any]) -> dict[str, Any]:
    unit = str(figure.get("unit") or "")
    parsed = [(p, _decimal(p.get("value"))) for p in figure.get("series") or []]
    series = [(point, value) for point, value in parsed if value is not None]
    values = [value for _, value in series]
    tick = _nice_step(max([*values, Decimal(0)]) - min([*values, Decimal(0)]))
    top = _ceil(max([*values, Decimal(0)]), tick) or tick
    bottom = -_ceil(-min([*values, Decimal(0)]), tick)
    span = top - bottom
    plot_w, plot_h = WIDTH - LEFT - RIGHT - 2 * INSET, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(series) - 1, 1)

    def y_of(value: Decimal) -> float:
        return round(TOP + plot_h * float((top - value) / span), 1)

    points = [
        {
            "x": round(LEFT + INSET + (step * index if len(series) > 1 else plot_w / 2), 1),
            "y": y_of(value),
            "value_y": y_of(value) - 10,
            "period": str(point.get("period")),
            "label": f"{compact(value)} {unit}".strip(),
            "event_id": point.get("event_id"),
            "outlet": (point.get("source") or {}).get("outlet") or "",
        }
        for index, (point, value) in enumerate(series)
    ]
    ticks = [bottom + tick * i for i in range(int(span / tick) + 1)]
    return {
        "metric": figure.get("metric"),
        "unit": unit,
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "tick_x": LEFT - 6,
        "right": WIDTH - RIGHT,
        "label_y": HEIGHT - BOTTOM + 18,
        "points": points,
        "path": " ".join(f"{'L' if i else 'M'}{p['x']},{p['y']}" for i, p in enumerate(points)),
        "ticks": [{"y": y_of(t), "label": compact(t)} for t in ticks],
    }


def _nice_step(span: Decimal) -> Decimal:
    """Return a round tick step (1, 2, 2.5 or 5 times a power of ten) for about TICKS ticks."""
    raw = span / TICKS if span > 0 else Decimal(1)
    base = Decimal(10) ** raw.adjusted()
    return next(base * factor for factor in STEPS if base * factor >= raw)


def _ceil(value: Decimal, step: Decimal) -> Decimal:
    """Return the smallest multiple of `step` at or above `value`."""
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def _decimal(value: Any) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def _trim(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"
