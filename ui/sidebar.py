"""Sidebar controls. Each helper draws its widgets and returns plain values.

Widget values live in ``st.session_state`` under fixed keys (``KEYS``). They are seeded once per
session from the URL (:func:`seed`) and whenever the edited scenario changes or is reset
(:func:`seed_edits`); widgets are created without a ``value=`` so the session state is the one
source of their values. A helper writes a key only to change its value: every write sends the
value to the browser, where it would undo a move the user made while the run was going on.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from html import escape

import streamlit as st

from sim.base import parse_toml
from sim.errors import InputError
from sim.indicators import sector_label
from sim.scenario import Scenario

from . import beside_gdp
from . import uploads as up
from .controls import gdp_range, rate_range, until_range
from .edits import (RETAIL_KEYS, Edits, active_rates, clean, file_retail_mode, slider_rates,
                    untouched, with_gdp)
from .format import plain
from .guard import log
from .i18n import LANG_NAMES, LANGS, t
from .live import rate_moved
from .state import DEFAULT_SCENARIO, ViewState

__all__ = ["seed", "seed_edits", "language", "relabel_on_language_switch", "scenario_pickers",
           "upload_box", "edit_controls", "year_control", "share_box", "rate_key", "rate_label",
           "KEYS", "TRANSLATED"]

KEYS = {"lang": "lang", "compare": "compare", "edit": "edit", "baseline": "baseline",
        "upload": "upload", "gdp": "gdp", "until": "until", "year": "year", "retail": "retail",
        "rd": "rd", "reset": "reset"}
_UNTOUCHED = "_untouched"      # session key: slider values that mean "as in the file"
_EDIT_LAST = "_edit_last"      # session key: the scenario the sliders were seeded for


def rate_key(rate: str, part: str) -> str:
    """Widget key of a rate slider: ``services_real_first`` / ``services_real_later``."""
    return f"{rate}_{part}"


def rate_label(scenario: Scenario, rate: str, lang: str) -> str:
    """The label of a rate's sliders: ``rate_label.<rate>``, or for a sector of a base that
    lists them its label (:func:`sim.indicators.sector_label`, the base's ``[sector_names]``
    first) in ``rate_label.sector_real`` / ``rate_label.sector_deflator``; for an indicator
    beside GDP its name (:func:`ui.beside_gdp.label`)."""
    side = beside_gdp.label(rate, lang)
    if side is not None:
        return side
    sectors = scenario.base.sectors
    for suffix in ("_real", "_deflator"):
        sector = rate[: -len(suffix)]
        if rate.endswith(suffix) and sector in sectors:
            name = sector_label(sector, lang, scenario.base.sector_labels())
            return t("rate_label.sector" + suffix, lang, sector=plain(name))
    return t("rate_label." + rate, lang)


def seed_edits(scenario: Scenario, edits: Edits) -> None:
    """Put the slider values of ``scenario`` under ``edits`` into the session state."""
    ss = st.session_state
    start_gdp = scenario.start.levels["gdp"]
    ss[KEYS["gdp"]] = float(edits.gdp if edits.gdp is not None else start_gdp)
    ss[KEYS["until"]] = int(edits.until or scenario.end_year)
    ss[KEYS["retail"]] = edits.retail or file_retail_mode(scenario)
    ss[KEYS["rd"]] = bool(edits.rd)
    leveled = with_gdp(scenario, edits.gdp)
    base_values = {}
    for rate in slider_rates(scenario):
        first, later = untouched(leveled, rate)
        base_values[rate] = (first, later)
        ss[rate_key(rate, "first")] = float(edits.first.get(rate, first))
        ss[rate_key(rate, "later")] = float(edits.later.get(rate, later))
    ss[_UNTOUCHED] = base_values
    ss[_EDIT_LAST] = scenario.name


def seed(state: ViewState, catalog: Mapping[str, Scenario], tab_label: str) -> None:
    """Seed the sidebar's widgets and the tab from a view state (once per session, from the
    URL); the pages' own controls are seeded from ``state.extras`` by :mod:`ui.session`."""
    ss = st.session_state
    ss[KEYS["lang"]] = state.lang
    ss[KEYS["edit"]] = state.edit
    ss[KEYS["baseline"]] = state.baseline
    ss[KEYS["compare"]] = list(state.compare if state.compare is not None else
                               [n for n in catalog if n not in state.uploads])
    if state.year is not None:
        ss[KEYS["year"]] = state.year
    ss["tab"] = tab_label
    seed_edits(catalog[state.edit], state.edits)


