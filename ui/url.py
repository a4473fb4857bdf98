"""The view state in the URL, and back (pure: no Streamlit).

Every value the user sets lives in the query string, so a link reproduces the view::

    ?compare=plan-2024,momentum&edit=momentum&services_real.first=6.5&gdp=2100&lang=zh

Values equal to their defaults are left out. The sidebar's settings have fixed parameters, and
each rate slider of the edited scenario its ``<rate>.first`` / ``<rate>.later`` (a sector's of a
base that lists them, e.g. ``tertiary_real.first``, bounded like every rate); a
page's own controls are declared by the page, each as a :class:`UrlParam` (``chart``,
``table``, ``contrib``, ``mc_paths``, …). An uploaded scenario in use travels in the link as
``up=<token>`` (its TOML, compressed), and an uploaded base it names as ``ub=<name>.<token>``.
:func:`from_query` ignores every invalid value and says why in a :class:`Notice`.
"""
from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sim.base import Base
from sim.errors import InputError
from sim.model import RATE_NAMES, output_ids
from sim.scenario import Scenario

from .controls import SliderRange, gdp_range, rate_range, until_range, year_range
from .edits import RETAIL_KEYS, Edits, active_rates, file_retail_mode, slider_rates, with_gdp
from .i18n import LANGS
from .state import DEFAULT_SCENARIO, ViewState
from .uploads import (base_ref, decode_base_token, decode_token, encode_base_token,
                      encode_token, unique_name)

__all__ = ["Notice", "UrlParam", "to_query", "from_query", "in_use", "parse_indicator",
           "parse_year", "parse_offered"]


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
    """A page's own control, carried in the link as ``?<key>=<text>``.

    Parameters
    ----------
    key : str
        The widget's key, also the URL parameter's name.
    parse : callable
        Text → the widget's value; raises ``ValueError`` (with a message saying what is
        allowed) for an invalid text: the notice ``invalid``.
    default : object
        The widget's default; the parameter is left out of the link when the value equals it.
    format : callable
        Value → text; ``parse(format(v)) == v``.
    options : tuple of str
        The texts allowed, for a choice among fixed values (``parse`` then only converts):
        another text gets the notice ``unknown_value`` listing them.
    scenarios : bool
        A scenario's name is allowed too (after ``options``); the link then carries that
        scenario if it was uploaded.
    translated : bool
        The widget shows its options in the app's language (set again after a language
        switch: :func:`ui.sidebar.relabel_on_language_switch`).
    indicators : bool
        An indicator id that a scenario of the link reports is allowed too (a sector's of a
        base that lists them, an extra's), before ``options`` or ``parse`` are asked.
    """

    key: str
    parse: Callable[[str], Any] = str
    default: Any = None
    format: Callable[[Any], str] = str
    options: tuple[str, ...] = ()
    scenarios: bool = False
    translated: bool = False
    indicators: bool = False

    def value_of(self, text: str) -> Any:
        """The widget's value for a URL text that :func:`from_query` kept: ``parse(text)``,
        or for a control declared with ``indicators`` an indicator id as it is."""
        try:
            return self.parse(text)
        except (ValueError, TypeError):
            if self.indicators:
                return text
            raise

    def names_scenario(self, text: str) -> bool:
        """Whether the URL text ``text`` of this control is a scenario's name."""
        return self.scenarios and text not in self.options


def parse_indicator(text: str) -> str:
    """An indicator id from a link; ValueError if unknown."""
    from sim.indicators import INDICATORS

    if text not in INDICATORS:
        raise ValueError("an indicator id, e.g. gdp, gdp_real_growth, retail_sales")
    return text


def parse_year(text: str) -> int:
    """A year from a link; whether the view has it is checked by the page
    (:func:`ui.page.keep_choice`)."""
    try:
        y = int(text)
    except ValueError:
        y = 0
    if not 1900 <= y <= 2200:
        raise ValueError("a year, e.g. 2030")
    return y


