"""Scenarios: a base, its level overrides and the rates to project it with.

A scenario is a TOML file::

    name = "plan-2024"
    title_zh = "2024年计划"
    title_en = "2024 plan"
    description = "Why these rates."
    base = "xihu-2023"          # a built-in base, or a path relative to this file
    end_year = 2030             # optional, default 2030

    [levels]                    # optional overrides of the base's levels, 亿元
    gdp = 2060.0

    [rates]                     # % per year; a number, or a path from the year after the base
    services_real = 5.6         # whose last value continues, or "base" for the base year's own
    non_services_real = [2.31, 3.0]   # rate (a sector without it: the rate history, else the
                                # base figures, imply)
    services_deflator = 0.0     # optional, default 0
    non_services_deflator = 0.0 # optional, default 0
    retail_sales = 6.5          # nominal growth, or instead:
    # retail_sales_elasticity = 1.1   (retail growth = elasticity × nominal GDP growth)
    rd_intensity = 4.45         # % of GDP, optional

    [uncertainty]               # optional, for the analyses: sd and skew per rate,
    persistence = 0.5           # persistence, correlations (see sim.uncertainty)
"""
from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from . import validation as v
from .accounts import implied_prior_year
from .base import Base, load_base, read_toml, parse_toml
from .errors import InputError, did_you_mean, shown
from .model import OTHER_RATES, RATE_NAMES, sector_rate_names
from .uncertainty import Uncertainty

__all__ = ["Scenario", "load_scenario", "scenario_from_dict", "parse_scenario",
           "scenario_from_doc", "as_scenario", "rate_range", "DEFAULT_END_YEAR", "RATE_RANGES"]

DEFAULT_END_YEAR = 2030
_TOP_KEYS = ("name", "title_zh", "title_en", "description", "description_zh", "base", "end_year", "levels",
             "rates", "uncertainty", "notes")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
RATE_RANGES: dict[str, v.Range] = {
    "services_real": v.GROWTH, "non_services_real": v.GROWTH,
    "services_deflator": v.GROWTH, "non_services_deflator": v.GROWTH,
    "retail_sales": v.GROWTH, "retail_sales_elasticity": v.ELASTICITY,
    "rd_intensity": v.INTENSITY,
}
# rates that may say "base": the base year's own growth of that figure
_FROM_BASE = {"services_real": "services", "retail_sales": "retail_sales"}

RateSpec = float | tuple[float, ...] | str


def rate_range(name: str) -> v.Range:
    """The allowed range of the rate ``name`` (an extra level's growth: that of growth)."""
    return RATE_RANGES.get(name, v.GROWTH)


