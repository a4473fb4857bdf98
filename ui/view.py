"""What the pages show: the scenarios of the view, their roles, one tidy result frame, and what
every export of it records (pure).

The view always holds three reference scenarios (as En-ROADS shows them): the **baseline** as
shipped, the **baseline under the edited assumptions** (the edited scenario's base-year levels
and deflators, the baseline's growth rates, when both are on the same base), and the
**edited** scenario; then any other scenarios chosen for comparison. The scenarios may be on
different bases, each with its own sectors; the labels of the sectors are the bases' (:meth:`View.indicator`).
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, Any

import sim
from sim import export
from sim.indicators import INDICATORS, Indicator, indicator
from sim.results import sector_names
from sim.scenario import Scenario

from .edits import Edits, apply_edits, describe, level_changes, rate_changes
from .i18n import t
from .state import ViewState

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Member", "View", "build_view", "same_base", "adjust_changes", "adjusted_scenario",
           "changes",
           "project_one", "export_meta", "ROLES"]

ROLES = ("baseline", "adjusted", "edited", "other")


@dataclass(frozen=True)
class Member:
    """One scenario of the view.

    Parameters
    ----------
    id : str
        Its name in the result frame.
    role : str
        ``"baseline"``, ``"adjusted"``, ``"edited"`` or ``"other"``.
    scenario : Scenario
        The scenario projected (named ``id``).
    origin : str
        The catalog entry it comes from (a shipped or uploaded scenario's name).
    """

    id: str
    role: str
    scenario: Scenario
    origin: str

    def title(self, lang: str, edits: Edits | None = None,
              catalog: Mapping[str, Scenario] | None = None) -> str:
        base_title = self.scenario.title(lang)
        if self.role == "edited":
            return t("suffix_edited" if edits is not None and not edits.empty
                     else "suffix_editing", lang, title=base_title)
        if self.role == "adjusted":
            return t("suffix_adjusted", lang, title=base_title)
        return base_title


@dataclass(frozen=True)
class View:
    """The scenarios shown, their results, and the view's settings."""

    state: ViewState
    members: tuple[Member, ...]
    frame: "pd.DataFrame"
    year: int
    until: int
    file_scenario: Scenario
    catalog: Mapping[str, Scenario] = field(repr=False)
    edit_error: str = ""
    link: str = ""

    @property
    def lang(self) -> str:
        return self.state.lang

    @property
    def edits(self) -> Edits:
        return self.state.edits

    @property
    def base_year(self) -> int:
        return self.file_scenario.base.year

    def member(self, role: str) -> Member:
        return next(m for m in self.members if m.role == role)

    @property
    def edited(self) -> Member:
        return self.member("edited")

    @property
    def baseline(self) -> Member:
        return self.member("baseline")

    @property
    def adjusted(self) -> Member:
        return self.member("adjusted")

    def names(self, lang: str | None = None) -> dict[str, str]:
        """Scenario id → title in ``lang``, in display order."""
        lang = lang or self.lang
        return {m.id: m.title(lang, self.edits) for m in self.members}

    @property
    def roles(self) -> dict[str, str]:
        return {m.id: m.role for m in self.members}

    @property
    def indicators(self) -> list[str]:
        """The indicators the frame holds: those of :data:`sim.indicators.INDICATORS` in its
        order, then the sectors' and extras' of the scenarios' bases in the frame's order."""
        present = list(dict.fromkeys(self.frame["indicator"]))
        return [k for k in INDICATORS if k in present] + [k for k in present
                                                          if k not in INDICATORS]

    @property
    def sector_names(self) -> dict[str, tuple[str, str]]:
        """The sector labels the scenarios' bases give (:func:`sim.results.sector_names`)."""
        return sector_names([m.scenario for m in self.members])

    def indicator(self, ind_id: str) -> Indicator:
        """The indicator ``ind_id`` labelled as the view's bases name their sectors
        (:func:`sim.indicators.indicator`)."""
        return indicator(ind_id, self.sector_names)

    def label(self, ind_id: str, lang: str | None = None) -> str:
        """The label of the indicator ``ind_id`` in ``lang`` (default the view's)."""
        return self.indicator(ind_id).label(lang or self.lang)

    def value(self, indicator: str, year: int, member_id: str) -> float:
        """One number of the frame, as :func:`sim.value` reads it (NaN when not defined)."""
        return self._values.get((indicator, int(year), member_id), float("nan"))

    @cached_property
    def _values(self) -> dict[tuple[str, int, str], float]:
        """(indicator, year, scenario) → value, read once per view; a key the frame holds
        more than once (which :func:`sim.value` refuses) is left out."""
        f = self.frame
        keys = list(zip(f["indicator"].tolist(), f["year"].astype(int).tolist(),
                        f["scenario"].tolist()))
        out = dict(zip(keys, f["value"].astype(float).tolist()))
        if len(out) < len(keys):
            seen: set = set()
            for key in keys:
                if key in seen:
                    out.pop(key, None)
                seen.add(key)
        return out

    @cached_property
    def target_checks(self) -> "pd.DataFrame":
        """:func:`sim.check_targets` of the frame, computed once per view."""
        return sim.check_targets(self.frame)

    def exported_scenario(self) -> Scenario:
        """The edited scenario as its TOML download holds it: projected to the horizon, its
        titles marked as edited and its notes saying how it differs from its file."""
        s = self.edited.scenario
        if self.until != s.end_year:
            s = s.with_end_year(self.until)
        if not self.edits.empty and not self.edit_error:
            file_s = self.file_scenario
            note = "Edited in the app: " + describe(file_s, self.edits) + "."
            s = replace(s.renamed(s.name, title_en=t("suffix_edited", "en",
                                                     title=file_s.title("en")),
                                  title_zh=t("suffix_edited", "zh", title=file_s.title("zh"))),
                        notes=(file_s.notes + "\n" if file_s.notes else "") + note)
        return s


def project_one(scenario: Scenario, until: int) -> "pd.DataFrame":
    """Tidy results of one scenario (the function the app caches)."""
    return sim.project([scenario], until=until)


def same_base(a: Scenario, b: Scenario) -> bool:
    """Whether two scenarios start from the same base file (name and content)."""
    return a.base.name == b.base.name and a.base.to_dict() == b.base.to_dict()


def adjust_changes(baseline: Scenario, edited: Scenario) -> tuple[dict[str, float], dict[str, Any]]:
    """``with_levels`` and ``with_rates`` arguments that put the baseline under the edited
    scenario's assumptions: its base-year levels (亿元) and its sectors' deflators (%), each
    deflator as the edited scenario has it year by year (written from the baseline's own
    first year, :meth:`sim.scenario.Scenario.rates_from_paths`). None when the two are on
    different bases (their levels and sectors are not each other's)."""
    if not same_base(baseline, edited):
        return {}, {}
    levels = {k: v for k, v in edited.start.levels.items()
              if baseline.start.levels.get(k) != v}
    # each deflator's path year by year (not its spec: the two files may start their rates in
    # other years), cut to the baseline's horizon
    mine_all, theirs_all = edited.resolved_rates(), baseline.resolved_rates()
    horizon = max(baseline.end_year - baseline.base.year, 1)
    paths: dict[str, Any] = {}
    for key in (f"{x}_deflator" for x in edited.base.model_sectors):
        mine = tuple(mine_all.get(key, (0.0,)))[:horizon]
        theirs = tuple(theirs_all.get(key, (0.0,)))
        n = max(len(mine), len(theirs))
        if list(_padded(mine, n)) != list(_padded(theirs, n)):
            paths[key] = mine[0] if len(set(mine)) == 1 else list(mine)
    return levels, baseline.rates_from_paths(**paths) if paths else {}


def _padded(path: tuple[float, ...], n: int) -> tuple[float, ...]:
    """``path`` to ``n`` values, its last one continuing."""
    return path + (path[-1],) * (n - len(path))


def adjusted_scenario(baseline: Scenario, edited: Scenario) -> Scenario:
    """The baseline under the edited scenario's assumptions (:func:`adjust_changes`): the
    view's ``"adjusted"`` member, before it is renamed."""
    levels, rates = adjust_changes(baseline, edited)
    out = baseline.with_levels(**levels) if levels else baseline
    return out.with_rates(**rates) if rates else out


def _unique(stem: str, taken: set[str]) -> str:
    stem = stem[:56]
    name, i = stem, 2
    while name in taken:
        name, i = f"{stem}-{i}", i + 1
    taken.add(name)
    return name


def build_view(state: ViewState, catalog: Mapping[str, Scenario], *,
               project: Callable[[Scenario, int], "pd.DataFrame"] = project_one,
               shipped_order: Sequence[str] | None = None) -> View:
    """Build the view for ``state``.

    Parameters
    ----------
    state : ViewState
        Names in it must be in ``catalog``.
    catalog : Mapping[str, Scenario]
        Shipped and uploaded scenarios by name.
    project : callable
        ``project(scenario, until)`` → tidy frame; the app passes a cached one.
    shipped_order : sequence of str, optional
        Default comparison list (all shipped scenarios); default every catalog entry.

    Returns
    -------
    View
        If the edits are invalid, the edited scenario is its file and ``edit_error`` says why.
    """
    import pandas as pd

    file_s = catalog[state.edit]
    base_s = catalog[state.baseline]
    error = ""
    try:
        edited_s = apply_edits(file_s, state.edits)
    except sim.InputError as err:
        edited_s, error = file_s, str(err)
    until = state.edits.until or file_s.end_year
    taken = set(catalog)
    taken.discard(state.baseline)
    baseline_id = _unique(state.baseline, taken)
    adjusted_id = _unique(f"{state.baseline}-adjusted", taken)
    plain = state.edits.empty and not error and state.edit != state.baseline
    if plain:
        taken.discard(state.edit)
    edited_id = _unique(state.edit if plain else f"{state.edit}-edited", taken)

    adjusted_s = adjusted_scenario(base_s, edited_s)
    members = [
        Member(baseline_id, "baseline", base_s, state.baseline),
        Member(adjusted_id, "adjusted", adjusted_s.renamed(adjusted_id), state.baseline),
        Member(edited_id, "edited", edited_s.renamed(edited_id), state.edit),
    ]
    compare = state.compare if state.compare is not None else (
        tuple(shipped_order) if shipped_order is not None else tuple(catalog))
    for name in compare:
        if name in (state.edit, state.baseline) or name not in catalog:
            continue
        members.append(Member(name, "other", catalog[name], name))
    frame = pd.concat([project(m.scenario, until) for m in members], ignore_index=True)
    year = state.year if state.year is not None else file_s.base.year + 1
    year = min(max(year, file_s.base.year), until)
    return View(state=state, members=tuple(members), frame=frame, year=year, until=until,
                file_scenario=file_s, catalog=catalog, edit_error=error)


def changes(view: View) -> tuple[dict[str, float], dict[str, Any]]:
    """The edited scenario's ``with_levels`` and ``with_rates`` arguments (for the snippet)."""
    if view.edit_error:
        return {}, {}
    return level_changes(view.file_scenario, view.edits), rate_changes(view.file_scenario,
                                                                       view.edits)


def export_meta(view: View, *, link: str = "") -> dict[str, str]:
    """Metadata for every export of the view: scenarios, what each is, model version, time."""
    details = {}
    for m in view.members:
        if m.role == "edited":
            what = describe(view.file_scenario, view.edits)
        elif m.role == "adjusted":
            levels, rates = adjust_changes(view.baseline.scenario, view.edited.scenario)
            parts = [f"levels.{k} = {v:g}" for k, v in levels.items()]
            parts += [f"rates.{k} = {v}" for k, v in rates.items()]
            what = f"{m.origin} with the edited scenario's base levels and deflators" + (
                ": " + ", ".join(parts) if parts else " (the same as the baseline)")
        else:
            what = m.origin + (" (uploaded)" if m.origin not in sim.shipped_scenarios()
                               else " (shipped file)")
        details[f"scenario {m.id}"] = f"{m.role}: {what}"
    details["horizon"] = f"{view.base_year}–{view.until}"
    if link:
        details["view"] = link
    return export.metadata([m.id for m in view.members], details=details)
