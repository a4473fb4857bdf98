"""Base-year data: the levels and growth rates a projection starts from.

A base is a TOML file::

    region = "西湖区 (Xihu District, Hangzhou)"
    year = 2023
    lower_bounds = ["gdp"]        # figures the source gives as "passed X"

    [levels]                      # 亿元, current prices
    gdp = 2000.0
    services = 1939.3
    retail_sales = 906.3

    [growth]                      # the base year's own growth, %: gdp and services real,
    gdp = 5.1                     # retail sales and extra indicators nominal
    services = 6.1
    retail_sales = 7.2

    [sources]                     # a sentence per figure
    gdp = "全区地区生产总值突破2000亿元,增长5.1%"

    [assumptions]                 # optional user assumptions, never published figures
    rd_intensity = 3.9            # R&D expenditure, % of GDP, in the base year

    [indicators]                  # optional, beside GDP, each in its own unit
    budget_revenue = 233.5        # 亿元 (see sim.side_indicators for the ids)

Further entries in ``[levels]`` are extra indicators that a scenario grows at its own rates
(memo items such as 规上工业增加值: never added into GDP, shown as a share of it).

A base may list its sectors, which then replace the two-sector form (services and a
non-services residual)::

    sectors = ["primary", "secondary", "tertiary"]   # entries of [levels] adding up to GDP
    structure = [0.2, 7.8, 92.0]  # optional, % of GDP: derives the sectors [levels] lacks
    [sector_names]                # optional labels of user-named sectors
    agri = {en = "Agriculture", zh = "农业"}

The sector levels must add up to ``levels.gdp`` within :data:`SUM_TOLERANCE` (rounding); a
structure must add up to 100 within :data:`STRUCTURE_TOLERANCE` and agree with the levels. A
sector without a level takes its part of what GDP leaves after the given sectors, split in the
ratio of the structure, and is labelled derived. ``[growth]`` gives each sector's real growth
in the base year where it is known.

A base may carry the years before its own, each with the source of every figure::

    [history.2022]
    source = {where = "Xihu government work report 2023", secondary = false}
    levels = {gdp = 1970.1, services = 1813.0}
    structure = {services = 92.0, non_services = 8.0}
    sources = {gdp = "全区实现地区生产总值1970.1亿元", services = "服务业增加值1813亿元",
               structure = "三次产业结构调整为0.2:7.8:92"}

:mod:`sim.history` documents these tables (levels, growth, structure, sources, past plan
targets), checks them, and derives what follows from them. History never changes a projection.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

from . import side_indicators as side
from . import validation as v
from .accounts import split_rest
from .errors import InputError, did_you_mean, shown
from .history import History, parse_history
from .tomltext import parse_toml, read_toml
from .validation import STRUCTURE_RANGE, STRUCTURE_TOLERANCE, SUM_TOLERANCE

__all__ = ["Base", "load_base", "base_from_dict", "builtin_bases", "CORE_LEVELS",
           "read_toml", "parse_toml"]

CORE_LEVELS = ("gdp", "services", "retail_sales")
#: The core levels of a base that lists its sectors (the sectors are levels too).
SECTOR_FORM_LEVELS = ("gdp", "retail_sales")
#: Most sectors a base may list (each adds six indicators to every projection).
MAX_SECTORS = 20
#: Suffixes of ids the model derives from a level name (a sector's or an extra's).
_DERIVED_SUFFIXES = ("_growth", "_share", "_real", "_deflator", "_contribution",
                     "_contribution_rate")
_ASSUMPTIONS = {"rd_intensity": v.INTENSITY}
_TOP_KEYS = ("region", "region_en", "year", "lower_bounds", "sectors", "structure",
             "sector_names", "levels", "growth", "sources", "assumptions", "indicators", "notes",
             "history")
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
# ids the model reports itself; an extra level may not take one of them
RESERVED = frozenset({
    "non_services", "rd_expenditure", "rd_intensity", "gdp_constant_prices",
    "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator", "services_real_growth",
    "services_nominal_growth", "services_deflator", "non_services_real_growth",
    "non_services_nominal_growth", "non_services_deflator", "retail_sales_growth",
    "services_share", "services_contribution", "non_services_contribution",
    # the scenario's rate names: an extra level's rate goes under its own name
    "services_real", "non_services_real", "retail_sales_elasticity"})
# ids a sector may not take: what the model reports beside the sectors, and the inputs
# analyses name
_SECTOR_RESERVED = frozenset({"gdp", "retail_sales", "rd_intensity", "rd_expenditure",
                              "gdp_constant_prices", "gdp_real_growth", "gdp_nominal_growth",
                              "gdp_deflator", "retail_sales_growth", "retail_sales_elasticity",
                              "gdp_real", "deflator"})


@dataclass(frozen=True)
class Base:
    """Validated base-year data.

    Parameters
    ----------
    name : str
        Short id, e.g. ``"xihu-2023"``.
    region : str
        The district, e.g. ``"西湖区 (Xihu District, Hangzhou)"``.
    year : int
        The base year.
    levels : Mapping[str, float]
        Levels in 亿元 at current prices: ``gdp``, ``services``, ``retail_sales`` and any
        extra indicators.
    growth : Mapping[str, float]
        The base year's own growth in %: ``gdp`` and ``services`` at comparable prices
        (real), ``retail_sales`` and extras nominal. Optional per key.
    sources : Mapping[str, str]
        Source sentence per figure.
    lower_bounds : tuple of str
        Levels that the source gives only as a lower bound ("突破2000亿元").
    assumptions : Mapping[str, float]
        User assumptions that are not published figures: ``rd_intensity`` (% of GDP in the
        base year).
    region_en : str
        English name of the region.
    source : str
        Where the base came from (a path or ``"built-in"``), used in messages.
    overridden : Mapping[str, float]
        Levels replaced by a user assumption (:meth:`with_levels`), with the value the base
        file gives.
    history : History or Mapping
        The years before ``year`` (``[history.YEAR]`` tables, :func:`sim.history.parse_history`);
        stored as a validated :class:`sim.history.History`.
    indicators : Mapping[str, float]
        Indicators beside GDP (:mod:`sim.side_indicators`), each in its own unit: 亿元 for
        revenue and investment, 万人 for the population, 户 or 家 for counts. One without a
        source in ``sources`` is a user assumption.
    """

    name: str
    region: str
    year: int
    levels: Mapping[str, float]
    growth: Mapping[str, float] = field(default_factory=dict)
    sources: Mapping[str, str] = field(default_factory=dict)
    lower_bounds: tuple[str, ...] = ()
    assumptions: Mapping[str, float] = field(default_factory=dict)
    region_en: str = ""
    notes: str = ""
    source: str = "<dict>"
    overridden: Mapping[str, float] = field(default_factory=dict)
    sectors: tuple[str, ...] = ()
    structure: tuple[float, ...] = ()
    sector_names: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    history: History | Mapping[str, Any] = field(default_factory=dict)
    indicators: Mapping[str, float] = field(default_factory=dict)
    derived: tuple[str, ...] = field(default=(), init=False)

    def __post_init__(self):
        try:
            self._check_sectors()
            self._validate()
            object.__setattr__(self, "history", parse_history(self.history, self))
        except InputError as err:
            raise err.with_source(self.source) from None
        for name in ("levels", "growth", "sources", "assumptions", "overridden", "indicators"):
            object.__setattr__(self, name, v.frozen(getattr(self, name)))
        object.__setattr__(self, "sector_names", v.frozen(
            {k: v.frozen(dict(x)) for k, x in self.sector_names.items()}))
        object.__setattr__(self, "lower_bounds", tuple(self.lower_bounds))
        object.__setattr__(self, "sectors", tuple(self.sectors))
        object.__setattr__(self, "structure", tuple(float(x) for x in self.structure))

    def _check_sectors(self) -> None:
        """Validate ``sectors``, ``structure`` and ``sector_names``; derive missing levels."""
        sectors, structure = self.sectors, self.structure
        if not isinstance(sectors, (list, tuple)):
            raise InputError("must be a list of sector ids", key="sectors",
                             allowed="e.g. [\"primary\", \"secondary\", \"tertiary\"]")
        if not isinstance(structure, (list, tuple)):
            raise InputError("must be a list of shares of GDP in %", key="structure",
                             allowed="e.g. [0.2, 7.8, 92.0], one per sector")
        names = v.table(self.sector_names, "sector_names")
        if not sectors:
            for key, val in (("structure", structure), ("sector_names", names)):
                if val:
                    raise InputError("is given but the base lists no sectors", key=key,
                                     allowed="a base with sectors = [...]")
            return
        if not 2 <= len(sectors) <= MAX_SECTORS:
            raise InputError(f"lists {len(sectors)} sector{'s' * (len(sectors) != 1)}",
                             key="sectors", allowed=f"2 … {MAX_SECTORS} sector ids")
        ids: dict[str, str] = {}
        for i, s in enumerate(sectors):
            key = f"sectors[{i}]"
            if not isinstance(s, str) or not _NAME.match(s):
                raise InputError(f"is not a valid sector id: {shown(s)}", key=key,
                                 allowed="lower-case letters, digits and _, starting with a "
                                 "letter, up to 40 characters")
            if s.endswith(_DERIVED_SUFFIXES):
                raise InputError(f"sector {shown(s)} ends like an id the model derives",
                                 key=key, allowed="a name not ending in "
                                 + ", ".join(_DERIVED_SUFFIXES))
            for suffix in ("", "_real_growth", "_deflator", "_share", "_contribution",
                           "_contribution_rate", "_real"):
                out = s + suffix
                if out in _SECTOR_RESERVED or out in side.RESERVED:
                    raise InputError(f"sector {shown(s)} is named like the built-in indicator "
                                     f"or input {out!r}", key=key, allowed="a name other than "
                                     + ", ".join(sorted(_SECTOR_RESERVED))
                                     + " and the indicators beside GDP")
                if out in ids:
                    raise InputError(f"sector {shown(s)} gives the id {out!r} that sector "
                                     f"{ids[out]!r} gives too", key=key,
                                     allowed="distinct sector ids")
                ids[out] = s
        for key, val in names.items():
            if key not in sectors:
                raise InputError("names a sector the base does not list"
                                 + did_you_mean(key, sectors), key=f"sector_names.{key}",
                                 allowed=", ".join(sectors))
            label = v.table(val, f"sector_names.{key}")
            v.check_keys(label, ("en", "zh"), prefix=f"sector_names.{key}.")
            for lang, text in label.items():
                v.text(text, f"sector_names.{key}.{lang}")
        levels = v.table(self.levels, "levels")
        if "gdp" not in levels:
            raise InputError("missing required level", key="levels.gdp",
                             allowed="a number in 亿元 " + str(v.LEVEL))
        gdp = v.number(levels["gdp"], "levels.gdp", v.LEVEL)
        missing = [s for s in sectors if s not in levels]
        if structure:
            if len(structure) != len(sectors):
                raise InputError(f"has {len(structure)} shares for {len(sectors)} sectors",
                                 key="structure", allowed=f"{len(sectors)} shares of GDP in %, "
                                 "one per sector, in the order of sectors")
            shares = [v.number(x, f"structure[{i}] ({s})", STRUCTURE_RANGE)
                      for i, (x, s) in enumerate(zip(structure, sectors))]
            total = sum(shares)
            if abs(total - 100.0) > STRUCTURE_TOLERANCE:
                raise InputError(f"sums to {total:g}%", key="structure",
                                 allowed=f"shares of GDP summing to 100 ± "
                                 f"{STRUCTURE_TOLERANCE:g} (rounding)")
            if missing:
                rest = gdp - sum(v.number(levels[s], f"levels.{s}", v.LEVEL)
                                 for s in sectors if s in levels)
                weight = sum(x for x, s in zip(shares, sectors) if s in missing)
                if rest <= 0 or weight <= 0:
                    raise InputError(f"leave {rest:g} 亿元 of GDP for the sectors without a "
                                     f"level ({', '.join(missing)})", key="levels",
                                     allowed="given sectors below GDP, and a positive "
                                     "structure share for each missing sector")
                levels = {**levels, **split_rest(rest, {s: x for x, s in zip(shares, sectors)
                                                        if s in missing})}
                object.__setattr__(self, "levels", levels)
                object.__setattr__(self, "derived", tuple(missing))
                missing = []
            # a level a user overrides (with_levels) is an assumption beside the published
            # structure: it need not agree with it
            for x, s in zip(shares, sectors) if not self.overridden else ():
                share = 100.0 * float(levels[s]) / gdp
                if abs(share - x) > STRUCTURE_TOLERANCE:
                    raise InputError(f"levels.{s} is {share:.2f}% of GDP but the structure "
                                     f"gives {x:g}%", key="structure",
                                     allowed=f"each share within {STRUCTURE_TOLERANCE:g} pp of "
                                     "the level's share of GDP")
        if missing:
            raise InputError(f"missing level of sector {missing[0]!r}", key=f"levels.{missing[0]}",
                             allowed="a number in 亿元 " + str(v.LEVEL)
                             + ", or a structure = [...] to derive it")
        total = sum(v.number(levels[s], f"levels.{s}", v.LEVEL) for s in sectors)
        if abs(total - gdp) > SUM_TOLERANCE * gdp:
            raise InputError(f"the sectors add up to {total:g} 亿元 but levels.gdp is {gdp:g} "
                             "亿元", key="levels",
                             allowed=f"sectors ({' + '.join(sectors)}) within "
                             f"{100 * SUM_TOLERANCE:g}% of GDP ({SUM_TOLERANCE * gdp:.3g} 亿元)")

    def _validate(self) -> None:
        for key in ("region", "region_en", "notes"):
            v.text(getattr(self, key), key)
        v.integer(self.year, "year", v.YEAR)
        levels = v.table(self.levels, "levels")
        for key in (SECTOR_FORM_LEVELS if self.sectors else CORE_LEVELS):
            if key not in levels:
                raise InputError("missing required level", key=f"levels.{key}",
                                 allowed="a number in 亿元 " + str(v.LEVEL))
        for key, val in levels.items():
            _check_name(key, "levels")
            v.number(val, f"levels.{key}", v.LEVEL)
        if not self.sectors and levels["services"] > levels["gdp"]:
            raise InputError(
                f"services ({levels['services']:g}) is larger than GDP ({levels['gdp']:g})",
                key="levels.services", allowed=f"0 < services <= gdp = {levels['gdp']:g} 亿元")
        for key, val in v.table(self.growth, "growth").items():
            if key not in levels:
                raise InputError("growth given for a figure that has no level"
                                 + did_you_mean(key, levels), key=f"growth.{key}",
                                 allowed=", ".join(levels))
            v.number(val, f"growth.{key}", v.GROWTH)
        indicators = side.check_values(self.indicators)
        object.__setattr__(self, "indicators", indicators)
        for key, val in v.table(self.sources, "sources").items():
            if key not in levels and key not in _ASSUMPTIONS and key not in indicators \
                    and not (key == "structure" and self.structure):
                raise InputError("source given for an unknown figure"
                                 + did_you_mean(key, [*levels, *_ASSUMPTIONS, *indicators]),
                                 key=f"sources.{key}", allowed=", ".join([*levels, *indicators]))
            v.text(val, f"sources.{key}")
        if not isinstance(self.lower_bounds, (list, tuple)):
            raise InputError("must be a list of level names", key="lower_bounds")
        for key in self.lower_bounds:
            if not isinstance(key, str) or key not in levels:
                raise InputError(f"names unknown level {shown(key)}" + did_you_mean(key, levels),
                                 key="lower_bounds", allowed=", ".join(levels))
        for key, val in v.table(self.assumptions, "assumptions").items():
            if key not in _ASSUMPTIONS:
                raise InputError("unknown assumption" + did_you_mean(key, _ASSUMPTIONS),
                                 key=f"assumptions.{key}", allowed=", ".join(_ASSUMPTIONS))
            v.number(val, f"assumptions.{key}", _ASSUMPTIONS[key])

    @property
    def ref(self) -> str:
        """How a scenario file names this base: the built-in name, or the file's full path."""
        if self.source.startswith("built-in base ") or not self.source.endswith(".toml"):
            return self.name
        return str(Path(self.source).resolve())

    @property
    def extras(self) -> tuple[str, ...]:
        """Names of the extra level indicators (beyond gdp, retail_sales and the sectors:
        services in the two-sector form)."""
        core = (*SECTOR_FORM_LEVELS, *self.sectors) if self.sectors else CORE_LEVELS
        return tuple(k for k in self.levels if k not in core)

    @property
    def model_sectors(self) -> tuple[str, ...]:
        """The sectors the model projects: the base's, or services and non-services."""
        return self.sectors or ("services", "non_services")

    def sector_labels(self) -> dict[str, tuple[str, str]]:
        """Labels (English, Chinese) of the sectors that ``[sector_names]`` names."""
        return {k: (x.get("en", k), x.get("zh", x.get("en", k)))
                for k, x in self.sector_names.items()}

    def with_levels(self, **levels: float) -> "Base":
        """Return a new base with some levels replaced (亿元), validated again.

        A replaced level is a user assumption: it leaves ``lower_bounds`` and its published
        value is kept in ``overridden``.
        """
        changed = {k: self.levels[k] for k, x in levels.items()
                   if k in self.levels and x != self.levels[k]}
        # a derived sector is derived again from the new levels, unless it is given
        merged = {**{k: x for k, x in self.levels.items()
                     if k not in self.derived or not changed}, **levels}
        return Base(name=self.name, region=self.region, year=self.year, levels=merged,
                    growth=self.growth, sources=self.sources,
                    lower_bounds=tuple(k for k in self.lower_bounds if k not in changed),
                    assumptions=self.assumptions, region_en=self.region_en, notes=self.notes,
                    source=self.source, overridden={**self.overridden, **changed},
                    sectors=self.sectors, structure=self.structure,
                    sector_names=self.sector_names, indicators=self.indicators,
                    history=self.history)

    def levels_setting(self, name: str, value):
        """The :meth:`with_levels` arguments that set the level ``name`` to ``value`` (亿元;
        a number or an array, elementwise), as the analyses and the app vary a base level.

        In the two-sector form a level is set alone (``levels.gdp`` keeps services: the
        non-services residual takes the change). With sectors, GDP is their sum:
        ``levels.gdp`` scales every sector by ``value / gdp``, so the structure is kept, and a
        sector's level moves GDP by as much.
        """
        if not self.sectors or name not in ("gdp", *self.sectors):
            return {name: value}
        gdp = self.levels["gdp"]
        if name == "gdp":
            return {"gdp": value, **{s: self.levels[s] * (value / gdp) for s in self.sectors}}
        return {name: value, "gdp": gdp + (value - self.levels[name])}

    def to_dict(self) -> dict[str, Any]:
        """The base as a plain dict in the TOML file's layout."""
        doc: dict[str, Any] = {"region": self.region, "year": self.year}
        if self.region_en:
            doc["region_en"] = self.region_en
        if self.lower_bounds:
            doc["lower_bounds"] = list(self.lower_bounds)
        if self.sectors:
            doc["sectors"] = list(self.sectors)
        if self.structure:
            doc["structure"] = list(self.structure)
        if self.sector_names:
            doc["sector_names"] = {k: dict(x) for k, x in self.sector_names.items()}
        doc["levels"] = {k: x for k, x in self.levels.items() if k not in self.derived}
        for key in ("growth", "sources", "assumptions", "indicators"):
            if getattr(self, key):
                doc[key] = dict(getattr(self, key))
        if self.notes:
            doc["notes"] = self.notes
        if self.history:
            doc["history"] = self.history.to_dict()
        return doc