@dataclass(frozen=True)
class Scenario:
    """A validated scenario.

    Parameters
    ----------
    name : str
        Short id, e.g. ``"plan-2024"``.
    base : Base
        The base as loaded, before this scenario's level overrides.
    rates : Mapping[str, float or tuple of float or "base"]
        Rates in % (elasticity as a ratio): a constant, a path from the year after the base
        (its last value continuing), or ``"base"`` for the base year's own rate.
    levels : Mapping[str, float]
        Overrides of base levels, 亿元.
    end_year : int
        Last projected year.
    title_zh, title_en, description, description_zh : str
        Texts shown to users.
    base_ref : str
        The base as the file names it.
    uncertainty : Uncertainty or Mapping
        Uncertainty for the analyses: a :class:`sim.uncertainty.Uncertainty`, or a scenario
        file's ``[uncertainty]`` table (read by :meth:`~sim.uncertainty.Uncertainty.from_dict`);
        validated against :attr:`rate_names`.
    source : str
        Where the scenario came from, used in messages.
    """

    name: str
    base: Base
    rates: Mapping[str, RateSpec]
    levels: Mapping[str, float] = field(default_factory=dict)
    end_year: int = DEFAULT_END_YEAR
    title_zh: str = ""
    title_en: str = ""
    description: str = ""
    description_zh: str = ""
    base_ref: str = ""
    uncertainty: Uncertainty = field(default_factory=Uncertainty)
    notes: str = ""
    source: str = "<dict>"
    start: Base = field(init=False, repr=False, compare=False)
    _base_rates: Mapping[str, tuple[float, str, str]] = field(init=False, repr=False,
                                                              compare=False)

    def __post_init__(self):
        try:
            rates = {k: (tuple(r) if isinstance(r, (list, tuple)) else r)
                     for k, r in v.table(self.rates, "rates").items()}
            object.__setattr__(self, "rates", v.frozen(rates))
            object.__setattr__(self, "levels", v.frozen(v.table(self.levels, "levels")))
            object.__setattr__(self, "base_ref", self.base_ref or self.base.name)
            self._validate()
        except InputError as err:
            raise err.with_source(self.source) from None

    # -- validation -------------------------------------------------------------------------
    def _validate(self) -> None:
        if not isinstance(self.name, str) or not _NAME.match(self.name):
            raise InputError(f"is not a valid scenario name: {shown(self.name)}", key="name",
                             allowed="letters, digits, '-', '_' and '.', up to 64 characters")
        for key in ("title_zh", "title_en", "description", "description_zh", "notes"):
            v.text(getattr(self, key), key)
        y0 = self.base.year
        self.check_end_year(self.end_year)
        for key, val in self.levels.items():
            if key not in self.base.levels:
                raise InputError("overrides a level the base does not have"
                                 + did_you_mean(key, self.base.levels), key=f"levels.{key}",
                                 allowed=", ".join(self.base.levels))
            v.number(val, f"levels.{key}", v.LEVEL)
        try:
            start = self.base.with_levels(**self.levels) if self.levels else self.base
        except InputError as err:
            raise InputError(err.problem, key=err.key, allowed=err.allowed) from None
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "_base_rates", {})
        allowed = self.rate_names
        sectors = self.base.model_sectors
        has = (f"; the base {self.base.name} has the sectors " + ", ".join(sectors)
               if self.base.sectors else "")
        for key in self.rates:
            if key not in allowed:
                problem = "unknown rate"
                if key.endswith(("_real", "_deflator")):
                    sector = key[: key.rindex("_real" if key.endswith("_real") else "_deflator")]
                    problem = (f"rate for the sector {sector!r}, which the base "
                               f"{self.base.name} does not have (its sectors: "
                               + ", ".join(sectors) + ")")
                raise InputError(problem + did_you_mean(key, allowed), key=f"rates.{key}",
                                 allowed=", ".join(allowed))
        for sector in sectors:
            key = f"{sector}_real"
            if key not in self.rates:
                raise InputError(f"missing the real growth of sector {sector!r}{has}",
                                 key=f"rates.{key}", allowed="a number in " + str(v.GROWTH))
        retail = [k for k in ("retail_sales", "retail_sales_elasticity") if k in self.rates]
        if len(retail) != 1:
            raise InputError("give exactly one of retail_sales (nominal growth, %) and "
                             "retail_sales_elasticity (to nominal GDP growth)",
                             key="rates.retail_sales" if not retail else "rates." + retail[1])
        for extra in self.base.extras:
            if extra not in self.rates:
                raise InputError(f"the base has the extra level {shown(extra)}; give its growth",
                                 key=f"rates.{extra}", allowed="a number in " + str(v.GROWTH))
        horizon = self.end_year - y0
        for key, spec in self.rates.items():
            self._check_rate(key, spec, horizon)
        object.__setattr__(self, "rates", v.frozen(
            {k: (tuple(float(x) for x in r) if isinstance(r, tuple)
                 else r if isinstance(r, str) else float(r)) for k, r in self.rates.items()}))
        unc = self.uncertainty
        if isinstance(unc, Mapping):
            unc = Uncertainty.from_dict(unc, self.rate_names)
        elif isinstance(unc, Uncertainty):
            unc = unc.validated(self.rate_names)
        else:
            raise InputError("must be a table", key="uncertainty")
        if unc.origin == "history" and not self.base.history:
            raise InputError(f"is \"history\", but the base {shown(self.base.name)} has no "
                             f"history (no [history.YEAR] table before {self.base.year}) to "
                             "estimate the uncertainty from", key="uncertainty.from",
                             allowed='"file" (the numbers of this table, or the defaults), or '
                                     'a base with [history.YEAR] tables')
        object.__setattr__(self, "uncertainty", unc)
        object.__setattr__(self, "_base_rates", v.frozen(self._base_rates))

    def _check_rate(self, key: str, spec: Any, horizon: int) -> None:
        allowed = rate_range(key)
        k = f"rates.{key}"
        if isinstance(spec, str):
            if spec != "base":
                raise InputError(f"must be a number, a list of numbers or \"base\", got {shown(spec)}",
                                 key=k, allowed=str(allowed))
            self._base_rates[key] = self._resolve_base(key)
            return
        if isinstance(spec, tuple):
            if not spec:
                raise InputError("is an empty path", key=k, allowed=str(allowed))
            if len(spec) > horizon:
                raise InputError(f"path has {len(spec)} values but the horizon "
                                 f"{self.base.year + 1}–{self.end_year} has {horizon} years",
                                 key=k, allowed=f"1 … {horizon} values (or raise end_year)")
            for i, x in enumerate(spec):
                v.number(x, f"{k}[{i}] ({self.base.year + 1 + i})", allowed)
            return
        v.number(spec, k, allowed)

    def _from_base(self, key: str) -> float:
        """The base year's own rate ``key`` (for ``"base"``), resolved once."""
        if key not in self._base_rates:
            return self._resolve_base(key)[0]
        return self._base_rates[key][0]

    def _resolve_base(self, key: str) -> tuple[float, str, str]:
        """The rate ``"base"`` stands for, where it comes from (``""``: a published figure) and
        its kind: ``"published"``, ``"history"`` or ``"backcast"``. A sector without a base-year growth of its own takes the growth history
        determines (:func:`sim.history.implied_base_growth`); failing that, non-services in the
        two-sector form take what the base year's own figures imply (a backcast)."""
        from .history import implied_base_growth

        growth = self.start.growth
        k = f"rates.{key}"
        y0 = self.base.year
        sector = key[:-5] if key.endswith("_real") else None
        if sector in self.base.model_sectors and sector not in growth:
            found = implied_base_growth(self.start, sector)
            if found is not None:
                value, how = found
                if value not in v.GROWTH:
                    raise InputError(f"\"base\": history implies {sector} growth of "
                                     f"{value:.1f}% in {y0}", key=k, allowed=str(v.GROWTH))
                return float(value), f"the {y0} growth {how}", "history"
        if self.base.sectors and sector in self.base.sectors:
            if sector not in growth:
                raise InputError(f"\"base\" needs growth.{sector} in the base, which gives "
                                 "no base-year growth for this sector (nor does its history "
                                 "determine one)", key=k, allowed="a number in " + str(v.GROWTH))
            return float(growth[sector]), "", "published"
        if key == "non_services_real" and not self.base.sectors:
            if "gdp" not in growth or "services" not in growth:
                raise InputError("\"base\" needs growth.gdp and growth.services in the base",
                                 key=k)
            _, gn = implied_prior_year(self.start.levels["gdp"], self.start.levels["services"],
                                       growth["gdp"], growth["services"])
            gn = float(gn)
            if not math.isfinite(gn) or gn not in v.GROWTH:
                raise InputError(f"\"base\" implies non-services growth of {gn:.1f}%",
                                 key=k, allowed=str(v.GROWTH))
            bound = (f"; GDP {self.start.levels['gdp']:g} 亿元 is a lower bound, so this is "
                     "approximate" if "gdp" in self.start.lower_bounds else "")
            how = (f"the {y0} growth implied by the base year's GDP and services figures (a "
                   "backcast with one price change common to both sectors; history does not "
                   f"determine it){bound}")
            return gn, how, "backcast"
        figure = (key if key in self.base.extras else
                  None if self.base.sectors and key == "services_real" else _FROM_BASE.get(key))
        if figure is None:
            raise InputError("\"base\" is not available for this rate", key=k,
                             allowed="\"base\" for " + ", ".join(
                                 [*(f"{x}_real" for x in self.base.model_sectors),
                                  "retail_sales", *self.base.extras]))
        if figure not in growth:
            raise InputError(f"\"base\" needs growth.{figure} in the base", key=k)
        return float(growth[figure]), "", "published"

    # -- derived ----------------------------------------------------------------------------
    @property
    def rate_names(self) -> tuple[str, ...]:
        """Rates this scenario may set: the model's (``<sector>_real`` and ``<sector>_deflator``
        per sector of the base) plus one per extra base level."""
        if self.base.sectors:
            return (sector_rate_names(self.base.sectors) + OTHER_RATES
                    + self.base.extras)
        return RATE_NAMES + self.base.extras

    @property
    def backcast_rates(self) -> tuple[str, ...]:
        """Rates given as ``"base"`` whose value the base year's own levels imply (the
        backcast of :func:`sim.accounts.implied_prior_year`, where history does not determine
        the rate): they change when a base level is overridden."""
        return tuple(k for k, (_, _, kind) in self._base_rates.items() if kind == "backcast")

    @property
    def defaults(self) -> dict[str, float]:
        """Rates that default when not given: each sector's deflator, 0 %."""
        return {f"{x}_deflator": 0.0 for x in self.base.model_sectors}

    @property
    def years(self) -> np.ndarray:
        """The base year and each projected year."""
        return np.arange(self.base.year, self.end_year + 1)

    def resolved_rates(self) -> dict[str, tuple[float, ...]]:
        """Every rate as a path of numbers (``"base"`` replaced, defaults filled in)."""
        out = {k: (d,) for k, d in self.defaults.items()}
        for key, spec in self.rates.items():
            if isinstance(spec, str):
                out[key] = (self._from_base(key),)
            elif isinstance(spec, tuple):
                out[key] = spec
            else:
                out[key] = (float(spec),)
        return out

    def rate_path(self, key: str, end_year: int | None = None) -> np.ndarray:
        """The rate ``key`` for each projected year (its last value continuing), shape (T,)."""
        end = self.end_year if end_year is None else end_year
        path = self.resolved_rates()[key]
        n = end - self.base.year
        out = np.empty(n)
        m = min(len(path), n)
        out[:m] = path[:m]
        out[m:] = path[-1]
        return out

    def model_inputs(self, end_year: int | None = None) -> dict[str, Any]:
        """Keyword arguments for :func:`sim.model.project_paths` (one path).

        Parameters
        ----------
        end_year : int, optional
            Project to this year instead of ``self.end_year``: shorter cuts the paths, longer
            continues each path's last value.
        """
        end = self.end_year if end_year is None else self.check_end_year(end_year)
        rates = {k: self.rate_path(k, end)[None, :] for k in self.resolved_rates()}
        return {"levels": dict(self.start.levels), "rates": rates,
                "years": np.arange(self.base.year, end + 1),
                "base_growth": dict(self.start.growth),
                "base_rd_intensity": self.start.assumptions.get("rd_intensity", np.nan),
                "sectors": self.base.sectors or None}

    def check_end_year(self, end_year: Any, key: str = "end_year") -> int:
        """Return ``end_year`` if it is a valid horizon end for this base, else raise."""
        y0 = self.base.year
        return v.integer(end_year, key, v.Range(y0 + 1, y0 + v.MAX_HORIZON,
                                                f"(base year {y0} + 1 … + {v.MAX_HORIZON})"))

    def assumptions(self) -> list[str]:
        """Rates and levels that are assumptions of the user, not published figures."""
        out = [f"rates.{k} = {d:g} (default)" for k, d in self.defaults.items()
               if k not in self.rates]
        out += [f"rates.{k} = \"base\" = {x:.2f} % a year: {how}"
                for k, (x, how, _) in self._base_rates.items() if how]
        out += [f"levels.{k} = {self.start.levels[k]:.4g} 亿元 (derived from the base's "
                "structure, not a published figure)" for k in self.start.derived]
        out += [f"levels.{k} = {x:g} 亿元 (override of the base's {self.base.levels[k]:g})"
                for k, x in self.levels.items()]
        out += [f"base assumption {k} = {x:g} (% of GDP in {self.base.year}, not a published "
                "figure)" for k, x in self.base.assumptions.items()]
        return out

    def title(self, lang: str = "en") -> str:
        """The title in ``lang``, falling back to the name."""
        return (self.title_zh if lang == "zh" else self.title_en) or self.name

    # -- new scenarios from this one --------------------------------------------------------
    def with_rates(self, **rates: RateSpec) -> "Scenario":
        """A new scenario with some rates replaced (validated again)."""
        merged = dict(self.rates)
        for k, r in rates.items():
            if r is None:
                merged.pop(k, None)
            else:
                merged[k] = r
        if "retail_sales" in rates and rates["retail_sales"] is not None:
            merged.pop("retail_sales_elasticity", None)
        if "retail_sales_elasticity" in rates and rates["retail_sales_elasticity"] is not None:
            merged.pop("retail_sales", None)
        return replace(self, rates=merged)

    def with_levels(self, **levels: float) -> "Scenario":
        """A new scenario with base levels overridden (亿元)."""
        return replace(self, levels={**self.levels, **levels})

    def with_end_year(self, end_year: int) -> "Scenario":
        """A new scenario projected to ``end_year``; paths longer than the horizon are cut."""
        end = self.check_end_year(end_year)
        n = end - self.base.year
        rates = {k: (r[:n] if isinstance(r, tuple) else r) for k, r in self.rates.items()}
        return replace(self, end_year=end, rates=rates)

    def renamed(self, name: str, *, title_zh: str | None = None,
                title_en: str | None = None) -> "Scenario":
        """A copy under another name."""
        return replace(self, name=name, title_zh=self.title_zh if title_zh is None else title_zh,
                       title_en=self.title_en if title_en is None else title_en)

    def to_dict(self) -> dict[str, Any]:
        """The scenario in the TOML file's layout."""
        doc: dict[str, Any] = {"name": self.name}
        for key in ("title_zh", "title_en", "description", "description_zh"):
            if getattr(self, key):
                doc[key] = getattr(self, key)
        doc["base"] = self.base.ref
        doc["end_year"] = self.end_year
        if self.notes:
            doc["notes"] = self.notes
        if self.levels:
            doc["levels"] = dict(self.levels)
        doc["rates"] = {k: (list(r) if isinstance(r, tuple) else r) for k, r in self.rates.items()}
        unc = self.uncertainty.to_dict()
        if unc:
            doc["uncertainty"] = unc
        return doc

    def to_toml(self) -> str:
        """The scenario as TOML text that :func:`load_scenario` reads back unchanged."""
        import tomli_w

        return tomli_w.dumps(self.to_dict())


