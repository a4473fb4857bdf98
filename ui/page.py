"""A page of the app (one tab), and the rule its choice widgets share.

A page is a :class:`Page`: an id (in the URL as ``tab=<id>``), its title in each language
(``tab.<id>`` of :mod:`ui.text`), ``render(view)``, which draws it from a
:class:`ui.view.View`, and the controls of its own that the link carries, each declared as a
:class:`ui.url.UrlParam`. Only the open tab is rendered, so those controls are drawn with
``persist_state="session"``; before drawing a choice among values the view decides (its
indicators, its years), a page calls :func:`keep_choice`; a choice of a projected year is a
:func:`year_choice`.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import streamlit as st

from .format import plain
from .i18n import t
from .url import UrlParam
from .view import View

__all__ = ["Page", "keep_choice", "YearChoice", "year_choice"]


@dataclass(frozen=True)
class Page:
    """One tab of the app.

    Parameters
    ----------
    id : str
        Stable id, e.g. ``"overview"``; the first page's is the default tab.
    title : Mapping[str, str]
        Tab label per language (``"en"``, ``"zh"``), e.g. ``in_every_language("tab.overview")``;
        labels must be unique per language.
    render : callable
        ``render(view)`` draws the page.
    params : tuple of UrlParam
        The page's own controls that the link carries.
    """

    id: str
    title: Mapping[str, str]
    render: Callable[[View], None]
    params: tuple[UrlParam, ...] = ()


def keep_choice(key: str, options: list, default: Any, lang: str,
                format_func: Callable[[Any], str] = str) -> None:
    """Before drawing the choice widget ``key``: give it ``default`` if it has no value, and
    replace a value that is not among ``options`` (from a link, or left by another scenario or
    horizon) by ``default``, with a visible notice."""
    ss = st.session_state
    if key not in ss:
        ss[key] = default
    elif ss[key] not in options:
        shown = ", ".join(format_func(o) for o in options[:12]) + (
            " …" if len(options) > 12 else "")
        st.warning(plain(t("not_here", lang, key=key, value=str(ss[key])[:40], allowed=shown,
                           shown=format_func(default))))
        ss[key] = default


@dataclass(frozen=True)
class YearChoice:
    """The projected years a page's year widget offers. ``None`` stands for the default year
    (the last of the horizon, or the first projected year), so that the default follows the
    horizon; the link then leaves the year out.

    Parameters
    ----------
    years : tuple of int
        The projected years, first to last.
    last : bool
        Whether the default is the last year (else the first).
    """

    years: tuple[int, ...]
    last: bool = True

    @property
    def default(self) -> int:
        return self.years[-1] if self.last else self.years[0]

    @property
    def options(self) -> list[int | None]:
        return [*self.years[:-1], None] if self.last else [None, *self.years[1:]]

    def year(self, choice: int | None) -> int:
        """The year a choice stands for."""
        return self.default if choice is None else choice

    def show(self, choice: int | None) -> str:
        return str(self.year(choice))


def year_choice(view: View, key: str, *, last: bool = True) -> YearChoice:
    """The projected years of ``view`` for the year widget ``key``; before it is drawn, a value
    equal to the default year becomes None."""
    choice = YearChoice(tuple(range(view.base_year + 1, view.until + 1)), last)
    if st.session_state.get(key) == choice.default:
        st.session_state[key] = None
    return choice
