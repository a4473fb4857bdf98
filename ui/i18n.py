"""Every text the app shows, in English and Chinese.

``t(key, lang, **fields)`` returns the text in ``lang`` (``"en"`` or ``"zh"``) with ``fields``
filled in. Indicator labels come from :mod:`sim.indicators`, target texts from
:mod:`sim.targets`, consistency findings from :mod:`sim.consistency`.
"""
from __future__ import annotations

__all__ = ["t", "STRINGS", "LANG_NAMES", "translator"]

LANG_NAMES = {"en": "English", "zh": "中文"}

STRINGS: dict[str, dict[str, str]] = {
    # -- page ------------------------------------------------------------------------------
    "app_title": {"en": "Xihu District economy: scenario simulator",
                  "zh": "西湖区经济情景模拟器"},
    "app_caption": {
        "en": "Projections from the {year} outturn of 西湖区 (Xihu District, Hangzhou). Levels "
              "in 亿元 (10⁸ yuan) at current prices; growth of GDP and value added at "
              "comparable prices (real); retail sales growth nominal.",
        "zh": "以{year}年西湖区实际数据为起点的情景预测。总量单位为亿元、现价;地区生产总值和增加值增速为"
              "可比价(实际)增速;社会消费品零售总额增速为名义增速。"},
    "language": {"en": "Language / 语言", "zh": "语言 / Language"},
    # -- sidebar: scenarios ----------------------------------------------------------------
    "sec_scenarios": {"en": "Scenarios", "zh": "情景"},
    "compare": {"en": "Scenarios to compare", "zh": "对比情景"},
    "edit": {"en": "Scenario to edit", "zh": "编辑的情景"},
    "baseline": {"en": "Baseline (differences are measured from it)",
                 "zh": "基准情景(差异以此为参照)"},
    "upload": {"en": "Upload scenario or base files (TOML, up to {kb} KB each)",
               "zh": "上传情景或基年文件(TOML,每个不超过{kb} KB)"},
    "upload_help": {"en": "Scenario files as in the scenarios/ folder, and base files (a "
                          "district's base year: region, year, [levels]); a scenario may name a "
                          "built-in base or a base uploaded with it, by the base file's name "
                          "without .toml. Up to {kb} KB per file.",
                    "zh": "与scenarios/目录中格式相同的情景文件,以及基年数据文件(region、year、"
                          "[levels]);情景只能引用内置基年数据或一同上传的基年文件(文件名去掉.toml)。"
                          "每个文件不超过{kb} KB。"},
    "upload_base_ok": {"en": "Loaded base {name} from {file}.",
                       "zh": "已从{file}载入基年数据{name}。"},
    "upload_base_taken": {"en": "a different base called {name} was uploaded already; rename "
                                "the file",
                          "zh": "已上传另一个名为{name}的基年数据文件;请重命名该文件"},
    "upload_ok": {"en": "Loaded scenario {name} from {file}.",
                  "zh": "已从{file}载入情景{name}。"},
    "upload_renamed": {"en": "A scenario called {old} exists already: the upload is called "
                             "{new}.",
                       "zh": "已存在名为{old}的情景:上传的情景改名为{new}。"},
    "upload_failed": {"en": "The file was not loaded; the app keeps its previous state.",
                      "zh": "文件未载入,应用保持原有状态。"},
    "upload_token_long": {"en": "The uploaded scenario {name} is too large to travel in a link; "
                                "share its TOML file instead.",
                          "zh": "上传的情景{name}过大,无法放入链接;请改为分享其TOML文件。"},
    # -- sidebar: editing ------------------------------------------------------------------
    "sec_edit": {"en": "Edit: {title}", "zh": "编辑:{title}"},
    "reset": {"en": "Reset to the file's values", "zh": "恢复文件中的数值"},
    "download_toml": {"en": "Download the edited scenario (TOML)",
                      "zh": "下载修改后的情景(TOML)"},
    "sec_base": {"en": "Base year and horizon", "zh": "基年与预测期"},
    "gdp0": {"en": "{year} GDP level, 亿元", "zh": "{year}年地区生产总值(亿元)"},
    "gdp0_help": {"en": "The source says GDP passed {level:g}亿元 (突破): {level:g} is a lower "
                        "bound, not the level.",
                  "zh": "原文为“突破{level:g}亿元”:{level:g}是下限,并非确切水平。"},
    "until": {"en": "Horizon: last year", "zh": "预测期末年份"},
    "year": {"en": "Year shown", "zh": "展示年份"},
    "year_outturn": {"en": "{year} (outturn)", "zh": "{year}(实际)"},
    "sec_rates": {"en": "Rates", "zh": "增速假设"},
    "rate_first": {"en": "{year}", "zh": "{year}年"},
    "rate_later": {"en": "{year} on", "zh": "{year}年起"},
    "rate_label.services_real": {"en": "Services, real growth, %",
                                 "zh": "服务业增加值可比价增速,%"},
    "rate_label.non_services_real": {"en": "Non-services (primary + secondary), real growth, %",
                                     "zh": "非服务业(一产+二产)可比价增速,%"},
    "rate_label.services_deflator": {"en": "Services prices (deflator), % change",
                                     "zh": "服务业价格(平减指数)变动,%"},
    "rate_label.non_services_deflator": {"en": "Non-services prices (deflator), % change",
                                         "zh": "非服务业价格(平减指数)变动,%"},
    "rate_label.retail_sales": {"en": "Retail sales, nominal growth, %",
                                "zh": "社会消费品零售总额名义增速,%"},
    "rate_label.retail_sales_elasticity": {"en": "Retail sales: elasticity to nominal GDP growth",
                                           "zh": "社零增速对名义GDP增速的弹性"},
    "rate_label.rd_intensity": {"en": "R&D intensity, % of GDP", "zh": "R&D经费支出占GDP比重,%"},
    "retail_mode": {"en": "Retail sales given by", "zh": "社零增速设定方式"},
    "retail_mode.rate": {"en": "growth rate", "zh": "名义增速"},
    "retail_mode.elasticity": {"en": "elasticity", "zh": "弹性"},
    "rd_toggle": {"en": "Assume an R&D intensity (the file gives none)",
                  "zh": "假设R&D经费支出强度(文件未给出)"},
    "path_note": {"en": "File path from {year}: {values} (the last value continues); moving "
                        "the slider replaces it with one value.",
                  "zh": "文件中{year}年起的路径:{values}(末值延续);移动滑块将以单一数值替代。"},
    "base_note": {"en": "The file says \"base\": the base year's own rate.",
                  "zh": "文件设为“base”:沿用基年自身增速。"},
    "share": {"en": "Share this view", "zh": "分享当前视图"},
    "share_help": {"en": "The link holds every setting: opening it shows this view.",
                   "zh": "链接包含全部设置:打开即可看到当前视图。"},
    # -- notices ---------------------------------------------------------------------------
    "notices_title": {"en": "Some settings in the link were ignored:",
                      "zh": "链接中的部分设置无效,已忽略:"},
    "notice.unknown_param": {"en": "{param}: unknown setting",
                             "zh": "{param}:未知设置"},
    "notice.not_a_number": {"en": "{param}={value}: not a number (allowed: {detail})",
                            "zh": "{param}={value}:不是数字(允许范围:{detail})"},
    "notice.out_of_range": {"en": "{param}={value}: out of range (allowed: {detail})",
                            "zh": "{param}={value}:超出范围(允许范围:{detail})"},
    "notice.unknown_value": {"en": "{param}={value}: unknown value (allowed: {detail})",
                             "zh": "{param}={value}:无效取值(可选:{detail})"},
    "notice.not_used": {"en": "{param}: this scenario does not use that rate (it uses: {detail})",
                        "zh": "{param}:该情景不使用此增速(使用:{detail})"},
    "notice.invalid": {"en": "{param}={value}: not valid ({detail})",
                       "zh": "{param}={value}:无效({detail})"},
    "notice.bad_upload": {"en": "a scenario in the link could not be read: {detail}",
                          "zh": "链接中的情景无法读取:{detail}"},
    "notice.unreadable": {"en": "the link could not be read: this is the default view",
                          "zh": "链接无法读取:现显示默认视图"},
    "link_cut": {"en": "This link has {params} parameters and {chars} characters, more than the "
                       "app reads (at most {max_params} parameters and {max_chars} characters): "
                       "none of its settings were read, and this is the default view.",
                 "zh": "此链接含有{params}个参数、{chars}个字符,超出应用可读取的上限(最多{max_params}个参数、"
                       "{max_chars}个字符):其中的设置均未读取,现显示默认视图。"},
    "dismiss": {"en": "Dismiss", "zh": "关闭提示"},
    # -- scenarios -------------------------------------------------------------------------
    "suffix_edited": {"en": "{title} (edited)", "zh": "{title}(已修改)"},
    "suffix_editing": {"en": "{title} (being edited)", "zh": "{title}(编辑中)"},
    "suffix_adjusted": {"en": "{title} under the edited assumptions",
                        "zh": "{title}(按修改后的假设)"},
    "role.baseline": {"en": "baseline", "zh": "基准"},
    "role.adjusted": {"en": "baseline under the edited assumptions",
                      "zh": "修改假设后的基准"},
    "role.edited": {"en": "edited scenario", "zh": "编辑中的情景"},
    "role.other": {"en": "compared", "zh": "对比"},
    # -- tabs ------------------------------------------------------------------------------
    "tab.overview": {"en": "Overview", "zh": "概览"},
    "tab.compare": {"en": "Comparison", "zh": "情景比较"},
    "tab.contributions": {"en": "Growth contributions", "zh": "增长贡献"},
    "tab.export": {"en": "Results and export", "zh": "结果与导出"},
    "tab.reproduce": {"en": "Reproduce in Python", "zh": "Python复现"},
    "tab.sources": {"en": "Data and sources", "zh": "数据与来源"},
    "tab.model": {"en": "Model", "zh": "模型说明"},
    # -- overview --------------------------------------------------------------------------
    "headline": {"en": "{name}: headline figures, {year}", "zh": "{name}:{year}年主要指标"},
    "headline_caption": {"en": "Differences from the baseline, {baseline}, below each figure.",
                         "zh": "各指标下方为与基准情景({baseline})的差异。"},
    "headline_outturn": {"en": "{year} is the outturn: the figures are published data "
                               "(GDP a lower bound) or implied by them.",
                         "zh": "{year}年为实际数据:数字为公布数据(GDP为下限)或由其推算。"},
    "metric_target": {"en": "2024 target: {op} {value:g}%: {status}",
                      "zh": "2024年目标:{op}{value:g}%:{status}"},
    "targets_title": {"en": "2024 plan targets", "zh": "2024年计划目标"},
    "status.met": {"en": "met ✓", "zh": "达成 ✓"},
    "status.missed": {"en": "missed", "zh": "未达成"},
    "status.not evaluable": {"en": "not evaluable", "zh": "无法评估"},
    "col_target": {"en": "Target", "zh": "目标"},
    "col_required": {"en": "Required", "zh": "要求"},
    "col_quote": {"en": "Source sentence", "zh": "原文"},
    "targets_needs": {"en": "Not evaluable by the model until a base supplies the figure: {items}.",
                      "zh": "需基年数据提供相应指标后方可评估:{items}。"},
    "chart_indicator": {"en": "Indicator charted", "zh": "图表指标"},
    "download_png": {"en": "Download the chart (PNG)", "zh": "下载图表(PNG)"},
    "lines_caption": {
        "en": "Reference lines: the baseline as shipped (black dashes), the baseline under the "
              "edited scenario's base level and prices (grey dots), and the edited scenario "
              "(red). The black dot is the {year} outturn; the shaded years are projections.",
        "zh": "参照线:原始基准情景(黑色虚线)、采用编辑情景基年水平和价格假设的基准情景(灰色点线)、编辑中的情景"
              "(红色)。黑点为{year}年实际数据;阴影部分为预测年份。"},
    "consistency_title": {"en": "Base-year consistency", "zh": "基年数据一致性"},
    "target_label": {"en": "{year} target {value:g}%", "zh": "{year}年目标{value:g}%"},
    "outturn_lower": {"en": "{year} outturn (GDP a lower bound)", "zh": "{year}年实际(GDP为下限)"},
    # -- comparison ------------------------------------------------------------------------
    "cmp_title": {"en": "Scenarios compared, {year}", "zh": "{year}年情景比较"},
    "table_mode": {"en": "Show", "zh": "显示"},
    "table_mode.value": {"en": "values", "zh": "数值"},
    "table_mode.diff": {"en": "difference from baseline", "zh": "与基准之差"},
    "table_mode.pct": {"en": "% difference from baseline", "zh": "与基准之差(%)"},
    "cmp_caption.value": {"en": "Values in {year}; levels in 亿元 at current prices.",
                          "zh": "{year}年数值;总量为亿元、现价。"},
    "cmp_caption.diff": {"en": "Scenario minus baseline ({baseline}) in {year}: 亿元 for levels, "
                               "percentage points for rates.",
                         "zh": "{year}年各情景减基准({baseline}):总量为亿元,比率为百分点。"},
    "cmp_caption.pct": {"en": "Scenario relative to baseline ({baseline}) in {year}, %: shown "
                              "for levels only (rates differ in percentage points).",
                        "zh": "{year}年各情景相对基准({baseline})的差异(%):仅适用于总量指标"
                              "(比率指标的差异以百分点计)。"},
    "col_indicator": {"en": "Indicator", "zh": "指标"},
    "col_unit": {"en": "Unit", "zh": "单位"},
    "col_scenario": {"en": "Scenario", "zh": "情景"},
    "col_role": {"en": "Role", "zh": "角色"},
    "targets_by_scenario": {"en": "2024 targets by scenario", "zh": "各情景2024年目标完成情况"},
    # -- contributions ---------------------------------------------------------------------
    "contrib_title": {"en": "Contributions to real GDP growth", "zh": "对地区生产总值增长的拉动"},
    "contrib_scenario": {"en": "Scenario", "zh": "情景"},
    "contrib_caption": {
        "en": "A sector's contribution (pp) is its share of GDP the year before times its real "
              "growth; the two add up to real GDP growth. {year} is the outturn, with "
              "non-services implied by GDP and services (hatched).",
        "zh": "某部门的拉动(百分点)= 上年该部门占GDP比重 × 该部门可比价增速;两部门之和等于GDP可比价增速。"
              "{year}年为实际数据,其中非服务业由GDP与服务业数据推算(斜线)。"},
    "col_year": {"en": "Year", "zh": "年份"},
    "col_services_c": {"en": "Services, pp", "zh": "服务业拉动(百分点)"},
    "col_non_services_c": {"en": "Non-services, pp", "zh": "非服务业拉动(百分点)"},
    "col_gdp_growth": {"en": "GDP growth (real), %", "zh": "GDP可比价增速(%)"},
    # -- export ----------------------------------------------------------------------------
    "export_title": {"en": "Results, {first}–{last}", "zh": "结果({first}–{last}年)"},
    "export_scenario": {"en": "Scenario shown", "zh": "显示情景"},
    "export_caption": {"en": "Each file records the scenarios, the model version ({version}) "
                             "and the time of export.",
                       "zh": "每个导出文件均记录情景、模型版本({version})和导出时间。"},
    "dl_csv": {"en": "Results, tidy (CSV)", "zh": "结果,长表(CSV)"},
    "dl_excel": {"en": "Results (Excel: tidy + a wide sheet per indicator)",
                 "zh": "结果(Excel:长表 + 每个指标一张宽表)"},
    "dl_iamc": {"en": "Results, IAMC format (CSV)", "zh": "结果,IAMC格式(CSV)"},
    "dl_toml": {"en": "Edited scenario (TOML)", "zh": "修改后的情景(TOML)"},
    "dl_png_projection": {"en": "Chart: {indicator} (PNG)", "zh": "图表:{indicator}(PNG)"},
    "dl_png_contrib": {"en": "Chart: growth contributions (PNG)", "zh": "图表:增长贡献(PNG)"},
    # -- reproduce -------------------------------------------------------------------------
    "repro_caption": {"en": "This script, run in the project's environment, computes the "
                            "numbers this page shows (sim {version}).",
                      "zh": "在项目环境中运行此脚本,可得到本页显示的全部数字(sim {version})。"},
    "dl_py": {"en": "Download the script (.py)", "zh": "下载脚本(.py)"},
    # -- sources ---------------------------------------------------------------------------
    "src_title": {"en": "The {year} outturn: {region}", "zh": "{year}年实际数据:{region}"},
    "src_caption": {"en": "Every figure the model starts from, with the sentence it comes from.",
                    "zh": "模型所用的每个起点数据及其原文出处。"},
    "col_figure": {"en": "Figure", "zh": "指标"},
    "col_level": {"en": "Level", "zh": "水平"},
    "col_growth": {"en": "Growth, %", "zh": "增速(%)"},
    "col_growth_basis": {"en": "Growth basis", "zh": "增速口径"},
    "col_source": {"en": "Source sentence", "zh": "原文"},
    "col_note": {"en": "Note", "zh": "备注"},
    "lower_bound": {"en": "lower bound (突破: passed)", "zh": "下限(“突破”)"},
    "basis.real": {"en": "comparable prices (real)", "zh": "可比价"},
    "basis.nominal": {"en": "nominal", "zh": "名义"},
    "src_targets": {"en": "2024 plan targets", "zh": "2024年计划目标"},
    "src_consistency": {"en": "Consistency of the base year (with the edited GDP level "
                              "{gdp:g}亿元)",
                        "zh": "基年数据一致性(采用编辑后的GDP水平{gdp:g}亿元)"},
    "src_assumptions": {"en": "Assumptions of the edited scenario (not published figures)",
                        "zh": "编辑情景中的假设(非公布数据)"},
    "src_no_assumptions": {"en": "None beyond its rates.", "zh": "除增速外无其他假设。"},
    "src_article": {"en": "Source: a 2024 newspaper feature on Xihu District reviewing 2023 "
                          "and setting 2024 goals (争当六个奋进者 实现六个新跨越).",
                    "zh": "来源:2024年关于西湖区的报道,回顾2023年并部署2024年目标(争当六个奋进者 实现六个新跨越)。"},
    # -- model -----------------------------------------------------------------------------
    "model_title": {"en": "The model", "zh": "模型"},
    "model_intro": {
        "en": "GDP is services plus non-services (primary + secondary) value added. Each "
              "sector grows at its real rate and its price change; real GDP growth is the "
              "sum of the sectors' real growth weighted by last year's nominal shares (the "
              "chaining of comparable-price statistics).",
        "zh": "地区生产总值 = 服务业增加值 + 非服务业(一产+二产)增加值。各部门按可比价增速和价格变动增长;"
              "GDP可比价增速为各部门可比价增速按上年现价比重加权之和(可比价统计的链式计算)。"},
    "model_symbols": {
        "en": "S, N, Y: services, non-services and GDP, 亿元 at current prices; g: real growth; "
              "p: price change (deflator); n: nominal GDP growth; R: retail sales, growing at "
              "a nominal rate r or with elasticity ε to nominal GDP growth; D: R&D "
              "expenditure at intensity i (% of GDP).",
        "zh": "S、N、Y:服务业、非服务业增加值和地区生产总值(亿元,现价);g:可比价增速;p:价格变动(平减指数);"
              "n:GDP名义增速;R:社会消费品零售总额,按名义增速r或对名义GDP增速的弹性ε增长;D:R&D经费支出,强度为i(占GDP%)。"},
    "conventions_title": {"en": "Conventions", "zh": "统计口径"},
    "conventions": {
        "en": "- 亿元 = 10⁸ yuan (100 million CNY); 万 = 10⁴.\n"
              "- Levels of GDP and value added are at **current prices**.\n"
              "- Growth of GDP and of value added is at **comparable prices** (可比价, real).\n"
              "- Growth of retail sales of consumer goods is **nominal**.\n"
              "- \"突破2000亿元\" means \"passed 2000亿元\": 2000 is a lower bound, not the level.\n"
              "- The source gives services only: non-services = GDP − services.\n"
              "- Contributions are in percentage points (pp) and add up to real GDP growth.",
        "zh": "- 亿元 = 10⁸元;万 = 10⁴。\n"
              "- 地区生产总值和增加值的总量为**现价**。\n"
              "- 地区生产总值和增加值的增速为**可比价**增速(实际增速)。\n"
              "- 社会消费品零售总额增速为**名义**增速。\n"
              "- “突破2000亿元”表示超过2000亿元:2000为下限,并非确切水平。\n"
              "- 原文仅给出服务业:非服务业 = 地区生产总值 − 服务业。\n"
              "- 拉动以百分点计,各部门拉动之和等于GDP可比价增速。"},
    "model_scenario": {"en": "The edited scenario: {title}", "zh": "编辑中的情景:{title}"},
    # -- errors ----------------------------------------------------------------------------
    "error_unexpected": {"en": "This part of the page could not be shown because of an "
                               "unexpected error (it has been logged). Your settings are kept.",
                         "zh": "发生意外错误,此部分无法显示(已记录日志)。您的设置保持不变。"},
    "error_edits": {"en": "The edited values are not valid, so the scenario is shown as in its "
                          "file: {message}",
                    "zh": "修改后的数值无效,情景按文件原值显示:{message}"},
}


def t(key: str, lang: str = "en", **fields) -> str:
    """The text ``key`` in ``lang``, with ``fields`` filled in."""
    entry = STRINGS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**fields) if fields else text


def translator(table: dict[str, dict[str, str]]):
    """``tr(key, lang, **fields)`` over a page's own ``{key: {lang: text}}`` table.

    A missing language falls back to English; ``fields`` fill the text's ``{placeholders}``.
    """
    def tr(key: str, lang: str, **fields) -> str:
        entry = table[key]
        return entry.get(lang, entry["en"]).format(**fields)

    return tr