def scenario_from_dict(doc: Mapping[str, Any], *, source: str = "<dict>", name: str | None = None,
                       base: Base | None = None, base_dir: str | Path | None = None,
                       allow_base_paths: bool = True,
                       extra_bases: Mapping[str, Base] | None = None,
                       end_year: int | None = None) -> Scenario:
    """Build a :class:`Scenario` from a parsed TOML document.

    Parameters
    ----------
    doc : Mapping
        The parsed document.
    source : str
        Name of the file, for messages.
    name : str, optional
        Name to use when the document has none.
    base : Base, optional
        Use this base instead of the one the document names. Rate paths then start the year
        after this base's year; a path longer than the horizon is cut, and an ``end_year``
        that does not lie after this base's year gives way to the default horizon (7 years).
    base_dir : str or Path, optional
        Folder that a relative base path is resolved against.
    allow_base_paths : bool
        If False, the document may name only a built-in base or one in ``extra_bases``
        (for uploads: a file must not make the server read its own files).
    extra_bases : Mapping[str, Base], optional
        Further bases the document may name, e.g. uploaded alongside it.
    end_year : int, optional
        Project to this year instead of the document's ``end_year``; longer paths are cut.

    Raises
    ------
    InputError
        Naming ``source``, the key and the allowed range.
    """
    try:
        v.table(doc, "(top level)")
        if "rates" not in doc and "levels" in doc and ("region" in doc or "year" in doc):
            raise InputError("missing: this is a base file, not a scenario; give it with "
                             "--base, or name it in a scenario's base key", key="rates")
        v.check_keys(doc, _TOP_KEYS, required=("rates",))
        replaced = base is not None
        if base is None:
            ref = v.text(doc.get("base", "xihu-2023"), "base")
            if extra_bases and ref in extra_bases:
                base = extra_bases[ref]
            elif not allow_base_paths:
                from .base import builtin_bases
                shipped = builtin_bases()
                if ref not in shipped:
                    allowed = sorted([*shipped, *(extra_bases or {})])
                    raise InputError(f"base {shown(ref)} is not available here"
                                     + did_you_mean(ref, allowed), key="base",
                                     allowed="one of " + ", ".join(allowed))
                base = load_base(ref)
            else:
                base = load_base(ref, relative_to=base_dir)
        else:
            ref = base.ref
        end = doc.get("end_year", DEFAULT_END_YEAR) if end_year is None else end_year
        if replaced and end_year is None and _is_int(end) and end <= base.year:
            end = base.year + (DEFAULT_END_YEAR - 2023)
        rates = v.table(doc["rates"], "rates")
        if (replaced or end_year is not None) and _is_int(end) and end > base.year:
            n = end - base.year
            rates = {k: (r[:n] if isinstance(r, list) else r) for k, r in rates.items()}
        return Scenario(
            name=doc.get("name", name or "scenario"),
            base=base, base_ref=str(ref), rates=rates,
            levels=v.table(doc.get("levels", {}), "levels"),
            end_year=end,
            title_zh=doc.get("title_zh", ""), title_en=doc.get("title_en", ""),
            description=doc.get("description", ""),
            description_zh=doc.get("description_zh", ""), notes=doc.get("notes", ""),
            uncertainty=v.table(doc.get("uncertainty", {}), "uncertainty"),
            source=source)
    except InputError as err:
        raise err.with_source(source) from None


