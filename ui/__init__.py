"""The Streamlit app's modules (``app.py`` is the entry point: page configuration and
:func:`ui.session.run`). Which module owns what:

Pure, tested without Streamlit:

- :mod:`ui.state` — the view state: everything the user set (:class:`~ui.state.ViewState`);
- :mod:`ui.url` — the view state in the URL and back, with a notice for each value ignored;
  :class:`~ui.url.UrlParam`, how a page declares a control of its own that the link carries;
- :mod:`ui.controls` — what the sliders and choice widgets offer: their ranges
  (:class:`~ui.controls.SliderRange`) and options;
- :mod:`ui.edits` — slider edits as differences from a scenario file, and the scenario they give;
- :mod:`ui.view` — the scenarios shown (baseline, baseline under the edited assumptions,
  edited, others), their tidy results, and the metadata every export records;
- :mod:`ui.tables` — the tables the pages show; :mod:`ui.snippet` — the "Reproduce in
  Python" script;
- :mod:`ui.history_view` — the tables of a base's history, backtest and calibration, and the
  calibrated scenario file;
- :mod:`ui.beside_gdp` — the indicators beside GDP: which rates get sliders, their spans and
  labels, and the count targets shown;
- :mod:`ui.uploads` — the app's limits, uploads (size, validation, naming) and the uploads a
  link carries;
- :mod:`ui.format` — number formats, and text from files and links made literal
  (:func:`ui.format.plain`, wherever such text enters an element that renders Markdown);
- :mod:`ui.i18n` — the languages and ``t(key, lang)``; the texts themselves are in one module
  per language, :mod:`ui.text.en` and :mod:`ui.text.zh`;
- :mod:`ui.link_limit` — the size limit Streamlit puts on a link, and the notice of a link
  over it;
- :mod:`ui.vega` — the charts the browser draws, as Vega-Lite specs of the tidy frame (and of
  the analyses' results), in :mod:`sim.plotting`'s texts, colours and fonts.

With Streamlit:

- :mod:`ui.session` — one run: the URL read once per session, the sidebar, the page picker,
  and the results fragment (the edit controls, the view, the URL written back, the open page);
- :mod:`ui.live` — a slider's move reruns the results fragment alone, the figures first;
- :mod:`ui.instant` — the headline figures, drawn by the server as HTML, and the projection
  chart, drawn by the browser, both recomputed in the browser as a rate slider moves
  (``ui/js/model.js``: :mod:`sim.model`'s projection and :mod:`ui.format`'s formats in
  JavaScript, the same double operations; ``ui/js/component.js``: the component that reads
  the sliders, rewrites the figures and draws the chart with the Vega in ``static/vega/``);
- :mod:`ui.warmup` — the objects alive after the first run frozen out of the garbage
  collector's scans;
- :mod:`ui.sidebar` — the sidebar's controls, each helper returning plain values;
- :mod:`ui.page` — what a page is (:class:`~ui.page.Page`) and the rules its choice widgets
  share; :mod:`ui.pages` — one module per page, listed in :data:`ui.pages.PAGES`;
- :mod:`ui.cache` — cached wrappers of pure functions (the scenarios, the projections);
  :mod:`ui.history` — those of a base's history (its frame, flags, backtest, calibration);
- :mod:`ui.charts` — a view turned into the arguments of :mod:`sim.plotting`'s figures, as
  PNG (downloads; the projections after the edited base's history), and of the same charts as
  Vega-Lite specs (:mod:`ui.vega`, shown);
- :mod:`ui.guard` — error containment: a failing part shows a message, never a traceback;
- :mod:`ui.testing` — AppTest helpers.

To add

- a page: a module in ``ui/pages/`` defining ``PAGE`` + its entry in :data:`ui.pages.PAGES` +
  its texts in both languages (``tab.<id>``, ``<id>.*`` in :mod:`ui.text.en` and
  :mod:`ui.text.zh`); a control the link should carry is a :class:`~ui.url.UrlParam` in the
  page's ``params`` (``translated=True`` if its options are shown in the app's language);
- a slider for a rate of the model (:data:`sim.model.RATE_NAMES`): its span in
  :data:`ui.controls.RATE_SPANS` + its place in :func:`ui.edits.slider_rates` and
  :func:`ui.edits.active_rates` + its label ``rate_label.<rate>`` in both languages (the
  sidebar and the link follow). A base that lists its sectors gets each sector's real growth
  and deflator sliders from these already (spans :data:`ui.controls.SECTOR_SPANS`, labels
  ``rate_label.sector_real`` / ``_deflator`` with the sector's label), and a base that
  carries indicators beside GDP the slider of each one's rate from :mod:`ui.beside_gdp`;
- an operation to the model's kernel (:func:`sim.model.project_paths`): the same operation,
  in the same order, in ``ui/js/model.js`` (``tests/test_live_model.py`` fails until the
  browser's figures equal sim's again);
- a text: the same key, with the same ``{fields}``, in :mod:`ui.text.en` and
  :mod:`ui.text.zh` (tested).
"""
