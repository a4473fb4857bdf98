"""The app's view state, its slider ranges, and its encoding in the URL (pure: no Streamlit).

Every value the user sets lives in the query string, so a link reproduces the view::

    ?compare=plan-2024,momentum&edit=momentum&services_real.first=6.5&gdp=2100&lang=zh

Values equal to their defaults are left out. An uploaded scenario in use travels in the link
as ``up=<token>`` (its TOML, compressed), and an uploaded base it names as
``ub=<name>.<token>``. :func:`from_query` ignores every invalid value and
says why in a :class:`Notice`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sim.base import Base
from sim.errors import InputError
from sim.indicators import INDICATORS
from sim.scenario import Scenario

from .edits import RATE_KEYS, RETAIL_KEYS, Edits, active_rates, file_retail_mode, untouched
from .uploads import (base_ref, decode_base_token, decode_token, encode_base_token,
                      encode_token, unique_name)

__all__ = ["ViewState", "Notice", "UrlParam", "Range", "rate_range", "gdp_range", "until_range",
           "year_range", "to_query", "from_query", "LANGS", "TABLE_MODES", "DEFAULT_SCENARIO",
           "CONTRIB_ROLES", "HORIZON_MAX"]

LANGS = ("en", "zh")
TABLE_MODES = ("value", "diff", "pct")
DEFAULT_SCENARIO = "plan-2024"
CONTRIB_ROLES = ("edited", "baseline", "adjusted")
HORIZON_MAX = 27          # years after the base year the horizon slider reaches (2023 → 2050)

_RATE_SLIDERS = {
    "services_real": (-30.0, 30.0),
    "non_services_real": (-30.0, 30.0),
    "services_deflator": (-10.0, 10.0),
    "non_services_deflator": (-10.0, 10.0),
    "retail_sales": (-20.0, 30.0),
    "retail_sales_elasticity": (-3.0, 5.0),
    "rd_intensity": (0.0, 10.0),
}


@dataclass(frozen=True)
class Range:
    """Slider bounds (inclusive) and step."""

    lo: float
    hi: float
    step: float

    def __contains__(self, x: float) -> bool:
        return self.lo - 1e-9 <= x <= self.hi + 1e-9

    def __str__(self) -> str:
        return f"{self.lo:g} … {self.hi:g}"


def rate_range(scenario: Scenario, key: str) -> Range:
    """Slider range of rate ``key``: a fixed span widened to hold the file's values.

    ``scenario`` is the file's scenario with the edited levels applied.
    """
    lo, hi = _RATE_SLIDERS[key]
    vals = list(untouched(scenario, key))
    if key in scenario.rates:
        vals += list(scenario.resolved_rates()[key])
    return Range(min(lo, math.floor(min(vals))), max(hi, math.ceil(max(vals))), 0.01)


def gdp_range(scenario: Scenario) -> Range:
    """Slider range of the base-year GDP level (亿元).

    From the published level when the source gives it as a lower bound ("突破2000亿元"),
    else from just above services; up to 30% above the published level.
    """
    base = scenario.base
    g = base.levels["gdp"]
    if "gdp" in base.lower_bounds:
        lo = g
    else:
        lo = math.ceil(base.levels["services"] * 10 + 1) / 10
    level = scenario.levels.get("gdp", g)
    hi = math.ceil(max(g, level) * 1.3 / 10) * 10
    return Range(min(lo, level), hi, 0.1)


def until_range(scenario: Scenario) -> tuple[int, int]:
    """First and last choice of the horizon."""
    y0 = scenario.base.year
    return y0 + 1, max(y0 + HORIZON_MAX, scenario.end_year)


def year_range(scenario: Scenario, until: int) -> tuple[int, int]:
    """Years that can be shown: the base year (outturn) to the horizon."""
    return scenario.base.year, until


@dataclass(frozen=True)
class Notice:
    """A URL parameter that was ignored, and why.

    Parameters
    ----------
    param : str
        The parameter, e.g. ``"services_real.first"``.
    value : str
        Its value as given (shortened).
    reason : str
        ``"unknown_param"``, ``"not_a_number"``, ``"out_of_range"``, ``"unknown_value"``,
        ``"not_used"``, ``"bad_upload"``, ``"invalid"`` (a page's own control) or
        ``"unreadable"`` (the app could not read the link at all: the default view).
    detail : str
        The allowed range or values, or the validation message.
    """

    param: str
    value: str
    reason: str
    detail: str = ""


@dataclass(frozen=True)
class UrlParam:
    """A page's own control carried in the link as ``?<key>=<text>``.

    Parameters
    ----------
    key : str
        The widget's key, also the URL parameter's name.
    parse : callable
        Text → the widget's value; raises ``ValueError`` (with a message saying what is
        allowed) for an invalid text.
    default : object
        The widget's default; the parameter is left out of the link when the value equals it.
    format : callable
        Value → text; ``parse(format(v)) == v``.
    """

    key: str
    parse: Callable[[str], Any]
    default: Any = None
    format: Callable[[Any], str] = str


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
    tab, chart, table, contrib : str
        The open tab, the indicator charted on the overview, the comparison table's mode
        (``value``, ``diff``, ``pct``) and the scenario of the contributions chart (a role of
        :data:`CONTRIB_ROLES` or a scenario name).
    uploads : Mapping[str, str]
        Uploaded scenarios in use: name → TOML text.
    bases : Mapping[str, str]
        Uploaded bases: name → TOML text; the link carries those that ``uploads`` name.
    extras : Mapping[str, str]
        Values of the pages' own controls (:class:`UrlParam`), as text.
    """

    lang: str = "en"
    edit: str = DEFAULT_SCENARIO
    baseline: str = DEFAULT_SCENARIO
    compare: tuple[str, ...] | None = None
    year: int | None = None
    edits: Edits = field(default_factory=Edits)
    tab: str = "overview"
    chart: str = "gdp"
    table: str = "value"
    contrib: str = "edited"
    uploads: Mapping[str, str] = field(default_factory=dict)
    extras: Mapping[str, str] = field(default_factory=dict)
    bases: Mapping[str, str] = field(default_factory=dict)


