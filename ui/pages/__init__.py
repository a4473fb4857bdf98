"""The app's pages, one module per tab, listed in one place: :data:`PAGES`.

Each module defines ``PAGE``, a :class:`ui.page.Page`: its id, its title
(``in_every_language("tab.<id>")``), its ``render(view)`` and its own controls that the link
carries (:class:`ui.url.UrlParam`, e.g. ``UrlParam("mc_paths", parse, 10_000)``). To add a tab,
write ``ui/pages/<name>.py`` defining ``PAGE``, add it to :data:`PAGES` below, and add its texts
(``tab.<id>`` and ``<id>.*``) to :mod:`ui.text.en` and :mod:`ui.text.zh`.
"""
from __future__ import annotations

from ..page import Page
from ..url import UrlParam
from . import (attribution, backtest, compare, contributions, export, goalseek, model,
               overview, reproduce, sensitivity, sources, uncertainty)

__all__ = ["Page", "PAGES", "UrlParam", "page_ids", "label", "id_for_label", "url_params"]

PAGES: list[Page] = [
    overview.PAGE,
    compare.PAGE,
    contributions.PAGE,
    uncertainty.PAGE,
    goalseek.PAGE,
    sensitivity.PAGE,
    attribution.PAGE,
    export.PAGE,
    reproduce.PAGE,
    sources.PAGE,
    backtest.PAGE,
    model.PAGE,
]


def page_ids() -> list[str]:
    return [p.id for p in PAGES]


def label(page_id: str, lang: str) -> str:
    page = next(p for p in PAGES if p.id == page_id)
    return page.title.get(lang) or page.title["en"]


def id_for_label(text: str | None) -> str | None:
    """The id of the page whose label, in any language, is ``text``."""
    for page in PAGES:
        if text in page.title.values():
            return page.id
    return None


def url_params() -> list[UrlParam]:
    """Every page's own URL parameters (keys must be unique across pages)."""
    out = [p for page in PAGES for p in page.params]
    keys = [p.key for p in out]
    dupes = sorted({k for k in keys if keys.count(k) > 1})
    if dupes:
        raise ValueError(f"URL parameters declared by more than one page: {dupes}")
    return out
