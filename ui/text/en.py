"""Every text the app shows, in English: key → text, with ``{fields}`` that
:func:`ui.i18n.t` fills in.

:mod:`ui.text.zh` has the same keys with the same fields. A key made of a prefix and a value
(``notice.<reason>``, ``tab.<page id>``, ``rate_label.<rate>``) is looked up with the value
appended; a page's own texts start with its id (``uncertainty.title``).
"""

EN: dict[str, str] = {
    # -- page ------------------------------------------------------------------------------------
    "app_title": "Xihu District economy: scenario simulator",
    "app_caption":
        "Projections from the {year} outturn of 西湖区 (Xihu District, Hangzhou). Levels in 亿元 "
        "(10⁸ yuan) at current prices; growth of GDP and value added at comparable prices "
        "(real); retail sales growth nominal.",
    "language": "Language / 语言",
    # -- sidebar: scenarios ----------------------------------------------------------------------
    "sec_scenarios": "Scenarios",
    "compare": "Scenarios to compare",
    "edit": "Scenario to edit",
    "baseline": "Baseline (differences are measured from it)",
    "upload": "Upload scenario or base files (TOML, up to {kb} KB each)",
    "upload_help":
        "Scenario files as in the scenarios/ folder, and base files (a district's base year: "
        "region, year, [levels]); a scenario may name a built-in base or a base uploaded with "
        "it, by the base file's name without .toml. Up to {kb} KB per file.",
    "upload_base_ok": "Loaded base {name} from {file}.",
    "upload_base_taken": "a different base called {name} was uploaded already; rename the file",
    "upload_ok": "Loaded scenario {name} from {file}.",
    "upload_renamed": "A scenario called {old} exists already: the upload is called {new}.",
    "upload_failed": "The file was not loaded; the app keeps its previous state.",
    "upload_token_long":
        "The uploaded scenario {name} is too large to travel in a link; share its TOML file "
        "instead.",
    # -- sidebar: editing ------------------------------------------------------------------------
    "sec_edit": "Edit: {title}",
    "reset": "Reset to the file's values",
    "download_toml": "Download the edited scenario (TOML)",
    "sec_base": "Base year and horizon",
    "gdp0": "{year} GDP level, 亿元",
    "gdp0_help":
        "The source says GDP passed {level:g}亿元 (突破): {level:g} is a lower bound, not the "
        "level.",
    "gdp0_help_sectors":
        "GDP is the sum of the sectors: they scale with it, each keeping its share of GDP.",
    "until": "Horizon: last year",
    "year": "Year shown",
    "year_outturn": "{year} (outturn)",
    "sec_rates": "Rates",
    "rate_first": "{year}",
    "rate_later": "{year} on",
    "rate_label.services_real": "Services, real growth, %",
    "rate_label.non_services_real": "Non-services (primary + secondary), real growth, %",
    "rate_label.services_deflator": "Services prices (deflator), % change",
    "rate_label.non_services_deflator": "Non-services prices (deflator), % change",
    "rate_label.retail_sales": "Retail sales, nominal growth, %",
    "rate_label.retail_sales_elasticity": "Retail sales: elasticity to nominal GDP growth",
    "rate_label.rd_intensity": "R&D intensity, % of GDP",
    "rate_label.sector_real": "{sector}, real growth, %",
    "rate_label.sector_deflator": "{sector} prices (deflator), % change",
    "rate_label.side_growth": "{name}, growth, %",
    "rate_label.side_nominal": "{name}, nominal growth, %",
    "rate_label.side_buoyancy": "{name}: buoyancy (its growth ÷ nominal GDP growth)",
    "rate_label.side_additions": "{name}: added per year, {unit}",
    "retail_mode": "Retail sales given by",
    "retail_mode.rate": "growth rate",
    "retail_mode.elasticity": "elasticity",
    "rd_toggle": "Assume an R&D intensity (the file gives none)",
    "path_note":
        "File path from {year}: {values} (the last value continues); moving the slider replaces "
        "it with one value.",
    "base_note": "The file says \"base\": the base year's own rate.",
    "share": "Share this view",
    "share_help": "The link holds every setting: opening it shows this view.",
    # -- notices ---------------------------------------------------------------------------------
    "notices_title": "Some settings in the link were ignored:",
    "notice.unknown_param": "{param}: unknown setting",
    "notice.not_a_number": "{param}={value}: not a number (allowed: {detail})",
    "notice.out_of_range": "{param}={value}: out of range (allowed: {detail})",
    "notice.unknown_value": "{param}={value}: unknown value (allowed: {detail})",
    "notice.not_used": "{param}: this scenario does not use that rate (it uses: {detail})",
    "notice.invalid": "{param}={value}: not valid ({detail})",
    "notice.bad_upload": "a scenario in the link could not be read: {detail}",
    "notice.unreadable": "the link could not be read: this is the default view",
    "link_cut":
        "This link has {params} parameters and {chars} characters, more than the app reads (at "
        "most {max_params} parameters and {max_chars} characters): none of its settings were "
        "read, and this is the default view.",
    "dismiss": "Dismiss",
    # -- scenarios -------------------------------------------------------------------------------
    "suffix_edited": "{title} (edited)",
    "suffix_editing": "{title} (being edited)",
    "suffix_adjusted": "{title} under the edited assumptions",
    "role.baseline": "baseline",
    "role.adjusted": "baseline under the edited assumptions",
    "role.edited": "edited scenario",
    "role.other": "compared",
    # -- tabs ------------------------------------------------------------------------------------
    "pages": "Page",
    "tab.overview": "Overview",
    "tab.compare": "Comparison",
    "tab.contributions": "Growth contributions",
    "tab.uncertainty": "Uncertainty",
    "tab.goalseek": "Goal-seek",
    "tab.sensitivity": "Sensitivity",
    "tab.attribution": "Attribution",
    "tab.export": "Results and export",
    "tab.reproduce": "Reproduce in Python",
    "tab.sources": "Data and sources",
    "tab.backtest": "Backtest",
    "tab.model": "Model",
    # -- overview --------------------------------------------------------------------------------
    "headline": "{name}: headline figures, {year}",
    "headline_caption": "Differences from the baseline, {baseline}, below each figure.",
    "headline_outturn":
        "{year} is the outturn: the figures are published data (GDP a lower bound) or implied by "
        "them.",
    "metric_target": "2024 target: {op} {value:g}%: {status}",
    "targets_title": "2024 plan targets",
    "status.met": "met ✓",
    "status.missed": "missed",
    "status.not evaluable": "not evaluable",
    "col_target": "Target",
    "col_required": "Required",
    "targets_needs": "Not evaluable by the model until a base supplies the figure: {items}.",
    "chart_indicator": "Indicator charted",
    "download_png": "Download the chart (PNG)",
    "lines_caption":
        "Reference lines: the baseline as shipped (black dashes), the baseline under the edited "
        "scenario's base level and prices (grey dots), and the edited scenario (red). The black "
        "dot is the {year} outturn; the shaded years are projections.",
    "target_label": "{year} target {value:g}%",
    "outturn_lower": "{year} outturn (GDP a lower bound)",
    "overview.use_estimate": "Use the estimate {value:.1f}亿元 (estimated from history: {how})",
    "overview.estimate_how": "{prev} GDP {prior:g}亿元 × (1 + {growth:g}%, the {year} real growth)",
    "overview.estimate_offer":
        "The source gives the {year} GDP only as a lower bound ({bound:g}亿元, 突破: passed). "
        "History implies about {value:.1f}亿元 ({low:.1f} … {high:.1f}亿元 for a GDP deflator "
        "change of {lo:g} … {hi:+g}%, an assumed band): an estimate, not a published figure.",
    "overview.estimate_used":
        "The {year} GDP level is {value:.1f}亿元, the estimate from history ({how}): a user "
        "assumption, not a published figure. \"{reset}\" in the sidebar goes back to the lower "
        "bound {bound:g}亿元.",
    "overview.history_caption":
        "Before {year}: the base's history (solid line, broken where a year is unknown). Filled "
        "dots are published figures, squares secondary sources (copies such as encyclopedia "
        "entries), hollow markers figures derived from them (diamonds: resting on a lower "
        "bound), ▲ a lower bound (突破: at least that); a red diamond a level you set. After it, "
        "the projections (dashed).",
    # -- comparison ------------------------------------------------------------------------------
    "cmp_title": "Scenarios compared, {year}",
    "table_mode": "Show",
    "table_mode.value": "values",
    "table_mode.diff": "difference from baseline",
    "table_mode.pct": "% difference from baseline",
    "cmp_caption.value": "Values in {year}; levels in 亿元 at current prices.",
    "cmp_caption.diff":
        "Scenario minus baseline ({baseline}) in {year}: 亿元 for levels, percentage points for "
        "rates.",
    "cmp_caption.pct":
        "Scenario relative to baseline ({baseline}) in {year}, %: shown for levels only (rates "
        "differ in percentage points).",
    "col_indicator": "Indicator",
    "col_unit": "Unit",
    "col_scenario": "Scenario",
    "col_role": "Role",
    "targets_by_scenario": "2024 targets by scenario",
    # -- contributions ---------------------------------------------------------------------------
    "contrib_title": "Contributions to real GDP growth",
    "contrib_scenario": "Scenario",
    "contrib_caption":
        "A sector's contribution (拉动, pp) is its share of GDP the year before times its real "
        "growth; the sectors' contributions add up to real GDP growth. Its contribution rate "
        "(贡献率) is that contribution as a % of real GDP growth; the rates add up to 100 (none "
        "in a year without real growth). {year} is the outturn (paler bars; hatched in the PNG): a "
        "sector without a published growth rate takes the rest of GDP's.",
    "col_year": "Year",
    "col_contribution": "{sector}, pp",
    "col_contribution_rate": "{sector}, % of growth",
    "col_share": "{sector}, % of GDP",
    "sector.services": "Services",
    "sector.non_services": "Non-services",
    "structure_title": "Structure of GDP by sector",
    "structure_caption":
        "Each sector's share of GDP at current prices, adding up to 100, beside the baseline's "
        "where it differs, a panel each; {year} is the outturn (paler bars; hatched in the PNG).",
    "col_gdp_growth": "GDP growth (real), %",
    # -- controls of the analysis pages ----------------------------------------------------------
    "pick_indicator": "Indicator",
    "pick_year": "Year",
    "col_input": "input",
    "not_here": "{key}={value}: not available here (allowed: {allowed}); showing {shown}.",
    # -- uncertainty -----------------------------------------------------------------------------
    "uncertainty.title": "Uncertainty: {name}",
    "uncertainty.paths": "Monte Carlo paths",
    "uncertainty.seed": "Random seed (the same seed gives the same numbers)",
    "uncertainty.threshold": "Also the probability of (e.g. gdp>=2100@2024)",
    "uncertainty.running": "Simulating {n:,} paths …",
    "uncertainty.probabilities": "Probability of meeting each target",
    "uncertainty.prob_caption":
        "Share of the {n:,} paths meeting the target, ± its Monte Carlo standard error "
        "√(p(1−p)/N), with the 95% Wilson interval; 'central path' is the scenario's own "
        "projection.",
    "uncertainty.assumptions": "Uncertainty assumed (not estimates)",
    "uncertainty.clipped":
        "{rate}: {share:.2%} of the draws fell outside the allowed range and were set to its "
        "bound.",
    "uncertainty.fan_caption":
        "Bands hold 80, 60, 40 and 20% of the paths (10–90% … 40–60%); the line is the median, "
        "the dashed line the scenario's rates. Shocks: two-piece normal, correlated, persistent "
        "(see the Model tab).",
    "uncertainty.download": "Download the fan chart (PNG)",
    "uncertainty.download_csv": "Download the quantiles (CSV)",
    "uncertainty.col.target": "target",
    "uncertainty.col.probability": "probability",
    "uncertainty.col.se": "MC s.e.",
    "uncertainty.col.interval": "95% interval",
    "uncertainty.col.central": "central path",
    "uncertainty.met": "met",
    "uncertainty.missed": "missed",
    "uncertainty.from": "Uncertainty",
    "uncertainty.from.file": "from the file",
    "uncertainty.from.history": "from history (past errors)",
    "uncertainty.no_history":
        "The base {name} carries no history: the uncertainty is the scenario file's (or the "
        "defaults).",
    "uncertainty.history_refused":
        "Uncertainty from history is not available here ({message}); the file's is used.",
    "uncertainty.basis": "Uncertainty used: {basis}",
    # -- goal-seek -------------------------------------------------------------------------------
    "goalseek.title": "Goal-seek: {name}",
    "goalseek.intro":
        "Which value of one input makes an indicator hit a target? E.g. the services growth that "
        "gives 5.5% GDP growth in 2024.",
    "goalseek.target": "Target value",
    "goalseek.vary": "Input to solve for",
    "goalseek.vary_year": "In which years",
    "goalseek.every_year": "every year (one constant)",
    "goalseek.only": "only {year}",
    "goalseek.solve": "Solve",
    "goalseek.was": "was {x}",
    "goalseek.achieved": "{ind} in {year}",
    "goalseek.unreachable": "Not reachable. {message}",
    "goalseek.path": "The solved scenario",
    "goalseek.calls": "{iters} iterations of {method}; {calls} calls of the model.",
    "goalseek.download": "Download the solved scenario (TOML)",
    "goalseek.input.gdp_real": "real growth of both sectors (GDP real growth)",
    "goalseek.input.deflator": "price change of both sectors",
    # -- sensitivity -----------------------------------------------------------------------------
    "sensitivity.title": "Sensitivity: {name}",
    "sensitivity.tornado": "One input at a time (tornado)",
    "sensitivity.tornado_caption":
        "Each input moves by ± its standard deviation (else ± 1 pp) in every year, the others "
        "staying at the scenario's values; {runs} model runs.",
    "sensitivity.sobol": "Share of the variance due to each rate (Sobol indices)",
    "sensitivity.samples": "Base samples n (model runs n·(d+2))",
    "sensitivity.sobol_caption":
        "{runs:,} model runs. First order: the share of the variance due to the rate alone; "
        "total: including its interactions. Each rate's shock path is one factor.",
    "sensitivity.col.step": "step",
    "sensitivity.col.low": "− step",
    "sensitivity.col.high": "+ step",
    "sensitivity.col.swing": "swing",
    "sensitivity.col.first": "first order",
    "sensitivity.col.total": "total",
    "sensitivity.notes": "Design and assumptions",
    "sensitivity.download": "Download the tornado chart (PNG)",
    # -- attribution -----------------------------------------------------------------------------
    "attribution.title": "Attribution: {name} vs {baseline}",
    "attribution.same": "The two scenarios have the same inputs: nothing to attribute.",
    "attribution.caption":
        "Each input's part is its Shapley value: its effect averaged over every order in which "
        "the inputs could be switched from the baseline's values to the scenario's ({runs} model "
        "runs). The parts add up exactly to the total difference.",
    "attribution.col.change": "change",
    "attribution.col.part": "contribution",
    "attribution.col.share": "share",
    "attribution.total": "Total difference",
    "attribution.download": "Download the waterfall chart (PNG)",
    # -- export ----------------------------------------------------------------------------------
    "export_title": "Results, {first}–{last}",
    "export_caption":
        "Each file records the scenarios, the model version ({version}) and the time of export.",
    "dl_csv": "Results, tidy (CSV)",
    "dl_excel": "Results (Excel: tidy + a wide sheet per indicator)",
    "dl_iamc": "Results, IAMC format (CSV)",
    "dl_toml": "Edited scenario (TOML)",
    "dl_png_projection": "Chart: {indicator} (PNG)",
    "dl_png_contrib": "Chart: growth contributions (PNG)",
    "dl_png_contrib_rate": "Chart: contribution rates (PNG)",
    "dl_png_structure": "Chart: structure of GDP (PNG)",
    # -- backtest --------------------------------------------------------------------------------
    "backtest.title": "Backtest: would the model have forecast the past? ({name})",
    "backtest.no_history":
        "The base {name} carries no history (no [history.YEAR] tables before its base year): "
        "there is nothing to backtest or calibrate. A base file with the years before its own "
        "(levels, growth, sources) gives this page.",
    "backtest.base":
        "The history of the base {name}, as published: levels set in the sidebar are "
        "assumptions, not outturns, and are not scored.",
    "backtest.errors": "Errors by year and method",
    "backtest.caption":
        "Each outturn the history gives is projected from the year before with the model's "
        "arithmetic. Momentum: that year's own rates carry on; trend: the mean of each rate over "
        "the years so far; plan: a past plan's target. Error = projected − outturn: pp for "
        "rates, % of the outturn for levels. A lower bound (突破), and what is derived from one, "
        "is neither an outturn nor a starting level.",
    "backtest.none":
        "No outturn of this history can be scored: each method needs a known rate the year "
        "before a known outturn.",
    "backtest.none_for": "The history gives {method} no outturn to score.",
    "backtest.method": "Method",
    "backtest.method.all": "all methods",
    "backtest.method.momentum": "momentum",
    "backtest.method.trend": "trend",
    "backtest.method.plan": "plan targets",
    "backtest.chart_indicator": "Indicator charted",
    "backtest.summary": "Mean error and RMSE per method and indicator",
    "backtest.summary_caption":
        "Mean error: the bias (positive: the method projected too high on average); RMSE: the "
        "root of the mean squared error. With few years the errors describe this history more "
        "than a forecast's uncertainty.",
    "backtest.col_method": "Method",
    "backtest.col_projected": "Projected",
    "backtest.col_outturn": "Outturn",
    "backtest.col_error": "Error",
    "backtest.col_error_unit": "Error in",
    "backtest.col_n": "Errors",
    "backtest.col_years": "Years",
    "backtest.col_mean_error": "Mean error",
    "backtest.col_rmse": "RMSE",
    "history.title": "History of the base {name}: sources and kinds",
    "history.caption":
        "Every figure before the base year and of the base year, with the sentence it comes "
        "from and where it was published; what the figures determine is derived (and says "
        "how). Levels in 亿元 at current prices (population 万人); growth real for GDP and the "
        "sectors, nominal for the rest.",
    "history.col_value": "Value",
    "history.col_kind": "Kind",
    "history.kind.published": "published",
    "history.kind.secondary": "secondary source (a copy)",
    "history.kind.lower bound": "lower bound (突破)",
    "history.kind.derived": "derived",
    "history.kind.approximate": "approximate (rests on a lower bound)",
    "history.kind.plan": "past plan target",
    "history.kind.assumption": "user assumption",
    "history.nominal_growth": "{label} growth (nominal)",
    "history.flag": "{head}. Likely causes: {causes}.",
    "history.no_flags": "Nothing implausible follows from this history.",
    "calibration.title": "Calibration: where the rates come from",
    "calibration.caption":
        "Estimated from {n} years of history ({years}) up to {last}: each rate's trend is its "
        "mean over the years the history gives; its sd, the RMSE of the trend method's backtest "
        "errors by horizon (beyond the last horizon estimated, × √(h/H): an assumed scaling); "
        "the persistence, the autocorrelation of those errors where there are enough.",
    "calibration.col_rate": "Rate",
    "calibration.col_trend": "Trend, %",
    "calibration.col_sd": "sd {h} yr ahead, pp",
    "calibration.col_persistence": "Persistence",
    "calibration.col_how": "How it is estimated",
    "calibration.assumed":
        "History gives no estimate of {rates}: the calibrated scenario takes them from the "
        "edited scenario, {name} (user assumptions, labelled so in the file).",
    "calibration.no_file": "No calibrated scenario file: {message}",
    "calibration.download": "Download the calibrated scenario (TOML)",
    # -- reproduce -------------------------------------------------------------------------------
    "repro_caption":
        "This script, run in the project's environment, computes the numbers this page shows "
        "(sim {version}).",
    "dl_py": "Download the script (.py)",
    # -- sources ---------------------------------------------------------------------------------
    "src_title": "The {year} outturn: {region}",
    "src_caption": "Every figure the model starts from, with the sentence it comes from.",
    "col_figure": "Figure",
    "col_level": "Level",
    "col_growth": "Growth, %",
    "col_growth_basis": "Growth basis",
    "col_source": "Source sentence",
    "col_note": "Note",
    "lower_bound": "lower bound (突破: passed)",
    "derived_level": "derived from the structure (not a published figure)",
    "user_assumption": "a user assumption (no source in the base)",
    "basis.real": "comparable prices (real)",
    "basis.nominal": "nominal",
    "src_consistency": "Consistency of the base year (with the edited GDP level {gdp:g}亿元)",
    "src_assumptions": "Assumptions of the edited scenario (not published figures)",
    "src_no_assumptions": "None beyond its rates.",
    "src_article":
        "Source: a 2024 newspaper feature on Xihu District reviewing 2023 and setting 2024 goals "
        "(争当六个奋进者 实现六个新跨越).",
    # -- model -----------------------------------------------------------------------------------
    "model_title": "The model",
    "model_intro":
        "GDP is services plus non-services (primary + secondary) value added. Each sector grows "
        "at its real rate and its price change; real GDP growth is the sum of the sectors' real "
        "growth weighted by last year's nominal shares (the chaining of comparable-price "
        "statistics).",
    "model_symbols":
        "S, N, Y: services, non-services and GDP, 亿元 at current prices; g: real growth; p: "
        "price change (deflator); n: nominal GDP growth; R: retail sales, growing at a nominal "
        "rate r or with elasticity ε to nominal GDP growth; D: R&D expenditure at intensity i (% "
        "of GDP).",
    "model_symbols_sectors":
        "The edited scenario's base lists {n} sectors: X_i is sector i's value added, w_i its "
        "share of GDP; a sector's contribution (拉动, pp) and contribution rate (贡献率, % of real "
        "GDP growth) add up to real GDP growth and to 100.",
    "conventions_title": "Conventions",
    "conventions":
        "- 亿元 = 10⁸ yuan (100 million CNY); 万 = 10⁴.\n"
        "- Levels of GDP and value added are at **current prices**.\n"
        "- Growth of GDP and of value added is at **comparable prices** (可比价, real).\n"
        "- Growth of retail sales of consumer goods is **nominal**.\n"
        "- \"突破2000亿元\" means \"passed 2000亿元\": 2000 is a lower bound, not the level.\n"
        "- The source gives services only: non-services = GDP − services.\n"
        "- Contributions are in percentage points (pp) and add up to real GDP growth.",
    "model_scenario": "The edited scenario: {title}",
    "model.docs_title": "Model documentation",
    "model.docs_where":
        "Data, equations, uncertainty, goal-seek, sensitivity, attribution, limitations and "
        "references are documented in `docs/model.md` (on this machine: `{path}`).",
    "model.docs_read": "Read docs/model.md",
    "model.docs_missing": "docs/model.md is not installed with this copy of the app.",
    "model.docs_download": "Download docs/model.md",
    # -- errors ----------------------------------------------------------------------------------
    "error_unexpected":
        "This part of the page could not be shown because of an unexpected error (it has been "
        "logged). Your settings are kept.",
    "error_edits":
        "The edited values are not valid, so the scenario is shown as in its file: {message}",
}
