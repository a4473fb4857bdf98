"""Hostile TOML text from a file, an upload or a link: refused before it is parsed, with one
line naming the source, the line and the bound; parsed once; echoed printable and short."""
from __future__ import annotations

import re
import tomllib
import tracemalloc

import pytest

import sim
from sim import tomltext, validation as v
from sim.base import base_from_dict, parse_toml
from sim.errors import InputError, did_you_mean, shown
from sim.limits import DEFAULT_LIMITS
from sim.scenario import parse_scenario, scenario_from_dict
from sim.tomltext import DEFAULT_BOUNDS, TextBounds, check_text
from ui import uploads as up

RATES = "[rates]\nservices_real = 5.6\nnon_services_real = 2.0\nretail_sales = 7.0\n"
KB64 = DEFAULT_LIMITS.max_upload_bytes


def fill(unit: str, size: int = KB64 - 16) -> str:
    """``unit`` repeated to just under ``size`` characters (ASCII: as many bytes)."""
    return unit * (size // len(unit))


# The worst texts of 64 KiB: each shape that made tomllib slow, deep or huge, and each bound.
HOSTILE = {
    "dotted key 32,000 deep": (("a." * 32_768)[:KB64 - 4] + "a=1",
                               r"line 1 is 65,535 characters long \(allowed: up to 10,000 "
                               r"characters per line\)"),
    "dotted keys 4,000 deep on each line": (fill("a." * 4_000 + "a=1\n"),
                                            r"line 1: key has 4,001 dotted parts \(allowed: up "
                                            r"to 16\)$"),
    "dotted table headers": (fill("[" + "a." * 4_000 + "a]\n"),
                             r"line 1: key has 4,001 dotted parts \(allowed: up to 16\)$"),
    "quoted dotted key": ('"a" . ' * 1_000 + '"a" = 1\n',
                          r"line 1: key has 1,001 dotted parts \(allowed: up to 16\)$"),
    "1,000-deep nested lists": ("a = " + "[" * 1_000 + "]" * 1_000,
                                r"line 1: lists and tables nested 1,000 deep \(allowed: up to 32 "
                                r"levels\)$"),
    "nested lists over many lines": ("a = " + "[\n" * 16_000 + "]\n" * 16_000,
                                     r"line 33: lists and tables nested 16,000 deep"),
    "nested inline tables": ("a = " + "{b = " * 1_500 + "1" + "}" * 1_500,
                             r"line 1: lists and tables nested 1,500 deep"),
    "400-digit integer": ("end_year = " + "9" * 400 + "\n" + RATES,
                          r"line 1: a number with 400 digits \(allowed: up to 30 digits\)$"),
    "4,301-digit integer": ("x = " + "9" * 4_301,
                            r"line 1: a number with 4,301 digits"),
    "long hex integer": ("x = 0x" + "f" * 5_000, r"line 1: a number with 5,000 digits"),
    "digits on every line": (fill("x = " + "1_000" * 1_900 + "\n"),
                             r"line 1: a number with 7,600 digits"),
    "many tiny tables": (fill("[t]\n"), r"has more than 10,000 keys, tables and list items "
                                        r"\(allowed: up to 10,000\)$"),
    "many keys": (fill("k=1\n"), r"has more than 10,000 keys, tables and list items"),
    "a long list": ("a = [" + fill("1,\n") + "]", r"has more than 10,000 keys, tables and list"),
    "many strings": ("a = [" + fill('"",\n') + "]",
                     r"line 10001: more than 10,000 strings and comments \(allowed: up to "
                     r"10,000\)$"),
    "many comments between values": ("a = [" + fill("1, #\n") + "]",
                                     r"line 10001: more than 10,000 strings and comments"),
    "a long line": ('notes = "' + "x" * (KB64 - 20) + '"',
                    r"line 1 is 65,526 characters long"),
    "a long line after others": ("a = 1\n" * 3 + "#" + "x" * 20_000 + "\nb = 2\n",
                                 r"line 4 is 20,001 characters long"),
    "unterminated strings": (fill('"x\n'), r"line 10001: more than 10,000 strings"),
}


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_a_hostile_text_is_refused_before_parsing_naming_the_source_and_the_bound(
        case, monkeypatch):
    text, message = HOSTILE[case]
    assert len(text.encode()) <= KB64

    def never(*args, **kwargs):
        raise AssertionError("the text reached the parser")

    monkeypatch.setattr(tomltext.tomllib, "loads", never)
    with pytest.raises(InputError, match=r"^evil\.toml: " + message):
        parse_toml(text, source="evil.toml")


@pytest.mark.parametrize("case", HOSTILE, ids=list(HOSTILE))
def test_every_way_in_refuses_a_hostile_text_with_one_line(case):
    text, message = HOSTILE[case]
    data = text.encode()
    ways = {
        "upload": lambda: up.read_upload(data, filename="evil.toml", limits=DEFAULT_LIMITS),
        "base upload": lambda: up.read_base_upload(data, filename="evil.toml",
                                                   limits=DEFAULT_LIMITS),
        "link": lambda: up.decode_token(up.encode_token(text), source="evil.toml",
                                        limits=DEFAULT_LIMITS),
        "base link": lambda: up.decode_base_token(up.encode_base_token("b", text),
                                                  source="evil.toml", limits=DEFAULT_LIMITS),
        "scenario text": lambda: parse_scenario(text, source="evil.toml"),
        "base text": lambda: up.base_from_text("b", text, source="evil.toml"),
    }
    for way, read in ways.items():
        with pytest.raises(InputError) as info:
            read()
        assert re.match(r"evil\.toml: " + message, str(info.value)), (way, str(info.value))
        assert "\n" not in str(info.value)


def test_a_hostile_scenario_file_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "evil.toml"
    path.write_text(HOSTILE["dotted keys 4,000 deep on each line"][0], encoding="utf-8")
    with pytest.raises(InputError, match=r"evil\.toml: line 1: key has 4,001 dotted parts"):
        sim.load_scenario(path)


def test_checking_and_refusing_the_worst_64_kib_texts_allocates_under_64_mib():
    peaks = {}
    for case, (text, _) in HOSTILE.items():
        data = text.encode()
        token = up.encode_token(text)
        tracemalloc.start()
        for read in (lambda: up.read_upload(data, filename="e.toml", limits=DEFAULT_LIMITS),
                     lambda: up.decode_token(token, limits=DEFAULT_LIMITS)):
            with pytest.raises(InputError):
                read()
        peaks[case] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    worst = max(peaks, key=peaks.get)
    assert peaks[worst] < 64 * 2**20, (worst, peaks[worst])


def test_texts_that_pass_the_check_parse_within_a_bounded_peak():
    # the largest documents the bounds let through: just under each bound, 64 KiB
    texts = ["".join(f"[t{i}]\n" for i in range(7_000)),
             "a = [" + "1,\n" * 9_000 + "]",
             "".join("k." * 15 + f"x{i} = 1\n" for i in range(1_600)),
             fill("#" + "x" * 9_000 + "\n"),
             'a = """' + fill("x\n") + '"""']
    for text in texts:
        tracemalloc.start()
        doc = parse_toml(text, source="big.toml", max_bytes=KB64)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert isinstance(doc, dict)
        assert peak < 64 * 2**20, (text[:30], peak)


# -- what the check lets through ---------------------------------------------------------------

AT_THE_BOUNDS = {
    "16 dotted parts": ".".join(f"k{i}" for i in range(16)) + " = 1\n",
    "16 parts in a header": "[" + ".".join(f"k{i}" for i in range(16)) + "]\nx = 1\n",
    "32 levels of lists": "a = " + "[" * 32 + "]" * 32 + "\n",
    "30 digits": "x = " + "9" * 30 + "\ny = -1_000_000_000_000_000_000_000_000_000\n",
    "a 30-digit hex": "x = 0x" + "f" * 30 + "\n",
    "a line of 10,000 characters": 'a = "' + "x" * 9_994 + '"\n',
    "dots, brackets, digits and hashes in strings": (
        'a = "' + "x." * 40 + '"\n'
        "b = '" + "[" * 40 + "'\n"
        'c = """\n' + "{" * 40 + "\n" + "1" * 40 + '\n"""\n'
        "d = '''" + "#" + "a." * 40 + "'''\n"
        'e = "has \\" quote and # hash ' + "9" * 40 + '"\n'
        '"' + "q." * 30 + '" = 1\n'),
    "dots and brackets in comments": "# " + "a." * 40 + "[" * 40 + "9" * 40 + "\nx = 1\n",
    "quotes closing a multi-line string": 'a = """x""""\nb = \'\'\'y\'\'\'\'\'\nc = 1\n',
    "floats and dates": "a = [1.5, 2.25, 3.125]\nb = 1979-05-27T07:32:00.999999Z\nc = 1e300\n",
}


@pytest.mark.parametrize("case", AT_THE_BOUNDS, ids=list(AT_THE_BOUNDS))
def test_text_at_the_bounds_or_holding_them_in_strings_parses_as_tomllib_does(case):
    text = AT_THE_BOUNDS[case]
    assert parse_toml(text, source="ok.toml") == tomllib.loads(text)


def test_shipped_files_and_the_project_file_parse_as_tomllib_does(root):
    files = [*sorted((root / "scenarios").glob("*.toml")),
             *sorted((root / "sim" / "data" / "bases").glob("*.toml")), root / "pyproject.toml"]
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_toml(text, source=str(path)) == tomllib.loads(text), path


def test_line_numbers_count_the_lines_inside_multi_line_strings():
    text = 'a = """\none\ntwo\n"""\n# c\n# d\nb.' + "x." * 20 + "y = 1\n"
    with pytest.raises(InputError, match=r"^s: line 7: key has 22 dotted parts"):
        parse_toml(text, source="s")


def test_one_part_over_each_bound_is_refused():
    cases = {
        ".".join(["k"] * 17) + " = 1": "key has 17 dotted parts",
        "a = " + "[" * 33 + "]" * 33: "nested 33 deep",
        "x = " + "9" * 31: "a number with 31 digits",
        "x = 0x" + "f" * 31: "a number with 31 digits",
        'a = "' + "x" * 9_995 + '"': "line 1 is 10,001 characters long",
        "a = [" + "1,\n" * 10_001 + "]": "more than 10,000 keys",
    }
    for text, fragment in cases.items():
        with pytest.raises(InputError, match=re.escape(fragment)):
            check_text(text, source="s")


def test_the_bounds_can_be_set_and_are_validated():
    tight = TextBounds(max_key_parts=2)
    with pytest.raises(InputError, match=r"key has 3 dotted parts \(allowed: up to 2\)"):
        check_text("a.b.c = 1", source="s", bounds=tight)
    check_text("a.b.c = 1", source="s", bounds=DEFAULT_BOUNDS)
    with pytest.raises(InputError, match=r"key 'max_nesting': must be a whole number >= 1"):
        TextBounds(max_nesting=0)


def test_size_is_checked_before_decoding_and_parsing():
    with pytest.raises(InputError, match=r"^u\.toml: is 2,049 bytes, too large for a TOML text "
                                         r"\(allowed: up to 2,048 bytes \(2 KiB\)\)$"):
        parse_toml(b"\xff" * 2049, source="u.toml", max_bytes=2048)
    with pytest.raises(InputError, match=r"is 2,050 bytes"):
        parse_toml("é" * 1025, source="u.toml", max_bytes=2048)     # 2 bytes each
    with pytest.raises(InputError, match=r"is 1,048,577 bytes, .*\(1 MiB\)\)$"):
        parse_toml("#" * (2**20 + 1), source="u.toml")


def test_the_parser_s_own_limits_are_a_one_line_input_error(monkeypatch):
    for exc in (RecursionError("deep"), MemoryError(),
                ValueError("Exceeds the limit (4300 digits); use sys.set_int_max_str_digits")):
        def fail(text, exc=exc):
            raise exc
        monkeypatch.setattr(tomltext.tomllib, "loads", fail)
        tomltext._parsed.cache_clear()
        with pytest.raises(InputError, match=r"^s\.toml: is not valid TOML: "):
            parse_toml("a = 1", source="s.toml")
    tomltext._parsed.cache_clear()


# -- parsed once -------------------------------------------------------------------------------

BASE = ('region = "Other District"\nyear = 2023\n[levels]\ngdp = 812.5\nservices = 540.0\n'
        'retail_sales = 300.0\n')


@pytest.fixture
def parses(monkeypatch):
    """The texts tomllib parses from now on."""
    seen: list[str] = []
    real = tomllib.loads

    def counting(text, **kwargs):
        seen.append(text)
        return real(text, **kwargs)

    tomltext._parsed.cache_clear()
    monkeypatch.setattr(tomltext.tomllib, "loads", counting)
    yield seen
    tomltext._parsed.cache_clear()


def test_a_base_in_a_link_is_parsed_once(parses):
    name, base, text = up.decode_base_token(up.encode_base_token("other", BASE),
                                            limits=DEFAULT_LIMITS)
    assert (name, text, base.source, base.levels["gdp"]) == ("other", BASE, "uploaded base other",
                                                             812.5)
    assert parses == [BASE]


def test_an_uploaded_base_read_again_by_the_app_is_parsed_once(parses):
    name, text = up.read_base_upload(BASE.encode(), filename="other.toml", limits=DEFAULT_LIMITS)
    base = up.base_from_text(name, text)
    assert base.region == "Other District" and up.base_ref(text) is None
    assert parses == [BASE]


def test_a_scenario_text_asked_for_again_is_parsed_once(parses):
    text = 'base = "xihu-2023"\n' + RATES
    for _ in range(3):
        assert up.base_ref(text) == "xihu-2023"
    assert parse_scenario(text).base.name == "xihu-2023"
    assert parses.count(text) == 1


def test_each_parse_returns_a_new_document(parses):
    text = 'a = {b = [1, {c = 2}]}\n'
    first = parse_toml(text, source="s")
    first["a"]["b"][1]["c"] = 99
    first["a"]["b"].append(3)
    assert parse_toml(text, source="s") == {"a": {"b": [1, {"c": 2}]}}
    assert len(parses) == 1


def test_the_cache_keeps_only_small_texts(parses):
    big = "a = 1\n" + "#" * 9_000 + "\n" + ("#\n" * 30_000)
    assert len(big) > 64 * 1024
    for _ in range(2):
        assert parse_toml(big, source="s") == {"a": 1}
    assert len(parses) == 2


# -- values echoed printable and short ----------------------------------------------------------

def test_an_error_message_escapes_control_characters_in_every_part():
    err = InputError("names \x1b]0;x\x07", source="f\x1b[2J.toml", key="k\x1b", allowed="a\x9bb")
    assert str(err) == r"f\x1b[2J.toml: key 'k\x1b': names \x1b]0;x\x07 (allowed: a\x9bb)"
    assert str(err).isprintable()


def test_an_error_message_shortens_a_huge_value():
    name = "n" * 10_000_000
    with pytest.raises(InputError) as info:
        scenario_from_dict({"name": name, "rates": {}}, source="big.toml")
    message = str(info.value)
    assert message.startswith("big.toml: key 'name': is not a valid scenario name: ")
    assert len(message) < 2_500 and "characters)" in message


def test_an_unknown_key_holding_a_terminal_escape_is_echoed_escaped():
    text = '"\\u001b]0;pwned\\u0007" = 1\n' + RATES
    with pytest.raises(InputError, match=re.escape(r"up.toml: key '\x1b]0;pwned\x07': unknown key")):
        parse_scenario(text, source="up.toml")


def test_a_title_or_region_holding_a_control_character_is_refused_naming_the_key():
    with pytest.raises(InputError, match=re.escape(
            r"s.toml: key 'title_en': contains the control character '\x1b' at character 5 "
            r"(allowed: text without control characters (tabs and line breaks are allowed))")):
        parse_scenario('title_en = "Plan\\u001b]0;x\\u0007"\n' + RATES, source="s.toml")
    with pytest.raises(InputError, match=re.escape(r"key 'region': contains the control "
                                                   r"character '\x9b'")):
        base_from_dict({"region": "X\x9b2J", "year": 2023,
                        "levels": {"gdp": 2.0, "services": 1.0, "retail_sales": 1.0}},
                       source="b.toml")
    with pytest.raises(InputError, match=re.escape(r"b.toml: key 'notes': contains the control "
                                                   r"character '\x07' at character 2")):
        sim.Base(name="b", region="X", year=2023, notes="a\x07", source="b.toml",
                 levels={"gdp": 2.0, "services": 1.0, "retail_sales": 1.0})
    ok = parse_scenario('description = "tab\\there\\nline two\\r\\n"\n' + RATES)
    assert ok.description == "tab\there\nline two\r\n"


def test_shown_is_printable_short_and_names_huge_integers():
    assert shown("plan-2024") == "'plan-2024'"
    assert shown("a" * 10**7, 3) == "'aaa'… (10,000,000 characters)"
    assert shown("\x1b]0;x\u202e", quote=False) == r"\x1b]0;x\u202e"
    assert shown("西湖区") == "'西湖区'"
    assert shown(10**5000) == "an integer of about 5,000 digits"
    assert shown(12345, quote=False) == "12345"


def test_did_you_mean_skips_words_no_choice_can_match():
    assert did_you_mean("gpd", ["gdp", "services"]) == "; did you mean 'gdp'?"
    assert did_you_mean("g" * 10**6, ["gdp"]) == ""
    assert did_you_mean(10**5000, ["gdp"]) == ""


def test_a_number_too_large_for_a_float_is_refused_naming_the_key():
    with pytest.raises(InputError, match=r"^<dict>: key 'rates\.services_real': is an integer of "
                                         r"about 400 digits, too large for a number \(allowed: "
                                         r"\[-50, 100\] % per year\)$"):
        scenario_from_dict({"rates": {"services_real": 10**400, "non_services_real": 2.0,
                                      "retail_sales": 7.0}})
    with pytest.raises(InputError, match=r"key 'x': is 1e\+308, out of range"):
        v.number(10**308, "x", v.GROWTH)
    with pytest.raises(InputError, match=r"^key 'year': is an integer of about 5,000 digits, out "
                                         r"of range"):
        v.integer(10**5000, "year", v.YEAR)
    with pytest.raises(InputError, match=r"key 'k': must be a string, got an integer of about"):
        v.text(10**5000, "k")
