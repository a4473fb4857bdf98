"""Checks shared by the base and scenario loaders: keys, numbers, ranges, paths.

Every check raises :class:`sim.errors.InputError` naming the key and the allowed range; the
loader adds the file name.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from .errors import InputError, did_you_mean

__all__ = ["Range", "GROWTH", "INTENSITY", "ELASTICITY", "LEVEL", "YEAR", "check_keys",
           "table", "number", "text", "integer"]


class Range:
    """A closed interval of allowed values with a unit, used in messages.

    Parameters
    ----------
    lo, hi : float
        Bounds, inclusive unless ``lo_open`` / ``hi_open``.
    unit : str
        Unit shown in messages, e.g. ``"% per year"``.
    """

    def __init__(self, lo: float, hi: float, unit: str, *, lo_open: bool = False,
                 hi_open: bool = False):
        self.lo, self.hi, self.unit = lo, hi, unit
        self.lo_open, self.hi_open = lo_open, hi_open

    def __contains__(self, x: float) -> bool:
        above = x > self.lo if self.lo_open else x >= self.lo
        below = x < self.hi if self.hi_open else x <= self.hi
        return above and below

    def __str__(self) -> str:
        lo = f"{self.lo:g}"
        hi = f"{self.hi:g}"
        left = "(" if self.lo_open else "["
        right = ")" if self.hi_open else "]"
        return f"{left}{lo}, {hi}{right} {self.unit}".strip()


GROWTH = Range(-50.0, 100.0, "% per year")
INTENSITY = Range(0.0, 100.0, "% of GDP")
ELASTICITY = Range(-5.0, 5.0, "(ratio)")
LEVEL = Range(1e-6, 1e8, "亿元")
YEAR = Range(1900, 2200, "")
MAX_HORIZON = 100


def check_keys(doc: Mapping[str, Any], allowed: Iterable[str], *, prefix: str = "",
               required: Iterable[str] = ()) -> None:
    """Refuse unknown keys (with a suggestion) and missing required keys."""
    allowed = list(allowed)
    for key in doc:
        if key not in allowed:
            raise InputError("unknown key" + did_you_mean(str(key), allowed),
                             key=prefix + str(key), allowed=", ".join(allowed))
    for key in required:
        if key not in doc:
            raise InputError("missing required key", key=prefix + key)


def table(value: Any, key: str) -> Mapping[str, Any]:
    """Return ``value`` if it is a TOML table, else raise."""
    if not isinstance(value, Mapping):
        raise InputError(f"must be a table, got {_kind(value)}", key=key)
    return value


def text(value: Any, key: str) -> str:
    """Return ``value`` if it is a string, else raise."""
    if not isinstance(value, str):
        raise InputError(f"must be a string, got {_kind(value)}", key=key)
    return value


def number(value: Any, key: str, allowed: Range) -> float:
    """Return ``value`` as a finite float inside ``allowed``, else raise.

    Booleans are refused (TOML ``true`` is not a number); NaN and infinities are refused.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"must be a number, got {_kind(value)}", key=key, allowed=str(allowed))
    x = float(value)
    if not math.isfinite(x):
        raise InputError(f"must be a finite number, got {value!r}", key=key,
                         allowed=str(allowed))
    if x not in allowed:
        raise InputError(f"is {x:g}, out of range", key=key, allowed=str(allowed))
    return x


def integer(value: Any, key: str, allowed: Range) -> int:
    """Return ``value`` if it is an integer inside ``allowed``, else raise."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"must be a whole number, got {_kind(value)}", key=key,
                         allowed=str(allowed))
    if value not in allowed:
        raise InputError(f"is {value}, out of range", key=key, allowed=str(allowed))
    return int(value)


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"text {shown!r}"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"{value!r}"
    return type(value).__name__
