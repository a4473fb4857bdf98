"""The model: equations and conventions (real vs. nominal, 亿元), the edited scenario's
description, and the model documentation ``docs/model.md`` (its path, and its text)."""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from ..format import plain
from ..i18n import in_every_language, t
from ..page import Page
from ..view import View

#: The model documentation, in the project's folder.
DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"


def demote_headings(markdown: str, levels: int = 2) -> str:
    """``markdown`` with every heading ``levels`` deeper (``#`` → ``###``), leaving code blocks
    alone, so that a document fits under the page's own headings."""
    out, fenced = [], False
    for line in markdown.splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and re.match(r"#{1,6} ", line):
            line = "#" * min(levels, 6 - line.index(" ")) + line
        out.append(line)
    return "\n".join(out) + "\n"


def documentation(lang: str, path: Path = DOCS) -> None:
    """Where the model documentation is, and its text in an expander."""
    st.subheader(t("model.docs_title", lang))
    if not path.is_file():
        st.info(t("model.docs_missing", lang))
        return
    text = path.read_text(encoding="utf-8")
    st.markdown(t("model.docs_where", lang, path=path))
    st.download_button(t("model.docs_download", lang), data=text.encode("utf-8"),
                       file_name="model.md", mime="text/markdown", key="dl_model_md",
                       on_click="ignore")
    with st.expander(t("model.docs_read", lang)):
        st.markdown(demote_headings(text))


EQUATIONS = [
    r"S_t = S_{t-1}\,(1+g^S_t)(1+p^S_t), \qquad N_t = N_{t-1}\,(1+g^N_t)(1+p^N_t), "
    r"\qquad Y_t = S_t + N_t",
    r"w_{t-1} = \frac{S_{t-1}}{Y_{t-1}}, \qquad "
    r"g^Y_t = \underbrace{w_{t-1}\,g^S_t}_{\text{services}} "
    r"+ \underbrace{(1-w_{t-1})\,g^N_t}_{\text{non-services}}",
    r"n^Y_t = \frac{Y_t}{Y_{t-1}} - 1, \qquad p^Y_t = \frac{1+n^Y_t}{1+g^Y_t} - 1",
    r"R_t = R_{t-1}\,(1+r_t) \;\text{ or }\; R_{t-1}\,(1+\varepsilon_t\, n^Y_t), "
    r"\qquad D_t = i_t\, Y_t",
]
#: The first two equations for a base that lists its sectors i = 1 … n (docs/model.md §3a).
SECTOR_EQUATIONS = [
    r"X_{i,t} = X_{i,t-1}\,(1+g_{i,t})(1+p_{i,t}), \qquad Y_t = \sum_i X_{i,t}, \qquad "
    r"w_{i,t} = \frac{X_{i,t}}{Y_t}",
    r"g^Y_t = \sum_i \underbrace{w_{i,t-1}\,g_{i,t}}_{\text{拉动 } c_{i,t}}, \qquad "
    r"\text{贡献率}_{i,t} = 100\,\frac{c_{i,t}}{g^Y_t}",
]


def render(view: View) -> None:
    lang = view.lang
    st.subheader(t("model_title", lang))
    st.markdown(t("model_intro", lang))
    sectors = view.file_scenario.base.sectors
    for eq in (SECTOR_EQUATIONS + EQUATIONS[2:]) if sectors else EQUATIONS:
        st.latex(eq)
    st.caption(t("model_symbols", lang))
    if sectors:
        st.caption(t("model_symbols_sectors", lang, n=len(sectors)))
    st.subheader(t("conventions_title", lang))
    st.markdown(t("conventions", lang))
    scenario = view.file_scenario
    st.subheader(t("model_scenario", lang, title=plain(view.names()[view.edited.id])))
    text = scenario.description_zh if lang == "zh" and scenario.description_zh else (
        scenario.description)
    if text:
        st.markdown(plain(("" if lang == "zh" else " ").join(text.split())))
    documentation(lang)


PAGE = Page("model", in_every_language("tab.model"), render)
