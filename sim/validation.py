"""Checks shared by the base, scenario and uncertainty loaders: keys, numbers, ranges, paths.

Every check raises :class:`sim.errors.InputError` naming the key and the allowed range; the
loader adds the file name.
"""
from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from .errors import InputError, did_you_mean, shown

__all__ = ["Range", "GROWTH", "INTENSITY", "ELASTICITY", "LEVEL", "YEAR", "STRUCTURE_RANGE",
           "SUM_TOLERANCE", "STRUCTURE_TOLERANCE", "check_keys", "table", "number", "text",
           "integer", "frozen"]


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
STRUCTURE_RANGE = Range(0.0, 100.0, "% of GDP")
#: Largest gap between the sum of the sectors and GDP, as a fraction of GDP (rounding).
SUM_TOLERANCE = 0.0005
#: Largest gap between a structure's sum and 100, and between a sector's share and its
#: structure entry, in percentage points (structures are published rounded to 0.1).
STRUCTURE_TOLERANCE = 0.1


def check_keys(doc: Mapping[str, Any], allowed: Iterable[str], *, prefix: str = "",
               required: Iterable[str] = ()) -> None:
    """Refuse unknown keys (with a suggestion) and missing required keys."""
    allowed = list(allowed)
    for key in doc:
        if key not in allowed:
            raise InputError("unknown key" + did_you_mean(key, allowed),
                             key=prefix + shown(key, 200, quote=False),
                             allowed=", ".join(allowed))
    for key in required:
        if key not in doc:
            raise InputError("missing required key", key=prefix + key)


def table(value: Any, key: str) -> Mapping[str, Any]:
    """Return ``value`` if it is a TOML table, else raise."""
    if not isinstance(value, Mapping):
        raise InputError(f"must be a table, got {_kind(value)}", key=key)
    return value


# C0 and C1 control characters other than tab, line feed and carriage return: a terminal acts
# on them (ESC starts an escape sequence), and no text of a scenario or base needs them
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def text(value: Any, key: str) -> str:
    """Return ``value`` if it is a string without control characters, else raise.

    Tabs and line breaks are allowed; other C0 and C1 control characters (ESC, BEL, DEL, …)
    are refused, so that no text from a file can drive the terminal it is printed on.
    """
    if not isinstance(value, str):
        raise InputError(f"must be a string, got {_kind(value)}", key=key)
    bad = _CONTROL.search(value)
    if bad:
        raise InputError(f"contains the control character {shown(bad.group())} at character "
                         f"{bad.start() + 1:,}", key=key,
                         allowed="text without control characters (tabs and line breaks "
                                 "are allowed)")
    return value


def number(value: Any, key: str, allowed: Range) -> float:
    """Return ``value`` as a finite float inside ``allowed``, else raise.

    Booleans are refused (TOML ``true`` is not a number); NaN and infinities are refused.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"must be a number, got {_kind(value)}", key=key, allowed=str(allowed))
    try:
        x = float(value)
    except OverflowError:                  # an int beyond the float range (over 1e308)
        raise InputError(f"is {shown(value, quote=False)}, too large for a number", key=key,
                         allowed=str(allowed)) from None
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
        raise InputError(f"is {shown(value, quote=False)}, out of range", key=key,
                         allowed=str(allowed))
    return int(value)


def frozen(mapping: Mapping) -> Mapping:
    """A read-only copy of ``mapping``, for the fields of frozen dataclasses."""
    return MappingProxyType(dict(mapping))


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return f"boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"text {shown(value, 40)}"
    if isinstance(value, Mapping):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return shown(value, quote=False)
    return type(value).__name__
