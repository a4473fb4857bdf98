"""Exports: CSV, Excel, TOML and PNG hold the results unchanged and record their provenance."""
from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pandas as pd
import pytest

import sim
from sim import export
from sim.plotting import projection_figure
from sim.testing import assert_results_close

NOW = datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=8)))


@pytest.fixture(scope="module")
def frame():
    return sim.project(["plan-2024", "momentum"])


@pytest.fixture(scope="module")
def meta():
    return export.metadata(["plan-2024", "momentum"], now=NOW,
                           details={"scenario momentum": "shipped file"})


def test_metadata_records_model_version_time_and_scenarios(meta):
    assert meta == {"model": "xihu-sim (sim)", "model_version": sim.__version__,
                    "exported_at": "2024-03-01T01:30:00+00:00",
                    "scenarios": "plan-2024, momentum",
                    "scenario momentum": "shipped file"}


def test_metadata_defaults_to_now_in_utc():
    stamp = datetime.fromisoformat(export.metadata(["x"])["exported_at"])
    assert stamp.tzinfo == timezone.utc
    assert abs(datetime.now(timezone.utc) - stamp) < timedelta(minutes=1)


def test_csv_reads_back_as_the_tidy_frame(frame, meta):
    data = export.to_csv(frame, meta=meta)
    assert data.startswith("\ufeff# model: xihu-sim (sim)\n".encode())
    text = data.decode("utf-8-sig")
    assert f"# model_version: {sim.__version__}\n" in text
    assert "# exported_at: 2024-03-01T01:30:00+00:00\n" in text
    back = pd.read_csv(io.BytesIO(data), comment="#", encoding="utf-8-sig")
    assert list(back.columns) == sim.COLUMNS
    assert_results_close(back, frame)                      # every digit kept


def test_excel_has_tidy_and_a_wide_sheet_per_indicator(frame, meta):
    data = export.to_excel(frame, meta=meta, lang="zh",
                           scenarios={"momentum": sim.load_scenario("momentum").to_toml()})
    sheets = pd.read_excel(io.BytesIO(data), sheet_name=None)
    assert list(sheets)[:2] == ["metadata", "tidy"]
    assert set(sheets) - {"metadata", "tidy"} == set(frame["indicator"])
    assert_results_close(sheets["tidy"], frame)
    info = sheets["metadata"].set_index("key")["value"]
    assert info["model_version"] == sim.__version__
    assert info["exported_at"] == "2024-03-01T01:30:00+00:00"
    assert sim.parse_scenario(info["scenario momentum (TOML)"]).name == "momentum"
    gdp = pd.read_excel(io.BytesIO(data), sheet_name="gdp", header=None)
    assert gdp.iloc[0, 0] == "地区生产总值 (亿元)"
    wide = pd.read_excel(io.BytesIO(data), sheet_name="gdp", skiprows=2, index_col=0)
    for name in ("plan-2024", "momentum"):
        for year in (2023, 2024, 2030):
            assert wide.loc[name, year] == pytest.approx(sim.value(frame, "gdp", year, name),
                                                         rel=1e-15)


def test_excel_workbook_properties_record_provenance(frame, meta):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(export.to_excel(frame, meta=meta)))
    assert book.properties.creator == f"xihu-sim (sim) {sim.__version__}"
    assert "exported_at: 2024-03-01T01:30:00+00:00" in book.properties.description


def test_toml_loads_back_unchanged(tmp_path, meta):
    scenario = sim.load_scenario("downside").with_levels(gdp=2100.0).with_rates(
        services_real=[5.0, 4.0]).renamed("downside-edited")
    text = export.scenario_toml(scenario, meta=meta)
    assert text.startswith("# model: xihu-sim (sim)\n")
    path = tmp_path / "downside-edited.toml"
    path.write_text(text, encoding="utf-8")
    back = sim.load_scenario(path)
    assert back.to_toml() == scenario.to_toml()
    assert_results_close(sim.project(back), sim.project(scenario))


