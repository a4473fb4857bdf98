"""Limits per request: the most one request may ask of the app or the command line.

A shared server must refuse a request it cannot serve rather than run out of memory; a limit
passed is an :class:`~sim.errors.InputError` naming the option, the value and the allowed range.

===========================  =============================  ===============================  =======
limit                        command-line option            environment variable             default
===========================  =============================  ===============================  =======
``max_upload_bytes``         ``--max-upload-bytes``         ``SIM_MAX_UPLOAD_BYTES``         65,536
``max_horizon``              ``--max-horizon``              ``SIM_MAX_HORIZON``              27
``max_paths``                ``--max-paths``                ``SIM_MAX_PATHS``                100,000
``max_sobol_samples``        ``--max-sobol-samples``        ``SIM_MAX_SOBOL_SAMPLES``        16,384
``max_bootstrap_resamples``  ``--max-bootstrap-resamples``  ``SIM_MAX_BOOTSTRAP_RESAMPLES``  999
``max_grid``                 ``--max-grid``                 ``SIM_MAX_GRID``                 1,000
===========================  =============================  ===============================  =======

- ``max_upload_bytes``: size of an uploaded scenario file (bytes), and of the scenario a link
  carries once decompressed.
- ``max_horizon``: years projected after the base year by a Monte Carlo, a Sobol analysis, a
  goal-seek, a tornado or an attribution, and an uploaded scenario's ``end_year`` (27: 2023 →
  2050).
- ``max_paths``: Monte Carlo paths.
- ``max_sobol_samples``: Sobol base samples *n* (a power of 2; the model runs *n(d + 2)* times).
- ``max_bootstrap_resamples``: bootstrap resamples of the Sobol indices' intervals (the work is
  resamples × *n* × *d*: 999 resamples of 16,384 base samples take under a second).
- ``max_grid``: points of the goal-seek bracketing grid.

Memory. A Monte Carlo keeps (years + 1) × paths values per indicator it keeps (8 bytes each):
100,000 paths to 2050 are 22 MB per indicator, and the app and the command line keep only the
indicators they report or test against a target. Sobol analyses project their *n(d + 2)* runs
in blocks of *n*. The largest requests the defaults allow, measured by ``tests/test_limits.py``
with :mod:`tracemalloc`: a Monte Carlo of 100,000 paths to 2050 keeping all 18 indicators peaks
at about 0.65 GiB, Sobol indices with 16,384 base samples to 2050 at about 0.13 GiB, with 999
bootstrap resamples of them no more (a batch of resample counts takes about 25 MB). Memory
grows in proportion to paths × years: 200,000 paths to 2050 with every indicator pass 1 GiB.

Setting them. The environment variables apply to the app and to the command line; options
given on a command line override them:

.. code-block:: bash

    python -m sim mc plan-2024 --paths 1000000 --max-paths 1000000
    ./dev app -- --max-paths 200000 --max-horizon 40     # Streamlit passes args after --
    SIM_MAX_PATHS=200000 ./dev app

Within Python, the analyses take ``limits=`` (default None: only each function's own valid
ranges apply); :data:`DEFAULT_LIMITS` holds the defaults.
"""
from __future__ import annotations

import argparse
import operator
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import InputError

__all__ = ["Limits", "DEFAULT_LIMITS", "HARD", "option", "env_var", "from_env", "from_args",
           "add_arguments", "from_namespace", "parse_args"]

#: Valid range of each limit, with its unit in messages: a limit outside it is refused.
HARD: Mapping[str, tuple[int, int, str]] = {
    "max_upload_bytes": (1024, 2**20, "bytes"),     # Streamlit's server.maxUploadSize is 1 MB
    "max_horizon": (1, 100, "years after the base year"),
    "max_paths": (1, 50_000_000, "paths"),
    "max_sobol_samples": (2, 2**22, "base samples, a power of 2"),
    "max_bootstrap_resamples": (1, 1_000_000, "bootstrap resamples"),
    "max_grid": (2, 10_000, "grid points"),
}


def option(name: str) -> str:
    """The command-line option of limit ``name``: ``max_paths`` → ``--max-paths``."""
    return "--" + name.replace("_", "-")


def env_var(name: str) -> str:
    """The environment variable of limit ``name``: ``max_paths`` → ``SIM_MAX_PATHS``."""
    return "SIM_" + name.upper()


