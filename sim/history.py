"""History before a base's year: ``[history.YEAR]`` tables, their sources, and what follows.

A base (:mod:`sim.base`) may carry the years before its own. Each year is a table; any part of
it may be missing::

    [history.2020]
    source = {where = "encyclopedia copy (wtabcd.cn)", secondary = true}  # the year's default
    levels = {gdp = 1587.6, services = 1467.7, population = 108.9229}
    growth = {gdp = 7.2, services = 7.9}
    structure = {services = 92.45, non_services = 7.55}
    lower_bounds = []             # levels the source gives only as "passed X" (突破)
    notes = "…"

    [history.2020.sources]        # every figure's quote: the sentence it comes from
    gdp = "全区实现地区生产总值(GDP)1587.6亿元,按可比价格计算,比上年增长7.2%"
    services = "其中第三产业增加值1467.7亿元,增长7.9%"
    structure = "三次产业比重调整为0.19:7.36:92.45"
    population = {note = "its sentence was not captured", where = "the same page"}

    [history.2019.plan]           # a past plan's targets for that year
    gdp_real_growth = 7.0
    [history.2019.plan_sources]
    gdp_real_growth = {quote = "…", where = "Xihu government work report 2019"}

``levels``
    亿元 at current prices (``population``: 万人), each positive.
``growth``
    % over the year before: real (comparable prices) for GDP and the sectors, nominal for
    retail sales and every other indicator; in :data:`sim.validation.GROWTH`.
``structure``
    % of GDP, one share per sector of the base (:attr:`sim.base.Base.model_sectors`), adding up
    to 100 within :data:`sim.validation.STRUCTURE_TOLERANCE`. A base without ``sectors`` has
    the two sectors ``services`` and ``non_services``: a published primary : secondary :
    tertiary structure then gives ``services`` the tertiary share and ``non_services`` the sum
    of the other two.
``sources``
    One per figure: ``sources.ID`` is the source of ``levels.ID`` and ``growth.ID`` (one
    sentence usually gives both), ``sources.structure`` that of the structure. A source is the
    quote (a string), or a table ``{quote = "…", where = "…", secondary = true, note = "…"}``.
    ``where`` (where the figure was published) and ``secondary`` (true for a copy, such as an
    encyclopedia entry, rather than the official publication) default to the year's
    ``source = {where = …, secondary = …}``. Every figure needs a quote, or a ``note`` saying
    why its sentence is not quoted, and a ``where``.
``plan``, ``plan_sources``
    Past plan targets for that year, by the model's output ids (``gdp_real_growth``,
    ``<sector>_real_growth``, ``retail_sales_growth``, ``<id>_growth``, a level id,
    ``<sector>_share``, ``rd_intensity``), each with its source as above.

Indicator ids: the base's level ids (``gdp``, its sectors, or ``services`` in the two-sector
form, ``retail_sales``, its extras) and the indicators beside GDP of :data:`BESIDE_GDP`, which a
history may give before the base does. Years must come before the base year, each once.

:func:`history_frame` gives the series as tidy rows with what the figures determine derived
(nominal growth, deflators, sector levels and shares, the growth of the one sector that lacks
it); :func:`history_flags` flags the implausible implications with their likely causes.
"""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from . import validation as v
from .accounts import backcast, split_rest
from .errors import InputError, did_you_mean, shown
from .side_indicators import SIDE_INDICATORS

if TYPE_CHECKING:                       # the base module imports this one
    import pandas as pd

__all__ = ["Source", "HistoryYear", "History", "Flag", "parse_history", "history_ids",
           "history_frame", "history_flags", "indicator_order", "implied_base_growth",
           "require_history", "BESIDE_GDP", "KINDS",
           "FRAME_COLUMNS", "IMPLAUSIBLE_DEFLATOR", "DEFLATOR_BAND", "SECTOR_FALL",
           "GROWTH_MISMATCH", "BOUNDARY_CHANGES"]

#: Memo items (亿元, current prices, never added into GDP) that a history may give though the
#: base has no level of them.
MEMO_ITEMS = ("industry_above_size",)        # 规上工业增加值, part of secondary
#: Indicators a history may give before the base has them, id → unit: those beside GDP
#: (:data:`sim.side_indicators.SIDE_INDICATORS`, each in its own unit) and the memo items.
BESIDE_GDP: Mapping[str, str] = v.frozen({**{k: x.unit for k, x in SIDE_INDICATORS.items()},
                                          **{k: "亿元" for k in MEMO_ITEMS}})
#: The ``kind`` of a row of :func:`history_frame`. ``"assumption"`` marks a base-year level a
#: user has replaced (:meth:`sim.base.Base.with_levels`); ``"approximate"`` a derived figure
#: that rests on a lower bound (a "突破X" headline), which is no outturn.
KINDS = ("published", "secondary", "lower bound", "derived", "approximate", "plan",
         "assumption")
