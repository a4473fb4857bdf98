"""Every text the app shows, in Chinese (中文): the keys and ``{fields}`` of
:mod:`ui.text.en`."""

ZH: dict[str, str] = {
    # -- page ------------------------------------------------------------------------------------
    "app_title": "西湖区经济情景模拟器",
    "app_caption":
        "以{year}年西湖区实际数据为起点的情景预测。总量单位为亿元、现价;地区生产总值和增加值增速"
        "为可比价(实际)增速;社会消费品零售总额增速为名义增速。",
    "language": "语言 / Language",
    # -- sidebar: scenarios ----------------------------------------------------------------------
    "sec_scenarios": "情景",
    "compare": "对比情景",
    "edit": "编辑的情景",
    "baseline": "基准情景(差异以此为参照)",
    "upload": "上传情景或基年文件(TOML,每个不超过{kb} KB)",
    "upload_help":
        "与scenarios/目录中格式相同的情景文件,以及基年数据文件(region、year、[levels]);情景只能引"
        "用内置基年数据或一同上传的基年文件(文件名去掉.toml)。每个文件不超过{kb} KB。",
    "upload_base_ok": "已从{file}载入基年数据{name}。",
    "upload_base_taken": "已上传另一个名为{name}的基年数据文件;请重命名该文件",
    "upload_ok": "已从{file}载入情景{name}。",
    "upload_renamed": "已存在名为{old}的情景:上传的情景改名为{new}。",
    "upload_failed": "文件未载入,应用保持原有状态。",
    "upload_token_long": "上传的情景{name}过大,无法放入链接;请改为分享其TOML文件。",
    # -- sidebar: editing ------------------------------------------------------------------------
    "sec_edit": "编辑:{title}",
    "reset": "恢复文件中的数值",
    "download_toml": "下载修改后的情景(TOML)",
    "sec_base": "基年与预测期",
    "gdp0": "{year}年地区生产总值(亿元)",
    "gdp0_help": "原文为“突破{level:g}亿元”:{level:g}是下限,并非确切水平。",
    "gdp0_help_sectors": "地区生产总值为各产业之和:各产业随之同比例变动,产业结构不变。",
    "until": "预测期末年份",
    "year": "展示年份",
    "year_outturn": "{year}(实际)",
    "sec_rates": "增速假设",
    "rate_first": "{year}年",
    "rate_later": "{year}年起",
    "rate_label.services_real": "服务业增加值可比价增速,%",
    "rate_label.non_services_real": "非服务业(一产+二产)可比价增速,%",
    "rate_label.services_deflator": "服务业价格(平减指数)变动,%",
    "rate_label.non_services_deflator": "非服务业价格(平减指数)变动,%",
    "rate_label.retail_sales": "社会消费品零售总额名义增速,%",
    "rate_label.retail_sales_elasticity": "社零增速对名义GDP增速的弹性",
    "rate_label.rd_intensity": "R&D经费支出占GDP比重,%",
    "rate_label.sector_real": "{sector}增加值可比价增速,%",
    "rate_label.sector_deflator": "{sector}价格(平减指数)变动,%",
    "rate_label.side_growth": "{name}增速,%",
    "rate_label.side_nominal": "{name}名义增速,%",
    "rate_label.side_buoyancy": "{name}弹性(其增速 ÷ 名义GDP增速)",
    "rate_label.side_additions": "{name}每年新增({unit})",
    "retail_mode": "社零增速设定方式",
    "retail_mode.rate": "名义增速",
    "retail_mode.elasticity": "弹性",
    "rd_toggle": "假设R&D经费支出强度(文件未给出)",
    "path_note": "文件中{year}年起的路径:{values}(末值延续);移动滑块将以单一数值替代。",
    "base_note": "文件设为“base”:沿用基年自身增速。",
    "share": "分享当前视图",
    "share_help": "链接包含全部设置:打开即可看到当前视图。",
    # -- notices ---------------------------------------------------------------------------------
    "notices_title": "链接中的部分设置无效,已忽略:",
    "notice.unknown_param": "{param}:未知设置",
    "notice.not_a_number": "{param}={value}:不是数字(允许范围:{detail})",
    "notice.out_of_range": "{param}={value}:超出范围(允许范围:{detail})",
    "notice.unknown_value": "{param}={value}:无效取值(可选:{detail})",
    "notice.not_used": "{param}:该情景不使用此增速(使用:{detail})",
    "notice.invalid": "{param}={value}:无效({detail})",
    "notice.bad_upload": "链接中的情景无法读取:{detail}",
    "notice.unreadable": "链接无法读取:现显示默认视图",
    "link_cut":
        "此链接含有{params}个参数、{chars}个字符,超出应用可读取的上限(最多{max_params}个参数、"
        "{max_chars}个字符):其中的设置均未读取,现显示默认视图。",
    "dismiss": "关闭提示",
    # -- scenarios -------------------------------------------------------------------------------
    "suffix_edited": "{title}(已修改)",
    "suffix_editing": "{title}(编辑中)",
    "suffix_adjusted": "{title}(按修改后的假设)",
    "role.baseline": "基准",
    "role.adjusted": "修改假设后的基准",
    "role.edited": "编辑中的情景",
    "role.other": "对比",
    # -- tabs ------------------------------------------------------------------------------------
    "pages": "页面",
    "tab.overview": "概览",
    "tab.compare": "情景比较",
    "tab.contributions": "增长贡献",
    "tab.uncertainty": "不确定性",
    "tab.goalseek": "目标求解",
    "tab.sensitivity": "敏感性",
    "tab.attribution": "归因",
    "tab.export": "结果与导出",
    "tab.reproduce": "Python复现",
    "tab.sources": "数据与来源",
    "tab.backtest": "回测",
    "tab.model": "模型说明",
    # -- overview --------------------------------------------------------------------------------
    "headline": "{name}:{year}年主要指标",
    "headline_caption": "各指标下方为与基准情景({baseline})的差异。",
    "headline_outturn": "{year}年为实际数据:数字为公布数据(GDP为下限)或由其推算。",
    "metric_target": "2024年目标:{op}{value:g}%:{status}",
    "targets_title": "2024年计划目标",
    "status.met": "达成 ✓",
    "status.missed": "未达成",
    "status.not evaluable": "无法评估",
    "col_target": "目标",
    "col_required": "要求",
    "targets_needs": "需基年数据提供相应指标后方可评估:{items}。",
    "chart_indicator": "图表指标",
    "download_png": "下载图表(PNG)",
    "lines_caption":
        "参照线:原始基准情景(黑色虚线)、采用编辑情景基年水平和价格假设的基准情景(灰色点线)、编辑"
        "中的情景(红色)。黑点为{year}年实际数据;阴影部分为预测年份。",
    "target_label": "{year}年目标{value:g}%",
    "outturn_lower": "{year}年实际(GDP为下限)",
    "overview.use_estimate": "采用估计值{value:.1f}亿元(据历史推算:{how})",
    "overview.estimate_how": "{prev}年地区生产总值{prior:g}亿元 × (1 + {year}年可比价增速{growth:g}%)",
    "overview.estimate_offer":
        "原文仅给出{year}年地区生产总值的下限({bound:g}亿元,“突破”)。据历史推算约为{value:.1f}亿元"
        "(若GDP平减指数变动在{lo:g}%…{hi:+g}%(假设区间)内,则为{low:.1f}…{high:.1f}亿元):此为估计值,"
        "并非公布数据。",
    "overview.estimate_used":
        "{year}年地区生产总值采用{value:.1f}亿元,即据历史推算的估计值({how}):为用户假设,并非公布数据。"
        "点击侧栏“{reset}”可恢复为下限{bound:g}亿元。",
    "overview.history_caption":
        "{year}年以前为基年数据所附的历史数据(实线,缺失年份处断开)。实心圆点为公布数据,方块为二手来源"
        "(如百科转载),空心标记为由其推算的数据(菱形:基于下限),▲为下限(“突破”,至少为该值);红色菱形"
        "为您设定的水平。其后为预测(虚线)。",
    # -- comparison ------------------------------------------------------------------------------
    "cmp_title": "{year}年情景比较",
    "table_mode": "显示",
    "table_mode.value": "数值",
    "table_mode.diff": "与基准之差",
    "table_mode.pct": "与基准之差(%)",
    "cmp_caption.value": "{year}年数值;总量为亿元、现价。",
    "cmp_caption.diff": "{year}年各情景减基准({baseline}):总量为亿元,比率为百分点。",
    "cmp_caption.pct":
        "{year}年各情景相对基准({baseline})的差异(%):仅适用于总量指标(比率指标的差异以百分点计)。",
    "col_indicator": "指标",
    "col_unit": "单位",
    "col_scenario": "情景",
    "col_role": "角色",
    "targets_by_scenario": "各情景2024年目标完成情况",
    # -- contributions ---------------------------------------------------------------------------
    "contrib_title": "对地区生产总值增长的拉动",
    "contrib_scenario": "情景",
    "contrib_caption":
        "某产业的拉动(百分点)= 上年该产业占GDP比重 × 该产业可比价增速;各产业拉动之和等于GDP可比价"
        "增速。贡献率为该拉动占GDP增速的百分比,各产业贡献率之和为100%(GDP无增长的年份无贡献率)。"
        "{year}年为实际数据(浅色柱,PNG中为斜线):未公布增速的产业由GDP增速推算。",
    "col_year": "年份",
    "col_contribution": "{sector}拉动(百分点)",
    "col_contribution_rate": "{sector}贡献率(%)",
    "col_share": "{sector}占GDP比重(%)",
    "sector.services": "服务业",
    "sector.non_services": "非服务业",
    "structure_title": "产业结构(三次产业结构)",
    "structure_caption":
        "各产业增加值占GDP比重(现价),合计为100,与基准情景不同时分图并列对照;{year}年为实际数据(浅色柱,"
        "PNG中为斜线)。",
    "col_gdp_growth": "GDP可比价增速(%)",
    # -- controls of the analysis pages ----------------------------------------------------------
    "pick_indicator": "指标",
    "pick_year": "年份",
    "col_input": "输入",
    "not_here": "{key}={value}:此处不可用(可选:{allowed});改为显示{shown}。",
    # -- uncertainty -----------------------------------------------------------------------------
    "uncertainty.title": "不确定性:{name}",
    "uncertainty.paths": "蒙特卡洛路径数",
    "uncertainty.seed": "随机种子(相同种子得到相同结果)",
    "uncertainty.threshold": "另加概率条件(例如 gdp>=2100@2024)",
    "uncertainty.running": "正在模拟{n:,}条路径……",
    "uncertainty.probabilities": "实现各项目标的概率",
    "uncertainty.prob_caption":
        "{n:,}条路径中达到目标的比例,± 蒙特卡洛标准误 √(p(1−p)/N),并给出95% Wilson区间;“基准路径”"
        "为情景自身的预测。",
    "uncertainty.assumptions": "不确定性假设(并非估计值)",
    "uncertainty.clipped": "{rate}:{share:.2%}的抽样超出允许范围,已取边界值。",
    "uncertainty.fan_caption":
        "色带分别包含80%、60%、40%、20%的路径(10–90% … 40–60%);实线为中位数,虚线为情景增速下的预"
        "测。冲击服从两段正态分布,带相关性与持续性(见“模型说明”)。",
    "uncertainty.download": "下载扇形图(PNG)",
    "uncertainty.download_csv": "下载分位数(CSV)",
    "uncertainty.col.target": "目标",
    "uncertainty.col.probability": "概率",
    "uncertainty.col.se": "蒙特卡洛标准误",
    "uncertainty.col.interval": "95%区间",
    "uncertainty.col.central": "基准路径",
    "uncertainty.met": "达到",
    "uncertainty.missed": "未达到",
    "uncertainty.from": "不确定性来源",
    "uncertainty.from.file": "情景文件",
    "uncertainty.from.history": "历史数据(以往误差)",
    "uncertainty.no_history": "基年数据{name}未附历史数据:不确定性采用情景文件中的设定(或默认值)。",
    "uncertainty.history_refused": "此处无法采用历史数据的不确定性({message});改用情景文件中的设定。",
    "uncertainty.basis": "所用不确定性:{basis}",
    # -- goal-seek -------------------------------------------------------------------------------
    "goalseek.title": "目标求解:{name}",
    "goalseek.intro":
        "某一输入取何值时,指标能达到目标?例如:服务业增速为多少时,2024年地区生产总值增长5.5%。",
    "goalseek.target": "目标值",
    "goalseek.vary": "求解的输入",
    "goalseek.vary_year": "作用年份",
    "goalseek.every_year": "每一年(同一常数)",
    "goalseek.only": "仅{year}年",
    "goalseek.solve": "求解",
    "goalseek.was": "原为{x}",
    "goalseek.achieved": "{year}年{ind}",
    "goalseek.unreachable": "无法达到。{message}",
    "goalseek.path": "求解后的情景",
    "goalseek.calls": "{method}迭代{iters}次;调用模型{calls}次。",
    "goalseek.download": "下载求解后的情景(TOML)",
    "goalseek.input.gdp_real": "两部门可比价增速(即GDP实际增速)",
    "goalseek.input.deflator": "两部门价格变动",
    # -- sensitivity -----------------------------------------------------------------------------
    "sensitivity.title": "敏感性分析:{name}",
    "sensitivity.tornado": "逐项敏感性(龙卷风图)",
    "sensitivity.tornado_caption":
        "每个输入在各年分别上下移动一个标准差(未设定时为±1个百分点),其他输入保持情景值;共运行模型"
        "{runs}次。",
    "sensitivity.sobol": "各增速对方差的贡献(Sobol指数)",
    "sensitivity.samples": "基础样本数n(模型运行n·(d+2)次)",
    "sensitivity.sobol_caption":
        "模型运行{runs:,}次。一阶指数:该增速单独造成的方差占比;总效应指数:包括交互作用。每个增速"
        "的冲击路径为一个因子。",
    "sensitivity.col.step": "步长",
    "sensitivity.col.low": "− 步长",
    "sensitivity.col.high": "+ 步长",
    "sensitivity.col.swing": "摆幅",
    "sensitivity.col.first": "一阶",
    "sensitivity.col.total": "总效应",
    "sensitivity.notes": "设计与假设",
    "sensitivity.download": "下载龙卷风图(PNG)",
    # -- attribution -----------------------------------------------------------------------------
    "attribution.title": "归因:{name} 对比 {baseline}",
    "attribution.same": "两个情景的输入相同,无需归因。",
    "attribution.caption":
        "每个输入的贡献为其Shapley值:把输入从基准情景值逐一换成本情景值时,按所有可能顺序平均的效"
        "应(运行模型{runs}次)。各部分之和恰好等于总差异。",
    "attribution.col.change": "变化",
    "attribution.col.part": "贡献",
    "attribution.col.share": "占比",
    "attribution.total": "总差异",
    "attribution.download": "下载瀑布图(PNG)",
    # -- export ----------------------------------------------------------------------------------
    "export_title": "结果({first}–{last}年)",
    "export_caption": "每个导出文件均记录情景、模型版本({version})和导出时间。",
    "dl_csv": "结果,长表(CSV)",
    "dl_excel": "结果(Excel:长表 + 每个指标一张宽表)",
    "dl_iamc": "结果,IAMC格式(CSV)",
    "dl_toml": "修改后的情景(TOML)",
    "dl_png_projection": "图表:{indicator}(PNG)",
    "dl_png_contrib": "图表:增长贡献(PNG)",
    "dl_png_contrib_rate": "图表:贡献率(PNG)",
    "dl_png_structure": "图表:产业结构(PNG)",
    # -- backtest --------------------------------------------------------------------------------
    "backtest.title": "回测:模型能否预测过去?({name})",
    "backtest.no_history":
        "基年数据{name}未附历史数据(基年之前没有[history.YEAR]表):无可回测或校准。附有基年之前各年数据"
        "(水平、增速、来源)的基年文件才有此页内容。",
    "backtest.base": "基年数据{name}所附的公布历史数据:侧栏中设定的水平为假设而非实际数据,不参与评分。",
    "backtest.errors": "各年各方法的误差",
    "backtest.caption":
        "历史数据中的每个实际值都用模型的算法从上一年起预测。惯性:延续当年自身增速;趋势:各增速截至当年"
        "的均值;计划:以往计划目标。误差 = 预测 − 实际:比率为百分点,水平为占实际值的%。下限(“突破”)"
        "及由其推算的数据既不作为实际值,也不作为起点。",
    "backtest.none": "此历史数据中没有可评分的实际值:每种方法都需要实际值前一年的已知增速。",
    "backtest.none_for": "历史数据中没有{method}可评分的实际值。",
    "backtest.method": "方法",
    "backtest.method.all": "全部方法",
    "backtest.method.momentum": "惯性",
    "backtest.method.trend": "趋势",
    "backtest.method.plan": "计划目标",
    "backtest.chart_indicator": "图表指标",
    "backtest.summary": "各方法、各指标的平均误差与均方根误差",
    "backtest.summary_caption":
        "平均误差即偏差(为正:该方法平均而言预测偏高);均方根误差(RMSE)为误差平方均值的平方根。年份较少"
        "时,误差更多反映这段历史本身,而非预测的不确定性。",
    "backtest.col_method": "方法",
    "backtest.col_projected": "预测值",
    "backtest.col_outturn": "实际值",
    "backtest.col_error": "误差",
    "backtest.col_error_unit": "误差单位",
    "backtest.col_n": "误差个数",
    "backtest.col_years": "年份",
    "backtest.col_mean_error": "平均误差",
    "backtest.col_rmse": "均方根误差",
    "history.title": "基年数据{name}的历史:来源与类别",
    "history.caption":
        "基年之前各年及基年的每个数据,附其原文及发布出处;由这些数据可确定的数值为推算值(并注明算法)。"
        "总量为亿元、现价(人口为万人);地区生产总值和各产业增速为可比价,其余为名义增速。",
    "history.col_value": "数值",
    "history.col_kind": "类别",
    "history.kind.published": "公布数据",
    "history.kind.secondary": "二手来源(转载)",
    "history.kind.lower bound": "下限(“突破”)",
    "history.kind.derived": "推算",
    "history.kind.approximate": "近似值(基于下限)",
    "history.kind.plan": "以往计划目标",
    "history.kind.assumption": "用户假设",
    "history.nominal_growth": "{label}增速(现价)",
    "history.flag": "{head}。可能原因:{causes}。",
    "history.no_flags": "此历史数据未推出不合理的结论。",
    "calibration.title": "校准:增速从何而来",
    "calibration.caption":
        "据截至{last}年的{n}年历史数据({years})估计:各增速的趋势为历史数据所给年份的均值;其标准差为趋势"
        "法回测误差按预测期的均方根误差(超出已估计的最长预测期后乘以√(h/H),为假设的缩放);持续性为这些"
        "误差的自相关系数(误差足够多时)。",
    "calibration.col_rate": "增速",
    "calibration.col_trend": "趋势(%)",
    "calibration.col_sd": "提前{h}年标准差(百分点)",
    "calibration.col_persistence": "持续性",
    "calibration.col_how": "估计方法",
    "calibration.assumed":
        "历史数据无法估计{rates}:校准情景采用所编辑情景{name}中的数值(为用户假设,文件中已注明)。",
    "calibration.no_file": "无法生成校准情景文件:{message}",
    "calibration.download": "下载校准情景(TOML)",
    # -- reproduce -------------------------------------------------------------------------------
    "repro_caption": "在项目环境中运行此脚本,可得到本页显示的全部数字(sim {version})。",
    "dl_py": "下载脚本(.py)",
    # -- sources ---------------------------------------------------------------------------------
    "src_title": "{year}年实际数据:{region}",
    "src_caption": "模型所用的每个起点数据及其原文出处。",
    "col_figure": "指标",
    "col_level": "水平",
    "col_growth": "增速(%)",
    "col_growth_basis": "增速口径",
    "col_source": "原文",
    "col_note": "备注",
    "lower_bound": "下限(“突破”)",
    "derived_level": "由产业结构推算(非公布数据)",
    "user_assumption": "用户假设(基年数据未注明来源)",
    "basis.real": "可比价",
    "basis.nominal": "名义",
    "src_consistency": "基年数据一致性(采用编辑后的GDP水平{gdp:g}亿元)",
    "src_assumptions": "编辑情景中的假设(非公布数据)",
    "src_no_assumptions": "除增速外无其他假设。",
    "src_article":
        "来源:2024年关于西湖区的报道,回顾2023年并部署2024年目标(争当六个奋进者 实现六个新跨越)。",
    # -- model -----------------------------------------------------------------------------------
    "model_title": "模型",
    "model_intro":
        "地区生产总值 = 服务业增加值 + 非服务业(一产+二产)增加值。各部门按可比价增速和价格变动增"
        "长;GDP可比价增速为各部门可比价增速按上年现价比重加权之和(可比价统计的链式计算)。",
    "model_symbols":
        "S、N、Y:服务业、非服务业增加值和地区生产总值(亿元,现价);g:可比价增速;p:价格变动(平减指数"
        ");n:GDP名义增速;R:社会消费品零售总额,按名义增速r或对名义GDP增速的弹性ε增长;D:R&D经费支出"
        ",强度为i(占GDP%)。",
    "model_symbols_sectors":
        "所编辑情景的基年数据分{n}个产业:X_i为第i个产业增加值,w_i为其占GDP比重;各产业的拉动(百分点)"
        "之和等于GDP可比价增速,贡献率(占GDP增长的百分比)之和为100%。",
    "conventions_title": "统计口径",
    "conventions":
        "- 亿元 = 10⁸元;万 = 10⁴。\n"
        "- 地区生产总值和增加值的总量为**现价**。\n"
        "- 地区生产总值和增加值的增速为**可比价**增速(实际增速)。\n"
        "- 社会消费品零售总额增速为**名义**增速。\n"
        "- “突破2000亿元”表示超过2000亿元:2000为下限,并非确切水平。\n"
        "- 原文仅给出服务业:非服务业 = 地区生产总值 − 服务业。\n"
        "- 拉动以百分点计,各部门拉动之和等于GDP可比价增速。",
    "model_scenario": "编辑中的情景:{title}",
    "model.docs_title": "模型文档",
    "model.docs_where":
        "数据、方程、不确定性、目标求解、敏感性、归因、局限与参考文献见 `docs/model.md`(本机路径"
        ":`{path}`)。",
    "model.docs_read": "阅读 docs/model.md",
    "model.docs_missing": "此安装中没有 docs/model.md。",
    "model.docs_download": "下载 docs/model.md",
    # -- errors ----------------------------------------------------------------------------------
    "error_unexpected": "发生意外错误,此部分无法显示(已记录日志)。您的设置保持不变。",
    "error_edits": "修改后的数值无效,情景按文件原值显示:{message}",
}
