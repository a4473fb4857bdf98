"""The indicators the model reports: id, unit, labels in Chinese and English, IAMC name.

GDP's own indicators are listed here; the indicators beside GDP (fiscal revenue, fixed-asset
investment, population, counts of firms) come from their registry, :mod:`sim.side_indicators`.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .side_indicators import output_rows as _side_rows

__all__ = ["Indicator", "INDICATORS", "BESIDE_GDP", "indicator", "extra_indicators",
           "sector_indicator", "sector_label", "SECTOR_LABELS"]

YUAN = "亿元"


@dataclass(frozen=True)
class Indicator:
    """One reported quantity.

    Parameters
    ----------
    id : str
        Column value in the tidy result, e.g. ``"gdp_real_growth"``.
    unit : str
        ``"亿元"``, ``"%"`` or ``"pp"``; beside GDP also ``"万人"``, ``"元"``, ``"户"``, ``"家"``.
    en, zh : str
        Labels.
    iamc : str
        IAMC variable name, e.g. ``"Growth|GDP|Real"``. Levels, growth rates, shares, price
        changes and contributions have separate roots, so that no rate sits under a level
        that its children would be taken to add up to.
    basis : str
        ``"current prices"``, ``"real"``, ``"nominal"``, ``"base-year prices"``,
        ``"year-end"`` (a population or a count) or ``""``.
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

#: GDP's own indicators, which every projection of a base without sectors reports.
INDICATORS: dict[str, Indicator] = {r[0]: Indicator(*r) for r in _ROWS}
#: The indicators beside GDP, reported only for a base that carries them (its
#: ``[indicators]``), in the order of :data:`sim.side_indicators.SIDE_INDICATORS`.
BESIDE_GDP: dict[str, Indicator] = {r[0]: Indicator(*r) for r in _side_rows()}


#: Labels (English, Chinese) of the sectors of official statistics, by their usual ids.
SECTOR_LABELS: dict[str, tuple[str, str]] = {
    "primary": ("Primary industry", "第一产业"),
    "secondary": ("Secondary industry", "第二产业"),
    "tertiary": ("Tertiary industry", "第三产业"),
    "industry": ("Industry", "工业"),
    "construction": ("Construction", "建筑业"),
    "services": ("Services", "服务业"),
}
# suffix → unit, English label, Chinese label, IAMC name, basis ({en}, {zh}: the sector's)
_SECTOR_ROWS = {
    "_contribution_rate": ("%", "Contribution rate of {en} to real GDP growth", "{zh}对GDP增长的贡献率",
                           "Contribution Rate to Real GDP Growth|{iamc}", "real"),
    "_contribution": ("pp", "Contribution of {en} to real GDP growth", "{zh}对GDP增长的拉动",
                      "Contribution to Real GDP Growth|{iamc}", "real"),
    "_real_growth": ("%", "{En} growth (real)", "{zh}增加值增速(可比价)",
                     "Growth|Value Added|{iamc}|Real", "real"),
    "_deflator": ("%", "{En} deflator change", "{zh}价格指数变动",
                  "Price Change|{iamc} Deflator", ""),
    "_share": ("%", "{En} share of GDP", "{zh}占GDP比重", "Share of GDP|{iamc}",
               "current prices"),
    "": (YUAN, "{En} value added", "{zh}增加值", "Value Added|{iamc}", "current prices"),
}
#: Suffixes that only a sector's indicators carry.
SECTOR_ONLY_SUFFIXES = ("_contribution_rate", "_contribution", "_real_growth", "_deflator")


def sector_label(sector: str, lang: str = "en",
                 names: Mapping[str, tuple[str, str]] | None = None) -> str:
    """The label of a sector in ``lang`` (``"en"`` or ``"zh"``): from ``names`` (a base's
    ``[sector_names]``, :meth:`sim.base.Base.sector_labels`), else :data:`SECTOR_LABELS`, else
    the id itself, e.g. ``"tertiary"`` → ``"第三产业"``."""
    en, zh = {**SECTOR_LABELS, **(names or {})}.get(sector, (sector, sector))
    return zh if lang == "zh" else en


def sector_indicator(ind_id: str, names: Mapping[str, tuple[str, str]] | None = None
                     ) -> Indicator | None:
    """The indicator ``ind_id`` of a sector (``<sector>``, ``<sector>_real_growth``,
    ``_deflator``, ``_share``, ``_contribution``, ``_contribution_rate``), or ``None``.

    Parameters
    ----------
    ind_id : str
        The indicator id.
    names : Mapping[str, tuple of str], optional
        The base's sector labels, sector id → (English, Chinese); else :data:`SECTOR_LABELS`,
        else the id itself. Only a sector in ``names`` or :data:`SECTOR_LABELS`, or an id
        with a suffix only sectors carry, is a sector's.
    """
    known = {**SECTOR_LABELS, **(names or {})}
    for suffix, (unit, en, zh, iamc, basis) in _SECTOR_ROWS.items():
        if not ind_id.endswith(suffix):
            continue
        sector = ind_id[: len(ind_id) - len(suffix)] if suffix else ind_id
        if not sector or (sector not in known and suffix not in SECTOR_ONLY_SUFFIXES):
            continue
        s_en, s_zh = sector_label(sector, "en", names), sector_label(sector, "zh", names)
        fill = {"en": s_en[:1].lower() + s_en[1:], "En": s_en[:1].upper() + s_en[1:],
                "zh": s_zh, "iamc": " ".join(w[:1].upper() + w[1:] for w in s_en.split())}
        return Indicator(ind_id, unit, en.format(**fill), zh.format(**fill),
                         iamc.format(**fill), basis)
    return None


def extra_indicators(name: str) -> tuple[Indicator, Indicator, Indicator]:
    """The level, growth and share-of-GDP indicators of an extra base level called ``name``."""
    title = name.replace("_", " ")
    return (Indicator(name, YUAN, title, title, f"Extra|{name}", "current prices"),
            Indicator(f"{name}_growth", "%", f"{title} growth (nominal)",
                      f"{title} 增速(现价)", f"Growth|Extra|{name}|Nominal", "nominal"),
            Indicator(f"{name}_share", "%", f"{title} (% of GDP)", f"{title} 占GDP比重",
                      f"Share of GDP|Extra|{name}", "current prices"))


def indicator(ind_id: str, names: Mapping[str, tuple[str, str]] | None = None) -> Indicator:
    """Look up an indicator by id: the model's, one beside GDP (:data:`BESIDE_GDP`), a
    sector's (see :func:`sector_indicator`; ``names`` the base's sector labels) or an extra's
    (``<name>``, ``<name>_growth``, ``<name>_share``)."""
    if ind_id in INDICATORS:
        return INDICATORS[ind_id]
    if ind_id in BESIDE_GDP:
        return BESIDE_GDP[ind_id]
    found = sector_indicator(ind_id, names)
    if found is not None:
        return found
    if ind_id.endswith("_growth"):
        return extra_indicators(ind_id[: -len("_growth")])[1]
    if ind_id.endswith("_share"):
        return extra_indicators(ind_id[: -len("_share")])[2]
    return extra_indicators(ind_id)[0]