FRAME_COLUMNS = ("indicator", "year", "value", "unit", "source", "kind")
#: An implied deflator change beyond ± this (%) is flagged as implausible.
IMPLAUSIBLE_DEFLATOR = 8.0
#: GDP deflator changes taken as usual for the district, % a year: an assumption, not a
#: published figure. A GDP deflator outside it is noted; :func:`sim.consistency.implied_level`
#: gives its range of levels for a deflator in it.
DEFLATOR_BAND = (-1.0, 3.0)
#: A sector whose real or nominal growth is at or below this (%) falls by double digits.
SECTOR_FALL = -10.0
#: A published nominal growth rate that differs from its levels' growth by more than this
#: (pp) is noted.
GROWTH_MISMATCH = 0.5
#: Boundary changes known for a region: names it goes by (either matches the base's region or
#: region_en) → (year, what happened).
BOUNDARY_CHANGES: Mapping[tuple[str, ...], tuple[int, str]] = v.frozen({
    ("Hangzhou", "杭州"): (2021, "Hangzhou redrew several of its districts in 2021"),
})

_YEAR_KEYS = ("source", "levels", "growth", "structure", "sources", "plan", "plan_sources",
              "lower_bounds", "notes")
_SOURCE_KEYS = ("quote", "where", "secondary", "note")
_YEAR = re.compile(r"^[0-9]{1,6}$")


@dataclass(frozen=True)
class Source:
    """Where a published figure comes from.

    Parameters
    ----------
    quote : str
        The sentence the figure comes from.
    where : str
        Where it was published.
    secondary : bool
        True for a copy (an encyclopedia entry) rather than the official publication.
    note : str
        Why the sentence is not quoted, or anything else a reader should know.
    """

    quote: str = ""
    where: str = ""
    secondary: bool = False
    note: str = ""

    @property
    def kind(self) -> str:
        """``"secondary"`` or ``"published"``."""
        return "secondary" if self.secondary else "published"

    def text(self) -> str:
        """One line: the quote (or the note), where, and whether the source is secondary."""
        head = " ".join(x for x in (self.quote, f"[{self.note}]" if self.note else "") if x)
        return f"{head} — {self.where}" + (" (secondary source)" if self.secondary else "")

    def to_dict(self) -> dict[str, Any]:
        doc: dict[str, Any] = {k: getattr(self, k) for k in ("quote", "where", "note")
                               if getattr(self, k)}
        doc["secondary"] = self.secondary
        return doc


@dataclass(frozen=True)
class HistoryYear:
    """The published figures of one year before the base year (units as in the module doc).

    Parameters
    ----------
    year : int
    levels, growth : Mapping[str, float]
        Levels (亿元; population 万人) and growth (%) by indicator id.
    structure : Mapping[str, float]
        Share of GDP (%) by sector, one per sector, or empty.
    plan : Mapping[str, float]
        Past plan targets for the year by output id.
    sources, plan_sources : Mapping[str, Source]
        The source of each figure (``"structure"`` for the structure) and of each target.
    lower_bounds : tuple of str
        Levels given only as a lower bound ("突破X").
    notes : str
    """

    year: int
    levels: Mapping[str, float] = field(default_factory=dict)
    growth: Mapping[str, float] = field(default_factory=dict)
    structure: Mapping[str, float] = field(default_factory=dict)
    plan: Mapping[str, float] = field(default_factory=dict)
    sources: Mapping[str, Source] = field(default_factory=dict)
    plan_sources: Mapping[str, Source] = field(default_factory=dict)
    lower_bounds: tuple[str, ...] = ()
    notes: str = ""

    def __post_init__(self):
        for name in ("levels", "growth", "structure", "plan", "sources", "plan_sources"):
            object.__setattr__(self, name, v.frozen(getattr(self, name)))
        object.__setattr__(self, "lower_bounds", tuple(self.lower_bounds))

    def to_dict(self) -> dict[str, Any]:
        """The year in the TOML layout, every source in full (no ``source`` default)."""
        doc: dict[str, Any] = {}
        for name in ("levels", "growth", "structure", "plan"):
            if getattr(self, name):
                doc[name] = dict(getattr(self, name))
        for name in ("sources", "plan_sources"):
            if getattr(self, name):
                doc[name] = {k: s.to_dict() for k, s in getattr(self, name).items()}
        if self.lower_bounds:
            doc["lower_bounds"] = list(self.lower_bounds)
        if self.notes:
            doc["notes"] = self.notes
        return doc


@dataclass(frozen=True)
class History:
    """The validated history of a base: its years before the base year, in order."""

    years: tuple[HistoryYear, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.years)

    def __len__(self) -> int:
        return len(self.years)

    def __iter__(self) -> Iterator[HistoryYear]:
        return iter(self.years)

    def get(self, year: int) -> HistoryYear | None:
        """The year ``year``, or ``None`` if the history does not give it."""
        return next((h for h in self.years if h.year == year), None)

    def to_dict(self) -> dict[str, Any]:
        """The ``[history]`` table as the TOML file has it (years as strings)."""
        return {str(h.year): h.to_dict() for h in self.years}


