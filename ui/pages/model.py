"""The model: equations and conventions (real vs. nominal, 亿元), and the edited scenario's
description."""
from __future__ import annotations

import streamlit as st

from ..i18n import t
from ..view import View
from . import Page

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
    st.subheader(t("model_scenario", lang, title=view.names()[view.edited.id]))
    text = scenario.description_zh if lang == "zh" and scenario.description_zh else (
        scenario.description)
    if text:
        st.markdown(("" if lang == "zh" else " ").join(text.split()))


PAGE = Page("model", {"en": "Model", "zh": "模型说明"}, render)