def parse_offered(text: str, options: Sequence[int]) -> int:
    """A count from a link that must be one of ``options``, the last of which is the app's
    limit (:func:`ui.controls.offered`); ValueError naming them otherwise."""
    try:
        n = int(text)
    except ValueError:
        n = None
    if n not in options:
        more = (f"; at most {options[-1]:,} per request here" if n is not None
                and n > options[-1] else "")
        raise ValueError("one of " + ", ".join(str(x) for x in options) + more)
    return n


def in_use(state: ViewState, params: Sequence[UrlParam] = ()) -> set[str]:
    """The scenarios the view uses: edited, baseline, compared, and any a page's control
    (``params``) names."""
    named = {text for p in params if p.key in state.extras
             for text in (state.extras[p.key],) if p.names_scenario(text)}
    return {state.edit, state.baseline, *(state.compare or ()), *named}


# -- writing -------------------------------------------------------------------------------------


def _num(x: float) -> str:
    text = f"{x:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _edits_query(e: Edits) -> dict[str, str]:
    q: dict[str, str] = {}
    if e.until is not None:
        q["until"] = str(e.until)
    if e.gdp is not None:
        q["gdp"] = _num(e.gdp)
    if e.retail is not None:
        q["retail"] = e.retail
    if e.rd:
        q["rd"] = "on"
    for key in [*RATE_NAMES, *sorted((set(e.first) | set(e.later)) - set(RATE_NAMES))]:
        if key in e.first:
            q[f"{key}.first"] = _num(e.first[key])
        if key in e.later:
            q[f"{key}.later"] = _num(e.later[key])
    return q


def _uploads_query(state: ViewState) -> dict[str, list[str]]:
    if not state.uploads:
        return {}
    named = {base_ref(text) for text in state.uploads.values()}
    bases = [encode_base_token(n, text) for n, text in state.bases.items() if n in named]
    q = {"ub": bases} if bases else {}
    q["up"] = [encode_token(text) for text in state.uploads.values()]
    return q


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
        Parameter → value (``up`` and ``ub`` → a list of tokens).
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
    q.update(_edits_query(state.edits))
    if tabs and state.tab != tabs[0]:
        q["tab"] = state.tab
    q.update(sorted(state.extras.items()))
    q.update(_uploads_query(state))
    return q


# -- reading -------------------------------------------------------------------------------------


def _short(value: str) -> str:
    return value if len(value) <= 40 else value[:37] + "..."


@dataclass
class _Link:
    """The values of a link (the last of a repeated parameter) and the notices of those
    ignored so far."""

    multi: dict[str, list[str]]
    one: dict[str, str] = field(init=False)
    notices: list[Notice] = field(default_factory=list)

    def __post_init__(self):
        self.one = {k: v[-1] for k, v in self.multi.items() if v}

    def ignore(self, param: str, reason: str, detail: str = "", value: str | None = None):
        text = self.one.get(param, "") if value is None else value
        self.notices.append(Notice(param, _short(text), reason, detail))

    def choice(self, param: str, allowed: Sequence[str], default: Any) -> Any:
        if param not in self.one:
            return default
        if self.one[param] in allowed:
            return self.one[param]
        self.ignore(param, "unknown_value", ", ".join(allowed))
        return default

    def number(self, param: str, rng: SliderRange) -> float | None:
        if param not in self.one:
            return None
        try:
            x = float(self.one[param])
        except ValueError:
            self.ignore(param, "not_a_number", str(rng))
            return None
        if not math.isfinite(x) or x not in rng:
            self.ignore(param, "out_of_range", str(rng))
            return None
        return x

    def integer(self, param: str, lo: int, hi: int) -> int | None:
        if param not in self.one:
            return None
        try:
            x = int(self.one[param])
        except ValueError:
            self.ignore(param, "not_a_number", f"{lo} … {hi}")
            return None
        if not lo <= x <= hi:
            self.ignore(param, "out_of_range", f"{lo} … {hi}")
            return None
        return x


