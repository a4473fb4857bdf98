"""Reproduce in Python: a script using the ``sim`` API that computes the numbers shown."""
from __future__ import annotations

import streamlit as st

import sim

from ..i18n import in_every_language, t
from ..page import Page
from ..snippet import python_snippet
from ..view import View


def render(view: View) -> None:
    lang = view.lang
    code = python_snippet(view)
    st.caption(t("repro_caption", lang, version=sim.__version__))
    st.code(code, language="python")
    st.download_button(t("dl_py", lang), data=code, file_name="reproduce_view.py",
                       mime="text/x-python", key="dl_snippet", on_click="ignore")


PAGE = Page("reproduce", in_every_language("tab.reproduce"), render)
