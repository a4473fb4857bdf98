"""The indicators the model reports: id, unit, labels in Chinese and English, IAMC name."""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Indicator", "INDICATORS", "indicator", "extra_indicators"]

YUAN = "亿元"


@dataclass(frozen=True)
class Indicator:
    """One reported quantity.

    Parameters
    ----------
    id : str
        Column value in the tidy result, e.g. ``"gdp_real_growth"``.
    unit : str
        ``"亿元"``, ``"%"`` or ``"pp"``.
    en, zh : str
        Labels.
    iamc : str
        IAMC variable name, e.g. ``"Growth|GDP|Real"``. Levels, growth rates, shares, price
        changes and contributions have separate roots, so that no rate sits under a level
        that its children would be taken to add up to.
    basis : str
        ``"current prices"``, ``"real"``, ``"nominal"``, ``"base-year prices"`` or ``""``.
    """

    id: str
    unit: str
    en: str
    zh: str
    iamc: str
    basis: str = ""

    def label(self, lang: str = "en") -> str:
        """The label in ``lang`` (``"en"`` or ``"zh"``)."""
        return self.zh if lang == "zh" else self.en


_ROWS = [
    ("gdp", YUAN, "GDP", "地区生产总值", "GDP", "current prices"),
    ("services", YUAN, "Services value added", "服务业增加值", "Value Added|Services",
     "current prices"),
    ("non_services", YUAN, "Non-services value added (primary + secondary)",
     "非服务业增加值(一产+二产)", "Value Added|Non-Services", "current prices"),
    ("retail_sales", YUAN, "Retail sales of consumer goods", "社会消费品零售总额",
     "Retail Sales", "current prices"),
    ("rd_expenditure", YUAN, "R&D expenditure", "R&D经费支出", "Expenditure|R&D",
     "current prices"),
    ("rd_intensity", "%", "R&D intensity (% of GDP)", "R&D经费支出占GDP比重", "Share of GDP|R&D Expenditure", ""),
    ("gdp_constant_prices", YUAN, "GDP at base-year prices", "地区生产总值(基年价格)",
     "GDP at Base-Year Prices", "base-year prices"),
    ("gdp_real_growth", "%", "GDP growth (real)", "地区生产总值增速(可比价)",
     "Growth|GDP|Real", "real"),
    ("gdp_nominal_growth", "%", "GDP growth (nominal)", "地区生产总值增速(现价)",
     "Growth|GDP|Nominal", "nominal"),
    ("gdp_deflator", "%", "GDP deflator change", "GDP平减指数变动", "Price Change|GDP Deflator",
     ""),
    ("services_real_growth", "%", "Services growth (real)", "服务业增加值增速(可比价)",
     "Growth|Value Added|Services|Real", "real"),
    ("non_services_real_growth", "%", "Non-services growth (real)",
     "非服务业增加值增速(可比价)", "Growth|Value Added|Non-Services|Real", "real"),
    ("services_deflator", "%", "Services deflator change", "服务业价格指数变动",
     "Price Change|Services Deflator", ""),
    ("non_services_deflator", "%", "Non-services deflator change", "非服务业价格指数变动",
     "Price Change|Non-Services Deflator", ""),
    ("retail_sales_growth", "%", "Retail sales growth (nominal)", "社会消费品零售总额增速(现价)",
     "Growth|Retail Sales|Nominal", "nominal"),
    ("services_share", "%", "Services share of GDP", "服务业占GDP比重", "Share of GDP|Services",
     "current prices"),
    ("services_contribution", "pp", "Contribution of services to real GDP growth",
     "服务业对GDP增长的拉动", "Contribution to Real GDP Growth|Services", "real"),
    ("non_services_contribution", "pp", "Contribution of non-services to real GDP growth",
     "非服务业对GDP增长的拉动", "Contribution to Real GDP Growth|Non-Services", "real"),
]

INDICATORS: dict[str, Indicator] = {r[0]: Indicator(*r) for r in _ROWS}


def extra_indicators(name: str) -> tuple[Indicator, Indicator]:
    """The level and growth indicators of an extra base level called ``name``."""
    title = name.replace("_", " ")
    return (Indicator(name, YUAN, title, title, f"Extra|{name}", "current prices"),
            Indicator(f"{name}_growth", "%", f"{title} growth (nominal)",
                      f"{title} 增速(现价)", f"Growth|Extra|{name}|Nominal", "nominal"))


def indicator(ind_id: str) -> Indicator:
    """Look up an indicator by id, including extras (``<name>`` and ``<name>_growth``)."""
    if ind_id in INDICATORS:
        return INDICATORS[ind_id]
    if ind_id.endswith("_growth"):
        return extra_indicators(ind_id[: -len("_growth")])[1]
    return extra_indicators(ind_id)[0]
