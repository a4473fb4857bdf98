"""Exports of results, scenarios and charts as bytes: CSV, Excel, TOML, PNG.

Every export records where it came from: the scenarios, the model version
(:data:`sim.__version__`) and the time of export (UTC). The functions are pure: they return
bytes or text and write no file.

Usage::

    import sim
    from sim import export

    df = sim.project(["plan-2024", "momentum"])
    meta = export.metadata(["plan-2024", "momentum"])
    open("results.csv", "wb").write(export.to_csv(df, meta=meta))
    open("results.xlsx", "wb").write(export.to_excel(df, meta=meta))

Read an exported CSV back with ``pandas.read_csv(path, comment="#")``.
"""
from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from .indicators import indicator as _indicator

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from .scenario import Scenario

__all__ = ["metadata", "to_csv", "to_excel", "scenario_toml", "png_bytes", "EXCEL_TIDY_SHEET",
           "EXCEL_META_SHEET"]

EXCEL_TIDY_SHEET = "tidy"
EXCEL_META_SHEET = "metadata"
_SHEET_FORBIDDEN = set('[]:*?/\\')


def metadata(scenarios: Sequence[str], *, now: datetime | None = None,
             details: Mapping[str, str] | None = None) -> dict[str, str]:
    """What every export records.

    Parameters
    ----------
    scenarios : sequence of str
        The scenarios exported, e.g. ``["plan-2024", "plan-2024-edited"]``.
    now : datetime, optional
        Time of export; default the current time. Naive times are taken as UTC.
    details : Mapping[str, str], optional
        Further lines, e.g. what each scenario is (``{"plan-2024-edited": "plan-2024 with
        rates.services_real = 5.8"}``).

    Returns
    -------
    dict of str to str
        ``model``, ``model_version``, ``exported_at`` (ISO 8601, UTC), ``scenarios`` and the
        details, in that order.
    """
    from ._version import __version__

    now = now or datetime.now(timezone.utc)
    if now.tzinfo is None:
        now = now.replace(tzinfo=timezone.utc)
    meta = {
        "model": "xihu-sim (sim)",
        "model_version": __version__,
        "exported_at": now.astimezone(timezone.utc).isoformat(timespec="seconds"),
        "scenarios": ", ".join(scenarios),
    }
    for key, val in (details or {}).items():
        meta[str(key)] = " ".join(str(val).split())
    return meta


def _comment_lines(meta: Mapping[str, str]) -> str:
    return "".join(f"# {k}: {' '.join(str(v).split())}\n" for k, v in meta.items())


def to_csv(frame: "pd.DataFrame", *, meta: Mapping[str, str]) -> bytes:
    """The tidy results as CSV (UTF-8 with a byte-order mark, for spreadsheets).

    The metadata comes first as ``# key: value`` lines; read the file with
    ``pandas.read_csv(path, comment="#")``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results: ``scenario, indicator, year, value, unit`` (levels 亿元, growth %).
    meta : Mapping[str, str]
        From :func:`metadata`.

    Returns
    -------
    bytes
    """
    body = frame.to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + _comment_lines(meta) + body).encode("utf-8")


def _sheet_name(name: str, taken: set[str]) -> str:
    clean = "".join("_" if ch in _SHEET_FORBIDDEN else ch for ch in name)[:31] or "sheet"
    out, i = clean, 2
    while out.lower() in taken:
        suffix = f"~{i}"
        out, i = clean[:31 - len(suffix)] + suffix, i + 1
    taken.add(out.lower())
    return out


