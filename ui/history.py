"""A base's history in the app: its tidy frame, flags, backtest and calibration, each a cached
wrapper of a pure function of :mod:`sim`, keyed on the base's content (:func:`base_key`).

The pages ask here rather than calling :mod:`sim.history`, :mod:`sim.backtest` and
:mod:`sim.calibrate` on every run; :mod:`ui.history_view` turns the results into tables.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from sim.base import Base

if TYPE_CHECKING:
    import pandas as pd

    from sim.calibrate import Calibration
    from sim.history import Flag

__all__ = ["base_key", "has_history", "history_of", "flags_of", "backtest_of",
           "calibration_of"]


def base_key(base: Base) -> str:
    """A cache key for a base: its name, its content (history included) and the levels a user
    set (an uploaded base is known by name only, and two sessions may upload different bases
    of one name)."""
    return base.name + "\n" + repr(base.to_dict()) + repr(dict(base.overridden))


def has_history(base: Base) -> bool:
    """Whether the base carries years before its own (``[history.YEAR]`` tables)."""
    return bool(base.history)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Base: base_key})
def history_of(base: Base) -> "pd.DataFrame":
    """:func:`sim.history.history_frame` of ``base``, cached."""
    from sim.history import history_frame

    return history_frame(base)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Base: base_key})
def flags_of(base: Base) -> "list[Flag]":
    """:func:`sim.history.history_flags` of ``base``, cached."""
    from sim.history import history_flags

    return history_flags(base)


@st.cache_data(show_spinner=False, max_entries=64, hash_funcs={Base: base_key})
def backtest_of(base: Base, horizon: int = 1) -> "pd.DataFrame":
    """:func:`sim.backtest.backtest` of the base's history by every method, ``horizon`` years
    ahead, cached."""
    from sim.backtest import backtest

    return backtest(history_of(base), base.model_sectors, horizon=horizon)


@st.cache_resource(show_spinner=False, max_entries=64, hash_funcs={Base: base_key})
def calibration_of(base: Base) -> "Calibration":
    """:func:`sim.calibrate.calibrate_base` of ``base``, cached as a shared object (a frozen
    :class:`~sim.calibrate.Calibration`, which holds read-only mappings; an InputError for a
    base without history)."""
    from sim.calibrate import calibrate_base

    return calibrate_base(base)
