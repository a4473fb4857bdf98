"""The one table every benchmark prints: figure, value, unit, goal, met."""
from __future__ import annotations

__all__ = ["report"]


def report(rows: list[dict]) -> str:
    """``rows`` (``name, value, unit, goal, ok``) as an aligned text table."""
    w = max(len(r["name"]) for r in rows)
    g = max(12, *(len(r["goal"]) for r in rows))
    lines = [f"{'figure':<{w}}  {'value':>10}  unit  {'goal':<{g}}  met"]
    for r in rows:
        lines.append(f"{r['name']:<{w}}  {r['value']:>10.4g}  {r['unit']:<4}  {r['goal']:<{g}}  "
                     f"{'yes' if r['ok'] else 'NO'}")
    return "\n".join(lines)
