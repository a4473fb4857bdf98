"""Command line: ``python -m sim {run,compare,check,list,history,backtest,calibrate} ...`` and
the analyses (``mc``, ``solve``, ``sensitivity``, ``attribute``).

Bad input exits with status 2 and one line on standard error, never a traceback.

Files. A scenario or base file named on the command line (or by a scenario) must be a regular
file of at most 1 MiB (:data:`sim.tomltext.MAX_FILE_BYTES`): a directory, named pipe or device
is refused before it is opened for reading, and no more than the limit is ever read. Its text
is checked for size and shape before it is parsed, and parsed once (:mod:`sim.tomltext`).

Text from files on the terminal. Texts in scenario and base files are refused if they hold a
control character other than tab and line breaks (:func:`sim.validation.text`), so no output
format carries ESC, BEL or other terminal controls taken from a file. Beyond that, the table
and text output shows each text from input (titles, region names, base and file names)
printable and at most 200 characters (:func:`sim.errors.shown`); error messages do the same
for every value they echo. CSV output is the data as it is. JSON output writes every
non-printable character the data holds as a ``\\uXXXX`` escape: the same data once parsed,
and nothing a terminal acts on.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError, shown

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "json", "iamc")


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose usage errors are one line and exit 2."""

    def error(self, message: str):  # noqa: D401 - argparse API
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _year(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a year: {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``python -m sim``."""
    p = _Parser(prog="python -m sim",
                description="Scenario simulator for a district's economy (亿元, current prices; "
                            "GDP and sector growth real, retail growth nominal).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True

    run = sub.add_parser(
        "run", help="project scenarios year by year",
        description="Project each scenario from its base year to the end year and print every "
                    "indicator. SCENARIO is a scenario file or the name of a shipped scenario "
                    "(see `list`).")
    run.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    _common(run)
    run.add_argument("--format", choices=FORMATS, default="table",
                     help="table (default), csv (tidy: scenario,indicator,year,value,unit), "
                          "json (records), iamc (CSV in the IAMC long format)")
    run.add_argument("--out", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    run.add_argument("--indicators", metavar="ID[,ID...]",
                     help="only these indicators (comma-separated ids)")
    run.set_defaults(func=cmd_run)

    cmp_ = sub.add_parser(
        "compare", help="scenarios side by side in one year, against the 2024 targets",
        description="Indicators of each scenario in one year, the difference of each from the "
                    "reference scenario (--ref, default the first; levels in 亿元 and %, rates "
                    "in percentage points), and each 2024 plan target met or missed.")
    cmp_.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    cmp_.add_argument("--year", type=_year, default=2024, help="year to compare (default 2024)")
    cmp_.add_argument("--ref", metavar="NAME",
                      help="scenario the differences are measured from (default: the first "
                           "given)")
    _common(cmp_)
    cmp_.add_argument("--format", choices=("table", "csv", "json"), default="table")
    cmp_.add_argument("--out", metavar="FILE", help="write to FILE instead of the screen")
    cmp_.set_defaults(func=cmd_compare)

    chk = sub.add_parser(
        "check", help="validate scenario and base files",
        description="Validate each file (a scenario, or a base if it has [levels] and no "
                    "[rates]); print the base-year consistency report of each base. Exits 2 at "
                    "the first invalid file.")
    chk.add_argument("files", nargs="+", metavar="FILE")
    chk.set_defaults(func=cmd_check)

    lst = sub.add_parser("list", help="shipped scenarios and built-in bases",
                         description="List the shipped scenarios and built-in bases.")
    lst.set_defaults(func=cmd_list)

    his = sub.add_parser(
        "history", help="a base's history: published figures with their sources, what they imply",
        description="The years before the base year that BASE (a built-in name or a TOML file) "
                    "carries, and the base year: each published figure with its quote and where "
                    "it was published (secondary sources marked), what follows from them marked "
                    "derived (nominal growth, implied deflators, sector levels, shares and "
                    "growth), past plan targets, and the implausible implications flagged with "
                    "their likely causes. CSV columns: indicator,year,value,unit,source,kind.")
    his.add_argument("base", metavar="BASE")
    his.add_argument("--format", choices=("table", "csv"), default="table",
                     help="table (default: a series per indicator, then sources and flags) or "
                          "csv (tidy rows)")
    his.add_argument("--out", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    his.set_defaults(func=cmd_history)

    bt = sub.add_parser(
        "backtest", help="would simple forecasters have forecast the past? errors by method",
        description="For every year of BASE's history (a built-in name or a TOML file) whose "
                    "outturn is known, project it from the year before (or --horizon years "
                    "before) with the model's arithmetic by each method — momentum (year t's own "
                    "rates carry on), trend (each rate the mean of the years up to t), plan (a "
                    "past plan's target, one year ahead) — and compare it with the outturn. The "
                    "table gives every error, then the mean error and RMSE per method and "
                    "indicator. CSV columns exactly: method,indicator,year,projected,outturn,"
                    "error,unit (error = projected − outturn, in pp for rates and %% of the "
                    "outturn for levels); with --summary the CSV is instead the summary: "
                    "method,indicator,n,years,mean_error,rmse,unit.")
    bt.add_argument("base", metavar="BASE")
    bt.add_argument("--method", choices=("momentum", "trend", "plan", "all"), default="all",
                    help="the forecaster to score (default all three)")
    bt.add_argument("--horizon", type=int, default=1, metavar="H",
                    help="years between the projection's start and the outturn (default 1)")
    bt.add_argument("--format", choices=("table", "csv"), default="table",
                    help="table (default: the errors, then the summary) or csv (tidy rows)")
    bt.add_argument("--summary", action="store_true",
                    help="only the mean error and RMSE per method and indicator (in CSV: the "
                         "summary's columns instead of the errors')")
    bt.add_argument("--out", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    bt.set_defaults(func=cmd_backtest)

    ca = sub.add_parser(
        "calibrate", help="a scenario file estimated from a base's history",
        description="Estimate a scenario from the history of BASE (a built-in name or a TOML "
                    "file) and print it as TOML, or write it to --out FILE, which `python -m "
                    "sim run FILE` projects: each rate its trend (the mean over the years the "
                    "history gives), its sd by horizon the RMSE of the trend method's backtest "
                    "errors (widening by an assumed √h beyond the horizons history covers), the "
                    "persistence where enough errors exist. The file's description labels each "
                    "figure \"estimated from N years (YEARS)\"; estimates resting on few years "
                    "are warned of on standard error and in the description. A rate the history "
                    "cannot estimate needs --assume RATE=VALUE (a user assumption, labelled so).")
    ca.add_argument("base", metavar="BASE")
    ca.add_argument("--assume", action="append", default=[], metavar="RATE=VALUE",
                    help="set a rate instead of estimating it, %% per year (repeatable)")
    ca.add_argument("--end-year", type=_year, metavar="YEAR",
                    help="last projected year (default 2030)")
    ca.add_argument("--name", default="calibrated",
                    help="the scenario's name (default calibrated)")
    ca.add_argument("--out", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    ca.set_defaults(func=cmd_calibrate)
    _add_analysis(sub)
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", metavar="FILE",
                   help="use this base (a built-in name or a TOML file) instead of the one each "
                        "scenario names")
    p.add_argument("--until", type=_year, metavar="YEAR",
                   help="last projected year (default: each scenario's end_year, 2030)")
    _fill_option(p)


def _fill_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fill", choices=("first", "drop"),
                   help="when a scenario's rates do not start the year after the base (its "
                        "start_year): 'first' gives the years before start_year the rates of "
                        "start_year, 'drop' drops the rates for years the base already has "
                        "(default: each file's fill, else an error); the fill is stated")


def _state_fill(s) -> None:
    """Say on standard error what a scenario's fill does on its base (if anything)."""
    if s.fill_note():
        print(f"note: {s.name}: {_plain(s.fill_note(), 400)}", file=sys.stderr)


def _base_option(ref: str):
    """The base that ``--base`` names (a built-in name or a path); its errors name ``--base``
    unless they are about a key inside the base file."""
    from .base import load_base

    try:
        return load_base(ref)
    except InputError as err:
        raise InputError(err.problem, source=err.source,
                         key="--base" if err.key in (None, "base") else err.key,
                         allowed=err.allowed) from None


def _load(args, *, state_fill: bool = True) -> list:
    from .scenario import load_scenario

    base = _base_option(args.base) if args.base else None
    scenarios = [load_scenario(s, base=base, end_year=args.until, fill=args.fill)
                 for s in args.scenarios]
    for s in scenarios if state_fill else ():
        _state_fill(s)
    names = [s.name for s in scenarios]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"scenario name {dupes[0]!r} given twice", key="name",
                         allowed="distinct scenario names")
    return scenarios


def _plain(text: object, limit: int = 200) -> str:
    """A text from input (a title, a region, a file name) for the table and text output."""
    return shown(text, limit, quote=False)


_NON_ASCII = re.compile(r"[^\x20-\x7e\n]")


def _json(doc, **options) -> str:
    """``doc`` as JSON in which every non-printable character is a ``\\uXXXX`` escape."""
    text = json.dumps(doc, ensure_ascii=False, **options)
    if text.replace("\n", "").isprintable():
        return text
    return _NON_ASCII.sub(lambda m: m.group() if m.group().isprintable()
                          else json.dumps(m.group())[1:-1], text)


def _emit(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as err:
            raise InputError(f"cannot write: {err.strerror}", source=out, key="--out") from None
        print(f"wrote {_plain(out)}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _fmt(x: float, unit: str) -> str:
    if x != x:  # NaN
        return ""
    digits = 1 if unit == "亿元" else 0 if unit in ("元", "户", "家") else 2
    text = f"{float(x):,.{digits}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text


def _table(rows: list[list[str]], header: list[str]) -> str:
    from unicodedata import east_asian_width

    def width(s: str) -> int:
        return sum(2 if east_asian_width(c) in "WF" else 1 for c in s)

    cols = list(zip(header, *rows))
    widths = [max(width(c) for c in col) for col in cols]
    lines = []
    for i, row in enumerate([header, *rows]):
        cells = []
        for j, (cell, w) in enumerate(zip(row, widths)):
            pad = " " * (w - width(cell))
            cells.append(cell + pad if j == 0 else pad + cell)
        lines.append("  ".join(cells).rstrip())
        if i == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def cmd_run(args) -> int:
    from .results import project, sector_names, to_iamc, wide

    scenarios = _load(args, state_fill=args.format != "table")    # a table states it itself
    frame = project(scenarios)
    if args.indicators:
        from .model import output_ids
        wanted = [s.strip() for s in args.indicators.split(",") if s.strip()]
        known = {x for s in scenarios
                 for x in output_ids(s.start.sectors or None, s.start.extras,
                                     s.start.indicators)}
        for w in wanted:
            if w not in known:
                from .errors import did_you_mean
                raise InputError(f"unknown indicator {w!r}" + did_you_mean(w, known),
                                 key="--indicators", allowed=", ".join(sorted(known)))
        frame = frame[frame["indicator"].isin(wanted)].reset_index(drop=True)
    if args.format == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    elif args.format == "iamc":
        regions = {s.name: s.start.region_en or s.start.region for s in scenarios}
        text = to_iamc(frame, region=regions, names=sector_names(scenarios)).to_csv(
            index=False, lineterminator="\n")
    elif args.format == "json":
        text = _json(_records(frame)) + "\n"
    else:
        blocks = []
        table = wide(frame) if len(frame) else None
        for s in scenarios:
            head = (f"{s.name}: {_plain(s.title_en)} / {_plain(s.title_zh)}  (base "
                    f"{_plain(s.start.name)} {s.start.year}, "
                    f"{_plain(s.start.region_en or s.start.region)})")
            notes = [f"  assumption: {a}" for a in s.assumptions()]
            if "gdp" in s.start.lower_bounds:
                notes.append(f"  note: base-year GDP {s.start.levels['gdp']:g}亿元 is a lower bound")
            if table is None or s.name not in table.index.get_level_values(0):
                blocks.append("\n".join([head, *notes, "  (no values for these indicators)", ""]))
                continue
            sub = table.loc[s.name].dropna(axis=1, how="all")
            years = [str(y) for y in sub.columns]
            rows = [[ind, unit] + [_fmt(x, unit) for x in vals]
                    for (ind, _label, unit), vals in zip(sub.index, sub.to_numpy())]
            blocks.append("\n".join([head, *notes, ""]) + _table(rows, ["indicator", "unit", *years]))
        text = "\n".join(blocks)
    _emit(text, args.out)
    return 0


def cmd_compare(args) -> int:
    from .results import compare, project
    from .targets import PLAN_2024, PLAN_REGION, check_targets

    scenarios = _load(args)
    names = [s.name for s in scenarios]
    ref = args.ref or names[0]
    if ref not in names:
        from .errors import did_you_mean
        raise InputError(f"{ref!r} is not one of the scenarios compared" + did_you_mean(ref, names),
                         key="--ref", allowed=", ".join(names))
    names = [ref] + [n for n in names if n != ref]
    first = max(s.base.year for s in scenarios) + 1
    if not all(s.base.year < args.year <= s.end_year for s in scenarios):
        raise InputError(f"year {args.year} is outside a scenario's projection", key="--year",
                         allowed=f"{first} … {min(s.end_year for s in scenarios)}")
    frame = project(scenarios)
    comp = compare(frame, args.year, ref)
    targets = check_targets(frame)
    targets = targets[targets["year"] == args.year]
    if args.format == "csv":
        text = comp.to_csv(index=False, lineterminator="\n")
        text += "\n" + targets.to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = _json({"year": args.year, "reference": ref,
                      "comparison": json.loads(comp.to_json(orient="records",
                                                            force_ascii=False)),
                      "targets": json.loads(targets.to_json(orient="records",
                                                            force_ascii=False))},
                     indent=1) + "\n"
    else:
        header = ["indicator", "unit", *names, *[f"Δ {n}" for n in names[1:]]]
        rows = []
        for ind, block in comp.groupby("indicator", sort=False):
            unit = block["unit"].iloc[0]
            vals = block.set_index("scenario")
            row = [ind, unit] + [_fmt(vals["value"].get(n, float("nan")), unit) for n in names]
            for n in names[1:]:
                d = vals["diff"].get(n, float("nan"))
                pct = vals["diff_pct"].get(n, float("nan"))
                cell = "" if d != d else f"{round(float(d), 2) + 0.0:+,.2f}"
                if unit != "亿元" and cell:
                    cell += " pp" if unit == "%" else ""
                if pct == pct:
                    cell += f" ({round(float(pct), 1) + 0.0:+.1f}%)"
                row.append(cell)
            rows.append(row)
        text = (f"Scenarios in {args.year}; Δ = difference from {ref} (亿元 and % for levels, "
                "percentage points for rates)\n" + _table(rows, header))
        shown = targets[targets["status"] != "not evaluable"]
        if len(targets) == 0:
            text += f"\nNo target of the 2024 plan is set for {args.year}.\n"
        else:
            trow = []
            for _, t in shown.iterrows():
                need = f"{t['op']} {t['required']:g} {t['unit']}"
                trow.append([t["scenario"], t["target"], need, _fmt(t["value"], t["unit"]),
                             t["status"], f"{round(float(t['margin']), 2) + 0.0:+.2f}"])
            text += f"\nTargets for {args.year} ({PLAN_REGION} 2024 plan)\n"
            if trow:
                text += _table(trow, ["scenario", "target", "required", "value", "status",
                                      "margin"])
            needs = {t.id: t for t in PLAN_2024}
            for tid, block in targets[targets["status"] == "not evaluable"].groupby(
                    "target", sort=False):
                t = needs[tid]
                why = t.needs or f"the scenario to set {t.indicator}"
                text += (f"not evaluable for {', '.join(block['scenario'])}: {tid} ({t.en}); "
                         f"needs {why}\n")
        others = sorted({s.start.region for s in scenarios} - {PLAN_REGION})
        if others and len(targets):
            text += (f"note: the targets are {PLAN_REGION}'s; scenarios on other bases "
                     f"({', '.join(map(_plain, others))}) are checked against them only for "
                     "comparison\n")
    _emit(text, args.out)
    return 0


def cmd_check(args) -> int:
    from .base import base_from_dict, read_toml
    from .consistency import consistency_report
    from .scenario import scenario_from_doc

    for f in args.files:
        doc = read_toml(f, what="file")
        if "rates" not in doc and ("region" in doc or "year" in doc):
            base = base_from_dict(doc, name=Path(f).stem, source=f)
            print(f"{_plain(f)}: ok (base {_plain(base.region)} {base.year})")
            for finding in consistency_report(base).findings:
                print(f"  [{finding.level}] {finding.en}")
        else:
            s = scenario_from_doc(doc, path=f)
            print(f"{_plain(f)}: ok (scenario {s.name}, base {_plain(s.start.name)} "
                  f"{s.start.year}, to {s.end_year})")
            for finding in consistency_report(s.start).warnings:
                print(f"  [{finding.level}] {finding.en}")
    return 0


def cmd_list(args) -> int:
    from .base import builtin_bases, load_base
    from .catalog import shipped_scenarios
    from .scenario import load_scenario

    print("Scenarios:")
    for name, path in shipped_scenarios().items():
        s = load_scenario(path)
        print(f"  {name:<12} {_plain(s.title_en)} / {_plain(s.title_zh)}  ({_plain(path)})")
    print("Bases:")
    for name in sorted(builtin_bases()):
        b = load_base(name)
        print(f"  {name:<12} {_plain(b.region)} {_plain(b.region_en)} {b.year}")
    return 0


_MARKS = {"published": "", "secondary": " s", "lower bound": " ≥", "derived": " d",
          "approximate": " ~", "assumption": " a", "plan": ""}


def cmd_history(args) -> int:
    from .base import load_base
    from .history import history_flags, history_frame, indicator_order

    base = load_base(args.base)
    frame = history_frame(base)
    if args.format == "csv":
        _emit(frame.to_csv(index=False, lineterminator="\n"), args.out)
        return 0
    years = sorted(set(frame["year"]))
    order = {k: i for i, k in enumerate(indicator_order(base))}
    frame = frame.assign(_plan=frame["kind"] == "plan", _order=[
        order.get(k, len(order)) for k in frame["indicator"]])
    rows = []
    for (_, ind, plan), block in frame.groupby(["_order", "indicator", "_plan"], sort=True):
        unit = block["unit"].iloc[0]
        cells = {y: _fmt(x, unit) + _MARKS[k]
                 for y, x, k in zip(block["year"], block["value"], block["kind"])}
        rows.append([ind + " (plan)" * plan, unit, *(cells.get(y, "") for y in years)])
    first = [y for y in years if y != base.year]
    span = f"{first[0]}–{first[-1]}" if first else "none"
    text = (f"{_plain(base.region)} {_plain(base.region_en)}: history {span} and the base year "
            f"{base.year} (base {_plain(base.name)})\n"
            + _table(rows, ["indicator", "unit", *map(str, years)])
            + "unmarked: published · s: secondary source · ≥: lower bound (突破) · d: derived "
              "(--format csv says how) · ~: derived from a lower bound, approximate · a: user "
              "assumption\n")
    published = frame[frame["kind"].isin(["published", "secondary", "lower bound", "plan"])]
    text += "\nSources\n"
    for src, block in published.groupby("source", sort=False):
        figures = ", ".join(f"{i} {y}" + " (plan)" * (k == "plan")
                            for i, y, k in zip(block["indicator"], block["year"], block["kind"]))
        text += f"  {figures}: {_plain(src, 400)}\n"
    flags = history_flags(base)
    text += "\nFlags\n" if flags else "\nFlags: none\n"
    for f in flags:
        unit = frame.loc[frame["indicator"] == f.indicator, "unit"].iloc[0]
        text += f"  [{f.level}] {f.year} {f.indicator} = {_fmt(f.value, unit)}{unit}: {f.problem}\n"
        text += "".join(f"      - {c}\n" for c in f.causes)
    _emit(text, args.out)
    return 0


def _renamed(err: InputError, keys: dict[str, str], *, source: str | None = None) -> InputError:
    """``err`` with a key of the Python API replaced by the option that sets it."""
    key = keys.get(err.key, err.key)
    return InputError(err.problem, source=err.source if source is None else source, key=key,
                      allowed=err.allowed)


def cmd_backtest(args) -> int:
    from .backtest import backtest, backtest_summary
    from .base import load_base
    from .history import history_frame, require_history

    base = load_base(args.base)
    require_history(base, "to backtest")
    try:
        table = backtest(history_frame(base), base.model_sectors, args.method,
                         horizon=args.horizon)
    except InputError as err:
        raise _renamed(err, {"horizon": "--horizon", "method": "--method"},
                       source=args.base) from None
    summary = backtest_summary(table)
    if args.format == "csv":
        text = (summary if args.summary else table).to_csv(index=False, lineterminator="\n")
        _emit(text, args.out)
        return 0
    h = args.horizon
    years = sorted({int(y) for y in history_frame(base)["year"]})
    from .backtest import years_text

    head = (f"Backtest of {_plain(base.region)} {_plain(base.region_en)} (base "
            f"{_plain(base.name)}): history {years_text(years)}, each outturn projected {h} "
            f"year{'s' * (h != 1)} ahead by {args.method if args.method != 'all' else 'each method'}"
            "\nerror = projected − outturn: pp for rates (%), % of the outturn for levels\n")
    if table.empty:
        text = head + ("\nNo outturn of this history can be scored: each method needs a known "
                       f"rate {h} year{'s' * (h != 1)} before a known outturn.\n")
        _emit(text, args.out)
        return 0
    blocks = [head]
    if not args.summary:
        rows = [[r.method, r.indicator, str(r.year), _fmt(r.projected, r.unit),
                 _fmt(r.outturn, r.unit), _fmt(r.error, "pp"), r.unit]
                for r in table.itertuples(index=False)]
        blocks.append(_table(rows, ["method", "indicator", "year", "projected", "outturn",
                                    "error", "unit"]))
    rows = [[r.method, r.indicator, str(r.n), r.years, _fmt(r.mean_error, "pp"),
             _fmt(r.rmse, "pp"), r.unit] for r in summary.itertuples(index=False)]
    blocks.append("Mean error and RMSE per method and indicator\n"
                  + _table(rows, ["method", "indicator", "n", "years", "mean error", "RMSE",
                                  "unit of the errors"]))
    blocks.append("Figures given only as a lower bound (突破), and figures derived from one, are "
                  "neither outturns nor\nstarting levels. With few years the errors describe "
                  "this history more than a forecast's uncertainty.\n")
    _emit("\n".join(blocks), args.out)
    return 0


def _assumption(text: str) -> tuple[str, float]:
    name, sep, value = str(text).partition("=")
    name = name.strip()
    try:
        x = float(value)
    except ValueError:
        x = None
    if not sep or not name or x is None:
        raise InputError(f"cannot read {text!r}", key="--assume",
                         allowed="RATE=VALUE, a rate in % per year, e.g. non_services_real=3")
    return name, x


def cmd_calibrate(args) -> int:
    from .base import load_base
    from .calibrate import calibrate_base
    from .scenario import scenario_from_dict

    base = load_base(args.base)
    cal = calibrate_base(base)
    assumed = {}
    for text in args.assume:
        name, x = _assumption(text)
        if name in assumed:
            raise InputError(f"{name} is given twice", key="--assume", allowed="each rate once")
        assumed[name] = x
    try:
        doc = cal.to_scenario_doc(base.ref, name=args.name, end_year=args.end_year,
                                  assumed=assumed)
    except InputError as err:
        key = err.key or ""
        if key.startswith("rates.") and "give the rate in assumed" in err.problem:
            rate = key[len("rates."):]
            raise InputError(err.problem.replace("give the rate in assumed",
                                                 f"give it with --assume {rate}=VALUE"),
                             source=args.base, key=key, allowed=err.allowed) from None
        if key.startswith("assumed."):
            raise InputError(err.problem, source=args.base,
                             key="--assume " + key[len("assumed."):], allowed=err.allowed) from None
        raise _renamed(err, {"end_year": "--end-year"}, source=args.base) from None
    scenario_from_dict(doc, source=args.out or "<calibrated>")      # it loads, or an error
    import tomli_w

    text = (f"# Written by `python -m sim calibrate {_plain(args.base)}`: every figure is "
            "estimated from the base's history\n# or a user assumption; the description says "
            "how, and warns where the years are few.\n"
            + tomli_w.dumps(doc, multiline_strings=True))
    names = set(cal.scenario_rates)
    for line in cal.warnings:
        if line.split(" ", 1)[0] in names and line.split(" ", 1)[0] not in assumed:
            print(f"warning: {line}", file=sys.stderr)
    _emit(text, args.out)
    return 0


# -- analyses: mc, solve, sensitivity, attribute (sim.analysis)
MC_INDICATORS = ("gdp", "gdp_real_growth", "services_real_growth", "non_services_real_growth",
                 "retail_sales", "rd_intensity")


def _mc_indicators(sectors: tuple[str, ...]) -> tuple[str, ...]:
    """The indicators ``mc`` reports by default: :data:`MC_INDICATORS`, each sector's real
    growth in place of the two sectors'."""
    return ("gdp", "gdp_real_growth", *(f"{x}_real_growth" for x in sectors),
            "retail_sales", "rd_intensity")


def _add_analysis(sub) -> None:

    mc = sub.add_parser(
        "mc", help="Monte Carlo: fan-chart quantiles and probabilities of meeting targets",
        description="Draw N paths of the scenario's uncertain rates (two-piece normal shocks with "
                    "correlation and persistence, from the scenario's [uncertainty] table or the "
                    "stated default assumptions) and report the deciles, mean, standard deviation "
                    "and deterministic path of each indicator by year, and the probability of "
                    "meeting each 2024 plan target with its Monte Carlo standard error.")
    mc.add_argument("scenario", metavar="SCENARIO")
    mc.add_argument("--paths", type=int, default=10_000, metavar="N",
                    help="number of paths (default 10,000)")
    mc.add_argument("--seed", type=int, default=2024,
                    help="random seed (default 2024): the same seed gives the same numbers")
    mc.add_argument("--indicators", metavar="ID[,ID...]",
                    help="indicators to report, or 'all' (default: " + ",".join(MC_INDICATORS)
                         + ")")
    mc.add_argument("--quantiles", metavar="Q[,Q...]",
                    help="quantiles in [0, 1] (default the deciles 0.1 … 0.9)")
    mc.add_argument("--threshold", action="append", default=[], metavar="IND OP VALUE@YEAR",
                    help="also the probability of a threshold, e.g. 'gdp>=2100@2024' (repeatable)")
    mc.add_argument("--uncertainty", choices=("history", "file"),
                    help="where the sds come from: history (the backtest of the base's history, "
                         "where it gives an sd and a persistence; the scenario's own numbers for "
                         "the rest) or file (the scenario file's numbers, or the stated "
                         "defaults); default: as the scenario's [uncertainty] says (from, "
                         "default file)")
    _common(mc)
    _report_options(mc, "max_paths", "max_horizon")
    mc.set_defaults(func=cmd_mc)

    so = sub.add_parser(
        "solve", help="goal-seek: the input value at which an indicator hits a target",
        description="Solve for one input of SCENARIO (a rate, constant or in one year; gdp_real "
                    "for both sectors' real growth; deflator; or levels.NAME) so that INDICATOR "
                    "in YEAR equals TARGET, with scipy's bracketing root finders on the "
                    "vectorized model. An unreachable target exits 2 and names the closest "
                    "reachable value. Example: solve plan-2024 --set non_services_real=3 "
                    "--vary services_real --indicator gdp_real_growth --year 2024 --target 5.5")
    so.add_argument("scenario", metavar="SCENARIO")
    so.add_argument("--vary", required=True, metavar="INPUT",
                    help="the input to solve for: a rate (services_real), a rate in one year "
                         "(services_real[2024]), gdp_real, deflator or levels.NAME")
    so.add_argument("--vary-year", type=_year, metavar="YEAR",
                    help="vary the rate in this year only")
    so.add_argument("--indicator", required=True, metavar="ID", help="indicator to hit")
    so.add_argument("--year", type=_year, required=True, help="year of the target")
    so.add_argument("--target", type=float, required=True,
                    help="target value, in the indicator's unit (亿元, %% or pp)")
    so.add_argument("--set", action="append", default=[], metavar="RATE=VALUE",
                    help="first set a rate (%% per year; a comma list is a path), repeatable")
    so.add_argument("--bounds", metavar="LO,HI", help="search only this interval of the input")
    so.add_argument("--method", default="brentq",
                    help="scipy root finder: brentq (default), brenth, bisect, ridder, toms748")
    so.add_argument("--grid", type=int, default=64, metavar="N",
                    help="points of the bracketing grid over the input's range (default 64)")
    so.add_argument("--save", metavar="FILE.toml", help="write the solved scenario as TOML")
    _report_options(so, "max_grid", "max_horizon", base=True)
    so.set_defaults(func=cmd_solve)

    se = sub.add_parser(
        "sensitivity", help="tornado and Sobol indices of one indicator in one year",
        description="Tornado: the indicator in YEAR when each input moves by ± its standard "
                    "deviation (else ± 1 pp), one at a time, sorted by swing. Sobol: first-order "
                    "and total indices over the uncertain rates (each rate's shock path a "
                    "factor), from scipy.stats.sobol_indices, with the number of model runs.")
    se.add_argument("scenario", metavar="SCENARIO")
    se.add_argument("--indicator", required=True, metavar="ID")
    se.add_argument("--year", type=_year, required=True)
    se.add_argument("--method", choices=("both", "tornado", "sobol"), default="both")
    se.add_argument("--inputs", metavar="INPUT[,INPUT...]",
                    help="tornado inputs (default the uncertain rates); e.g. "
                         "services_real,levels.gdp")
    se.add_argument("--n", type=int, default=4096,
                    help="Sobol base samples, a power of 2 (default 4096; runs = n(d+2))")
    se.add_argument("--seed", type=int, default=2024, help="random seed (default 2024)")
    se.add_argument("--bootstrap", action="store_true",
                    help="95%% bootstrap intervals of the Sobol indices (slower)")
    se.add_argument("--resamples", type=int, default=999, metavar="N",
                    help="bootstrap resamples with --bootstrap (default 999)")
    _report_options(se, "max_sobol_samples", "max_bootstrap_resamples", "max_horizon",
                    base=True)
    se.set_defaults(func=cmd_sensitivity)

    at = sub.add_parser(
        "attribute", help="split a scenario's difference from a baseline by input (Shapley)",
        description="The difference in INDICATOR in YEAR between SCENARIO and the baseline, "
                    "split into the part due to each input in which they differ (exact Shapley "
                    "values: order-independent, summing to the total).")
    at.add_argument("scenario", metavar="SCENARIO")
    at.add_argument("--baseline", default="plan-2024",
                    help="baseline scenario (default plan-2024)")
    at.add_argument("--indicator", required=True, metavar="ID")
    at.add_argument("--year", type=_year, required=True)
    at.add_argument("--group", action="append", default=[], metavar="NAME=INPUT,INPUT",
                    help="count inputs as one, e.g. prices=services_deflator,"
                         "non_services_deflator (repeatable)")
    _report_options(at, "max_horizon")
    at.set_defaults(func=cmd_attribute)


def _report_options(p: argparse.ArgumentParser, *limits: str, base: bool = False) -> None:
    """The options an analysis verb ends with: ``--base`` (if ``base``), ``--format``,
    ``--out`` and the ``--max-*`` options of ``limits``."""
    if base:
        p.add_argument("--base", metavar="FILE", help="use this base instead of the scenario's")
        _fill_option(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table",
                   help="table (default), csv or json")
    p.add_argument("--out", metavar="FILE", help="write to FILE (UTF-8) instead of the screen")
    _limit_options(p, *limits)


def _limit_options(p: argparse.ArgumentParser, *names: str) -> None:
    """The ``--max-*`` options of ``names`` (:mod:`sim.limits`), in their own group."""
    from .limits import add_arguments

    add_arguments(p.add_argument_group(
        "limits per request", "defaults suited to a shared server; the SIM_MAX_* environment "
                              "variables set them too"), names)


def _limits(args):
    """The limits of this command: SIM_MAX_* variables, then the --max-* options."""
    from .limits import from_args

    return from_args(args)


def _one(args, name: str, *, end_year: int | None = None):
    from .scenario import load_scenario

    base = _base_option(args.base) if getattr(args, "base", None) else None
    s = load_scenario(name, base=base, end_year=end_year, fill=getattr(args, "fill", None))
    _state_fill(s)
    return s


def _csv_list(text: str, key: str, conv=str) -> list:
    items = [t.strip() for t in str(text).split(",") if t.strip()]
    try:
        return [conv(t) for t in items]
    except ValueError:
        raise InputError(f"cannot read {text!r}", key=key,
                         allowed="comma-separated numbers") from None


def _records(frame) -> list:
    return json.loads(frame.to_json(orient="records", force_ascii=False, double_precision=15))


def _dump(doc) -> str:
    return _json(doc, indent=1, allow_nan=False, default=lambda x: None) + "\n"


def cmd_mc(args) -> int:
    from .analysis import montecarlo as M
    from .analysis.probabilities import parse_threshold, target_probabilities
    from .model import output_ids
    from .rng import as_generator
    from .targets import PLAN_2024

    limits = _limits(args)
    n_paths = limits.check_paths(M.check_n_paths(args.paths, "--paths"), key="--paths")
    s = _one(args, args.scenario, end_year=args.until)
    limits.check_horizon(s.base.year, s.end_year, key="--until")
    thresholds = [parse_threshold(t) for t in args.threshold]
    q = (_csv_list(args.quantiles, "--quantiles", float) if args.quantiles is not None
         else list(M.FAN_QUANTILES))
    M.check_quantiles(q)               # before any path is simulated
    available = output_ids(s.base.sectors or None, s.base.extras, s.base.indicators)
    if args.indicators == "all":
        ids = None
    elif args.indicators:
        ids = _csv_list(args.indicators, "--indicators")
    else:
        ids = [k for k in _mc_indicators(s.base.model_sectors) if k in available]
    # keep only what is reported or tested against a target: memory is paths × years × kept
    kept = None if ids is None else list(dict.fromkeys([
        *ids, *(t.indicator for t in PLAN_2024 if t.indicator in available),
        *(t.indicator for t in thresholds)]))
    try:
        mc = M.simulate(s, n_paths=n_paths, rng=as_generator(args.seed, key="--seed"),
                        indicators=kept, limits=limits, uncertainty=args.uncertainty)
    except InputError as err:
        if err.key != "uncertainty":
            raise
        raise _renamed(err, {"uncertainty": "--uncertainty"}) from None
    ids = mc.indicators if ids is None else ids
    summary = M.summary(mc, indicators=ids, q=q)
    probs = target_probabilities(mc, [*PLAN_2024, *thresholds])
    probs = probs[probs["status"] == "evaluated"].reset_index(drop=True)
    if args.format == "csv":
        text = summary.to_csv(index=False, lineterminator="\n") + "\n" + probs.to_csv(
            index=False, lineterminator="\n")
    elif args.format == "json":
        text = _dump({"scenario": s.name, "n_paths": mc.n_paths, "seed": args.seed,
                      "uncertainty": mc.uncertainty.basis,
                      "assumptions": list(mc.assumptions), "clipped": dict(mc.clipped),
                      "summary": _records(summary), "targets": _records(probs)})
    else:
        stats = [M.quantile_label(x) for x in q] + ["mean", "deterministic"]
        lines = [f"{s.name}: {mc.n_paths:,} Monte Carlo paths, seed {args.seed}",
                 f"  {_plain(mc.uncertainty.basis, 2000)}"]
        lines += [f"  {_plain(a, 1000)}" for a in mc.assumptions]
        lines += [f"  note: {k} draws outside its range set to the bound: {x:.2%}"
                  for k, x in mc.clipped.items() if x > 0]
        blocks = ["\n".join(lines) + "\n"]
        for ind in ids:
            sub = summary[summary["indicator"] == ind]
            unit = sub["unit"].iloc[0] if len(sub) else ""
            wide_ = sub.pivot(index="year", columns="statistic", values="value")
            rows = [[str(y)] + [_fmt(wide_.at[y, c], unit) if c in wide_ else "" for c in stats]
                    for y in wide_.index]
            blocks.append(f"{ind} ({unit})\n" + _table(rows, ["year", *stats]))
        trows = [[t["target"], f"{t['op']} {t['required']:g} {t['unit']} in {t['year']}",
                  f"{t['probability']:.1%}", f"{t['mc_se']:.2%}",
                  f"{t['ci_low']:.1%} … {t['ci_high']:.1%}",
                  "met" if t["deterministic_met"] else "missed"] for _, t in probs.iterrows()]
        blocks.append("Probability of meeting each target (± Monte Carlo standard error)\n"
                      f"  with the {_plain(mc.uncertainty.basis, 2000)}\n"
                      + _table(trows, ["target", "condition", "probability", "MC s.e.",
                                       "95% interval", "central path"]))
        text = "\n".join(blocks)
    _emit(text, args.out)
    return 0


def _rate_setting(text: str):
    name, sep, value = str(text).partition("=")
    if not sep or not name.strip():
        raise InputError(f"cannot read {text!r}", key="--set",
                         allowed="RATE=VALUE or RATE=V1,V2,... (%)")
    vals = _csv_list(value, f"--set {name.strip()}", float)
    if not vals:
        raise InputError(f"no value in {text!r}", key="--set", allowed="RATE=VALUE")
    return name.strip(), (vals[0] if len(vals) == 1 else tuple(vals))


def cmd_solve(args) -> int:
    from .analysis.goalseek import solve

    limits = _limits(args)
    s = _one(args, args.scenario)
    limits.check_horizon(s.base.year, args.year, key="--year")
    limits.check_grid(args.grid, key="--grid")
    if args.set:
        s = s.with_rates(**dict(_rate_setting(t) for t in args.set))
    bounds = None
    if args.bounds:
        bounds = _csv_list(args.bounds, "--bounds", float)
        if len(bounds) != 2:
            raise InputError(f"cannot read {args.bounds!r}", key="--bounds",
                             allowed="LO,HI (two numbers)")
    sol = solve(s, indicator=args.indicator, year=args.year, target=args.target,
                vary=args.vary, vary_year=args.vary_year, bounds=bounds, method=args.method,
                grid=args.grid, limits=limits)
    if args.save:
        _emit(sol.scenario.to_toml(), args.save)
    frame = sol.to_frame()
    if args.format == "csv":
        import pandas as pd

        text = pd.DataFrame([sol.to_dict()]).to_csv(index=False, lineterminator="\n") + "\n"
        text += frame.to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = _dump({"solution": sol.to_dict(), "projection": _records(frame)})
    else:
        from .results import compare_indicators, wide

        table = wide(frame).loc[sol.scenario.name]
        shown_ids = table.index.get_level_values(0)
        keep = [i for i in compare_indicators(shown_ids) if i in shown_ids]
        years = [str(y) for y in table.columns]
        rows = []
        for ind in keep:
            block = table.loc[ind]
            unit = block.index.get_level_values(1)[0]
            rows.append([ind, unit] + [_fmt(x, unit) for x in block.to_numpy()[0]])
        text = (sol.describe() + f"\n  {sol.iterations} iterations of {sol.method}, "
                f"{sol.model_calls} calls of the model; residual {sol.residual:.3g}\n\n"
                + f"Solved scenario {sol.scenario.name}\n"
                + _table(rows, ["indicator", "unit", *years]))
    _emit(text, args.out)
    return 0


def cmd_sensitivity(args) -> int:
    from .analysis.sensitivity import sobol_scenario, tornado

    limits = _limits(args)
    s = _one(args, args.scenario)
    limits.check_horizon(s.base.year, args.year, key="--year")
    if args.method in ("both", "sobol"):
        limits.check_sobol_samples(args.n, key="--n")
    inputs = _csv_list(args.inputs, "--inputs") if args.inputs else None
    tr = sb = None
    if args.method in ("both", "tornado"):
        tr = tornado(s, indicator=args.indicator, year=args.year, inputs=inputs, limits=limits)
    if args.method in ("both", "sobol"):
        try:
            sb = sobol_scenario(s, indicator=args.indicator, year=args.year, n=args.n,
                                rng=args.seed, bootstrap=args.bootstrap, limits=limits,
                                n_resamples=args.resamples)
        except InputError as err:
            if err.key != "n_resamples":
                raise
            raise InputError(err.problem, source=err.source, key="--resamples",
                             allowed=err.allowed) from None
    if args.format == "csv":
        parts = []
        if tr is not None:
            parts.append(tr.frame.assign(output=f"{tr.indicator} {tr.year}", base=tr.base)
                         .to_csv(index=False, lineterminator="\n"))
        if sb is not None:
            parts.append(sb.to_frame().assign(output=sb.output, model_runs=sb.model_runs)
                         .to_csv(index=False, lineterminator="\n"))
        text = "\n".join(parts)
    elif args.format == "json":
        doc = {"scenario": s.name, "indicator": args.indicator, "year": args.year}
        if tr is not None:
            doc["tornado"] = {"base": tr.base, "unit": tr.output_unit,
                              "model_runs": tr.model_runs, "rows": _records(tr.frame)}
        if sb is not None:
            doc["sobol"] = {"n": sb.n, "model_runs": sb.model_runs, "mean": sb.mean,
                            "variance": sb.variance, "notes": list(sb.notes),
                            "rows": _records(sb.to_frame())}
        text = _dump(doc)
    else:
        blocks = []
        if tr is not None:
            u = tr.output_unit
            rows = [[r.input, f"±{r.step:g} {r.unit}", _fmt(r.low, u), _fmt(r.high, u),
                     f"{r.delta_low:+.4g}", f"{r.delta_high:+.4g}", f"{r.swing:.4g}"]
                    for r in tr.frame.itertuples()]
            blocks.append(f"Tornado: {tr.indicator} in {tr.year} = {tr.base:.6g} {u} "
                          f"({tr.model_runs} model runs)\n" + _table(
                              rows, ["input", "step", "low", "high", "Δ low", "Δ high",
                                     "swing"]))
        if sb is not None:
            f = sb.to_frame()
            rows = [[r["factor"], f"{r['first_order']:.3f}", f"{r['total_order']:.3f}"]
                    + ([f"{r['first_low']:.3f} … {r['first_high']:.3f}",
                        f"{r['total_low']:.3f} … {r['total_high']:.3f}"] if sb.first_ci
                       is not None else []) for _, r in f.iterrows()]
            head = ["factor", "first order", "total"] + (
                ["first 95%", "total 95%"] if sb.first_ci is not None else [])
            blocks.append(f"Sobol indices of {sb.output} ({sb.unit}): n = {sb.n:,}, "
                          f"{sb.model_runs:,} model runs; variance {sb.variance:.4g}\n"
                          + _table(rows, head) + "".join(f"  note: {x}\n" for x in sb.notes))
        text = "\n".join(blocks)
    _emit(text, args.out)
    return 0


def cmd_attribute(args) -> int:
    from .analysis.attribution import attribute

    limits = _limits(args)
    s = _one(args, args.scenario)
    b = _one(args, args.baseline)
    for x in (s, b):
        limits.check_horizon(x.base.year, args.year, key="--year")
    groups = {}
    for g in args.group:
        name, sep, members = g.partition("=")
        if not sep or not name.strip():
            raise InputError(f"cannot read {g!r}", key="--group", allowed="NAME=INPUT,INPUT")
        groups[name.strip()] = _csv_list(members, "--group")
    at = attribute(s, b, indicator=args.indicator, year=args.year, groups=groups)
    frame = at.to_frame()
    if args.format == "csv":
        text = frame.assign(scenario=at.scenario, baseline=at.baseline, indicator=at.indicator,
                            year=at.year, unit=at.unit).to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = _dump({"scenario": at.scenario, "baseline": at.baseline,
                      "indicator": at.indicator, "year": at.year, "unit": at.unit,
                      "baseline_value": at.baseline_value, "scenario_value": at.scenario_value,
                      "total": at.total, "model_runs": at.model_runs,
                      "parts": _records(frame)})
    else:
        u = at.unit
        rows = [[at.baseline, "", _fmt(at.baseline_value, u), ""]]
        rows += [[r.input, r.change, f"{r.contribution:+.4g}",
                  "" if r.share != r.share else f"{r.share:.1%}"] for r in frame.itertuples()]
        rows.append([at.scenario, "", _fmt(at.scenario_value, u), ""])
        text = (f"{at.indicator} ({u}) in {at.year}: {at.scenario} − {at.baseline} = "
                f"{at.total:+.6g}, split by input (Shapley values, {at.model_runs} model runs)\n"
                + _table(rows, ["", "change", "contribution", "share"]))
    _emit(text, args.out)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")   # the output is UTF-8 on any terminal
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except InputError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except KeyboardInterrupt:
        return 130
