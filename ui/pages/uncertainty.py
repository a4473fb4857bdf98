"""Uncertainty: a Monte Carlo fan chart of the edited scenario and the probability of meeting
each target, with its Monte Carlo standard error and the uncertainty it used: the scenario
file's, or the standard deviations of the base's past errors (from history,
:func:`sim.analysis.shocks.effective_uncertainty`).

The number of paths offered stops at the app's limit (``--max-paths``, :mod:`sim.limits`); the
controls travel in the link as ``mc_indicator``, ``mc_paths``, ``mc_seed``, ``mc_threshold``
and ``mc_uncertainty``.
"""
from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from sim.errors import InputError
from sim.indicators import INDICATORS, indicator
from sim.limits import Limits
from sim.scenario import Scenario
from sim.targets import PLAN_2024
from sim.uncertainty import ORIGINS

from .. import format as fmt
from ..controls import offered
from ..i18n import in_every_language, t
from ..page import Page, keep_choice
from ..uploads import app_limits, scenario_key
from ..url import UrlParam, parse_indicator, parse_offered
from ..vega import fan_spec
from ..view import View

#: The numbers of paths offered, up to the limit (which is offered too).
PATHS = (1_000, 10_000, 100_000, 1_000_000, 10_000_000)
DEFAULT_PATHS = 10_000
#: Runs at least this long show a progress bar.
PROGRESS_FROM = 100_000
SEED_MAX = 2**31 - 1
#: Longest threshold text (several conditions separated by ";").
THRESHOLD_CHARS = 300
#: The uncertainty used (one of :data:`sim.uncertainty.ORIGINS`): the scenario file's, or history's where it gives an sd.
ORIGIN = UrlParam("mc_uncertainty", default="file", options=tuple(ORIGINS), translated=True)



def path_options(lim: Limits) -> list[int]:
    """The numbers of paths offered: :data:`PATHS` below the limit, and the limit."""
    return offered(PATHS, lim.max_paths)


def default_paths(lim: Limits) -> int:
    return min(DEFAULT_PATHS, lim.max_paths)


def _parse_paths(text: str) -> int:
    return parse_offered(text, path_options(app_limits()))