def _check_name(key: str, section: str) -> None:
    if not _NAME.match(str(key)):
        raise InputError("is not a valid indicator id", key=f"{section}.{key}",
                         allowed="lower-case letters, digits and _, starting with a letter")
    if key in CORE_LEVELS:
        return
    if key in side.RESERVED:
        where = ("give it in [indicators]" if key in side.SIDE_INDICATORS
                 else "choose another name")
        raise InputError("is an indicator beside GDP or an id the model derives from one; "
                         + where, key=f"{section}.{key}", allowed="an extra level other than "
                         + ", ".join(sorted(side.RESERVED)))
    if key in RESERVED or f"{key}_growth" in RESERVED or key.endswith(_DERIVED_SUFFIXES):
        raise InputError("clashes with an indicator or rate the model names itself",
                         key=f"{section}.{key}",
                         allowed="a name not ending in " + ", ".join(_DERIVED_SUFFIXES)
                         + " and other than " + ", ".join(sorted(RESERVED)))


def builtin_bases() -> dict[str, Path]:
    """Names and paths of the bases shipped inside the package."""
    folder = resources.files("sim") / "data" / "bases"
    return {Path(p.name).stem: Path(str(p)) for p in folder.iterdir()
            if p.name.endswith(".toml")}


def base_from_dict(doc: Mapping[str, Any], *, name: str = "custom",
                   source: str = "<dict>") -> Base:
    """Build a :class:`Base` from a parsed TOML document.

    Raises
    ------
    InputError
        On unknown or missing keys, wrong types, values out of range.
    """
    try:
        v.table(doc, "(top level)")
        v.check_keys(doc, _TOP_KEYS, required=("region", "year", "levels"))
        return Base(name=name, region=doc["region"], year=doc["year"],
                    levels=v.table(doc["levels"], "levels"),
                    growth=v.table(doc.get("growth", {}), "growth"),
                    sources=v.table(doc.get("sources", {}), "sources"),
                    lower_bounds=doc.get("lower_bounds", ()),
                    assumptions=v.table(doc.get("assumptions", {}), "assumptions"),
                    region_en=v.text(doc.get("region_en", ""), "region_en"),
                    notes=v.text(doc.get("notes", ""), "notes"),
                    source=source, sectors=doc.get("sectors", ()),
                    structure=doc.get("structure", ()),
                    sector_names=v.table(doc.get("sector_names", {}), "sector_names"),
                    indicators=v.table(doc.get("indicators", {}), "indicators"),
                    history=v.table(doc.get("history", {}), "history"))
    except InputError as err:
        raise err.with_source(source) from None