_SIDEBAR_PARAMS = frozenset({"lang", "compare", "edit", "baseline", "year", "until", "gdp",
                             "retail", "rd", "tab", "up", "ub"})
_PARTS = ("first", "later")


def _rate_params(catalog: Mapping[str, Scenario]) -> list[str]:
    """The rates a link may set a slider of: every slider rate of the catalog's scenarios
    (:func:`ui.edits.slider_rates`), the two-sector form's first."""
    rates = dict.fromkeys(RATE_NAMES)
    for s in catalog.values():
        rates.update(dict.fromkeys(slider_rates(s)))
    return list(rates)


def _uploads(link: _Link, shipped: Mapping[str, Scenario]
             ) -> tuple[dict[str, Scenario], dict[str, str]]:
    """The scenarios (``up``) and bases (``ub``) the link carries: name → scenario, and the
    bases' name → TOML text."""
    bases: dict[str, Base] = {}
    base_texts: dict[str, str] = {}
    for i, token in enumerate(link.multi.get("ub", [])):
        try:
            name, base, text = decode_base_token(token, source=f"link (ub #{i + 1})")
        except InputError as err:
            link.ignore("ub", "bad_upload", str(err), value=token)
            continue
        bases[name], base_texts[name] = base, text
    uploads: dict[str, Scenario] = {}
    for i, token in enumerate(link.multi.get("up", [])):
        try:
            s = decode_token(token, source=f"link (up #{i + 1})", extra_bases=bases)
        except InputError as err:
            link.ignore("up", "bad_upload", str(err), value=token)
            continue
        name = unique_name(s.name, {**shipped, **uploads})
        uploads[name] = s if name == s.name else s.renamed(name)
    return uploads, base_texts


def _scenarios(link: _Link, catalog: Mapping[str, Scenario]
               ) -> tuple[str, str, tuple[str, ...] | None]:
    """The edited scenario, the baseline and the compared ones (None: the default)."""
    names = list(catalog)
    default = DEFAULT_SCENARIO if DEFAULT_SCENARIO in catalog else names[0]
    edit = link.choice("edit", names, default)
    baseline = link.choice("baseline", names, default)
    compare = None
    if "compare" in link.one:
        picked = [n for n in link.one["compare"].split(",") if n]
        bad = [n for n in picked if n not in catalog]
        if bad:
            link.ignore("compare", "unknown_value", ", ".join(names), value=",".join(bad))
        compare = tuple(dict.fromkeys(n for n in picked if n in catalog))
    return edit, baseline, compare


def _edits(link: _Link, scenario: Scenario, rates: Sequence[str] = RATE_NAMES) -> Edits:
    """The edits of ``scenario``: horizon, base-year GDP, retail mode, R&D, rates (of
    ``rates``: a link's rate that is not one of the scenario's sliders is not used)."""
    one = link.one
    until = link.integer("until", *until_range(scenario))
    gdp = link.number("gdp", gdp_range(scenario))
    retail = link.choice("retail", tuple(RETAIL_KEYS), "") or None
    if retail == file_retail_mode(scenario):
        retail = None
    rd = False
    if "rd" in one:
        if one["rd"] == "on":
            rd = True
        else:
            link.ignore("rd", "unknown_value", "on")
    if "rd_intensity" in scenario.rates:
        rd = False
    elif any(f"rd_intensity.{p}" in one for p in ("first", "later")):
        rd = True           # an R&D value in the link switches the assumption on
    draft = Edits(gdp=gdp, until=until, retail=retail, rd=rd)
    leveled = with_gdp(scenario, gdp)
    active = active_rates(scenario, draft)
    first: dict[str, float] = {}
    later: dict[str, float] = {}
    for key in rates:
        for part, target in (("first", first), ("later", later)):
            param = f"{key}.{part}"
            if param not in one:
                continue
            if key not in active:
                link.ignore(param, "not_used", ", ".join(active))
                continue
            x = link.number(param, rate_range(leveled, key))
            if x is not None:
                target[key] = x
    return replace(draft, first=first, later=later)