@dataclass(frozen=True)
class Flag:
    """An implausible implication of the history.

    Parameters
    ----------
    indicator : str
        The row of :func:`history_frame` it is about, e.g. ``"gdp_deflator"``.
    year : int
    value : float
        The row's value (unit of the row).
    problem : str
        What is implausible.
    causes : tuple of str
        Likely causes, the likelier first.
    level : str
        ``"warning"`` (implausible) or ``"note"`` (unusual).
    """

    indicator: str
    year: int
    value: float
    problem: str
    causes: tuple[str, ...]
    level: str = "warning"

    def text(self) -> str:
        return (f"[{self.level}] {self.year} {self.indicator}: {self.problem}. Likely causes: "
                + "; ".join(self.causes) + ".")


# -- parsing -------------------------------------------------------------------------------

def require_history(base, purpose: str) -> None:
    """Refuse a base that carries no year before its own.

    Parameters
    ----------
    base : sim.base.Base
    purpose : str
        What the history is needed for, e.g. ``"to estimate from"`` or ``"to backtest"``.

    Raises
    ------
    InputError
        Naming the base and the key ``history``, when no ``[history.YEAR]`` table gives a year
        before the base year.
    """
    if not base.history:
        raise InputError(f"the base {shown(base.name)} has no history: no [history.YEAR] table "
                         f"gives a year before {base.year}, so there is nothing {purpose}",
                         source=base.source, key="history",
                         allowed="a base with [history.YEAR] tables (see sim.history), e.g. "
                                 "xihu-2023")


def history_ids(base) -> tuple[str, ...]:
    """The indicator ids a history of ``base`` may give: its level ids, then
    :data:`BESIDE_GDP`."""
    return (*base.levels, *(k for k in BESIDE_GDP if k not in base.levels))


def _unit(ind: str) -> str:
    return BESIDE_GDP.get(ind, "亿元")


def _level_range(ind: str) -> v.Range:
    return v.LEVEL if _unit(ind) == "亿元" else v.Range(v.LEVEL.lo, v.LEVEL.hi, _unit(ind))


def _growth_id(ind: str, sectors: tuple[str, ...]) -> str:
    """The output id of ``ind``'s growth: real for GDP and sectors, nominal for the rest."""
    if ind == "gdp" or ind in sectors:
        return f"{ind}_real_growth"
    return f"{ind}_growth"


def _plan_ids(base, ids: tuple[str, ...]) -> dict[str, tuple[str, v.Range]]:
    out: dict[str, tuple[str, v.Range]] = {}
    for x in ids:
        out[x] = (_unit(x), _level_range(x))
        out[_growth_id(x, base.model_sectors)] = ("%", v.GROWTH)
    out.update({f"{s}_share": ("%", v.STRUCTURE_RANGE) for s in base.model_sectors})
    out["rd_intensity"] = ("%", v.INTENSITY)
    return out


def parse_history(doc: History | Mapping[str, Any], base) -> History:
    """Validate the ``[history]`` table of ``base`` and return it as a :class:`History`.

    Parameters
    ----------
    doc : Mapping or History
        ``{year: {levels, growth, structure, sources, …}}`` as in the module doc; years are
        TOML keys (strings of digits) or integers.
    base : sim.base.Base
        The base being built: its ``year``, ``levels`` and ``model_sectors`` are read.

    Raises
    ------
    InputError
        Naming ``history.YEAR.KEY``: a key that is not a year, a year at or after the base
        year or given twice, an unknown id, a level that is not positive, growth out of
        range, a structure not adding up to 100, a figure without a source.
    """
    if isinstance(doc, History):
        doc = doc.to_dict()
    doc = v.table(doc, "history")
    ids = history_ids(base)
    seen: dict[int, str] = {}
    years = []
    for key, table in doc.items():
        year = _year_of(key, base.year)
        if year in seen:
            raise InputError(f"year {year} is given twice ({shown(seen[year])} and "
                             f"{shown(str(key))})", key=f"history.{key}",
                             allowed="each year once")
        seen[year] = str(key)
        years.append(_parse_year(year, table, base, ids, f"history.{key}"))
    return History(tuple(sorted(years, key=lambda h: h.year)))


def _year_of(key: Any, base_year: int) -> int:
    allowed = f"a year before the base year {base_year}, e.g. [history.{base_year - 1}]"
    if isinstance(key, int) and not isinstance(key, bool):
        year = key
    elif isinstance(key, str) and _YEAR.match(key):
        year = int(key)
    else:
        raise InputError("is not a year", key=f"history.{key}", allowed=allowed)
    if year not in v.YEAR:
        raise InputError(f"year {shown(year, quote=False)} is out of range", key=f"history.{key}",
                         allowed=allowed)
    if year >= base_year:
        raise InputError(f"year {year} is not before the base year {base_year}",
                         key=f"history.{key}", allowed=f"years up to {base_year - 1}; the base "
                         "year's own figures go in [levels] and [growth]")
    return year


def _figures(table: Any, key: str, ids: tuple[str, ...], ranges) -> dict[str, float]:
    out = {}
    for name, x in v.table(table, key).items():
        if name not in ids:
            raise InputError("unknown indicator" + did_you_mean(name, ids), key=f"{key}.{name}",
                             allowed=", ".join(ids))
        out[name] = v.number(x, f"{key}.{name}", ranges(name))
    return out


