"""The Streamlit app's modules (``app.py`` is the entry point).

Pure, tested without Streamlit:

- :mod:`ui.edits` — slider edits as differences from a scenario file, and the scenario they give;
- :mod:`ui.state` — the view state, slider ranges, and the URL encoding (with notices for
  ignored values); :class:`ui.state.UrlParam` lets a page carry its own controls in the link;
- :mod:`ui.uploads` — upload size limit, validation, naming, and uploads carried in a link;
- :mod:`ui.view` — the scenarios shown (baseline, baseline under the edited assumptions,
  edited, others) and their tidy results;
- :mod:`ui.tables`, :mod:`ui.format`, :mod:`ui.i18n`, :mod:`ui.snippet` — tables, number
  formats and text from files and links made literal (:func:`ui.format.plain`, used wherever
  such text enters an element that renders Markdown), texts in English and Chinese, the
  "Reproduce in Python" script;
- :mod:`ui.link_limit` — the size limit Streamlit puts on a link, and the page's notice when a
  link is over it.

With Streamlit: :mod:`ui.sidebar` (controls returning plain values), :mod:`ui.runtime` (cached
wrappers, charts as PNG, error containment), :mod:`ui.pages` (one module per tab, listed in
:data:`ui.pages.PAGES`), :mod:`ui.testing` (AppTest helpers).
"""
