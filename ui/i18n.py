"""The app's languages, and its text in each: ``t(key, lang, **fields)``.

The texts are in one module per language, :mod:`ui.text.en` and :mod:`ui.text.zh`, with the
same keys and the same ``{fields}``. Indicator labels come from :mod:`sim.indicators`, target
texts from :mod:`sim.targets`, consistency findings from :mod:`sim.consistency`.
"""
from __future__ import annotations

from .text.en import EN
from .text.zh import ZH

__all__ = ["t", "in_every_language", "LANGS", "LANG_NAMES", "TEXTS"]

LANGS = ("en", "zh")
LANG_NAMES = {"en": "English", "zh": "中文"}
#: Language → key → text.
TEXTS: dict[str, dict[str, str]] = {"en": EN, "zh": ZH}


def t(key: str, lang: str = "en", /, **fields) -> str:
    """The text ``key`` in ``lang`` (English for another language), with ``fields`` filled in."""
    text = TEXTS.get(lang, EN)[key]
    return text.format(**fields) if fields else text


def in_every_language(key: str) -> dict[str, str]:
    """The text ``key`` in each language: language → text (e.g. a page's title)."""
    return {lang: TEXTS[lang][key] for lang in LANGS}
