"""The Streamlit app's modules: state and URL encoding, texts, the view, and one module per page.

Streamlit is imported only by :mod:`ui.sidebar`, :mod:`ui.runtime` and :mod:`ui.pages`; the
other modules are pure and tested without it.
"""