def _parse_year(year: int, table: Any, base, ids: tuple[str, ...], prefix: str) -> HistoryYear:
    table = v.table(table, prefix)
    v.check_keys(table, _YEAR_KEYS, prefix=prefix + ".")
    sectors = base.model_sectors
    levels = _figures(table.get("levels", {}), f"{prefix}.levels", ids, _level_range)
    growth = _figures(table.get("growth", {}), f"{prefix}.growth", ids, lambda _: v.GROWTH)
    structure = _structure(table.get("structure", {}), sectors, f"{prefix}.structure")
    _check_sector_levels(levels, structure, sectors, prefix)
    lower = table.get("lower_bounds", [])
    if not isinstance(lower, (list, tuple)):
        raise InputError("must be a list of level ids", key=f"{prefix}.lower_bounds",
                         allowed=", ".join(levels) or "ids of this year's levels")
    for x in lower:
        if not isinstance(x, str) or x not in levels:
            raise InputError(f"names {shown(x)}, which is not a level of {year}"
                             + did_you_mean(x, levels), key=f"{prefix}.lower_bounds",
                             allowed=", ".join(levels) or "ids of this year's levels")
    notes = v.text(table.get("notes", ""), f"{prefix}.notes")
    default = _default_source(table.get("source", {}), f"{prefix}.source")
    figures = {**{k: f"levels.{k}" for k in levels}, **{k: f"growth.{k}" for k in growth
                                                         if k not in levels}}
    if structure:
        figures["structure"] = "structure"
    sources = _sources(table.get("sources", {}), figures, default, f"{prefix}.sources", year)
    plan_ids = _plan_ids(base, ids)
    plan = {}
    for name, x in v.table(table.get("plan", {}), f"{prefix}.plan").items():
        if name not in plan_ids:
            raise InputError("unknown target" + did_you_mean(name, plan_ids),
                             key=f"{prefix}.plan.{name}", allowed=", ".join(plan_ids))
        plan[name] = v.number(x, f"{prefix}.plan.{name}", plan_ids[name][1])
    plan_sources = _sources(table.get("plan_sources", {}), {k: f"plan.{k}" for k in plan},
                            default, f"{prefix}.plan_sources", year)
    return HistoryYear(year, levels, growth, structure, plan, sources, plan_sources,
                       tuple(lower), notes)


def _structure(table: Any, sectors: tuple[str, ...], key: str) -> dict[str, float]:
    table = v.table(table, key)
    if not table:
        return {}
    for name in table:
        if name not in sectors:
            raise InputError("is not a sector of the base" + did_you_mean(name, sectors),
                             key=f"{key}.{name}", allowed=", ".join(sectors))
    for s in sectors:
        if s not in table:
            raise InputError(f"missing the share of sector {s!r}", key=f"{key}.{s}",
                             allowed="one share of GDP in % per sector: " + ", ".join(sectors))
    shares = {s: v.number(table[s], f"{key}.{s}", v.STRUCTURE_RANGE) for s in sectors}
    total = sum(shares.values())
    if abs(total - 100.0) > v.STRUCTURE_TOLERANCE:
        raise InputError(f"sums to {total:g}%", key=key, allowed="shares of GDP summing to 100 "
                         f"± {v.STRUCTURE_TOLERANCE:g} (rounding)")
    return shares


def _check_sector_levels(levels: Mapping[str, float], structure: Mapping[str, float],
                         sectors: tuple[str, ...], prefix: str) -> None:
    """Sector levels below GDP, adding up to it, and agreeing with the structure."""
    if "gdp" not in levels:
        return
    gdp = levels["gdp"]
    given = [s for s in sectors if s in levels]
    for s in given:
        if levels[s] > gdp:
            raise InputError(f"{s} ({levels[s]:g}) is larger than GDP ({gdp:g})",
                             key=f"{prefix}.levels.{s}", allowed=f"0 < {s} <= gdp = {gdp:g}")
    if len(given) == len(sectors):
        total = sum(levels[s] for s in sectors)
        if abs(total - gdp) > v.SUM_TOLERANCE * gdp:
            raise InputError(f"the sectors add up to {total:g} but gdp is {gdp:g}",
                             key=f"{prefix}.levels", allowed=f"sectors within "
                             f"{100 * v.SUM_TOLERANCE:g}% of GDP")
    for s in given if structure else ():
        share = 100.0 * levels[s] / gdp
        if abs(share - structure[s]) > v.STRUCTURE_TOLERANCE:
            raise InputError(f"levels.{s} is {share:.2f}% of GDP but the structure gives "
                             f"{structure[s]:g}%", key=f"{prefix}.structure.{s}",
                             allowed=f"within {v.STRUCTURE_TOLERANCE:g} pp of the level's share")


def _default_source(table: Any, key: str) -> Source:
    table = v.table(table, key)
    v.check_keys(table, ("where", "secondary"), prefix=key + ".")
    return Source(where=v.text(table.get("where", ""), f"{key}.where"),
                  secondary=_flag(table.get("secondary", False), f"{key}.secondary"))


def _flag(x: Any, key: str) -> bool:
    if not isinstance(x, bool):
        raise InputError("must be true or false", key=key,
                         allowed="true for a copy (e.g. an encyclopedia entry), false for the "
                         "official publication")
    return x