def load_base(ref: str | Path, *, relative_to: str | Path | None = None) -> Base:
    """Load a base by built-in name (``"xihu-2023"``) or by path to a TOML file.

    Parameters
    ----------
    ref : str or Path
        A built-in name (see :func:`builtin_bases`) or a path. A relative path is taken
        relative to ``relative_to`` (the folder of the scenario file naming it), or to the
        working directory.
    relative_to : str or Path, optional
        Folder that relative paths are resolved against.

    Returns
    -------
    Base
    """
    shipped = builtin_bases()
    ref_s = str(ref)
    if ref_s in shipped:
        return base_from_dict(read_toml(shipped[ref_s], what="base"), name=ref_s,
                              source=f"built-in base {ref_s}")
    path = Path(ref_s)
    if not ref_s.endswith(".toml"):
        raise InputError(f"unknown base {shown(ref_s)}" + did_you_mean(ref_s, shipped),
                         key="base", allowed="a built-in base (" + ", ".join(sorted(shipped))
                         + ") or a path to a .toml file")
    if relative_to is not None and not path.is_absolute():
        path = Path(relative_to) / path
    if not path.is_file():          # a directory, a named pipe or a device is not read
        problem = "base file not found" if not path.exists() else "base is not a regular file"
        raise InputError(f"{problem}: {shown(str(path), 300, quote=False)}", key="base",
                         allowed="a built-in base (" + ", ".join(sorted(shipped))
                         + ") or a path to a .toml file")
    return base_from_dict(read_toml(path, what="base file"), name=path.stem, source=str(path))
