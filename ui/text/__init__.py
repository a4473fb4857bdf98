"""The app's texts, one module per language: :mod:`ui.text.en` and :mod:`ui.text.zh` (the
same keys with the same ``{fields}``); :func:`ui.i18n.t` looks them up."""