def _sources(table: Any, figures: Mapping[str, str], default: Source, key: str,
             year: int) -> dict[str, Source]:
    """The source of each of ``figures`` (id → what it is, e.g. ``"levels.gdp"``)."""
    out = {}
    for name, x in v.table(table, key).items():
        if name not in figures:
            raise InputError(f"source given for a figure that {year} does not give"
                             + did_you_mean(name, figures), key=f"{key}.{name}",
                             allowed=", ".join(figures) or "none: the year gives no figure")
        out[name] = _source(x, default, f"{key}.{name}")
    for name, what in figures.items():
        if name not in out:
            raise InputError(f"{what} has no source", key=f"{key}.{name}",
                             allowed="the sentence the figure comes from, "
                             f"{key.rpartition('.')[2]}.{name} = \"…\" (every published figure "
                             "needs a quote and where it was published)")
    return out


def _source(x: Any, default: Source, key: str) -> Source:
    if isinstance(x, str):
        x = {"quote": x}
    table = v.table(x, key)
    v.check_keys(table, _SOURCE_KEYS, prefix=key + ".")
    src = Source(quote=v.text(table.get("quote", ""), f"{key}.quote").strip(),
                 where=v.text(table.get("where", default.where), f"{key}.where").strip(),
                 secondary=_flag(table.get("secondary", default.secondary), f"{key}.secondary"),
                 note=v.text(table.get("note", ""), f"{key}.note").strip())
    if not src.quote and not src.note:
        raise InputError("has no quote", key=key, allowed="the sentence the figure comes from "
                         "(quote = \"…\"), or a note saying why it is not quoted")
    if not src.where:
        raise InputError("does not say where the figure was published", key=key,
                         allowed="where = \"…\" here or in the year's source = {where = \"…\"}")
    return src


# -- the series ----------------------------------------------------------------------------

@dataclass(frozen=True)
class _Fig:
    """One row in the making: its value, unit, kind, source text and the published figures
    ((id, year)) it rests on."""

    value: float
    unit: str
    kind: str
    source: str
    rests_on: frozenset = frozenset()


@dataclass(frozen=True)
class _Origin:
    """A published figure: its kind, where it was published, its value."""

    kind: str
    where: str
    value: float
    secondary: bool = False


def _year_tables(base):
    """Per year (the history's, then the base year): published levels, growth (by base id),
    structure shares (by sector) as :class:`_Fig`, and the origin of each published figure."""
    origins: dict[tuple[str, int], _Origin] = {}
    years: dict[int, tuple[dict, dict, dict]] = {}
    for h in base.history:
        lv, gr, st = {}, {}, {}
        for k, x in h.levels.items():
            src = h.sources[k]
            kind = "lower bound" if k in h.lower_bounds else src.kind
            lv[k] = _Fig(x, _unit(k), kind, src.text(), frozenset({(k, h.year)}))
            origins[(k, h.year)] = _Origin(kind, src.where, x, src.secondary)
        for k, x in h.growth.items():
            src = h.sources[k]
            gid = _growth_id(k, base.model_sectors)
            gr[k] = _Fig(x, "%", src.kind, src.text(), frozenset({(gid, h.year)}))
            origins[(gid, h.year)] = _Origin(src.kind, src.where, x, src.secondary)
        if h.structure:
            src = h.sources["structure"]
            for s, x in h.structure.items():
                st[s] = _Fig(x, "%", src.kind, src.text(), frozenset({(f"{s}_share", h.year)}))
                origins[(f"{s}_share", h.year)] = _Origin(src.kind, src.where, x, src.secondary)
        years[h.year] = (lv, gr, st)
    y0, where = base.year, f"the base {base.name}"
    lv, gr, st = {}, {}, {}

    def text(k: str) -> str:
        quote = base.sources.get(k)
        return f"{quote} — {where}" if quote else f"{where} (no source given)"

    for k, x in base.levels.items():
        if k in base.derived:
            continue
        if k in base.overridden:
            kind, src = "assumption", (f"a user assumption, replacing the base's "
                                       f"{base.overridden[k]:g} {_unit(k)}")
        else:
            kind = "lower bound" if k in base.lower_bounds else "published"
            src = text(k)
        lv[k] = _Fig(x, _unit(k), kind, src, frozenset({(k, y0)}))
        origins[(k, y0)] = _Origin(kind, where, x)
    for k, x in base.indicators.items():           # beside GDP: a value without a source is
        kind = "published" if k in base.sources else "assumption"      # a user assumption
        src = text(k) if kind == "published" else f"{where}: a user assumption (no source)"
        lv[k] = _Fig(float(x), _unit(k), kind, src, frozenset({(k, y0)}))
        origins[(k, y0)] = _Origin(kind, where, float(x))
    for k, x in base.growth.items():
        gid = _growth_id(k, base.model_sectors)
        gr[k] = _Fig(x, "%", "published", text(k), frozenset({(gid, y0)}))
        origins[(gid, y0)] = _Origin("published", where, x)
    for s, x in zip(base.sectors, base.structure):
        st[s] = _Fig(x, "%", "published", text("structure"), frozenset({(f"{s}_share", y0)}))
        origins[(f"{s}_share", y0)] = _Origin("published", where, x)
    years[y0] = (lv, gr, st)
    return dict(sorted(years.items())), origins