def language() -> str:
    """The language switch, 中文 / English; returns ``"en"`` or ``"zh"``."""
    lang = st.segmented_control(t("language", st.session_state.get("lang", "en")), LANGS,
                                format_func=LANG_NAMES.get, key=KEYS["lang"], required=True)
    return lang or "en"


#: The sidebar's choice widgets whose options are shown in the app's language (the pages'
#: are declared with ``UrlParam(..., translated=True)``).
TRANSLATED = ("compare", "edit", "baseline", "year", "retail")


def relabel_on_language_switch(lang: str, keys: Sequence[str] = TRANSLATED) -> None:
    """After a language switch, set the values of the choice widgets ``keys`` again so the
    browser shows their options in the new language (a kept selection keeps its old text
    otherwise)."""
    ss = st.session_state
    if ss.get("_lang_last", lang) != lang:
        for key in keys:
            if key in ss:
                ss[key] = ss[key]
    ss["_lang_last"] = lang


def scenario_pickers(catalog: Mapping[str, Scenario], lang: str) -> tuple[list[str], str, str]:
    """Scenarios to compare, the one to edit, and the baseline; returns their names."""
    ss = st.session_state
    names = list(catalog)
    for key in (KEYS["edit"], KEYS["baseline"]):
        if ss.get(key) not in catalog:
            ss[key] = DEFAULT_SCENARIO if DEFAULT_SCENARIO in catalog else names[0]
    kept = [n for n in ss.get(KEYS["compare"], names) if n in catalog]
    if kept != ss.get(KEYS["compare"]):
        ss[KEYS["compare"]] = kept

    def title(name: str) -> str:
        s = catalog[name]
        return f"{s.title(lang)} ({name})" if s.title(lang) != name else name

    st.subheader(t("sec_scenarios", lang))
    compare = st.multiselect(t("compare", lang), names, format_func=title, key=KEYS["compare"])
    edit = st.selectbox(t("edit", lang), names, format_func=title, key=KEYS["edit"])
    baseline = st.selectbox(t("baseline", lang), names, format_func=title, key=KEYS["baseline"])
    return list(compare), edit, baseline


#: The upload box's own size text is Streamlit's ``server.maxUploadSize`` (whole megabytes), not
#: the app's limit, which its label states: hide it (a style, drawn outside the page's flow).
_HIDE_DROPZONE_LIMIT = (f"<style>.st-key-{KEYS['upload']} "
                        "[data-testid='stFileUploaderDropzoneInstructions'] "
                        "{ display: none; }</style>")


