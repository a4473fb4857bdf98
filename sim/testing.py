"""Helpers for tests and notebooks that compare results."""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["assert_results_close"]


def assert_results_close(actual: "pd.DataFrame", expected: "pd.DataFrame", *,
                         rtol: float = 1e-12, atol: float = 0.0) -> None:
    """Assert two tidy result frames hold the same rows and values.

    Rows are matched on (scenario, indicator, year); units must agree; values must agree to
    ``rtol`` / ``atol``.

    Raises
    ------
    AssertionError
        Naming the first rows that differ.
    """
    import numpy as np

    key = ["scenario", "indicator", "year"]
    a = actual.set_index(key).sort_index()
    e = expected.set_index(key).sort_index()
    missing = e.index.difference(a.index)
    extra = a.index.difference(e.index)
    if len(missing) or len(extra):
        raise AssertionError(f"rows differ: missing {list(missing[:5])}, extra {list(extra[:5])}")
    units = a["unit"] != e["unit"]
    if units.any():
        raise AssertionError(f"units differ at {list(a.index[units][:5])}")
    close = np.isclose(a["value"], e["value"], rtol=rtol, atol=atol)
    if not close.all():
        bad = a.index[~close][:5]
        rows = [(k, a.loc[k, "value"], e.loc[k, "value"]) for k in bad]
        raise AssertionError(f"values differ (actual, expected): {rows}")
