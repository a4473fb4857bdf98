"""The framework's floor: a bare Streamlit page with one slider and six ``st.metric``.

    .venv/bin/python -m streamlit run benchmarks/bare_app.py

``benchmarks/bench_browser.py`` measures it side by side with the app: the same slider key
(``services_real_first``, in the sidebar, a step of 0.01 pp) and six bordered metrics in three
columns, as the app's overview draws its headline figures, but no model, chart, table or URL.
The figures are simple functions of the slider (:func:`figures`), so the benchmark knows what
the page must show after a move.
"""
from __future__ import annotations

KEY = "services_real_first"
#: Slider range and start, pp (the app's services slider: −30 … 30, the 2024 plan's 5.6).
LO, HI, START, STEP = -30.0, 30.0, 5.6, 0.01
LABELS = ("GDP", "Real growth", "Services", "Non-services", "Retail sales", "R&D intensity")


def figures(x: float) -> list[str]:
    """The six figures shown for slider value ``x`` (pp), as the page prints them."""
    gdp = 2000.0 * (1 + x / 100)
    return [f"{gdp:,.1f} 亿元", f"{x:.2f}%", f"{0.7 * gdp:,.1f} 亿元",
            f"{0.3 * gdp:,.1f} 亿元", f"{0.4 * gdp:,.1f} 亿元", f"{3 + x / 100:.2f}%"]


def main() -> None:
    import streamlit as st

    st.set_page_config(page_title="bare page", layout="wide")
    with st.sidebar:
        x = st.slider("Services, real growth (pp)", min_value=LO, max_value=HI, value=START,
                      step=STEP, key=KEY)
    cols = st.columns(3)
    for i, (label, text) in enumerate(zip(LABELS, figures(x))):
        with cols[i % 3]:
            st.metric(label, text, border=True)


if __name__ == "__main__":
    main()
