"""One run of the app for one session: the URL read once, the sidebar drawn, the view built,
the URL written back, and the open page drawn.

The whole state lives in the URL. On a session's first run every widget is seeded from it
(:func:`read_url`). A full run draws the controls only it reads — language, scenarios,
uploads, reset (:func:`sidebar_state`) — and the page picker (:func:`open_page`); the rest is
one fragment (:func:`results`): the edit controls and the year, the view, the URL written
from it (:func:`sync_url`), the open page, the scenario download and the share link. A move
of a slider or a page's own control reruns the fragment alone, with the figures drawn first
(:mod:`ui.live`). Nothing that fails shows a traceback: a link that cannot be read gives the
default view and a notice, a page that fails its message (:func:`ui.guard.guarded`), and
anything else a short notice (:func:`run`).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from urllib.parse import urlencode

import streamlit as st

from sim import export
from sim.errors import InputError

from . import link_limit, live, pages, sidebar, url
from . import view as views
from .cache import project_cached, scenario_from_text, shipped_catalog
from .edits import Edits
from .format import plain
from .guard import guarded, log
from .i18n import t
from .state import ViewState
from .uploads import MAX_TOKEN_CHARS, app_limits, base_ref, encode_base_token, encode_token
from .view import View, export_meta
from .warmup import freeze_once

__all__ = ["run", "read_url", "sidebar_state", "results", "sync_url", "show_notices",
           "open_page", "translated_keys", "DEFAULT_URL"]

#: The app's address when Streamlit does not say (the share link starts with it).
DEFAULT_URL = "http://127.0.0.1:8501/"


def read_url(shipped: dict) -> None:
    """Once per session: seed every widget from the URL; keep notices of ignored values.

    A link that cannot be read at all (any failure while reading it) gives the default view
    and a notice saying so; either way the session is seeded only once.
    """
    ss = st.session_state
    if ss.get("_seeded"):
        return
    ss["_seeded"] = True
    try:
        seed_from_url(shipped)
    except Exception:  # noqa: BLE001 - a link must never break the session
        log.exception("the link could not be read")
        for key in [k for k in ss.keys() if k != "_seeded"]:
            del ss[key]
        sidebar.seed(ViewState(), shipped, pages.label(pages.PAGES[0].id, "en"))
        ss["_uploads"], ss["_upload_bases"] = {}, {}
        ss["_notices"] = [url.Notice("", "", "unreadable")]


def seed_from_url(shipped: dict) -> None:
    """Seed every widget from the URL's parameters, and keep the notices of ignored values."""
    ss = st.session_state
    params = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    controls = pages.url_params()
    state, uploads, notices = url.from_query(params, shipped=shipped, tabs=pages.page_ids(),
                                             extras=controls)
    for p in controls:
        if p.key in state.extras:
            ss[p.key] = p.value_of(state.extras[p.key])
    ss["_uploads"] = {name: s.to_toml() for name, s in uploads.items()}
    ss["_upload_bases"] = dict(state.bases)
    catalog = {**shipped, **uploaded(ss["_uploads"], ss["_upload_bases"])}
    sidebar.seed(state, catalog, pages.label(state.tab, state.lang))
    ss["_notices"] = notices


def uploaded(uploads: dict[str, str], bases: dict[str, str]) -> dict:
    """The uploaded scenarios by name, each with the uploaded base it names (if any)."""
    out = {}
    for name, text in uploads.items():
        ref = base_ref(text)
        out[name] = scenario_from_text(text, ((ref, bases[ref]),) if ref in bases else ())
    return out


def show_notices(lang: str) -> None:
    """The URL values that were ignored, until dismissed."""
    ss = st.session_state
    notices = ss.get("_notices") or []
    if not notices:
        return
    lines = [t("notices_title", lang)]
    for n in notices:
        lines.append("- " + plain(t("notice." + n.reason, lang, param=n.param,
                                    value=n.value, detail=n.detail)))
    st.warning("\n".join(lines))
    if st.button(t("dismiss", lang), key="dismiss_notices"):
        ss["_notices"] = []
        st.rerun()


def link_cut_notice(lang: str, area) -> None:
    """The notice that the link was too long to be read (:mod:`ui.link_limit`), drawn in
    ``area`` while the app's URL has no query parameters (the view is the default one): the
    page's script shows it if the browser's URL is over the limit."""
    if st.query_params:
        return
    with area, st.container(key=link_limit.KEY):
        st.html(link_limit.notice_html(lang), unsafe_allow_javascript=True)