_HELP = {
    "max_upload_bytes": "largest uploaded scenario file, bytes",
    "max_horizon": "most years projected after the base year",
    "max_paths": "most Monte Carlo paths",
    "max_sobol_samples": "most Sobol base samples (a power of 2)",
    "max_bootstrap_resamples": "most bootstrap resamples of the Sobol indices",
    "max_grid": "most goal-seek grid points",
}


def _how(name: str) -> str:
    return f"raise the limit with {option(name)} or {env_var(name)}"


def _whole(value: Any) -> int | None:
    """``value`` as an int if it is a whole number (int or numpy integer, not bool), else None."""
    if isinstance(value, bool):
        return None
    try:
        return operator.index(value)
    except TypeError:
        return None


def _check_limit(name: str, value: Any, key: str) -> int:
    lo, hi, unit = HARD[name]
    value = _whole(value) if _whole(value) is not None else value
    if not isinstance(value, int) or isinstance(value, bool):
        raise InputError(f"must be a whole number, got {value!r}", key=key,
                         allowed=f"{lo:,} … {hi:,} {unit}")
    if not lo <= value <= hi:
        raise InputError(f"is {value:,}, out of range", key=key,
                         allowed=f"{lo:,} … {hi:,} {unit}")
    if name == "max_sobol_samples" and value & (value - 1):
        raise InputError(f"is {value:,}, not a power of 2", key=key,
                         allowed="a power of 2, e.g. 4,096, 16,384 or 65,536")
    return int(value)


@dataclass(frozen=True)
class Limits:
    """The most one request may ask (see the module docs for what each limit bounds).

    Parameters
    ----------
    max_upload_bytes : int
        Bytes of an uploaded scenario file (1,024 … 1 MiB, Streamlit's own upload limit in
        ``.streamlit/config.toml``; default 64 KiB).
    max_horizon : int
        Years projected after the base year (1 … 100; default 27, i.e. 2023 → 2050).
    max_paths : int
        Monte Carlo paths (1 … 50,000,000; default 100,000).
    max_sobol_samples : int
        Sobol base samples, a power of 2 (2 … 2^22; default 2^14 = 16,384).
    max_bootstrap_resamples : int
        Bootstrap resamples of the Sobol indices (1 … 1,000,000; default 999).
    max_grid : int
        Goal-seek grid points (2 … 10,000; default 1,000).

    Raises
    ------
    InputError
        For a limit that is not a whole number in its range, naming the field.
    """

    max_upload_bytes: int = 64 * 1024
    max_horizon: int = 27
    max_paths: int = 100_000
    max_sobol_samples: int = 2**14
    max_bootstrap_resamples: int = 999
    max_grid: int = 1_000

    def __post_init__(self):
        for f in fields(self):
            _check_limit(f.name, getattr(self, f.name), f.name)

    # -- checks of one request -------------------------------------------------------------------
    def _over(self, name: str, value: Any, key: str, *, lo: int, unit: str) -> None:
        hi = getattr(self, name)
        if _whole(value) is None:
            raise InputError(f"must be a whole number, got {value!r}", key=key,
                             allowed=f"{lo:,} … {hi:,} {unit}")
        value = _whole(value)
        if value < lo:
            raise InputError(f"is {value:,}, out of range", key=key,
                             allowed=f"{lo:,} … {hi:,} {unit}")
        if value > hi:
            raise InputError(f"is {value:,} {unit}, over the limit per request", key=key,
                             allowed=f"{lo:,} … {hi:,} {unit}; {_how(name)}")

    def check_paths(self, n_paths: Any, *, key: str = "n_paths") -> int:
        """``n_paths`` if it is 1 … :attr:`max_paths`, else an :class:`InputError`."""
        self._over("max_paths", n_paths, key, lo=1, unit="paths")
        return _whole(n_paths)

    def check_sobol_samples(self, n: Any, *, key: str = "n") -> int:
        """``n`` if it is 2 … :attr:`max_sobol_samples`, else an :class:`InputError` (whether
        it is a power of 2 is the analysis's check)."""
        self._over("max_sobol_samples", n, key, lo=2, unit="base samples")
        return _whole(n)

    def check_bootstrap_resamples(self, n_resamples: Any, *, key: str = "n_resamples") -> int:
        """``n_resamples`` if it is 1 … :attr:`max_bootstrap_resamples`, else an
        :class:`InputError`."""
        self._over("max_bootstrap_resamples", n_resamples, key, lo=1, unit="resamples")
        return _whole(n_resamples)

    def check_grid(self, grid: Any, *, key: str = "grid") -> int:
        """``grid`` if it is 2 … :attr:`max_grid`, else an :class:`InputError`."""
        self._over("max_grid", grid, key, lo=2, unit="grid points")
        return _whole(grid)

    def check_horizon(self, base_year: int, end_year: Any, *, key: str = "until") -> int:
        """``end_year`` if it is at most :attr:`max_horizon` years after ``base_year``.

        Years before or at the base year are left to the analysis's own check.
        """
        if _whole(end_year) is None:
            raise InputError(f"must be a year, got {end_year!r}", key=key,
                             allowed=f"{base_year + 1} … {base_year + self.max_horizon}")
        end_year = _whole(end_year)
        years = end_year - int(base_year)
        if years > self.max_horizon:
            raise InputError(
                f"is {end_year}, {years} years after the base year {base_year}, over the limit "
                "per request", key=key,
                allowed=f"{base_year + 1} … {base_year + self.max_horizon}, at most "
                        f"{self.max_horizon} years; {_how('max_horizon')}")
        return int(end_year)

    def check_upload(self, n_bytes: int, *, source: str) -> None:
        """Refuse a file of more than :attr:`max_upload_bytes` bytes."""
        hi = self.max_upload_bytes
        if n_bytes > hi:
            raise InputError(f"is {n_bytes:,} bytes, too large for a scenario file",
                             source=source, allowed=f"up to {hi:,} bytes ({hi // 1024} KB)")


