"""The app's texts: one table per language, the same keys and fields in both, every key used."""
from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import ui
from ui.i18n import LANGS, TEXTS, in_every_language, t
from ui.text.en import EN
from ui.text.zh import ZH

UI = Path(ui.__file__).resolve().parent


def _fields(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


def test_both_languages_have_the_same_keys():
    assert set(TEXTS) == set(LANGS) == {"en", "zh"}
    assert sorted(set(EN) ^ set(ZH)) == []


def test_every_text_has_the_same_fields_in_both_languages():
    for key in EN:
        assert EN[key] and ZH[key], key
        assert _fields(EN[key]) == _fields(ZH[key]), key


def test_chinese_texts_are_chinese():
    for key, text in ZH.items():
        if key in ("language",):
            continue
        assert re.search(r"[\u4e00-\u9fff]", text) or not re.search("[a-z]{4}", text), key


def test_a_text_is_looked_up_in_its_language_with_its_fields():
    assert t("app_title", "zh") == "西湖区经济情景模拟器"
    assert t("sec_edit", "en", title="Upside") == "Edit: Upside"
    assert t("sec_edit", "fr", title="Upside") == "Edit: Upside"       # English otherwise
    assert in_every_language("tab.overview") == {"en": "Overview", "zh": "概览"}


def _keys_in_code() -> tuple[set[str], set[str]]:
    """The string constants of the app's code (the text tables aside), and the prefixes it
    completes with a value (``"notice." + reason``, ``f"goalseek.input.{key}"``)."""
    strings: set[str] = set()
    prefixes: set[str] = set()
    for path in [*UI.rglob("*.py"), UI.parent / "app.py"]:
        if path.parent == UI / "text":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                strings.add(node.value)
            elif (isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add)
                  and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
                prefixes.add(node.left.value)
            elif (isinstance(node, ast.JoinedStr) and node.values
                  and isinstance(node.values[0], ast.Constant)):
                prefixes.add(node.values[0].value)
    return strings, {p for p in prefixes if re.fullmatch(r"[a-z_]+(\.[a-z_]+)*\.", p)}


def test_every_text_is_used():
    strings, prefixes = _keys_in_code()
    assert {"notice.", "status.", "rate_label.", "goalseek.input."} <= prefixes
    unused = [k for k in EN if k not in strings and not any(k.startswith(p) for p in prefixes)]
    assert unused == []
