"""A slider's move reruns only the results and the sliders, and draws the figures first.

The sidebar's edit controls, the view, the open page, the link and the share box are one
fragment of the app's run (:func:`ui.session.results`): a move of a slider reruns it alone.
In such a run the figures come first, drawn with the edits the controls gave in the last run
and the moved rate slider's new value (:func:`rate_moved`, the ``on_change`` of every rate
slider, applies it with :func:`moved`, the rule :func:`ui.sidebar.edit_controls` applies to
every slider); the controls are drawn after them, and if they give other edits (another
control moved, a value clamped) the fragment runs again with theirs. A full run draws the
controls first.
"""
from __future__ import annotations

import math
from dataclasses import replace

import streamlit as st

from .edits import Edits

__all__ = ["RESULTS", "moved", "keep", "edits", "rate_moved", "full_run", "in_full_run"]

#: Key of the results fragment.
RESULTS = "results"
_EDITS = "_live_edits"           # session key: the edits the results show
_FULL = "_in_full_run"           # session key: a full run is going on


def moved(edits: Edits, rate: str, part: str, value: float, untouched: float) -> Edits:
    """``edits`` with the ``part`` (``"first"`` or ``"later"``) slider of ``rate`` at
    ``value``: an edit, unless the slider shows its untouched value (the file's, within
    1e-6), which removes the edit.

    Parameters
    ----------
    edits : Edits
    rate : str
        A rate of the scenario's sliders (:func:`ui.edits.slider_rates`: a sector's too).
    part : str
        ``"first"`` (the first projected year) or ``"later"`` (the years after it).
    value : float
        The slider's value (%, the elasticity as a ratio).
    untouched : float
        The value the slider shows when the rate is not edited
        (:func:`ui.edits.untouched`).
    """
    first, later = dict(edits.first), dict(edits.later)
    changed = first if part == "first" else later
    if math.isclose(value, untouched, abs_tol=1e-6):
        changed.pop(rate, None)
    else:
        changed[rate] = value
    return replace(edits, first=first, later=later)


def keep(drawn: Edits) -> None:
    """Keep the edits the controls gave in this run: the next results' run starts from them."""
    st.session_state[_EDITS] = drawn


def edits() -> Edits | None:
    """The edits the results show in a fragment's run: those kept, with any rate slider moved
    since; ``None`` before the controls were first drawn."""
    return st.session_state.get(_EDITS)


def rate_moved(key: str, rate: str, part: str, untouched: float) -> None:
    """``on_change`` of the rate slider ``key`` (``part`` of ``rate``; ``untouched`` its value
    when the rate is not edited): apply its value to the kept edits."""
    ss = st.session_state
    if _EDITS in ss:
        ss[_EDITS] = moved(ss[_EDITS], rate, part, float(ss[key]), untouched)


class full_run:
    """``with full_run():`` around the part of a full run that calls the fragment, so that
    the fragment knows it runs as part of one (:func:`in_full_run`)."""

    def __enter__(self) -> None:
        st.session_state[_FULL] = True

    def __exit__(self, *exc) -> None:
        st.session_state[_FULL] = False


def in_full_run() -> bool:
    """Whether the fragment runs as part of a full run (else alone, after a move)."""
    return bool(st.session_state.get(_FULL))
