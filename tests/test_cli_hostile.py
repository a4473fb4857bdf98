"""The command line given hostile files: exit status 2 and one printable line, never a
traceback, a hang or a process over 1 GiB."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys

import pytest

from sim import tomltext
from sim.cli import _json, main

RATES = "[rates]\nservices_real = 5.6\nnon_services_real = 2.0\nretail_sales = 7.0\n"
GIB = 2**30


def _one_gib():
    """In the child: no more than 1 GiB of address space, so any larger allocation fails."""
    resource.setrlimit(resource.RLIMIT_AS, (GIB, GIB))


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "sim", *args], capture_output=True, text=True,
                          encoding="utf-8", errors="strict", cwd=cwd, timeout=60,
                          preexec_fn=_one_gib)


def refused(out, fragment: str) -> str:
    assert out.returncode == 2, (out.returncode, out.stderr[-2000:])
    assert out.stdout == ""
    assert "Traceback" not in out.stderr
    lines = out.stderr.splitlines()
    assert len(lines) == 1, out.stderr[-2000:]
    assert fragment in lines[0], lines[0]
    assert lines[0].isprintable() and len(lines[0]) < 2_500
    return lines[0]


HOSTILE_FILES = {
    "dotted.toml": (("a." * 32_768)[:65_532] + "a=1",
                    "dotted.toml: line 1 is 65,535 characters long (allowed: up to 10,000"),
    "dotted-lines.toml": (("a." * 4_000 + "a=1\n") * 8,
                          "dotted-lines.toml: line 1: key has 4,001 dotted parts (allowed: up "
                          "to 16)"),
    "nested.toml": ("a = " + "[" * 1_000 + "]" * 1_000,
                    "nested.toml: line 1: lists and tables nested 1,000 deep (allowed: up to 32 "
                    "levels)"),
    "int400.toml": ("end_year = " + "9" * 400 + "\n" + RATES,
                    "int400.toml: line 1: a number with 400 digits (allowed: up to 30 digits)"),
    "int4301.toml": ("x = " + "9" * 4_301, "int4301.toml: line 1: a number with 4,301 digits"),
    "50mb.toml": ("x" * 50 * 2**20, "50mb.toml: is 52,428,800 bytes, too large for a "),
}


@pytest.mark.parametrize("name", HOSTILE_FILES, ids=list(HOSTILE_FILES))
@pytest.mark.parametrize("verb", ["run", "check"])
def test_a_hostile_file_exits_2_with_one_line(tmp_path, name, verb):
    text, fragment = HOSTILE_FILES[name]
    (tmp_path / name).write_text(text, encoding="utf-8")
    line = refused(run(verb, name, cwd=tmp_path), fragment)
    if name == "50mb.toml":
        assert line.endswith("(allowed: up to 1,048,576 bytes (1 MiB))")


def test_a_hostile_base_file_exits_2_with_one_line(tmp_path):
    text, _ = HOSTILE_FILES["dotted-lines.toml"]
    (tmp_path / "b.toml").write_text(text, encoding="utf-8")
    refused(run("run", "plan-2024", "--base", "b.toml", cwd=tmp_path),
            "b.toml: key '--base': line 1: key has 4,001 dotted parts (allowed: up to 16)")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    return path


@pytest.mark.parametrize("verb", ["run", "check"])
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_not_read(verb, device):
    what = "scenario file" if verb == "run" else "file"
    refused(run(verb, device), f"{device}: is a character device, not a {what} (allowed: a "
                               "regular file)")


@pytest.mark.parametrize("verb", ["run", "check"])
def test_a_named_pipe_is_refused_not_opened(verb, fifo):
    what = "scenario file" if verb == "run" else "file"
    refused(run(verb, str(fifo)), f"pipe.toml: is a named pipe (FIFO), not a {what}")


def test_a_named_pipe_or_device_as_the_base_is_refused(fifo, tmp_path):
    refused(run("run", "plan-2024", "--base", str(fifo)),
            "key '--base': base is not a regular file: ")
    (tmp_path / "s.toml").write_text(f'base = "{fifo}"\n' + RATES, encoding="utf-8")
    refused(run("run", "s.toml", cwd=tmp_path), "base is not a regular file")


def test_a_directory_is_refused(tmp_path):
    (tmp_path / "d.toml").mkdir()
    refused(run("check", "d.toml", cwd=tmp_path), "d.toml: is a directory, not a file")


def test_a_terminal_escape_in_a_key_or_a_file_name_is_echoed_escaped(tmp_path):
    (tmp_path / "s.toml").write_text('"\\u001b]0;pwned\\u0007" = 1\n' + RATES, encoding="utf-8")
    line = refused(run("check", "s.toml", cwd=tmp_path), "unknown key")
    assert line.startswith(r"error: s.toml: key '\x1b]0;pwned\x07': unknown key")
    evil = "\x1b]0;x\x07.toml"
    (tmp_path / evil).write_text("x = ", encoding="utf-8")
    line = refused(run("check", evil, cwd=tmp_path), "is not valid TOML")
    assert line.startswith(r"error: \x1b]0;x\x07.toml: is not valid TOML")


def test_a_title_with_a_terminal_escape_is_refused_naming_the_key(tmp_path):
    (tmp_path / "s.toml").write_text('title_en = "\\u001b]0;pwned\\u0007"\n' + RATES,
                                     encoding="utf-8")
    refused(run("run", "s.toml", cwd=tmp_path),
            r"s.toml: key 'title_en': contains the control character '\x1b' at character 1")


def test_a_huge_name_is_echoed_short(tmp_path):
    name = ("n" * 9_000 + "\n") * 100
    (tmp_path / "s.toml").write_text('name = """' + name + '"""\n' + RATES, encoding="utf-8")
    refused(run("check", "s.toml", cwd=tmp_path), "s.toml: key 'name': is not a valid scenario")


def test_titles_regions_and_file_names_print_escaped_and_short(tmp_path, capsys):
    base = ('region = "R\\u202eX"\nregion_en = "' + "r" * 500 + '"\nyear = 2023\n[levels]\n'
            'gdp = 100.0\nservices = 60.0\nretail_sales = 40.0\n')
    (tmp_path / "b\u202e.toml").write_text(base, encoding="utf-8")
    (tmp_path / "s.toml").write_text('title_en = "T\\u200fT"\nbase = "b\u202e.toml"\n' + RATES,
                                     encoding="utf-8")
    assert main(["run", str(tmp_path / "s.toml"), "--indicators", "gdp"]) == 0
    head = capsys.readouterr().out.splitlines()[0]
    assert head.startswith(r"s: T\u200fT /   (base b\u202e 2023, " + "r" * 200 + "… (500 ")
    assert head.isprintable()
    assert main(["check", str(tmp_path / "b\u202e.toml")]) == 0
    assert r"b\u202e.toml: ok (base R\u202eX 2023)" in capsys.readouterr().out


def test_json_output_escapes_what_a_terminal_could_act_on_and_keeps_the_data():
    doc = {"name": "a\x9b2J\u202eb\x7f", "unit": "亿元", "n": 1.5}
    text = _json(doc, indent=1)
    assert text.replace("\n", "").isprintable() and "亿元" in text
    assert "\\u009b" in text and "\\u202e" in text and "\\u007f" in text
    assert json.loads(text) == doc


def test_check_parses_each_file_once(root, monkeypatch, capsys):
    seen = []
    real = tomltext.tomllib.loads

    def counting(text, **kwargs):
        seen.append(text)
        return real(text, **kwargs)

    tomltext._parsed.cache_clear()
    monkeypatch.setattr(tomltext.tomllib, "loads", counting)
    path = root / "scenarios" / "plan-2024.toml"
    assert main(["check", str(path)]) == 0
    assert "plan-2024.toml: ok (scenario plan-2024" in capsys.readouterr().out
    assert seen.count(path.read_text(encoding="utf-8")) == 1
    tomltext._parsed.cache_clear()
