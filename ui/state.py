"""The view state: everything the user set, as plain values (pure: no Streamlit).

The URL holds it (:mod:`ui.url`); the sidebar's widgets and the pages' own controls are seeded
from it and give it back on every run (:mod:`ui.session`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from .edits import Edits

__all__ = ["ViewState", "DEFAULT_SCENARIO"]

#: The scenario edited and the baseline of a view that names none.
DEFAULT_SCENARIO = "plan-2024"


@dataclass(frozen=True)
class ViewState:
    """Everything the user set.

    Parameters
    ----------
    lang : str
        ``"en"`` or ``"zh"``.
    edit, baseline : str
        The scenario being edited; the one differences are measured from.
    compare : tuple of str, optional
        Further scenarios shown; None for the default (every shipped scenario).
    year : int, optional
        Year of the headline figures and the comparison table; None for the first projected
        year.
    edits : Edits
        The edited scenario's differences from its file.
    tab : str
        The open tab (a page id).
    uploads : Mapping[str, str]
        Uploaded scenarios in use: name → TOML text.
    extras : Mapping[str, str]
        The pages' own controls (:class:`ui.url.UrlParam`) that differ from their defaults:
        key → value as URL text, e.g. ``{"chart": "retail_sales", "mc_paths": "100000"}``.
    bases : Mapping[str, str]
        Uploaded bases: name → TOML text; the link carries those that ``uploads`` name.
    """

    lang: str = "en"
    edit: str = DEFAULT_SCENARIO
    baseline: str = DEFAULT_SCENARIO
    compare: tuple[str, ...] | None = None
    year: int | None = None
    edits: Edits = field(default_factory=Edits)
    tab: str = "overview"
    uploads: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, str] = field(default_factory=dict)
    bases: Mapping[str, str] = field(default_factory=dict)