#: The defaults, suited to a shared server.
DEFAULT_LIMITS = Limits()


def _parse_int(text: str, name: str, key: str) -> int:
    try:
        value = int(str(text).strip())
    except ValueError:
        lo, hi, unit = HARD[name]
        raise InputError(f"is {str(text)[:40]!r}, not a whole number", key=key,
                         allowed=f"{lo:,} … {hi:,} {unit}") from None
    return _check_limit(name, value, key)


def from_env(environ: Mapping[str, str] | None = None, *,
             base: Limits = DEFAULT_LIMITS) -> Limits:
    """``base`` with every limit whose ``SIM_MAX_*`` variable is set in ``environ``.

    Parameters
    ----------
    environ : Mapping[str, str], optional
        Default :data:`os.environ`. Empty values are ignored.
    base : Limits

    Raises
    ------
    InputError
        Naming the variable, for a value that is not a whole number in the limit's range.
    """
    environ = os.environ if environ is None else environ
    values = {}
    for f in fields(Limits):
        text = environ.get(env_var(f.name), "")
        if text.strip():
            values[f.name] = _parse_int(text, f.name, env_var(f.name))
    return replace(base, **values)


def add_arguments(parser: argparse.ArgumentParser, names: Iterable[str] | None = None) -> None:
    """Add the ``--max-*`` options of ``names`` (default all limits) to ``parser``."""
    names = [f.name for f in fields(Limits)] if names is None else list(names)
    for name in names:
        default = getattr(DEFAULT_LIMITS, name)
        parser.add_argument(option(name), dest=name, metavar="N", default=None,
                            help=f"{_HELP[name]} per request (default {default:,}, or "
                                 f"{env_var(name)})")


def from_namespace(args: argparse.Namespace, *, base: Limits) -> Limits:
    """``base`` with the ``--max-*`` options given in ``args`` (text, as argparse left them)."""
    values = {}
    for f in fields(Limits):
        text = getattr(args, f.name, None)
        if text is not None:
            values[f.name] = _parse_int(text, f.name, option(f.name))
    return replace(base, **values)


def from_args(args: argparse.Namespace, environ: Mapping[str, str] | None = None) -> Limits:
    """The limits of a command: the environment (:func:`from_env`), then the options."""
    return from_namespace(args, base=from_env(environ))


def parse_args(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> Limits:
    """The limits given as ``--max-*`` arguments (e.g. the app's ``sys.argv[1:]``) over the
    environment.

    Raises
    ------
    InputError
        For an unknown argument or a bad value, naming it.
    """

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str):  # noqa: D401 - argparse API
            raise InputError(message, allowed="; ".join(option(f.name) + " N"
                                                        for f in fields(Limits)))

    p = _Parser(prog="app.py", add_help=False, allow_abbrev=False)
    add_arguments(p)
    return from_args(p.parse_args(list(argv)), environ)