def _derived(value: float, unit: str, how: str, *inputs: _Fig) -> _Fig:
    rests = frozenset().union(*(f.rests_on for f in inputs))
    return _Fig(float(value), unit, "derived", how, rests)


def _sector_levels(lv: dict, st: dict, sectors: tuple[str, ...], year: int) -> None:
    """Add the sector levels that GDP and the structure (or GDP less the other sectors)
    determine: what GDP leaves after the given sectors, split in the ratio of the structure
    (as a base derives its sectors)."""
    if "gdp" not in lv:
        return
    missing = [s for s in sectors if s not in lv]
    if not missing:
        return
    gdp, given = lv["gdp"], [lv[s] for s in sectors if s in lv]
    rest = gdp.value - sum(f.value for f in given)
    names = [s for s in sectors if s in lv]
    less = "gdp" + "".join(f" − {s}" for s in names)
    if len(missing) == 1 and rest > 0:
        lv[missing[0]] = _derived(rest, "亿元", f"= {less} ({year})", gdp, *given)
    elif st and rest > 0:
        weight = sum(st[s].value for s in missing)
        if weight <= 0:
            return
        parts = " + ".join(f"{st[s].value:g}" for s in missing)
        split = split_rest(rest, {s: st[s].value for s in missing})
        for s in missing:
            lv[s] = _derived(split[s], "亿元",
                             f"= ({less}) × {st[s].value:g} / ({parts}), from the structure "
                             f"({year})", gdp, *given, *st.values())


def _rows(base) -> tuple[dict[tuple[str, int], _Fig], list, dict, list]:
    """Every (indicator, year) row, the plan rows, the origins of the published figures, and
    the published nominal growth rates that differ from their levels' growth."""
    sectors = base.model_sectors
    tables, origins = _year_tables(base)
    rows: dict[tuple[str, int], _Fig] = {}
    mismatch = []
    levels_by_year = {}

    def put(ind: str, year: int, fig: _Fig) -> None:
        if (ind, year) not in rows and np.isfinite(fig.value):
            rows[(ind, year)] = fig

    for year, (lv, gr, st) in tables.items():
        lv = dict(lv)
        for k, f in lv.items():
            put(k, year, f)
        for k, f in gr.items():
            put(_growth_id(k, sectors), year, f)
        for s, f in st.items():
            put(f"{s}_share", year, f)
        _sector_levels(lv, st, sectors, year)
        levels_by_year[year] = lv
        for s in sectors:
            if s in lv:
                put(s, year, lv[s])
            if s in lv and "gdp" in lv:
                put(f"{s}_share", year, _derived(100.0 * lv[s].value / lv["gdp"].value, "%",
                                                 f"= {s} / gdp ({year})", lv[s], lv["gdp"]))
        prev = levels_by_year.get(year - 1, {})
        # nominal growth where two consecutive levels exist
        for k, f in lv.items():
            if k not in prev:
                continue
            n = 100.0 * (f.value / prev[k].value - 1.0)
            fig = _derived(n, "%", f"= {k} {year} / {k} {year - 1} − 1", f, prev[k])
            if k == "gdp" or k in sectors:
                put(f"{k}_nominal_growth", year, fig)
            elif k in gr:
                if abs(gr[k].value - n) > GROWTH_MISMATCH:
                    mismatch.append((f"{k}_growth", year, gr[k].value, fig))
            else:
                put(f"{k}_growth", year, fig)
        _missing_sector_growth(rows, lv, prev, sectors, year, put)
        for k in ("gdp", *sectors):
            n, g = rows.get((f"{k}_nominal_growth", year)), rows.get((f"{k}_real_growth", year))
            if n is not None and g is not None:
                p = 100.0 * ((1.0 + n.value / 100.0) / (1.0 + g.value / 100.0) - 1.0)
                put(f"{k}_deflator", year, _derived(
                    p, "%", f"= (1 + {k}_nominal_growth) / (1 + {k}_real_growth) − 1 ({year})",
                    n, g))
    plan = [(ind, h.year, x, _plan_unit(ind, base), h.plan_sources[ind].text())
            for h in base.history for ind, x in h.plan.items()]
    return rows, plan, origins, mismatch


def _plan_unit(ind: str, base) -> str:
    units = {k: u for k, (u, _) in _plan_ids(base, history_ids(base)).items()}
    return units.get(ind, "%")