def _year(link: _Link, scenario: Scenario, edits: Edits) -> int | None:
    """The year shown; None for the first projected year."""
    last = edits.until if edits.until is not None else scenario.end_year
    year = link.integer("year", *year_range(scenario, last))
    return None if year == scenario.base.year + 1 else year


def _indicator_ids(catalog: Mapping[str, Scenario]) -> list[str]:
    """Every indicator id the catalog's scenarios report (:func:`sim.model.output_ids`): a
    sector's, an extra's and an indicator's beside GDP too."""
    ids: dict[str, None] = {}
    for s in catalog.values():
        ids.update(dict.fromkeys(output_ids(s.base.sectors or None, s.base.extras,
                                            s.base.indicators)))
    return list(ids)


def _page_controls(link: _Link, params: Sequence[UrlParam], names: Sequence[str],
                   indicators: Sequence[str] = ()) -> dict[str, str]:
    """The pages' own controls that differ from their defaults, as URL text (``indicators``:
    the ids a control declared with ``indicators=True`` may take)."""
    out: dict[str, str] = {}
    for p in params:
        if p.key not in link.one:
            continue
        if p.indicators and link.one[p.key] in indicators:
            value = link.one[p.key]
        elif p.options or p.scenarios:
            allowed = [*p.options, *(names if p.scenarios else ()),
                       *(indicators if p.indicators else ())]
            text = link.choice(p.key, list(dict.fromkeys(allowed)), None)
            if text is None:
                continue
            value = p.parse(text)
        else:
            try:
                value = p.parse(link.one[p.key])
            except (ValueError, TypeError) as err:
                link.ignore(p.key, "invalid", str(err))
                continue
        if value != p.default:
            out[p.key] = p.format(value)
    return out


def from_query(params: Mapping[str, str | Sequence[str]], *, shipped: Mapping[str, Scenario],
               tabs: Sequence[str] = ("overview",), extras: Sequence[UrlParam] = ()
               ) -> tuple[ViewState, dict[str, Scenario], list[Notice]]:
    """Read a view state from query parameters, ignoring every invalid value.

    Parameters
    ----------
    params : Mapping
        Parameter → value, or list of values (the last one counts, except for ``up`` and
        ``ub``).
    shipped : Mapping[str, Scenario]
        The shipped scenarios by name.
    tabs : sequence of str
        Tab ids; the first is the default.
    extras : sequence of UrlParam
        The pages' own controls (:func:`ui.pages.url_params`).

    Returns
    -------
    state : ViewState
    uploads : dict of str to Scenario
        Scenarios carried by the link (``up``), by name.
    notices : list of Notice
        One per ignored value.
    """
    link = _Link({k: ([v] if isinstance(v, str) else list(v)) for k, v in params.items()})
    uploads, base_texts = _uploads(link, shipped)
    catalog = {**shipped, **uploads}
    rates = _rate_params(catalog)
    known = (_SIDEBAR_PARAMS | {p.key for p in extras}
             | {f"{k}.{part}" for k in rates for part in _PARTS})
    for param in link.one:
        if param not in known:
            link.ignore(param, "unknown_param")
    lang = link.choice("lang", LANGS, "en")
    edit, baseline, compare = _scenarios(link, catalog)
    edits = _edits(link, catalog[edit], rates)
    state = ViewState(lang=lang, edit=edit, baseline=baseline, compare=compare,
                      year=_year(link, catalog[edit], edits), edits=edits,
                      tab=link.choice("tab", tabs, tabs[0] if tabs else "overview"),
                      extras=_page_controls(link, extras, list(catalog),
                                            _indicator_ids(catalog)))
    used = in_use(state, extras)
    state = replace(state, uploads={n: s.to_toml() for n, s in uploads.items() if n in used},
                    bases={n: base_texts[n] for n in {s.base_ref for s in uploads.values()}
                           if n in base_texts})
    return state, uploads, link.notices
