"""The app's pages, one module per tab, listed in one place: :data:`PAGES`.

A page is a :class:`Page`: an id (used in the URL as ``tab=<id>``), a title per language,
``render(view)``, which draws the page from a :class:`ui.view.View`, and the page's own controls
that the link carries (:class:`ui.state.UrlParam`, e.g. ``UrlParam("mc_paths", int, 1000)``).
Only the open tab is rendered, so give those controls ``persist_state="session"``. To add a
tab, write ``ui/pages/<name>.py`` defining ``PAGE`` and add it to :data:`PAGES` below.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ..state import UrlParam
from ..view import View

__all__ = ["Page", "PAGES", "UrlParam", "page_ids", "label", "id_for_label", "url_params"]


@dataclass(frozen=True)
class Page:
    """One tab of the app.

    Parameters
    ----------
    id : str
        Stable id, e.g. ``"overview"``; the first page's is the default tab.
    title : Mapping[str, str]
        Tab label per language (``"en"``, ``"zh"``); labels must be unique per language.
    render : callable
        ``render(view)`` draws the page.
    params : tuple of UrlParam
        The page's own controls that the link carries.
    """

    id: str
    title: Mapping[str, str]
    render: Callable[[View], None]
    params: tuple[UrlParam, ...] = ()


from . import compare, contributions, export, model, overview, reproduce, sources  # noqa: E402
from . import attribution, goalseek, sensitivity, uncertainty  # noqa: E402

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
