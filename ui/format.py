"""Numbers as the app shows them: 亿元 with one decimal, % with two, pp signed (pure)."""
from __future__ import annotations

import math

__all__ = ["value", "delta", "pp", "md_escape", "DASH"]

DASH = "–"


def _bad(x: float) -> bool:
    return x is None or not math.isfinite(x)


def pp(x: float, lang: str = "en") -> str:
    """A difference of rates in percentage points, signed."""
    if _bad(x):
        return DASH
    return f"{x:+.2f}个百分点" if lang == "zh" else f"{x:+.2f} pp"


def value(x: float, unit: str, lang: str = "en") -> str:
    """A value in its unit: ``"2,110.0 亿元"``, ``"5.50%"``, ``"+3.20 pp"``."""
    if _bad(x):
        return DASH
    if unit == "亿元":
        return f"{x:,.1f} 亿元"
    if unit == "%":
        return f"{x:.2f}%"
    if unit == "pp":
        return pp(x, lang)
    return f"{x:,.2f} {unit}".strip()


def delta(d: float, unit: str, lang: str = "en", *, reference: float | None = None) -> str:
    """A difference from the baseline: 亿元 with the % change from ``reference``, rates in pp."""
    if _bad(d):
        return DASH
    if unit == "亿元":
        text = f"{d:+,.1f} 亿元"
        if reference is not None and not _bad(reference) and reference != 0:
            text += f" ({100 * d / reference:+.2f}%)"
        return text
    if unit in ("%", "pp"):
        return pp(d, lang)
    return f"{d:+,.2f} {unit}".strip()


_MD_SPECIAL = set("\\`*_{}[]()#+-.!|<>~$")


def md_escape(text: str) -> str:
    """``text`` with Markdown's special characters escaped, to show it literally."""
    return "".join("\\" + ch if ch in _MD_SPECIAL else ch for ch in str(text))