def upload_box(catalog: Mapping[str, Scenario], uploads: dict[str, str], lang: str,
               bases: dict[str, str] | None = None) -> list[str]:
    """The upload control, for several files. A valid scenario is added to ``uploads`` (name →
    canonical TOML), a valid base file to ``bases`` (name → TOML): a file whose document has
    ``region``/``year`` and ``[levels]`` but no ``[rates]`` is a base, named after the file
    (:func:`ui.uploads.base_name`). Bases are read first, so a scenario may name a base
    uploaded with it.

    Returns
    -------
    list of str
        The names of the scenarios uploaded in this run.
    """
    ss = st.session_state
    bases = {} if bases is None else bases
    max_bytes = up.app_limits().max_upload_bytes
    kb = max_bytes // 1024
    files = st.file_uploader(t("upload", lang, kb=kb), type=["toml"], key=KEYS["upload"],
                             accept_multiple_files=True, help=t("upload_help", lang, kb=kb))
    st.html(_HIDE_DROPZONE_LIMIT)
    if not files:
        return []
    status = ss.setdefault("_upload_status", {})
    ids = [getattr(f, "file_id", None) or f"{f.name}:{f.size}" for f in files]
    new = [(fid, f) for fid, f in zip(ids, files) if fid not in status]

    def is_base(f) -> bool:
        if len(f.getvalue()) > max_bytes:
            return False
        try:
            return up.is_base_doc(parse_toml(f.getvalue(), source=f.name))
        except Exception:  # noqa: BLE001 - read_upload reports it
            return False

    added: list[str] = []
    for fid, file in sorted(new, key=lambda item: not is_base(item[1])):
        try:
            if is_base(file):
                name, text = up.read_base_upload(file.getvalue(), filename=file.name)
                if bases.get(name, text) != text:
                    raise InputError(t("upload_base_taken", lang, name=name), source=file.name)
                bases[name] = text
                status[fid] = ("ok", t("upload_base_ok", lang, name=name, file=file.name))
                continue
            extra = {n: up.base_from_text(n, x) for n, x in bases.items()}
            scenario = (up.read_upload(file.getvalue(), filename=file.name, extra_bases=extra)
                        if extra else up.read_upload(file.getvalue(), filename=file.name))
        except InputError as err:
            status[fid] = ("error", str(err))
            continue
        except Exception:  # noqa: BLE001 - a file must never break the app
            log.exception("unexpected error reading the upload %r", file.name)
            status[fid] = ("error", t("error_unexpected", lang))
            continue
        text = scenario.to_toml()
        same = [n for n, tx in uploads.items() if tx == text]
        if same:
            name = same[0]
            status[fid] = ("ok", t("upload_ok", lang, name=name, file=file.name))
        else:
            name = up.unique_name(scenario.name, {**catalog, **uploads})
            if name != scenario.name:
                text = scenario.renamed(name).to_toml()
                status[fid] = ("ok", t("upload_renamed", lang, old=scenario.name, new=name))
            else:
                status[fid] = ("ok", t("upload_ok", lang, name=name, file=file.name))
            uploads[name] = text
            added.append(name)
    failed = False
    for fid in ids:
        kind, message = status[fid]
        if kind == "error":
            st.error(plain(message))
            failed = True
        else:
            st.success(plain(message))
    if failed:
        st.caption(t("upload_failed", lang))
    return added


def _clamp(key: str, lo: float, hi: float) -> None:
    ss = st.session_state
    if key in ss and isinstance(ss[key], (int, float)) and not lo <= ss[key] <= hi:
        ss[key] = min(max(ss[key], lo), hi)


def _refresh_untouched(leveled: Scenario) -> dict[str, tuple[float, float]]:
    """Slider values that meant "as in the file" and still sit there follow the file's values
    when those change (``"base"`` rates move with the GDP level)."""
    ss = st.session_state
    old = ss.get(_UNTOUCHED, {})
    new = {rate: untouched(leveled, rate) for rate in slider_rates(leveled)}
    for rate, (first, later) in new.items():
        for part, value in (("first", first), ("later", later)):
            key = rate_key(rate, part)
            before = old.get(rate, (None, None))[0 if part == "first" else 1]
            if key not in ss or (before is not None and value != ss[key]
                                 and math.isclose(ss[key], before, abs_tol=1e-9)):
                ss[key] = float(value)
    ss[_UNTOUCHED] = new
    return new