def translated_keys() -> list[str]:
    """The choice widgets, of the sidebar, of the page picker and of every page, whose options
    are shown in the app's language."""
    return [*sidebar.TRANSLATED, "tab", *(p.key for p in pages.url_params() if p.translated)]


@dataclass
class Areas:
    """Where the results are drawn: in the sidebar the year (with the scenario pickers), the
    scenario download, the edit controls and the share link; in the main area the notices
    above the pages and the open page."""

    pickers: object
    download: object
    edit: object
    notes: object = None
    page: pages.Page | None = None
    tab: object = None
    share: object = None


def sidebar_state(shipped: dict) -> tuple[ViewState, dict, Areas]:
    """Draw the sidebar's controls that only a full run reads (language, scenarios, uploads,
    reset); return the view state without its edits and year, the catalog (shipped +
    uploaded) and the places of the rest (drawn by :func:`results`)."""
    ss = st.session_state
    uploads: dict[str, str] = ss.setdefault("_uploads", {})
    bases: dict[str, str] = ss.setdefault("_upload_bases", {})
    with st.sidebar:
        lang = sidebar.language()
        sidebar.relabel_on_language_switch(lang, translated_keys())
        pickers = st.container()
        with st.container():
            catalog = {**shipped, **uploaded(uploads, bases)}
            added = sidebar.upload_box(catalog, uploads, lang, bases)
        if added:
            catalog = {**shipped, **uploaded(uploads, bases)}
            ss["compare"] = [*ss.get("compare", []), *added]
        with pickers:
            compare, edit, baseline = sidebar.scenario_pickers(catalog, lang)
        file_s = catalog[edit]
        st.subheader(t("sec_edit", lang, title=plain(file_s.title(lang))))
        ss[_RESET] = st.button(t("reset", lang), key="reset")
        areas = Areas(pickers=pickers, download=st.container(), edit=st.container())
    state = ViewState(
        lang=lang, edit=edit, baseline=baseline,
        compare=None if list(compare) == list(shipped) else tuple(compare), bases=dict(bases))
    return state, catalog, areas


_RESET = "_reset_edits"          # session key: the reset button was pressed in this full run


def edit_section(file_s, lang: str, areas: Areas) -> tuple[Edits, int | None]:
    """Draw the edit controls and the year; return the edits and the year (None: the first
    projected year)."""
    reset = st.session_state.pop(_RESET, False)
    with areas.edit:
        edits = sidebar.edit_controls(file_s, lang, reset_to=Edits() if reset else None)
    until = edits.until or file_s.end_year
    with areas.pickers:
        year = sidebar.year_control(file_s.base.year, until, lang)
    return edits, None if year == file_s.base.year + 1 else int(year)


def with_page_state(state: ViewState) -> ViewState:
    """``state`` with the open tab, the pages' own controls and the uploads in use, as they
    are now."""
    ss = st.session_state
    state = replace(state, tab=pages.id_for_label(ss.get("tab")) or pages.PAGES[0].id,
                    extras=page_extras())
    used = url.in_use(state, pages.url_params())
    return replace(state, uploads={n: x for n, x in ss.get("_uploads", {}).items()
                                   if n in used})


def page_extras() -> dict[str, str]:
    """The pages' own controls that differ from their defaults, as URL text."""
    ss = st.session_state
    return {p.key: p.format(ss[p.key]) for p in pages.url_params()
            if p.key in ss and ss[p.key] != p.default}


def sync_url(state: ViewState) -> str:
    """Write the state into the URL; return the share link."""
    lang = state.lang
    shareable = {}
    for name, text in state.uploads.items():
        ref = base_ref(text)
        base_token = encode_base_token(ref, state.bases[ref]) if ref in state.bases else ""
        if max(len(encode_token(text)), len(base_token)) <= MAX_TOKEN_CHARS:
            shareable[name] = text
        else:
            st.sidebar.warning(t("upload_token_long", lang, name=plain(name)))
    query = url.to_query(replace(state, uploads=shareable), tabs=pages.page_ids())
    current = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    wanted = {k: (v if isinstance(v, list) else [v]) for k, v in query.items()}
    if current != wanted:
        st.query_params.from_dict(query)
    base = (st.context.url or DEFAULT_URL).split("?")[0]
    return base + ("?" + urlencode(query, doseq=True) if query else "")


def scenario_download(view: View, area) -> None:
    """The edited scenario as TOML, in the sidebar under the reset button."""
    with area:
        st.download_button(
            t("download_toml", view.lang),
            data=lambda: export.scenario_toml(view.exported_scenario(),
                                              meta=export_meta(view, link=view.link)),
            file_name=f"{view.edited.id}.toml", mime="application/toml", key="dl_toml_sidebar",
            on_click="ignore")


