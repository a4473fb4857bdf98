"""The district's 2024 plan targets, in one place, and the check of results against them.

Each target keeps its source sentence. Targets whose indicator the model computes (GDP growth,
R&D intensity) are checked for every scenario; the others are checked once a base supplies
the extra level or the indicator beside GDP (``[indicators]``: the counts of market entities
and firms) they need, and are reported as not evaluable until then.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["Target", "PLAN_2024", "PLAN_REGION", "check_targets", "TOLERANCE"]

#: The district whose plan :data:`PLAN_2024` is.
PLAN_REGION = "西湖区"

#: Numerical slack for "at least" targets, in the indicator's unit.
TOLERANCE = 1e-9


@dataclass(frozen=True)
class Target:
    """A quantitative plan target.

    Parameters
    ----------
    id : str
        Stable id, e.g. ``"gdp_growth"``.
    indicator : str
        The result indicator it applies to (an extra level's id where the base must supply it).
    year : int
        The year it is for.
    op : str
        ``">="`` (实现/增长: at least) or ``">"`` (超/突破: more than).
    value : float
        The threshold, in ``unit``.
    unit : str
        ``"%"``, ``"亿元"`` or a count unit (``"户"``, ``"家"``).
    en, zh : str
        What it says.
    quote : str
        The source sentence.
    needs : str
        What a base must supply for the model to evaluate it ("" when the model always can).
    """

    id: str
    indicator: str
    year: int
    op: str
    value: float
    unit: str
    en: str
    zh: str
    quote: str
    needs: str = ""

    def met(self, x):
        """Whether ``x`` (scalar or array) meets the target."""
        x = np.asarray(x, dtype=float)
        return x >= self.value - TOLERANCE if self.op == ">=" else x > self.value

    def label(self, lang: str = "en") -> str:
        return self.zh if lang == "zh" else self.en


PLAN_2024: tuple[Target, ...] = (
    Target("gdp_growth", "gdp_real_growth", 2024, ">=", 5.5, "%",
           "GDP growth 5.5% (real)", "地区生产总值增长5.5%", "实现地区生产总值增长5.5%"),
    Target("rd_intensity", "rd_intensity", 2024, ">", 4.4, "%",
           "R&D expenditure above 4.4% of GDP", "全社会R&D经费支出占比超4.4%",
           "全社会R&D经费支出占比超4.4%"),
    Target("digital_core_growth", "digital_core_growth", 2024, ">=", 6.0, "%",
           "Digital-economy core industries' value added +6%", "数字经济核心产业增加值增长6%",
           "数字经济核心产业增加值增长6%",
           needs="an extra level digital_core (亿元) in the base and its rate in the scenario"),
    Target("ic_output", "ic_output", 2024, ">=", 22.0, "亿元",
           "Integrated-circuit output at least 22亿元", "集成电路产值22亿元以上",
           "实现集成电路产值22亿元以上",
           needs="an extra level ic_output (亿元) in the base and its rate in the scenario"),
    Target("industrial_funds", "industrial_funds", 2024, ">=", 100.0, "亿元",
           "Industrial fund cluster of 100亿元", "产业基金群总规模增加至100亿元",
           "产业基金群总规模增加至100亿元",
           needs="an extra level industrial_funds (亿元) in the base and its rate in the scenario"),
    # counts (sim.side_indicators): "突破" is a lower bound, "新增" the additions in the year
    Target("market_entities", "market_entities", 2024, ">", 170_000.0, "户",
           "Market entities above 170,000", "市场经营主体总量突破17万户",
           "市场经营主体总量突破17万户、企业总量突破11万户",
           needs="indicators.market_entities (户, its 2023 level) in the base and its growth "
                 "or additions in the scenario"),
    Target("enterprises", "enterprises", 2024, ">", 110_000.0, "户",
           "Enterprises above 110,000", "企业总量突破11万户",
           "市场经营主体总量突破17万户、企业总量突破11万户",
           needs="indicators.enterprises (户, its 2023 level) in the base and its growth or "
                 "additions in the scenario"),
    Target("high_tech_additions", "high_tech_enterprises_additions", 2024, ">=", 200.0, "家",
           "200 new national high-tech enterprises", "新增国家高新技术企业200家",
           "新增国家高新技术企业200家、省科技型中小企业800家",
           needs="indicators.high_tech_enterprises (家, its 2023 level) in the base and its "
                 "growth or additions in the scenario"),
    Target("tech_smes_additions", "tech_smes_additions", 2024, ">=", 800.0, "家",
           "800 new provincial tech SMEs", "新增省科技型中小企业800家",
           "新增国家高新技术企业200家、省科技型中小企业800家",
           needs="indicators.tech_smes (家, its 2023 level) in the base and its growth or "
                 "additions in the scenario"),
)


def check_targets(frame: "pd.DataFrame", targets=PLAN_2024) -> "pd.DataFrame":
    """Check every scenario in a tidy result frame against each target.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results (``scenario, indicator, year, value, unit``).
    targets : sequence of Target
        Default: the 2024 plan.

    Returns
    -------
    pandas.DataFrame
        One row per scenario and target: ``scenario, target, indicator, year, op, required,
        value, unit, status, margin`` where status is ``"met"``, ``"missed"`` or
        ``"not evaluable"`` and margin = value − required.
    """
    import pandas as pd

    rows = []
    keys = zip(frame["scenario"].tolist(), frame["indicator"].tolist(),
               frame["year"].astype(int).tolist())
    lookup = dict(zip(keys, frame["value"].astype(float).tolist()))
    for scen in frame["scenario"].unique():
        for t in targets:
            key = (scen, t.indicator, t.year)
            if key in lookup:
                x = lookup[key]
                status = "met" if bool(t.met(x)) else "missed"
                margin = x - t.value
            else:
                x, status, margin = float("nan"), "not evaluable", float("nan")
            rows.append({"scenario": scen, "target": t.id, "indicator": t.indicator,
                         "year": t.year, "op": t.op, "required": t.value, "value": x,
                         "unit": t.unit, "status": status, "margin": margin})
    return pd.DataFrame(rows)