def edit_controls(scenario: Scenario, lang: str, *, reset_to: Edits | None = None) -> Edits:
    """Sliders for the edited scenario; returns its edits relative to the file.

    Parameters
    ----------
    scenario : Scenario
        The file's scenario.
    lang : str
    reset_to : Edits, optional
        Seed the sliders with these edits first (the file's values for ``Edits()``).
    """
    ss = st.session_state
    if reset_to is not None or ss.get(_EDIT_LAST) != scenario.name:
        seed_edits(scenario, reset_to or Edits())
    y0 = scenario.base.year
    base = scenario.base

    # the id of the file the sliders edit, for the browser's figures (ui.instant)
    st.markdown(f"**{escape(t('sec_base', lang))}**<span data-sim-file=\"{up.file_id(scenario)}\">"
                "</span>", unsafe_allow_html=True)
    g = gdp_range(scenario)
    _clamp(KEYS["gdp"], g.lo, g.hi)
    help_gdp = (t("gdp0_help", lang, level=base.levels["gdp"]) if "gdp" in base.lower_bounds
                else t("gdp0_help_sectors", lang) if base.sectors else None)
    gdp = st.slider(t("gdp0", lang, year=y0), min_value=float(g.lo), max_value=float(g.hi),
                    step=g.step, format="%.1f", key=KEYS["gdp"], help=help_gdp)
    lo, hi = until_range(scenario)
    _clamp(KEYS["until"], lo, hi)
    until = st.slider(t("until", lang), min_value=lo, max_value=hi, step=1, key=KEYS["until"])

    start_gdp = scenario.start.levels["gdp"]
    gdp_edit = None if math.isclose(gdp, start_gdp, abs_tol=1e-6) else clean(gdp, 2)
    leveled = with_gdp(scenario, gdp_edit)
    file_values = _refresh_untouched(leveled)

    st.markdown(f"**{t('sec_rates', lang)}**")
    mode = st.segmented_control(t("retail_mode", lang), list(RETAIL_KEYS),
                                format_func=lambda m: t("retail_mode." + m, lang),
                                key=KEYS["retail"], required=True) or file_retail_mode(scenario)
    rd = False
    if "rd_intensity" not in scenario.rates:
        rd = st.checkbox(t("rd_toggle", lang), key=KEYS["rd"])
    draft = Edits(gdp=gdp_edit, until=None if until == scenario.end_year else int(until),
                  retail=None if mode == file_retail_mode(scenario) else mode, rd=rd)
    first: dict[str, float] = {}
    later: dict[str, float] = {}
    resolved = leveled.resolved_rates()
    for rate in active_rates(scenario, draft):
        r = rate_range(leveled, rate)
        st.markdown(rate_label(scenario, rate, lang))
        c1, c2 = st.columns(2)
        values = {}
        for part, col, label in (("first", c1, t("rate_first", lang, year=y0 + 1)),
                                 ("later", c2, t("rate_later", lang, year=y0 + 2))):
            key = rate_key(rate, part)
            _clamp(key, r.lo, r.hi)
            with col:
                values[part] = st.slider(label, min_value=float(r.lo), max_value=float(r.hi),
                                         step=r.step, format=r.fmt, key=key,
                                         on_change=rate_moved,
                                         args=(key, rate, part,
                                               file_values[rate][part == "later"]))
        path = resolved.get(rate, ())
        if isinstance(scenario.rates.get(rate), str):
            st.caption(t("base_note", lang))
        elif len(path) > 2:
            st.caption(t("path_note", lang, year=y0 + 2,
                         values=", ".join(f"{x:g}" for x in path[1:])))
        a, b = file_values[rate]
        if not math.isclose(values["first"], a, abs_tol=1e-6):
            first[rate] = values["first"]
        if not math.isclose(values["later"], b, abs_tol=1e-6):
            later[rate] = values["later"]
    return Edits(gdp=draft.gdp, until=draft.until, retail=draft.retail, rd=draft.rd,
                 first=first, later=later)


def year_control(first: int, last: int, lang: str) -> int:
    """The year of the headline figures and the comparison table."""
    ss = st.session_state
    options = list(range(first, last + 1))
    if ss.get(KEYS["year"]) not in options:
        ss[KEYS["year"]] = min(first + 1, last)
    return st.selectbox(t("year", lang), options, key=KEYS["year"],
                        format_func=lambda y: t("year_outturn", lang, year=y) if y == first
                        else str(y))


def share_box(link: str, lang: str) -> None:
    """The link to this view, drawn once the box is opened (``st.code`` loads its highlighter,
    1.5 MB of script, into the browser)."""
    with st.expander(t("share", lang), key="share", on_change="rerun") as box:
        if box.open:
            st.caption(t("share_help", lang))
            st.code(link, language=None, wrap_lines=True)
