"""The uncertainty a scenario names: its spec, validated by itself.

A scenario's optional ``[uncertainty]`` table (see :mod:`sim.scenario`) gives, per uncertain
rate, a standard deviation and a balance of risks, the year-to-year persistence of the shocks
and correlations between pairs of rates::

    [uncertainty]
    persistence = 0.5
    correlation = [["services_real", "non_services_real", 0.5]]
    basis = "estimated from …"  # optional: where the numbers come from, shown with results
    from = "file"               # optional: "history" takes the sds from the base's history
    [uncertainty.services_real]
    sd = 1.0                    # pp, every projected year; or a path by horizon,
    skew = 0.0                  # sd = [1.0, 1.6, 2.1]: the 1st, 2nd, 3rd… year, last continuing
    basis = "…"                 # optional: where this rate's sd comes from (instead of basis)

A path lets the spread grow with the horizon as past forecast errors do (see
:mod:`sim.calibrate`). ``from = "history"`` takes each rate's sd path, and the persistence,
from the calibration of the base's history (:func:`sim.calibrate.calibrate`) wherever it
gives one; the numbers of this table stay for the rest (see
:func:`sim.analysis.shocks.effective_uncertainty`, which resolves it).

:class:`Uncertainty` holds these values and owns their checks: :meth:`Uncertainty.from_dict`
reads the table, :meth:`Uncertainty.validated` checks the values against a scenario's rate names
(one pass, one message per fault), and :func:`correlation_matrix` builds the correlation matrix
:math:`C` of the shocks' innovations and refuses one that is not positive semi-definite. How the
Monte Carlo draws from a spec is :mod:`sim.analysis.shocks`.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from . import validation as v
from .side_indicators import sd_range
from .errors import InputError, did_you_mean, shown

__all__ = ["Uncertainty", "correlation_matrix", "sd_by_year", "sd_text", "SD", "SKEW",
           "PERSISTENCE", "CORRELATION", "MAX_SD_PATH", "ORIGINS"]

SD = v.Range(0.0, 50.0, "pp")
SKEW = v.Range(-0.99, 0.99, "(two-piece normal balance)")
PERSISTENCE = v.Range(0.0, 0.99, "(year-to-year correlation of shocks)")
CORRELATION = v.Range(-1.0, 1.0, "")
#: Most values of an sd path (one per projected year): the longest horizon.
MAX_SD_PATH = v.MAX_HORIZON
_SD_ALLOWED = (f"a number in {SD}, or a list of 1 … {MAX_SD_PATH} such numbers, one per "
               "projected year (the last continuing)")

#: Where a spec's numbers are taken from (``from`` in the file): ``"file"``, the numbers it
#: gives (or the defaults); ``"history"``, the calibration of the base's history where it gives
#: a number, the spec's own numbers for the rest.
ORIGINS = ("file", "history")

#: A standard deviation: one number for every projected year, or one per year (pp).
SdSpec = float | tuple[float, ...]

_PAIR = "[rate, rate, correlation]"


@dataclass(frozen=True)
class Uncertainty:
    """Uncertainty named by a scenario, for the Monte Carlo.

    Parameters
    ----------
    sd : Mapping[str, float or tuple of float]
        Standard deviation of each uncertain rate, pp (a buoyancy or elasticity: a ratio; a
        count's additions: per year): one number for every projected year, or a path by
        horizon (the 1st, 2nd … projected year; the last value continues, a path longer than
        the projection is cut).
    skew : Mapping[str, float]
        Balance of risks of each rate in (-1, 1): 0 symmetric, positive skewed up (two-piece
        normal).
    persistence : float
        Year-to-year correlation of the shocks, in [0, 1).
    correlation : tuple of (str, str, float)
        Correlations between the shocks of pairs of rates.
    basis : str
        Where the numbers come from (e.g. "estimated from the backtest errors of 2019–2023"),
        shown with every result that uses them; empty: they are the file's assumptions.
    sd_basis : Mapping[str, str]
        Where one rate's sd comes from, instead of ``basis`` for that rate (``basis`` in the
        rate's table).
    origin : str
        ``"file"`` (default): use these numbers; ``"history"``: take each rate's sd path and the
        persistence from the calibration of the base's history where it gives one, these
        numbers for the rest (:data:`ORIGINS`; ``from`` in the file).

    Notes
    -----
    Construction only stores the values; :meth:`validated` checks them against the rates of a
    scenario (a scenario does so when it is built, the Monte Carlo when it is given one).
    """

    sd: Mapping[str, SdSpec] = field(default_factory=dict)
    skew: Mapping[str, float] = field(default_factory=dict)
    persistence: float = 0.0
    correlation: tuple[tuple[str, str, float], ...] = ()
    basis: str = ""
    sd_basis: Mapping[str, str] = field(default_factory=dict)
    origin: str = "file"

    def __post_init__(self):
        object.__setattr__(self, "sd", v.frozen(
            {k: tuple(x) if isinstance(x, list) else x for k, x in self.sd.items()}
            if isinstance(self.sd, Mapping) else self.sd))
        object.__setattr__(self, "skew", v.frozen(self.skew))
        object.__setattr__(self, "sd_basis", v.frozen(self.sd_basis)
                           if isinstance(self.sd_basis, Mapping) else self.sd_basis)
        object.__setattr__(self, "correlation", tuple(
            tuple(c) if isinstance(c, (list, tuple)) else c for c in self.correlation))

    @classmethod
    def from_dict(cls, doc: Mapping[str, Any], rate_names: Sequence[str]) -> "Uncertainty":
        """Read a scenario's ``[uncertainty]`` table and validate it (:meth:`validated`).

        Parameters
        ----------
        doc : Mapping
            The parsed table: ``persistence``, ``correlation``, ``basis``, ``from``
            (:data:`ORIGINS`) and one table per rate with ``sd`` (pp: a number, or a list by
            projected year), ``skew`` and ``basis``.
        rate_names : sequence of str
            The rates of the scenario.

        Raises
        ------
        InputError
            Naming the key (``uncertainty.…``) and the allowed keys or range.
        """
        sd, skew, sd_basis, corr = {}, {}, {}, ()
        persistence: Any = 0.0
        basis: Any = ""
        origin: Any = "file"
        names = list(rate_names)
        allowed = ["persistence", "correlation", *names, "basis", "from"]
        for key, val in v.table(doc, "uncertainty").items():
            k = f"uncertainty.{key}"
            if key == "persistence":
                persistence = val
            elif key == "basis":
                basis = val
            elif key == "from":
                origin = val
            elif key == "correlation":
                if not isinstance(val, list):
                    raise InputError(f"must be a list of {_PAIR}", key=k)
                corr = tuple(val)
            elif key in names:
                entry = v.table(val, k)
                v.check_keys(entry, ("sd", "skew", "basis"), prefix=k + ".")
                if "sd" in entry:
                    sd[key] = entry["sd"]
                if "skew" in entry:
                    skew[key] = entry["skew"]
                if "basis" in entry:
                    sd_basis[key] = entry["basis"]
            else:
                raise InputError("unknown key" + did_you_mean(str(key), allowed), key=k,
                                 allowed=", ".join(allowed))
        return cls(sd=sd, skew=skew, persistence=persistence, correlation=corr, basis=basis,
                   sd_basis=sd_basis, origin=origin).validated(names)

    def validated(self, rate_names: Sequence[str]) -> "Uncertainty":
        """This spec with its numbers as floats, checked against a scenario's rate names.

        Parameters
        ----------
        rate_names : sequence of str
            The rates of the scenario.

        Returns
        -------
        Uncertainty

        Raises
        ------
        InputError
            Naming the key and the allowed range, for an unknown rate, a negative or too large
            standard deviation (or one value of an sd path, or a path that is empty or longer
            than :data:`MAX_SD_PATH`), a skew outside (-1, 1), a persistence outside [0, 0.99],
            a basis that is not text (or one for a rate without an sd), an origin not in
            :data:`ORIGINS`, or a correlation refused by :func:`correlation_matrix`.
        """
        names = list(rate_names)
        parts = {}
        for part, allowed in (("sd", SD), ("skew", SKEW)):
            checked = {}
            for k, x in getattr(self, part).items():
                key = f"uncertainty.{k}.{part}"
                if k not in names:
                    raise InputError("names an unknown rate" + did_you_mean(k, names), key=key,
                                     allowed=", ".join(names))
                # additions of a count per year have their own unit
                allowed_k = sd_range(k, allowed) if part == "sd" else allowed
                if part == "sd" and isinstance(x, (list, tuple)):
                    checked[k] = _sd_path(x, key, allowed_k)
                else:
                    checked[k] = v.number(x, key, allowed_k)
            parts[part] = checked
        persistence = v.number(self.persistence, "uncertainty.persistence", PERSISTENCE)
        basis = v.text(self.basis, "uncertainty.basis")
        if not isinstance(self.sd_basis, Mapping):
            raise InputError("must be a table of texts by rate", key="uncertainty.sd_basis")
        sd_basis = {}
        for k, x in self.sd_basis.items():
            key = f"uncertainty.{k}.basis"
            if k not in names:
                raise InputError("names an unknown rate" + did_you_mean(str(k), names), key=key,
                                 allowed=", ".join(names))
            if k not in parts["sd"]:
                raise InputError("says where an sd comes from, but the rate has no sd", key=key,
                                 allowed=f"a basis beside uncertainty.{k}.sd")
            sd_basis[k] = v.text(x, key)
        origin = v.text(self.origin, "uncertainty.from")
        if origin not in ORIGINS:
            raise InputError(f"is {shown(origin)}" + did_you_mean(origin, ORIGINS),
                             key="uncertainty.from",
                             allowed='"file" (the numbers of this table, or the defaults) or '
                                     '"history" (the sds of the base\'s history where it gives '
                                     'them)')
        correlation_matrix(self, names)
        return Uncertainty(sd=parts["sd"], skew=parts["skew"], persistence=persistence,
                           correlation=tuple((a, b, float(rho)) for a, b, rho in self.correlation),
                           basis=basis, sd_basis=sd_basis, origin=origin)

    def uncertain(self) -> dict[str, SdSpec]:
        """The rates with a positive standard deviation in some year, and their sd."""
        return {k: x for k, x in self.sd.items()
                if (max(x) if isinstance(x, tuple) else x) > 0}

    def to_dict(self) -> dict[str, Any]:
        """The spec in the layout of a scenario's ``[uncertainty]`` table."""
        doc: dict[str, Any] = {}
        if self.persistence:
            doc["persistence"] = self.persistence
        if self.correlation:
            doc["correlation"] = [list(c) for c in self.correlation]
        if self.basis:
            doc["basis"] = self.basis
        if self.origin != "file":
            doc["from"] = self.origin
        for name in sorted(set(self.sd) | set(self.skew)):
            entry = {}
            if name in self.sd:
                sd = self.sd[name]
                entry["sd"] = list(sd) if isinstance(sd, tuple) else sd
            if name in self.skew:
                entry["skew"] = self.skew[name]
            if name in self.sd_basis:
                entry["basis"] = self.sd_basis[name]
            doc[name] = entry
        return doc


def _sd_path(values, key: str, allowed: v.Range = SD) -> tuple[float, ...]:
    """An sd path checked: 1 … :data:`MAX_SD_PATH` numbers, each in ``allowed`` (default
    :data:`SD`)."""
    if not 1 <= len(values) <= MAX_SD_PATH:
        raise InputError(f"is a path of {len(values)} values", key=key, allowed=_SD_ALLOWED)
    return tuple(v.number(x, f"{key}[{i}]", allowed) for i, x in enumerate(values))


def sd_by_year(sd: SdSpec, n_years: int) -> np.ndarray:
    """The standard deviation for each of ``n_years`` projected years, shape (n_years,).

    Parameters
    ----------
    sd : float or tuple of float
        One number for every year, or a path by horizon (pp) whose last value continues; a
        path longer than ``n_years`` is cut.
    n_years : int
        Projected years.
    """
    path = np.atleast_1d(np.asarray(sd, dtype=float))
    out = np.empty(n_years)
    m = min(len(path), n_years)
    out[:m] = path[:m]
    out[m:] = path[-1]
    return out


def sd_text(sd: SdSpec, first_year: int, unit: str = " pp") -> str:
    """An sd as results state it: ``"1 pp"``, or by year for a path,
    ``"1 pp in 2024, 2 pp in 2025 and after"``."""
    if not isinstance(sd, tuple):
        return f"{sd:g}{unit}"
    if len(sd) == 1:
        return f"{sd[0]:g}{unit}"
    parts = [f"{x:g}{unit} in {first_year + i}" for i, x in enumerate(sd)]
    return ", ".join(parts) + " and after"


def correlation_matrix(unc: Uncertainty, names: Sequence[str]) -> np.ndarray:
    """The correlation matrix :math:`C` of the shocks' innovations over ``names``, checked.

    Parameters
    ----------
    unc : Uncertainty
        Its ``correlation`` pairs (rate, rate, rho); unnamed pairs are 0.
    names : sequence of str
        Rates, in the order of the rows.

    Returns
    -------
    ndarray, shape (k, k)

    Raises
    ------
    InputError
        If a pair is not (rate, rate, correlation), names an unknown rate or a rate with itself,
        is given twice with different values, is outside [-1, 1], or if the matrix is not
        positive semi-definite (its smallest eigenvalue is reported).
    """
    names = list(names)
    idx = {k: i for i, k in enumerate(names)}
    c = np.eye(len(names))
    key = "uncertainty.correlation"
    for n, item in enumerate(unc.correlation):
        k = f"{key}[{n}]"
        if not (isinstance(item, tuple) and len(item) == 3):
            raise InputError(f"must be {_PAIR}", key=k)
        a, b = (v.text(x, k) for x in item[:2])
        for name in (a, b):
            if name not in idx:
                raise InputError(f"names unknown rate {shown(name)}" + did_you_mean(name, names),
                                 key=k, allowed=", ".join(names))
        if a == b:
            raise InputError("pairs a rate with itself", key=k, allowed="two different rates")
        rho = v.number(item[2], k, CORRELATION)
        i, j = idx[a], idx[b]
        if c[i, j] != 0.0 and c[i, j] != rho:
            raise InputError(f"gives {a}–{b} a second value ({c[i, j]:g}, then {rho:g})", key=k,
                             allowed="each pair once")
        c[i, j] = c[j, i] = rho
    if len(names):
        smallest = float(np.linalg.eigvalsh(c)[0])
        if smallest < -1e-10:
            raise InputError(
                f"the correlations do not form a positive semi-definite matrix (smallest "
                f"eigenvalue {smallest:.3g}), so no joint distribution has them", key=key,
                allowed="correlations that are mutually consistent, e.g. if a–b and b–c are "
                        "both strongly positive, a–c cannot be strongly negative")
    return c
