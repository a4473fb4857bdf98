"""Scenario simulator for the economy of Xihu District (西湖区), Hangzhou: the Streamlit app.

    ./dev app            # http://127.0.0.1:8501

The sidebar picks the scenarios, edits one with sliders and switches the language; the pages
(:data:`ui.pages.PAGES`, picked with a row of buttons) show the results. The whole state lives in the URL. A run of the app
is :func:`ui.session.run`; :mod:`ui` says which module owns what.

Limits per request (:mod:`sim.limits`: upload size, horizon, Monte Carlo paths, Sobol samples,
goal-seek grid) have defaults suited to a shared server; set them when starting the app, as
arguments after ``--`` or as environment variables::

    ./dev app -- --max-paths 200000 --max-sobol-samples 65536
    SIM_MAX_PATHS=200000 ./dev app

An invalid setting is shown on the page instead of the app.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import streamlit as st  # noqa: E402

from ui import session  # noqa: E402


def main() -> None:
    st.set_page_config(page_title="西湖区经济情景 · Xihu scenarios", layout="wide")
    session.run()


if __name__ == "__main__":
    main()
