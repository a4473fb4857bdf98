"""Command line: ``python -m sim {run,compare,check,list} ...``.

Bad input exits with status 2 and one line on standard error, never a traceback.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError

__all__ = ["main", "build_parser"]

FORMATS = ("table", "csv", "json", "iamc")
COMPARE_INDICATORS = ("gdp", "gdp_real_growth", "gdp_nominal_growth", "gdp_deflator", "services",
                      "services_real_growth", "non_services", "non_services_real_growth",
                      "services_share", "services_contribution", "non_services_contribution",
                      "retail_sales", "retail_sales_growth", "rd_intensity", "rd_expenditure")


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
                    "first scenario (absolute and %), and each plan target met or missed.")
    cmp_.add_argument("scenarios", nargs="+", metavar="SCENARIO")
    cmp_.add_argument("--year", type=_year, default=2024, help="year to compare (default 2024)")
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
    return p


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--base", metavar="FILE",
                   help="use this base (a built-in name or a TOML file) instead of the one each "
                        "scenario names")
    p.add_argument("--until", type=_year, metavar="YEAR",
                   help="last projected year (default: each scenario's end_year, 2030)")


def _load(args) -> list:
    from .base import load_base
    from .scenario import load_scenario

    base = load_base(args.base) if args.base else None
    scenarios = [load_scenario(s, base=base, end_year=args.until) for s in args.scenarios]
    names = [s.name for s in scenarios]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise InputError(f"scenario name {dupes[0]!r} given twice", key="name",
                         allowed="distinct scenario names")
    return scenarios


def _emit(text: str, out: str | None) -> None:
    if out:
        try:
            Path(out).write_text(text, encoding="utf-8")
        except OSError as err:
            raise InputError(f"cannot write: {err.strerror}", source=out, key="--out") from None
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.write(text)


def _fmt(x: float, unit: str) -> str:
    if x != x:  # NaN
        return ""
    return f"{x + 0.0:,.1f}" if unit == "亿元" else f"{x + 0.0:.2f}"


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
    from .results import project, to_iamc, wide

    scenarios = _load(args)
    frame = project(scenarios)
    if args.indicators:
        wanted = [s.strip() for s in args.indicators.split(",") if s.strip()]
        known = set(frame["indicator"])
        for w in wanted:
            if w not in known:
                from .errors import did_you_mean
                raise InputError(f"unknown indicator {w!r}" + did_you_mean(w, known),
                                 key="--indicators", allowed=", ".join(sorted(known)))
        frame = frame[frame["indicator"].isin(wanted)].reset_index(drop=True)
    if args.format == "csv":
        text = frame.to_csv(index=False, lineterminator="\n")
    elif args.format == "iamc":
        region = scenarios[0].start.region_en or scenarios[0].start.region
        text = to_iamc(frame, region=region).to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = frame.to_json(orient="records", force_ascii=False, double_precision=15) + "\n"
    else:
        blocks = []
        table = wide(frame)
        for s in scenarios:
            sub = table.loc[s.name]
            years = [str(y) for y in sub.columns]
            rows = [[ind, unit] + [_fmt(x, unit) for x in vals]
                    for (ind, _label, unit), vals in zip(sub.index, sub.to_numpy())]
            head = (f"{s.name}: {s.title_en} / {s.title_zh}  (base {s.start.name} "
                    f"{s.start.year}, {s.start.region_en or s.start.region})")
            notes = [f"  assumption: {a}" for a in s.assumptions()]
            if "gdp" in s.start.lower_bounds:
                notes.append(f"  note: base-year GDP {s.start.levels['gdp']:g}亿元 is a lower bound")
            blocks.append("\n".join([head, *notes, ""]) + _table(rows, ["indicator", "unit", *years]))
        text = "\n".join(blocks)
    _emit(text, args.out)
    return 0


def comparison(frame, year: int):
    """Indicators × scenarios in ``year`` with differences from the first scenario.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    year : int
        The year compared.

    Returns
    -------
    pandas.DataFrame
        Columns ``indicator, unit, scenario, value, diff, diff_pct`` (diff = value − first
        scenario's, in the indicator's unit; diff_pct relative, %, for 亿元 levels only).
    """
    import numpy as np

    sel = frame[(frame["year"] == year) & frame["indicator"].isin(COMPARE_INDICATORS)]
    first = frame["scenario"].iloc[0]
    ref = sel[sel["scenario"] == first].set_index("indicator")["value"]
    out = sel[["indicator", "unit", "scenario", "value"]].copy()
    base = out["indicator"].map(ref)
    out["diff"] = out["value"] - base
    out["diff_pct"] = np.where(out["unit"] == "亿元", 100.0 * out["diff"] / base, np.nan)
    order = {k: i for i, k in enumerate(COMPARE_INDICATORS)}
    out = out.sort_values("indicator", key=lambda c: c.map(order), kind="stable")
    return out.reset_index(drop=True)


def cmd_compare(args) -> int:
    from .results import project
    from .targets import check_targets

    scenarios = _load(args)
    first = max(s.base.year for s in scenarios) + 1
    if not all(s.base.year < args.year <= s.end_year for s in scenarios):
        raise InputError(f"year {args.year} is outside a scenario's projection", key="--year",
                         allowed=f"{first} … {min(s.end_year for s in scenarios)}")
    frame = project(scenarios)
    comp = comparison(frame, args.year)
    targets = check_targets(frame)
    targets = targets[targets["year"] == args.year]
    if args.format == "csv":
        text = comp.to_csv(index=False, lineterminator="\n")
        text += "\n" + targets.to_csv(index=False, lineterminator="\n")
    elif args.format == "json":
        text = json.dumps({"year": args.year,
                           "comparison": json.loads(comp.to_json(orient="records",
                                                                 force_ascii=False)),
                           "targets": json.loads(targets.to_json(orient="records",
                                                                 force_ascii=False))},
                          ensure_ascii=False, indent=1) + "\n"
    else:
        names = [s.name for s in scenarios]
        header = ["indicator", "unit", *names, *[f"Δ {n}" for n in names[1:]]]
        rows = []
        for ind, block in comp.groupby("indicator", sort=False):
            unit = block["unit"].iloc[0]
            vals = block.set_index("scenario")
            row = [ind, unit] + [_fmt(vals["value"].get(n, float("nan")), unit) for n in names]
            for n in names[1:]:
                d = vals["diff"].get(n, float("nan"))
                pct = vals["diff_pct"].get(n, float("nan"))
                cell = "" if d != d else f"{d + 0.0:+,.2f}"
                if pct == pct:
                    cell += f" ({pct + 0.0:+.1f}%)"
                row.append(cell)
            rows.append(row)
        text = f"Scenarios in {args.year} (differences from {names[0]})\n" + _table(rows, header)
        trow = []
        for _, t in targets[targets["status"] != "not evaluable"].iterrows():
            need = f"{t['op']} {t['required']:g} {t['unit']}"
            trow.append([t["scenario"], t["target"], need, _fmt(t["value"], t["unit"]),
                         t["status"], f"{t['margin'] + 0.0:+.2f}"])
        text += f"\nTargets for {args.year} (2024 plan)\n" + _table(
            trow, ["scenario", "target", "required", "value", "status", "margin"])
        from .targets import PLAN_2024
        missing = sorted(set(targets.loc[targets["status"] == "not evaluable", "target"]))
        for t in PLAN_2024:
            if t.id in missing:
                text += f"not evaluable: {t.id} ({t.en}): needs {t.needs or 'its indicator'}\n"
    _emit(text, args.out)
    return 0


def cmd_check(args) -> int:
    from .base import base_from_dict, read_toml
    from .consistency import consistency_report
    from .scenario import load_scenario

    for f in args.files:
        doc = read_toml(f, what="file")
        if "levels" in doc and "rates" not in doc:
            base = base_from_dict(doc, name=Path(f).stem, source=f)
            print(f"{f}: ok (base {base.region} {base.year})")
            for finding in consistency_report(base).findings:
                print(f"  [{finding.level}] {finding.en}")
        else:
            s = load_scenario(f)
            print(f"{f}: ok (scenario {s.name}, base {s.start.name} {s.start.year}, "
                  f"to {s.end_year})")
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
        print(f"  {name:<12} {s.title_en} / {s.title_zh}  ({path})")
    print("Bases:")
    for name in sorted(builtin_bases()):
        b = load_base(name)
        print(f"  {name:<12} {b.region} {b.region_en} {b.year}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status (0 ok, 2 bad input)."""
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