def open_page(lang: str) -> tuple[pages.Page, object]:
    """The page picker (one button per page, ``key="tab"``); return the open page and the
    container it is drawn in, under the picker.

    A row of buttons rather than ``st.tabs``: a tab bar measures its tabs at each redraw of
    the page, some 50 ms of the browser's time per slider move (docs/performance.md); a
    change of page is a full run.
    """
    ss = st.session_state
    current = pages.id_for_label(ss.get("tab")) or pages.PAGES[0].id
    wanted = pages.label(current, lang)        # the same page after a language switch
    if ss.get("tab") != wanted:                # write only to change it: a write is sent to
        ss["tab"] = wanted                     # the browser and could undo a fast switch
    labels = [pages.label(p.id, lang) for p in pages.PAGES]
    chosen = st.segmented_control(t("pages", lang), labels, key="tab", required=True,
                                  label_visibility="collapsed")
    return pages.PAGES[labels.index(chosen or wanted)], st.container()


def check_limits() -> bool:
    """Whether the limits given when the app was started are valid; if not, say why."""
    try:
        app_limits()
    except InputError as err:
        log.error("invalid limits: %s", err)
        st.error(f"The app was started with an invalid limit: {plain(err)}")
        return False
    return True


def _run() -> None:
    if not check_limits():
        return
    shipped = shipped_catalog()
    read_url(shipped)
    state, catalog, areas = sidebar_state(shipped)
    lang = state.lang
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang, year=catalog[state.edit].base.year))
    show_notices(lang)
    areas.notes = st.container()
    areas.page, areas.tab = open_page(lang)
    with st.sidebar:
        areas.share = st.container()
    with live.full_run():
        results(state, catalog, areas, tuple(shipped))


@st.fragment(key=live.RESULTS)
def results(state: ViewState, catalog: dict, areas: Areas,
            shipped_order: tuple[str, ...]) -> None:
    """The edit controls and the results, drawn in ``areas``: the view, the URL and share
    link, the scenario download and the open page.

    Run as part of each full run with the sidebar's ``state`` (the controls first, then the
    results of the edits they give), and alone (with the arguments of the last full run)
    when a control of its own moves: the results first, with the edits of
    :func:`ui.live.edits`, then the controls; if these give other edits, it runs again.
    """
    try:
        file_s = catalog[state.edit]
        kept = live.edits()
        if live.in_full_run() or kept is None:
            edits, year = edit_section(file_s, state.lang, areas)
            live.keep(edits)
            _results(with_page_state(replace(state, edits=edits, year=year)), catalog,
                     areas, shipped_order)
            return
        year = st.session_state.get(sidebar.KEYS["year"])
        year = None if year == file_s.base.year + 1 else year
        _results(with_page_state(replace(state, edits=kept, year=year)), catalog, areas,
                 shipped_order)
        edits, drawn_year = edit_section(file_s, state.lang, areas)
        live.keep(edits)
    except Exception:  # noqa: BLE001 - never a traceback on the page
        log.exception("error while running the results")
        st.error(t("error_unexpected", st.session_state.get("lang", "en")))
        return
    if (edits, drawn_year) != (kept, year):     # another control moved, or a value clamped
        st.rerun(scope="fragment")


def _results(state: ViewState, catalog: dict, areas: Areas,
             shipped_order: tuple[str, ...]) -> None:
    lang = state.lang
    view = views.build_view(state, catalog, project=project_cached,
                            shipped_order=list(shipped_order))
    link = sync_url(state)
    link_cut_notice(lang, areas.notes)
    view = replace(view, link=link)
    if view.edit_error:
        with areas.notes:
            st.error(t("error_edits", lang, message=plain(view.edit_error)))
    with areas.tab:
        guarded(areas.page.render, view, lang=lang)
    extras = page_extras()
    if extras != dict(state.extras):        # the open page replaced a value it cannot show
        link = sync_url(replace(state, extras=extras))
    scenario_download(view, areas.download)
    with areas.share:
        sidebar.share_box(link, lang)


def run() -> None:
    """One run of the app (after ``st.set_page_config``); never a traceback on the page."""
    try:
        _run()
    except Exception:  # noqa: BLE001 - never a traceback on the page
        log.exception("error while running the app")
        st.error(t("error_unexpected", st.session_state.get("lang", "en")))
    freeze_once()                 # the process' long-lived objects, once they all exist