def _is_int(x: Any) -> bool:
    return isinstance(x, int) and not isinstance(x, bool)


def parse_scenario(text: str | bytes, *, source: str = "<upload>",
                   max_bytes: int | None = None, **kwargs) -> Scenario:
    """Parse scenario TOML text (e.g. an upload); see :func:`scenario_from_dict`.

    The text is checked before it is parsed (:func:`sim.tomltext.parse_toml`: size, at most
    ``max_bytes`` bytes, default :data:`sim.tomltext.MAX_FILE_BYTES`, and shape), and parsed
    once.
    """
    size = {} if max_bytes is None else {"max_bytes": max_bytes}
    return scenario_from_dict(parse_toml(text, source=source, **size), source=source, **kwargs)


def load_scenario(path: str | Path, *, base: Base | str | Path | None = None,
                  end_year: int | None = None) -> Scenario:
    """Load a scenario file.

    Parameters
    ----------
    path : str or Path
        The TOML file, or the name of a shipped scenario (``"plan-2024"``). A file must be a
        regular file of at most :data:`sim.tomltext.MAX_FILE_BYTES` bytes (1 MiB).
    base : Base, str or Path, optional
        Replace the base the file names (a :class:`Base`, a built-in name or a path).
    end_year : int, optional
        Project to this year instead of the file's ``end_year``.

    Returns
    -------
    Scenario
    """
    from .catalog import shipped_scenarios

    p = Path(path)
    shipped = shipped_scenarios()
    if not p.suffix and str(path) in shipped:
        p = shipped[str(path)]
    elif not p.suffix and not p.exists():
        raise InputError(f"unknown scenario {shown(str(path))}"
                         + did_you_mean(str(path), shipped),
                         source=str(path), allowed="a .toml file or a shipped scenario: "
                         + ", ".join(shipped))
    doc = read_toml(p, what="scenario file")
    if isinstance(base, (str, Path)):
        base = load_base(base)
    return scenario_from_doc(doc, path=path, base=base, end_year=end_year)


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """``scenario`` itself, or the scenario :func:`load_scenario` reads from a shipped name or a
    file: what every function taking "a scenario or its name" is given."""
    return scenario if isinstance(scenario, Scenario) else load_scenario(scenario)


def scenario_from_doc(doc: Mapping[str, Any], *, path: str | Path, base: Base | None = None,
                      end_year: int | None = None) -> Scenario:
    """The scenario of a document read from the file ``path`` (:func:`load_scenario` once the
    file is read): named after the file, a relative base path taken from its folder.

    Raises
    ------
    InputError
        Naming ``path``; an ``end_year`` error names ``--until / end_year`` when ``end_year``
        is given.
    """
    p = Path(path)
    try:
        return scenario_from_dict(doc, source=str(path), name=p.stem, base=base,
                                  base_dir=p.parent, end_year=end_year)
    except InputError as err:
        if end_year is not None and err.key == "end_year":
            raise InputError(err.problem, source=str(path), key="--until / end_year",
                             allowed=err.allowed) from None
        raise
