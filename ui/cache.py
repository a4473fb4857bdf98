"""The app's caches: cached wrappers of pure functions, each keyed on all of its arguments.

The shipped scenarios and the scenarios and bases read from uploads are kept as shared
objects; projections are kept as data, keyed on the scenario's TOML and its base
(:func:`ui.uploads.scenario_key`). The charts' caches are in :mod:`ui.charts`, the analyses'
in their pages.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

import sim
from sim.base import Base
from sim.scenario import Scenario, parse_scenario

from .uploads import base_from_text, scenario_key
from .view import project_one

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["shipped_catalog", "base_from_upload", "scenario_from_text", "project_cached"]


@st.cache_resource(show_spinner=False)
def shipped_catalog() -> dict[str, Scenario]:
    """The shipped scenarios by name (immutable objects, shared by all sessions)."""
    return {name: sim.load_scenario(name) for name in sim.shipped_scenarios()}


@st.cache_resource(show_spinner=False, max_entries=64)
def base_from_upload(name: str, text: str) -> Base:
    """An uploaded base from its TOML text (:func:`ui.uploads.base_from_text`)."""
    return base_from_text(name, text)


@st.cache_resource(show_spinner=False, max_entries=256)
def scenario_from_text(text: str, bases: tuple[tuple[str, str], ...] = ()) -> Scenario:
    """An uploaded scenario from its canonical TOML text: it may name a built-in base or one
    of ``bases`` (uploaded bases as (name, TOML text) pairs)."""
    extra = {n: base_from_upload(n, x) for n, x in bases}
    return parse_scenario(text, source="upload", allow_base_paths=False, extra_bases=extra)


@st.cache_data(show_spinner=False, max_entries=512, hash_funcs={Scenario: scenario_key})
def project_cached(scenario: Scenario, until: int) -> "pd.DataFrame":
    """:func:`ui.view.project_one`, cached on the scenario's TOML and the horizon."""
    return project_one(scenario, until)
