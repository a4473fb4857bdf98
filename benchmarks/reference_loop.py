"""Reference: the projection written as a plain Python loop over parameter sets and years.

Used only to measure how much the vectorized core (sim.model.project_paths) gains; it computes
the same indicators from the same equations, one path at a time, with Python floats.
"""
from __future__ import annotations


def project_one(gdp0, s0, r0, gs, gn, ps, pn, rr, ri):
    """One path: lists of rates in % per year → dict of lists per indicator."""
    s, n, r = s0, gdp0 - s0, r0
    y = s + n
    out = {k: [] for k in ("gdp", "services", "non_services", "retail_sales", "gdp_real_growth",
                           "gdp_nominal_growth", "gdp_deflator", "services_share",
                           "services_contribution", "non_services_contribution",
                           "rd_expenditure", "gdp_constant_prices")}
    real_level = y
    for t in range(len(gs)):
        w = s / y
        s_new = s * (1 + gs[t] / 100) * (1 + ps[t] / 100)
        n_new = n * (1 + gn[t] / 100) * (1 + pn[t] / 100)
        y_new = s_new + n_new
        cs, cn = w * gs[t], (1 - w) * gn[t]
        real = (cs + cn) / 100
        nominal = y_new / y - 1
        r = r * (1 + rr[t] / 100)
        real_level *= 1 + real
        s, n, y = s_new, n_new, y_new
        out["gdp"].append(y)
        out["services"].append(s)
        out["non_services"].append(n)
        out["retail_sales"].append(r)
        out["gdp_real_growth"].append(100 * real)
        out["gdp_nominal_growth"].append(100 * nominal)
        out["gdp_deflator"].append(100 * ((1 + nominal) / (1 + real) - 1))
        out["services_share"].append(100 * s / y)
        out["services_contribution"].append(cs)
        out["non_services_contribution"].append(cn)
        out["rd_expenditure"].append(ri[t] / 100 * y)
        out["gdp_constant_prices"].append(real_level)
    return out


def project_loop(levels, rates):
    """Every path, one after another. ``rates`` arrays of shape (P, T) as nested lists."""
    gdp0, s0, r0 = levels
    return [project_one(gdp0, s0, r0, *(rates[k][i] for k in
                                        ("services_real", "non_services_real",
                                         "services_deflator", "non_services_deflator",
                                         "retail_sales", "rd_intensity")))
            for i in range(len(rates["services_real"]))]