def _num(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_query(state: ViewState, *, tabs: Sequence[str] = ("overview",)) -> dict[str, str | list[str]]:
    """The query parameters for ``state``: only values that differ from their defaults.

    Parameters
    ----------
    state : ViewState
    tabs : sequence of str
        Tab ids; the first is the default.

    Returns
    -------
    dict
        Parameter → value (``up`` → a list of tokens).
    """
    q: dict[str, str | list[str]] = {}
    if state.lang != "en":
        q["lang"] = state.lang
    if state.compare is not None:
        q["compare"] = ",".join(state.compare)
    if state.edit != DEFAULT_SCENARIO:
        q["edit"] = state.edit
    if state.baseline != DEFAULT_SCENARIO:
        q["baseline"] = state.baseline
    if state.year is not None:
        q["year"] = str(state.year)
    e = state.edits
    if e.until is not None:
        q["until"] = str(e.until)
    if e.gdp is not None:
        q["gdp"] = _num(e.gdp)
    if e.retail is not None:
        q["retail"] = e.retail
    if e.rd:
        q["rd"] = "on"
    for key in RATE_KEYS:
        if key in e.first:
            q[f"{key}.first"] = _num(e.first[key])
        if key in e.later:
            q[f"{key}.later"] = _num(e.later[key])
    if tabs and state.tab != tabs[0]:
        q["tab"] = state.tab
    if state.chart != "gdp":
        q["chart"] = state.chart
    if state.table != "value":
        q["table"] = state.table
    if state.contrib != "edited":
        q["contrib"] = state.contrib
    for key, text in sorted(state.extras.items()):
        q[key] = text
    if state.uploads:
        named = {base_ref(text) for text in state.uploads.values()}
        bases = [encode_base_token(n, text) for n, text in state.bases.items() if n in named]
        if bases:
            q["ub"] = bases
        q["up"] = [encode_token(text) for text in state.uploads.values()]
    return q


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


def from_query(params: Mapping[str, str | Sequence[str]], *, shipped: Mapping[str, Scenario],
               tabs: Sequence[str] = ("overview",), extras: Sequence[UrlParam] = ()
               ) -> tuple[ViewState, dict[str, Scenario], list[Notice]]:
    """Read a view state from query parameters, ignoring every invalid value.

    Parameters
    ----------
    params : Mapping
        Parameter → value, or list of values (the last one counts, except for ``up``).
    shipped : Mapping[str, Scenario]
        The shipped scenarios by name.
    tabs : sequence of str
        Tab ids; the first is the default.
    extras : sequence of UrlParam
        The pages' own controls.

    Returns
    -------
    state : ViewState
    uploads : dict of str to Scenario
        Scenarios carried by the link (``up``), by name.
    notices : list of Notice
        One per ignored value.
    """
    notices: list[Notice] = []
    multi = {k: ([v] if isinstance(v, str) else list(v)) for k, v in params.items()}
    one = {k: v[-1] for k, v in multi.items() if v}

    def ignore(param: str, reason: str, detail: str = "") -> None:
        notices.append(Notice(param, _short(one.get(param, "")), reason, detail))

    # Bases and scenarios carried by the link.
    bases: dict[str, Base] = {}
    base_texts: dict[str, str] = {}
    for i, token in enumerate(multi.get("ub", [])):
        try:
            bname, base, btext = decode_base_token(token, source=f"link (ub #{i + 1})")
        except InputError as err:
            notices.append(Notice("ub", _short(token), "bad_upload", str(err)))
            continue
        bases[bname], base_texts[bname] = base, btext
    uploads: dict[str, Scenario] = {}
    for i, token in enumerate(multi.get("up", [])):
        try:
            s = decode_token(token, source=f"link (up #{i + 1})", extra_bases=bases)
        except InputError as err:
            notices.append(Notice("up", _short(token), "bad_upload", str(err)))
            continue
        name = unique_name(s.name, {**shipped, **uploads})
        uploads[name] = s if name == s.name else s.renamed(name)
    catalog = {**shipped, **uploads}
    names = list(catalog)

    known = {"lang", "compare", "edit", "baseline", "year", "until", "gdp", "retail", "rd",
             "tab", "chart", "table", "contrib", "up", "ub"}
    known |= {f"{k}.{part}" for k in RATE_KEYS for part in ("first", "later")}
    known |= {p.key for p in extras}
    for param in one:
        if param not in known:
            ignore(param, "unknown_param")

    def choice(param: str, allowed: Sequence[str], default: str) -> str:
        if param not in one:
            return default
        if one[param] in allowed:
            return one[param]
        ignore(param, "unknown_value", ", ".join(allowed))
        return default

    lang = choice("lang", LANGS, "en")
    edit = choice("edit", names, DEFAULT_SCENARIO if DEFAULT_SCENARIO in catalog else names[0])
    baseline = choice("baseline", names,
                      DEFAULT_SCENARIO if DEFAULT_SCENARIO in catalog else names[0])
    compare = None
    if "compare" in one:
        picked = [n for n in one["compare"].split(",") if n]
        bad = [n for n in picked if n not in catalog]
        if bad:
            notices.append(Notice("compare", _short(",".join(bad)), "unknown_value",
                                  ", ".join(names)))
        compare = tuple(dict.fromkeys(n for n in picked if n in catalog))
    scenario = catalog[edit]

    def number(param: str, rng: Range) -> float | None:
        if param not in one:
            return None
        try:
            x = float(one[param])
        except ValueError:
            ignore(param, "not_a_number", str(rng))
            return None
        if not math.isfinite(x) or x not in rng:
            ignore(param, "out_of_range", str(rng))
            return None
        return x

    def integer(param: str, lo: int, hi: int) -> int | None:
        if param not in one:
            return None
        try:
            x = int(one[param])
        except ValueError:
            ignore(param, "not_a_number", f"{lo} … {hi}")
            return None
        if not lo <= x <= hi:
            ignore(param, "out_of_range", f"{lo} … {hi}")
            return None
        return x

    until = integer("until", *until_range(scenario))
    gdp = number("gdp", gdp_range(scenario))
    retail = choice("retail", tuple(RETAIL_KEYS), "") or None
    if retail == file_retail_mode(scenario):
        retail = None
    rd = False
    if "rd" in one:
        if one["rd"] == "on":
            rd = True
        else:
            ignore("rd", "unknown_value", "on")
    if "rd_intensity" in scenario.rates:
        rd = False
    elif any(f"rd_intensity.{p}" in one for p in ("first", "later")):
        rd = True           # an R&D value in the link switches the assumption on
    draft = Edits(gdp=gdp, until=until, retail=retail, rd=rd)
    leveled = scenario.with_levels(gdp=gdp) if gdp is not None else scenario
    active = active_rates(scenario, draft)
    first: dict[str, float] = {}
    later: dict[str, float] = {}
    for key in RATE_KEYS:
        for part, target in (("first", first), ("later", later)):
            param = f"{key}.{part}"
            if param not in one:
                continue
            if key not in active:
                ignore(param, "not_used", ", ".join(active))
                continue
            x = number(param, rate_range(leveled, key))
            if x is not None:
                target[key] = x
    edits = replace(draft, first=first, later=later)

    last = edits.until if edits.until is not None else scenario.end_year
    year = integer("year", *year_range(scenario, last))
    if year == scenario.base.year + 1:
        year = None
    tab = choice("tab", tabs, tabs[0] if tabs else "overview")
    chart = choice("chart", list(INDICATORS), "gdp")
    table = choice("table", TABLE_MODES, "value")
    contrib = choice("contrib", [*CONTRIB_ROLES, *names], "edited")

    extra_values: dict[str, str] = {}
    for p in extras:
        if p.key not in one:
            continue
        try:
            value = p.parse(one[p.key])
        except (ValueError, TypeError) as err:
            ignore(p.key, "invalid", str(err))
            continue
        if value != p.default:
            extra_values[p.key] = p.format(value)

    used = {edit, baseline, *(compare or ())}
    if contrib not in CONTRIB_ROLES:
        used.add(contrib)
    upload_texts = {n: s.to_toml() for n, s in uploads.items() if n in used}
    state = ViewState(lang=lang, edit=edit, baseline=baseline, compare=compare, year=year,
                      edits=edits, tab=tab, chart=chart, table=table, contrib=contrib,
                      uploads=upload_texts, extras=extra_values,
                      bases={n: base_texts[n] for n in {s.base_ref for s in uploads.values()}
                             if n in base_texts})
    return state, uploads, notices