def _parse_seed(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = -1
    if not 0 <= n <= SEED_MAX:
        raise ValueError(f"a whole number 0 … {SEED_MAX}")
    return n


def _parse_thresholds(text: str) -> str:
    from sim import analysis as A

    if len(text) > THRESHOLD_CHARS:
        raise ValueError(f"at most {THRESHOLD_CHARS} characters")
    for x in text.split(";"):
        if x.strip():
            A.parse_threshold(x)             # InputError is a ValueError: its message is shown
    return text


def mc_summary(scenario: Scenario, until: int, n_paths: int, seed: int, ind_id: str,
               thresholds: tuple[str, ...], *, limits: Limits,
               progress: Callable[[float], None] | None = None,
               uncertainty: str | None = None) -> dict:
    """Summary of a Monte Carlo of ``scenario`` (pure): quantiles of ``ind_id``, target
    probabilities, assumptions, and the uncertainty used (``basis``: which, in one line;
    ``sd``: rate → its sd, pp, or its sd path by year). Only ``ind_id`` and the indicators of
    the targets are kept, and ``limits`` are checked before anything is allocated.

    ``uncertainty``: ``"file"`` or ``"history"`` (:func:`sim.analysis.simulate`), default as
    the scenario's ``[uncertainty]`` says; an InputError with key ``uncertainty`` for history
    on a base without it."""
    from sim import analysis as A

    limits.check_paths(n_paths, key="mc_paths")
    limits.check_horizon(scenario.base.year, until, key="until")
    targets = [*PLAN_2024, *(A.parse_threshold(x) for x in thresholds)]
    extras = scenario.base.extras
    available = {*INDICATORS, *extras, *(f"{x}_growth" for x in extras)}
    plan = {tg.indicator for tg in PLAN_2024}
    # plan targets the base cannot evaluate are left out; an unknown user threshold is an error
    kept = [k for k in dict.fromkeys([ind_id, *(tg.indicator for tg in targets)])
            if k in available or k not in plan]
    mc = A.simulate(scenario, n_paths=n_paths, rng=seed, until=until, indicators=kept,
                    progress=progress, limits=limits, uncertainty=uncertainty)
    probs = A.target_probabilities(mc, targets)
    return {"summary": A.summary(mc, indicators=[ind_id]), "targets": probs,
            "assumptions": mc.assumptions, "clipped": dict(mc.clipped), "n_paths": mc.n_paths,
            "basis": mc.uncertainty.basis, "origin": mc.uncertainty.origin,
            "sd": dict(mc.uncertainty.sd)}


@st.cache_data(show_spinner=False, max_entries=48,
               hash_funcs={Scenario: scenario_key, Limits: repr})
def monte_carlo(scenario: Scenario, until: int, n_paths: int, seed: int, ind_id: str,
                thresholds: tuple[str, ...], lim: Limits,
                _progress: Callable[[float], None] | None = None,
                origin: str | None = None) -> dict:
    """:func:`mc_summary`, cached (the progress callback is not part of the cache key)."""
    return mc_summary(scenario, until, n_paths, seed, ind_id, thresholds, limits=lim,
                      progress=_progress, uncertainty=origin)


@st.cache_data(show_spinner=False, max_entries=16)
def fan_png(summary, probabilities, ind_id: str, lang: str, n_paths: int,
            names: tuple[tuple[str, tuple[str, str]], ...], dpi: float) -> bytes:
    """The matplotlib fan chart as PNG (for downloads); ``names`` the sector labels, as
    (sector, (English, Chinese)) pairs."""
    from sim import export
    from sim.plotting import fan_figure

    targets = [tg for tg in PLAN_2024 if tg.indicator == ind_id]
    return export.png_bytes(fan_figure(summary, ind_id, lang=lang, targets=targets,
                                       probabilities=probabilities, n_paths=n_paths,
                                       names=dict(names), dpi=dpi))


def render(view: View) -> None:
    from sim import analysis as A

    lang = view.lang
    s = view.edited.scenario
    lim = app_limits()
    st.subheader(t("uncertainty.title", lang, name=fmt.plain(view.names()[view.edited.id])))
    options = view.indicators

    def label(k: str) -> str:
        return view.label(k, lang)

    keep_choice("mc_indicator", options, "gdp_real_growth", lang, label)
    paths = path_options(lim)
    keep_choice("mc_paths", paths, default_paths(lim), lang, lambda n: f"{n:,}")
    st.session_state.setdefault("mc_seed", 2024)
    c1, c2, c3 = st.columns([2, 1, 1])
    with c1:
        ind_id = st.selectbox(t("pick_indicator", lang), options, key="mc_indicator",
                              format_func=label, persist_state="session")
    with c2:
        n_paths = st.selectbox(t("uncertainty.paths", lang), paths, key="mc_paths",
                               format_func=lambda n: f"{n:,}", persist_state="session")
    with c3:
        seed = int(st.number_input(t("uncertainty.seed", lang), min_value=0, max_value=SEED_MAX,
                                   step=1, key="mc_seed", persist_state="session"))
    text = st.text_input(t("uncertainty.threshold", lang), key="mc_threshold",
                         max_chars=THRESHOLD_CHARS, persist_state="session")
    origin = origin_control(s, lang)
    thresholds = tuple(x.strip() for x in (text or "").split(";") if x.strip())
    for x in thresholds:
        A.parse_threshold(x)                       # a bad threshold: its message, from guarded
    lim.check_paths(n_paths, key="mc_paths")       # beyond a limit: its message, from guarded
    lim.check_horizon(s.base.year, view.until, key="until")
    bar = st.progress(0.0, text=t("uncertainty.running", lang, n=n_paths)) \
        if n_paths >= PROGRESS_FROM else None
    progress = (lambda f: bar.progress(min(f, 1.0))) if bar else None
    try:
        out = monte_carlo(s, view.until, n_paths, seed, ind_id, thresholds, lim,
                          _progress=progress, origin=origin)
    except InputError as err:
        if err.key != "uncertainty":
            raise
        st.warning(t("uncertainty.history_refused", lang, message=fmt.plain(err)))
        out = monte_carlo(s, view.until, n_paths, seed, ind_id, thresholds, lim,
                          _progress=progress, origin="file")
    if bar is not None:
        bar.empty()
    st.vega_lite_chart(fan_spec(out["summary"], ind_id, lang=lang,
                                targets=[tg for tg in PLAN_2024 if tg.indicator == ind_id],
                                probabilities=out["targets"], n_paths=out["n_paths"],
                                names=view.sector_names),
                       width="stretch")
    st.caption(t("uncertainty.fan_caption", lang))

    st.markdown(f"**{t('uncertainty.probabilities', lang)}**")
    probs = out["targets"]
    rows = []
    for _, r in probs[probs["status"] == "evaluated"].iterrows():
        met = t("uncertainty.met" if r["deterministic_met"] else "uncertainty.missed", lang)
        rows.append({
            t("uncertainty.col.target", lang): r["label"],
            t("uncertainty.col.probability", lang): f"{r['probability']:.1%}",
            t("uncertainty.col.se", lang): f"± {r['mc_se']:.2%}",
            t("uncertainty.col.interval", lang): f"{r['ci_low']:.1%} – {r['ci_high']:.1%}",
            t("uncertainty.col.central", lang):
                fmt.value(r["deterministic"], r["unit"], lang) + f" ({met})"})
    st.dataframe(rows, hide_index=True)
    st.caption(t("uncertainty.prob_caption", lang, n=out["n_paths"]))
    st.caption(t("uncertainty.basis", lang, basis=fmt.plain(out["basis"])))
    with st.expander(t("uncertainty.assumptions", lang)):
        st.markdown("\n".join(f"- {fmt.plain(a)}" for a in out["assumptions"]))
        for rate, share in out["clipped"].items():
            if share > 0:
                st.caption(t("uncertainty.clipped", lang, rate=rate, share=share))
    c1, c2 = st.columns(2)
    with c1:
        st.download_button(t("uncertainty.download", lang),
                           data=lambda: fan_png(out["summary"], out["targets"], ind_id, lang,
                                                out["n_paths"],
                                                tuple(view.sector_names.items()), 200),
                           file_name=f"fan-{ind_id}.png", mime="image/png", key="dl_fan",
                           on_click="ignore")
    with c2:
        st.download_button(t("uncertainty.download_csv", lang),
                           data=lambda: out["summary"].to_csv(index=False).encode("utf-8"),
                           file_name=f"fan-{ind_id}.csv", mime="text/csv", key="dl_fan_csv",
                           on_click="ignore")


def origin_control(scenario: Scenario, lang: str) -> str:
    """The switch "uncertainty: from the file | from history"; returns ``"file"`` or
    ``"history"``. It starts as the scenario's ``[uncertainty] from`` says; on a base without
    history it is disabled at "file", and a link's "history" gives a notice."""
    ss = st.session_state
    history = bool(scenario.base.history)
    if ss.get(ORIGIN.key) not in ORIGINS:
        ss[ORIGIN.key] = scenario.uncertainty.origin if history else ORIGIN.default
    notice = not history and ss[ORIGIN.key] != "file"
    if notice:                                      # a link asked for history
        st.warning(t("uncertainty.no_history", lang, name=fmt.plain(scenario.base.name)))
        ss[ORIGIN.key] = "file"
    origin = st.segmented_control(t("uncertainty.from", lang), ORIGINS, key=ORIGIN.key,
                                  format_func=lambda o: t("uncertainty.from." + o, lang),
                                  required=True, disabled=not history,
                                  persist_state="session") or ORIGIN.default
    if not history and not notice:
        st.caption(t("uncertainty.no_history", lang, name=fmt.plain(scenario.base.name)))
    return origin


PAGE = Page("uncertainty", in_every_language("tab.uncertainty"), render, params=(
    UrlParam("mc_indicator", parse_indicator, "gdp_real_growth", translated=True,
             indicators=True),
    UrlParam("mc_paths", _parse_paths, DEFAULT_PATHS),
    UrlParam("mc_seed", _parse_seed, 2024),
    UrlParam("mc_threshold", _parse_thresholds, ""),
    ORIGIN,
))
