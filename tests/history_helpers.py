"""History frames built by hand for the backtest and calibration tests: the tidy rows of
``sim.history.history_frame`` (indicator, year, value, unit, source, kind)."""
import pandas as pd

#: Indicators that are levels (亿元); every other is a rate (%).
LEVELS = {"gdp", "retail_sales", "services", "non_services", "a", "b", "c", "primary",
          "secondary", "tertiary", "industry_above_size", "fixed_asset_investment",
          "budget_revenue"}


def frame(data: dict, kinds: dict | None = None) -> pd.DataFrame:
    """A history frame from ``{indicator: {year: value}}``; levels in 亿元, the rest in %."""
    kinds = kinds or {}
    rows = [{"indicator": ind, "year": y, "value": float(x),
             "unit": "亿元" if ind in LEVELS else "%", "source": "test",
             "kind": kinds.get((ind, y), kinds.get(ind, "published"))}
            for ind, by_year in data.items() for y, x in by_year.items()]
    return pd.DataFrame(rows)


def economy(years, real: dict, deflator: dict, retail: dict, levels=(900.0, 100.0),
            retail0=500.0) -> dict:
    """Two sectors a, b grown by hand: levels, shares, real growth chained with last year's
    nominal shares, deflators, and retail sales. ``real[s][year]`` etc. for each year after
    the first."""
    X = {"a": {years[0]: levels[0]}, "b": {years[0]: levels[1]}}
    R = {years[0]: retail0}
    gdp_real = {}
    for prev, y in zip(years[:-1], years[1:]):
        total = X["a"][prev] + X["b"][prev]
        gdp_real[y] = sum(X[s][prev] / total * real[s][y] for s in "ab")
        for s in "ab":
            X[s][y] = X[s][prev] * (1 + real[s][y] / 100) * (1 + deflator[s][y] / 100)
        R[y] = R[prev] * (1 + retail[y] / 100)
    gdp = {y: X["a"][y] + X["b"][y] for y in years}
    out = {"gdp": gdp, "gdp_real_growth": gdp_real, "a": X["a"], "b": X["b"],
           "retail_sales": R, "retail_sales_growth": {y: retail[y] for y in years[1:]}}
    for s in "ab":
        out[f"{s}_share"] = {y: 100 * X[s][y] / gdp[y] for y in years}
        out[f"{s}_real_growth"] = {y: real[s][y] for y in years[1:]}
        out[f"{s}_deflator"] = {y: deflator[s][y] for y in years[1:]}
    return out


YEARS = list(range(2016, 2024))


def steady(rise_from: int | None = None) -> dict:
    """Sector a growing 6 %, b 2 % and retail sales 5 % a year at flat prices, every rate
    1 pp higher from the year ``rise_from``."""
    up = {y: 1.0 if rise_from is not None and y >= rise_from else 0.0 for y in YEARS[1:]}
    real = {"a": {y: 6.0 + up[y] for y in YEARS[1:]}, "b": {y: 2.0 + up[y] for y in YEARS[1:]}}
    flat = {"a": dict.fromkeys(YEARS[1:], 0.0), "b": dict.fromkeys(YEARS[1:], 0.0)}
    retail = {y: 5.0 + up[y] for y in YEARS[1:]}
    return economy(YEARS, real, flat, retail)