def _missing_sector_growth(rows, lv, prev, sectors, year, put) -> None:
    """The real growth of the one sector that lacks it, from GDP's and the others' (real GDP
    growth is the sum of the sectors' growth weighted by last year's shares): with last
    year's levels when history gives them, else the backcast of :func:`sim.accounts.backcast`
    (one price change common to all sectors)."""
    gy = rows.get(("gdp_real_growth", year))
    growth = [rows.get((f"{s}_real_growth", year)) for s in sectors]
    missing = [i for i, g in enumerate(growth) if g is None]
    if gy is None or len(missing) != 1 or not all(s in lv for s in sectors):
        return
    k = missing[0]
    known = [g for g in growth if g is not None]
    if all(s in prev for s in sectors) and "gdp" in prev:
        w = [prev[s].value / prev["gdp"].value for s in sectors]
        if w[k] <= 0:
            return
        value = (gy.value - sum(w[i] * growth[i].value for i in range(len(sectors))
                                if i != k)) / w[k]
        how = (f"= (gdp_real_growth − Σ share {year - 1} × real growth of the other sectors) "
               f"/ {sectors[k]} share {year - 1}, with the sectors' {year - 1} levels")
        inputs = [gy, *known, *(prev[s] for s in sectors), prev["gdp"]]
    else:
        _, _, g, _ = backcast([lv[s].value for s in sectors],
                              [None if g is None else g.value for g in growth], gy.value,
                              lv["gdp"].value)
        value = float(g[k])
        how = (f"= the residual of gdp_real_growth after the other sectors' contributions, "
               f"{year - 1} shares backcast with one price change common to all sectors (an "
               "assumption)")
        inputs = [gy, *known, *(lv[s] for s in sectors), lv["gdp"]]
    if value > -100.0:          # else its volume would not be positive: no growth rate
        put(f"{sectors[k]}_real_growth", year, _derived(value, "%", how, *inputs))


def implied_base_growth(base, sector: str) -> tuple[float, str] | None:
    """The base year's real growth of ``sector`` where the history determines it.

    The growth of the one sector that lacks it (:func:`history_frame`'s derived
    ``<sector>_real_growth`` in the base year) is determined by history when it is computed
    with the year before's levels — real GDP growth less the other sectors' contributions at
    last year's shares (docs/model.md eq. 3) — and rests on no lower bound. Without the year
    before's levels it is the backcast from the base year's own levels (:mod:`sim.accounts`),
    which history does not determine.

    Parameters
    ----------
    base : sim.base.Base
    sector : str
        One of ``base.model_sectors``.

    Returns
    -------
    (value, how) or None
        The growth in % and how it is derived (the years and figures it rests on); ``None``
        where history does not determine it (or the base publishes it).

    Examples
    --------
    For Xihu, with the 2022 shares: (5.1 − 92.03 % × 6.1)/7.97 % = −6.44 % in 2023::

        implied_base_growth(load_base("xihu-2023"), "non_services")
    """
    if sector not in base.model_sectors or sector in base.growth:
        return None
    rows, _, origins, _ = _rows(base)
    fig = rows.get((f"{sector}_real_growth", base.year))
    if fig is None or fig.kind != "derived":
        return None
    if not any(y < base.year for _, y in fig.rests_on):
        return None
    source, kind = _with_bound(fig, origins)
    if kind != "derived":
        return None
    used = sorted({y for _, y in fig.rests_on})
    how = (f"derived from history ({', '.join(map(str, used))}): {source}")
    return fig.value, how


def indicator_order(base) -> list[str]:
    """The order in which a table shows the indicators of :func:`history_frame`: GDP, each
    sector, retail sales, then the others, each level followed by its rates."""
    out = ["gdp", "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator"]
    for s in base.model_sectors:
        out += [s, f"{s}_share", f"{s}_real_growth", f"{s}_nominal_growth", f"{s}_deflator"]
    for x in history_ids(base):
        if x not in out:
            out += [x, f"{x}_growth"]
    return out


def _with_bound(fig: _Fig, origins) -> tuple[str, str]:
    """The source text and kind of a row: a derived figure resting on a lower bound is
    ``"approximate"`` and says which bound."""
    bounds = sorted((k, y) for k, y in fig.rests_on
                    if origins.get((k, y)) and origins[(k, y)].kind == "lower bound")
    if fig.kind != "derived" or not bounds:
        return fig.source, fig.kind
    what = ", ".join(f"{k} {y} ≥ {origins[(k, y)].value:g}" for k, y in bounds)
    return f"{fig.source}; rests on a lower bound ({what}), so approximate", "approximate"


def history_frame(base) -> "pd.DataFrame":
    """The base's history and base year as tidy rows, with what the figures determine derived.

    Parameters
    ----------
    base : sim.base.Base

    Returns
    -------
    pandas.DataFrame
        Columns :data:`FRAME_COLUMNS` (``indicator, year, value, unit, source, kind``), one row
        per (indicator, year), sorted by indicator then year, for every year of the history and
        the base year; a past plan's targets (kind ``"plan"``) follow the outturn rows of the
        same indicator and year. Levels in 亿元 at current prices (population 万人); growth,
        deflator changes and shares in %. Growth in year *t* is from *t* − 1 to *t*: real for
        GDP and the sectors (``gdp_real_growth``, ``<sector>_real_growth``), nominal for the
        rest (``retail_sales_growth``, ``<id>_growth``). ``source`` is the quote and where it
        was published, or for a derived row how it was derived. Derived (kind ``"derived"``):
        a sector's level from GDP less the other sectors, or from the structure; a sector's
        share from the levels; nominal growth where two consecutive levels exist; the
        deflator change 100·((1 + n)/(1 + g) − 1) where nominal and real growth meet; the real
        growth of the one sector lacking it. A published figure always wins over a derived one.
        A derived figure that rests on a lower bound is kind ``"approximate"``.
        A base-year level a user replaced (:meth:`sim.base.Base.with_levels`) is kind
        ``"assumption"``. In the two-sector form the sectors are ``services`` and
        ``non_services`` (GDP − services, derived).
    """
    import pandas as pd

    rows, plan, origins, _ = _rows(base)
    records = [(ind, year, f.value, f.unit, *_with_bound(f, origins))
               for (ind, year), f in rows.items()]
    records += [(ind, year, x, unit, src, "plan") for ind, year, x, unit, src in plan]
    frame = pd.DataFrame(records, columns=list(FRAME_COLUMNS))
    frame["year"] = frame["year"].astype(int)
    frame["value"] = frame["value"].astype(float)
    frame["_plan"] = frame["kind"] == "plan"
    frame = frame.sort_values(["indicator", "year", "_plan"], kind="stable")
    return frame.drop(columns="_plan").reset_index(drop=True)