def test_png_records_the_metadata(frame):
    from PIL import Image

    meta = export.metadata(["plan-2024"], now=NOW, details={"scenario plan-2024": "2024年计划"})
    data = export.png_bytes(projection_figure(frame, "gdp", lang="zh"), meta=meta, dpi=50)
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    image = Image.open(io.BytesIO(data))
    assert image.text["Software"] == f"xihu-sim (sim) {sim.__version__}"
    assert image.text["Creation Time"] == "2024-03-01T01:30:00+00:00"
    assert image.text["Description"] == "scenarios: plan-2024"
    assert image.text["scenario plan-2024"] == "2024年计划"
    assert image.size == (400, 230)                       # 8 × 4.6 in at 50 dpi


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    names = [export._sheet_name(n, taken) for n in ("a" * 40, "a" * 40, "x[1]:y", "tidy")]
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == 4
    assert names[2] == "x_1__y"


def test_png_metadata_takes_any_text_and_keeps_keys_valid():
    import io

    import matplotlib.pyplot as plt
    from PIL import Image

    fig = plt.figure()
    data = export.png_bytes(fig, meta={"model": "sim", "scenarios": "计划 \ud800",
                                       "scenario 计划": "x\ud800", "计划": "y"})
    plt.close(fig)
    text = Image.open(io.BytesIO(data)).text
    assert text["Description"] == "scenarios: 计划 ?"
    assert text["scenario"] == "x?"
    assert text["Comment"] == "y"


def test_exports_label_sectors_as_their_base_names_them(meta):
    from openpyxl import load_workbook

    b = sim.base_from_dict({"region": "Other", "year": 2023, "sectors": ["agri", "rest"],
                            "sector_names": {"agri": {"en": "Agriculture", "zh": "农业"}},
                            "levels": {"gdp": 100.0, "agri": 40.0, "rest": 60.0,
                                       "retail_sales": 10.0}}, name="other")
    mine = sim.scenario_from_dict({"name": "mine", "rates": {
        "agri_real": 2.0, "rest_real": 6.0, "retail_sales": 5.0}}, base=b)
    three = sim.load_scenario(Path(__file__).parent / "data" / "three-sector.toml")
    frame = sim.project([mine, three])
    names = sim.results.sector_names([mine, three])
    assert names == {"agri": ("Agriculture", "农业"), "rest": ("rest", "rest"),
                     "primary": ("Primary industry", "第一产业"),
                     "secondary": ("Secondary industry", "第二产业"),
                     "tertiary": ("Tertiary industry", "第三产业")}
    book = load_workbook(io.BytesIO(export.to_excel(frame, meta=meta, lang="zh", names=names)))
    assert book["agri"]["A1"].value == "农业增加值 (亿元)"
    assert book["agri_contribution_rate"]["A1"].value == "农业对GDP增长的贡献率 (%)"
    assert book["rest"]["A1"].value == "rest增加值 (亿元)"               # a sector, not an extra
    assert book["tertiary_share"]["A1"].value == "第三产业占GDP比重 (%)"
    table = sim.wide(frame, lang="en", names=names)
    labels = dict(zip(table.index.get_level_values("indicator"),
                      table.index.get_level_values("label")))
    assert labels["agri_real_growth"] == "Agriculture growth (real)"
    assert labels["secondary_contribution"] == "Contribution of secondary industry to real GDP growth"
    iamc = dict(zip(frame["indicator"], sim.to_iamc(frame, names=names)["variable"]))
    assert iamc["agri"] == "Value Added|Agriculture"
    assert iamc["rest"] == "Value Added|Rest"
    assert iamc["agri_contribution_rate"] == "Contribution Rate to Real GDP Growth|Agriculture"
    assert iamc["primary_share"] == "Share of GDP|Primary Industry"
    # without the base's names a user's sector is taken for an extra: hence sector_names
    assert dict(zip(frame["indicator"], sim.to_iamc(frame)["variable"]))["rest"] == "Extra|rest"
