"""The model: equations and conventions (real vs. nominal, 亿元), the edited scenario's
description, and the model documentation ``docs/model.md`` (its path, and its text)."""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from ..format import plain
from ..i18n import t, translator
from ..view import View
from . import Page

#: The model documentation, in the project's folder.
DOCS = Path(__file__).resolve().parents[2] / "docs" / "model.md"

TEXT = {
    "docs_title": {"en": "Model documentation", "zh": "模型文档"},
    "docs_where": {
        "en": "Data, equations, uncertainty, goal-seek, sensitivity, attribution, limitations "
              "and references are documented in `docs/model.md` (on this machine: `{path}`).",
        "zh": "数据、方程、不确定性、目标求解、敏感性、归因、局限与参考文献见 `docs/model.md`"
              "(本机路径:`{path}`)。"},
    "docs_read": {"en": "Read docs/model.md", "zh": "阅读 docs/model.md"},
    "docs_missing": {"en": "docs/model.md is not installed with this copy of the app.",
                     "zh": "此安装中没有 docs/model.md。"},
    "docs_download": {"en": "Download docs/model.md", "zh": "下载 docs/model.md"},
}


tr = translator(TEXT)


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
    st.subheader(tr("docs_title", lang))
    if not path.is_file():
        st.info(tr("docs_missing", lang))
        return
    text = path.read_text(encoding="utf-8")
    st.markdown(tr("docs_where", lang, path=path))
    st.download_button(tr("docs_download", lang), data=text.encode("utf-8"),
                       file_name="model.md", mime="text/markdown", key="dl_model_md",
                       on_click="ignore")
    with st.expander(tr("docs_read", lang)):
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


def render(view: View) -> None:
    lang = view.lang
    st.subheader(t("model_title", lang))
    st.markdown(t("model_intro", lang))
    for eq in EQUATIONS:
        st.latex(eq)
    st.caption(t("model_symbols", lang))
    st.subheader(t("conventions_title", lang))
    st.markdown(t("conventions", lang))
    scenario = view.file_scenario
    st.subheader(t("model_scenario", lang, title=plain(view.names()[view.edited.id])))
    text = scenario.description_zh if lang == "zh" and scenario.description_zh else (
        scenario.description)
    if text:
        st.markdown(plain(("" if lang == "zh" else " ").join(text.split())))
    documentation(lang)


PAGE = Page("model", {"en": "Model", "zh": "模型说明"}, render)