# -- flags ---------------------------------------------------------------------------------

def history_flags(base) -> list[Flag]:
    """Implausible implications of the history, each with its likely causes.

    Flagged: a deflator change beyond ± :data:`IMPLAUSIBLE_DEFLATOR` (a warning), a GDP
    deflator outside :data:`DEFLATOR_BAND` (a note), a sector's real or nominal growth at or
    below :data:`SECTOR_FALL` (a warning), and a published nominal growth rate more than
    :data:`GROWTH_MISMATCH` pp from its levels' growth (a note).

    Parameters
    ----------
    base : sim.base.Base

    Returns
    -------
    list of Flag
        In the order of indicator and year.
    """
    rows, _, origins, mismatch = _rows(base)
    sectors = base.model_sectors
    lo, hi = DEFLATOR_BAND
    flags = []
    for (ind, year), f in sorted(rows.items()):
        x = f.value
        if ind.endswith("_deflator") and abs(x) > IMPLAUSIBLE_DEFLATOR:
            flags.append(Flag(ind, year, x, f"an implied deflator change of {x:+.1f}% is beyond "
                              f"±{IMPLAUSIBLE_DEFLATOR:g}%", _causes(base, ind, year, f, origins)))
        elif ind == "gdp_deflator" and not lo <= x <= hi:
            flags.append(Flag(ind, year, x, f"an implied GDP deflator change of {x:+.1f}% is "
                              f"outside the usual {lo:g}…{hi:+g}% (an assumed band)",
                              _causes(base, ind, year, f, origins), "note"))
        elif (ind in {f"{s}_real_growth" for s in sectors}
              | {f"{s}_nominal_growth" for s in sectors}) and x <= SECTOR_FALL:
            basis = "real" if ind.endswith("_real_growth") else "nominal"
            flags.append(Flag(ind, year, x, f"{ind.rpartition('_' + basis)[0]} falls by "
                              f"{-x:.1f}% ({basis}), by double digits",
                              _causes(base, ind, year, f, origins)))
    for ind, year, published, fig in mismatch:
        flags.append(Flag(ind, year, published, f"the published growth {published:+g}% differs "
                          f"from the levels' {fig.value:+.2f}% by more than "
                          f"{GROWTH_MISMATCH:g} pp", _causes(base, ind, year, fig, origins),
                          "note"))
    return flags


def _causes(base, ind: str, year: int, fig: _Fig, origins) -> tuple[str, ...]:
    """The likely causes of an implausible row, the most specific first."""
    found = {key: origins[key] for key in sorted(fig.rests_on) if key in origins}
    out = []
    for (k, y), o in found.items():
        if o.kind == "lower bound":
            out.append(f"a lower-bound headline: {k} {y} is given only as passing {o.value:g} "
                       "(突破), so what is derived from it is approximate")
        elif o.kind == "assumption":
            out.append(f"a user assumption: {k} {y} = {o.value:g}")
    sector = next((s for s in base.model_sectors if ind.startswith(s + "_")), None)
    if sector and (sector, year) not in origins:
        out.append(f"the {sector} level of {year} is derived (GDP less the other sectors, or "
                   "from the structure): it takes every error of the figures it comes from")
    years = sorted({y for _, y in found})
    if len(years) > 1:
        wheres = sorted({o.where for o in found.values()})
        if len(wheres) > 1:
            out.append(f"a revision between publications: the {years[0]} and {years[-1]} "
                       f"figures come from different sources ({'; '.join(wheres)}), perhaps of "
                       "different vintages (figures are revised after an economic census)")
        else:
            out.append("a revision of one year's figures (as after an economic census) that "
                       "the other year's do not carry")
        region = f"{base.region} {base.region_en}"
        known = [what for names, (when, what) in BOUNDARY_CHANGES.items()
                 if any(n in region for n in names) and years[0] < when <= years[-1]]
        out += [f"a boundary change: {what}" for what in known] or [
            "a change of the district's boundary between the two years"]
    if any(o.secondary for o in found.values()):
        out.append("a secondary source (a copy such as an encyclopedia entry) that may carry a "
                   "typing error or another vintage's figure")
    out.append("a rounded headline figure")
    return tuple(out)
