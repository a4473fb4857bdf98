"""Bad input: each case raises InputError naming the file, the key and the allowed range."""
import pytest

import sim
from sim.scenario import load_scenario

RATES = 'services_real = 5.6\nnon_services_real = 2.0\nretail_sales = 7.0\n'


def scenario_file(tmp_path, text, name="bad.toml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


CASES = {
    "typo in a top-level key": ('base = "xihu-2023"\nend_yeer = 2030\n[rates]\n' + RATES,
                                ["key 'end_yeer'", "did you mean 'end_year'?"]),
    "typo in a rate": ('[rates]\n' + RATES + 'servces_deflator = 1.0\n',
                       ["key 'rates.servces_deflator'", "did you mean 'services_deflator'?"]),
    "wrong type": ('[rates]\nservices_real = "fast"\nnon_services_real = 2.0\nretail_sales = 7.0\n',
                   ["key 'rates.services_real'", "\"base\"", "[-50, 100] % per year"]),
    "boolean is not a number": ('[rates]\n' + RATES + 'rd_intensity = true\n',
                                ["key 'rates.rd_intensity'", "boolean true"]),
    "NaN": ('[rates]\nservices_real = nan\nnon_services_real = 2.0\nretail_sales = 7.0\n',
            ["key 'rates.services_real'", "finite", "[-50, 100] % per year"]),
    "infinity": ('[rates]\nservices_real = 5.0\nnon_services_real = inf\nretail_sales = 7.0\n',
                 ["key 'rates.non_services_real'", "finite"]),
    "growth of 500%": ('[rates]\nservices_real = 500\nnon_services_real = 2.0\nretail_sales = 7\n',
                       ["key 'rates.services_real'", "is 500", "[-50, 100] % per year"]),
    "growth below -50%": ('[rates]\nservices_real = 5\nnon_services_real = -60\nretail_sales = 7\n',
                          ["key 'rates.non_services_real'", "is -60", "[-50, 100]"]),
    "a path value out of range": ('[rates]\n' + RATES + 'rd_intensity = [4.4, 140.0]\n',
                                  ["key 'rates.rd_intensity[1] (2025)'", "[0, 100] % of GDP"]),
    "intensity out of range": ('[rates]\n' + RATES + 'rd_intensity = -1\n',
                               ["key 'rates.rd_intensity'", "[0, 100] % of GDP"]),
    "path longer than the horizon": ('end_year = 2025\n[rates]\n' + RATES + 'services_deflator = '
                                     '[1, 1, 1]\n', ["key 'rates.services_deflator'",
                                                     "3 values", "2024–2025 has 2 years"]),
    "end year before the base year": ('end_year = 2020\n[rates]\n' + RATES,
                                      ["key 'end_year'", "is 2020", "[2024, 2123]"]),
    "unknown base": ('base = "xihu-2032"\n[rates]\n' + RATES,
                     ["key 'base'", "unknown base 'xihu-2032'", "did you mean 'xihu-2023'?"]),
    "missing base file": ('base = "nowhere.toml"\n[rates]\n' + RATES,
                          ["key 'base'", "base file not found", "nowhere.toml"]),
    "services larger than GDP": ('[levels]\ngdp = 1500.0\n[rates]\n' + RATES,
                                 ["key 'levels.services'", "larger than GDP",
                                  "services <= gdp = 1500"]),
    "negative level": ('[levels]\ngdp = -3.0\n[rates]\n' + RATES,
                       ["key 'levels.gdp'", "[1e-06, 1e+08] 亿元"]),
    "missing rate": ('[rates]\nservices_real = 5.0\nretail_sales = 7.0\n',
                     ["key 'rates.non_services_real'", "missing"]),
    "both retail forms": ('[rates]\n' + RATES + 'retail_sales_elasticity = 1.0\n',
                          ["retail_sales_elasticity", "exactly one"]),
    "invalid TOML": ('[rates\nservices_real = 5\n', ["is not valid TOML"]),
    "not a table": ('rates = 5\n', ["key 'rates'", "must be a table"]),
    "negative sd": ('[rates]\n' + RATES + '[uncertainty.services_real]\nsd = -1.0\n',
                    ["key 'uncertainty.services_real.sd'", "[0, 50] pp"]),
    "inconsistent correlations": ('[rates]\n' + RATES + '[uncertainty]\ncorrelation = ['
                                  '["services_real", "non_services_real", 0.9], '
                                  '["services_real", "retail_sales", 0.9], '
                                  '["non_services_real", "retail_sales", -0.9]]\n',
                                  ["key 'uncertainty.correlation'", "positive semi-definite",
                                   "smallest eigenvalue"]),
    "correlation of an unknown rate": ('[rates]\n' + RATES + '[uncertainty]\ncorrelation = '
                                       '[["services_real", "servics_real", 0.5]]\n',
                                       ["uncertainty.correlation[0]", "did you mean"]),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_scenario_file_names_file_key_and_range(tmp_path, case):
    text, fragments = CASES[case]
    path = scenario_file(tmp_path, text)
    with pytest.raises(sim.InputError) as info:
        load_scenario(path)
    message = str(info.value)
    assert message.startswith(str(path)), message
    for fragment in fragments:
        assert fragment in message, (fragment, message)
    assert "\n" not in message


def test_missing_scenario_file(tmp_path):
    with pytest.raises(sim.InputError, match=r"nope\.toml: scenario file not found"):
        load_scenario(tmp_path / "nope.toml")


def test_binary_upload_is_not_toml():
    with pytest.raises(sim.InputError, match=r"<upload>: is not a UTF-8 text file"):
        sim.parse_scenario(b"\x89PNG\r\n\x1a\n\x00\xff")


BASES = {
    "missing services": ('region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\nretail_sales = 1.0\n',
                         ["key 'levels.services'", "missing required level"]),
    "unknown top key": ('region = "X"\nyeer = 2023\nyear = 2023\n[levels]\ngdp = 1.0\n',
                        ["key 'yeer'", "did you mean 'year'?"]),
    "growth for no level": ('region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\nservices = 5.0\n'
                            'retail_sales = 1.0\n[growth]\ngpd = 5.0\n',
                            ["key 'growth.gpd'", "did you mean 'gdp'?"]),
    "reserved extra name": ('region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\nservices = 5.0\n'
                            'retail_sales = 1.0\nrd_intensity = 3.0\n',
                            ["key 'levels.rd_intensity'", "clashes with an indicator or rate"]),
    "extra named like a rate": ('region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\nservices = 5.0\n'
                                'retail_sales = 1.0\nservices_real = 3.0\n',
                                ["key 'levels.services_real'", "clashes"]),
    "extra ending in _growth": ('region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\nservices = 5.0\n'
                                'retail_sales = 1.0\noutput_growth = 3.0\n',
                                ["key 'levels.output_growth'", "not ending in _growth"]),
    "year as text": ('region = "X"\nyear = "2023"\n[levels]\ngdp = 10.0\nservices = 5.0\n'
                     'retail_sales = 1.0\n', ["key 'year'", "whole number"]),
}


@pytest.mark.parametrize("case", BASES, ids=list(BASES))
def test_bad_base_file_names_file_key_and_range(tmp_path, case):
    text, fragments = BASES[case]
    path = scenario_file(tmp_path, text, "base.toml")
    with pytest.raises(sim.InputError) as info:
        sim.load_base(path)
    message = str(info.value)
    assert message.startswith(str(path))
    for fragment in fragments:
        assert fragment in message, (fragment, message)


def test_extra_level_needs_a_rate(tmp_path):
    base = scenario_file(tmp_path, 'region = "X"\nyear = 2023\n[levels]\ngdp = 10.0\n'
                         'services = 5.0\nretail_sales = 1.0\ndigital_core = 2.0\n', "b.toml")
    scen = scenario_file(tmp_path, f'base = "{base.name}"\n[rates]\n' + RATES)
    with pytest.raises(sim.InputError, match=r"key 'rates.digital_core'.*give its growth"):
        load_scenario(scen)