def to_excel(frame: "pd.DataFrame", *, meta: Mapping[str, str], lang: str = "en",
             scenarios: Mapping[str, str] | None = None,
             names: Mapping[str, tuple[str, str]] | None = None) -> bytes:
    """The results as an Excel workbook.

    Sheets: ``metadata`` (the export's metadata, then one row per scenario definition),
    ``tidy`` (the tidy table as is), and one wide sheet per indicator named by its id
    (scenarios as rows, years as columns; the label and unit in the first row).

    Parameters
    ----------
    frame : pandas.DataFrame
        Tidy results.
    meta : Mapping[str, str]
        From :func:`metadata`.
    lang : str
        ``"en"`` or ``"zh"`` for the indicator labels of the wide sheets.
    scenarios : Mapping[str, str], optional
        Scenario name → its TOML text, listed on the metadata sheet.
    names : Mapping[str, tuple of str], optional
        Sector labels of the scenarios' bases (:func:`sim.results.sector_names`), for the
        labels of the wide sheets.

    Returns
    -------
    bytes
        An ``.xlsx`` file.
    """
    import pandas as pd

    buf = io.BytesIO()
    taken = {EXCEL_META_SHEET, EXCEL_TIDY_SHEET}
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        rows = [(k, v) for k, v in meta.items()]
        for name, text in (scenarios or {}).items():
            rows.append((f"scenario {name} (TOML)", text))
        pd.DataFrame(rows, columns=["key", "value"]).to_excel(
            writer, sheet_name=EXCEL_META_SHEET, index=False)
        frame.to_excel(writer, sheet_name=EXCEL_TIDY_SHEET, index=False)
        order = list(dict.fromkeys(frame["scenario"]))
        for ind_id in dict.fromkeys(frame["indicator"]):
            sub = frame[frame["indicator"] == ind_id]
            table = sub.pivot_table(index="scenario", columns="year", values="value",
                                    aggfunc="first", sort=False)
            table = table.reindex([s for s in order if s in table.index])
            table.columns = [int(c) for c in table.columns]
            sheet = _sheet_name(ind_id, taken)
            table.to_excel(writer, sheet_name=sheet, startrow=2)
            ind = _indicator(ind_id, names)
            ws = writer.sheets[sheet]
            ws.cell(row=1, column=1, value=f"{ind.label(lang)} ({ind.unit})")
            ws.cell(row=2, column=1, value=f"{meta.get('model', '')} "
                                           f"{meta.get('model_version', '')}, "
                                           f"{meta.get('exported_at', '')}")
        props = writer.book.properties
        props.creator = f"{meta.get('model', 'sim')} {meta.get('model_version', '')}".strip()
        props.title = "Scenario results: " + meta.get("scenarios", "")
        props.description = _comment_lines(meta)
    return buf.getvalue()


def scenario_toml(scenario: "Scenario", *, meta: Mapping[str, str]) -> str:
    """The scenario as TOML that :func:`sim.load_scenario` reads back unchanged.

    The metadata is written as comment lines at the top.

    Parameters
    ----------
    scenario : Scenario
    meta : Mapping[str, str]
        From :func:`metadata`.

    Returns
    -------
    str
    """
    return _comment_lines(meta) + scenario.to_toml()


def png_bytes(fig: "Figure", *, meta: Mapping[str, str] | None = None,
              dpi: float | None = None) -> bytes:
    """A figure as PNG bytes, the metadata stored in the PNG's text chunks.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    meta : Mapping[str, str], optional
        From :func:`metadata`; stored as ``Software`` (model and version), ``Creation Time``,
        ``Description`` (the scenarios) and one chunk per further key.
    dpi : float, optional
        Resolution; default the figure's.

    Returns
    -------
    bytes
    """
    info: dict[str, str] = {}
    if meta:
        info["Software"] = f"{meta.get('model', 'sim')} {meta.get('model_version', '')}".strip()
        if "exported_at" in meta:
            info["Creation Time"] = meta["exported_at"]
        if "scenarios" in meta:
            info["Description"] = "scenarios: " + meta["scenarios"]
        for key, val in meta.items():
            if key not in ("model", "exported_at", "scenarios"):
                info[key] = str(val)
    # PNG text keys are 1-79 Latin-1 characters; values any text (stored as iTXt when needed)
    info = {_png_key(k): str(val).encode("utf-8", "replace").decode("utf-8")
            for k, val in info.items()}
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi or fig.dpi, metadata=info or None)
    return buf.getvalue()


def _png_key(key: str) -> str:
    """``key`` as a PNG text keyword: printable Latin-1, 1 to 79 characters."""
    kept = "".join(ch for ch in str(key) if " " <= ch <= "~" or "\xa1" <= ch <= "\xff").strip()
    return kept[:79] or "Comment"
