"""One run of the app for one session: the URL read once, the sidebar drawn, the view built,
the URL written back, and the open page drawn.

The whole state lives in the URL. On a session's first run every widget is seeded from it
(:func:`read_url`); on every run the sidebar gives back the view state
(:func:`sidebar_state`), which is written into the URL (:func:`sync_url`) before the open page
is drawn (:func:`tabs`). Nothing that fails shows a traceback: a link that cannot be read gives
the default view and a notice, a page that fails its message (:func:`ui.guard.guarded`), and
anything else a short notice (:func:`run`).
"""
from __future__ import annotations

from dataclasses import replace
from urllib.parse import urlencode

import streamlit as st

from sim import export
from sim.errors import InputError

from . import link_limit, pages, sidebar, url
from . import view as views
from .cache import project_cached, scenario_from_text, shipped_catalog
from .edits import Edits
from .format import plain
from .guard import guarded, log
from .i18n import t
from .state import ViewState
from .uploads import MAX_TOKEN_CHARS, app_limits, base_ref, encode_base_token, encode_token
from .view import View, export_meta

__all__ = ["run", "read_url", "sidebar_state", "sync_url", "show_notices", "tabs",
           "translated_keys", "DEFAULT_URL"]

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
    """The choice widgets, of the sidebar and of every page, whose options are shown in the
    app's language."""
    return [*sidebar.TRANSLATED, *(p.key for p in pages.url_params() if p.translated)]


def sidebar_state(shipped: dict) -> tuple[ViewState, dict, object]:
    """Draw the sidebar; return the view state, the catalog (shipped + uploaded) and the place
    for the scenario download."""
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
        reset = st.button(t("reset", lang), key="reset")
        download_area = st.container()
        edits = sidebar.edit_controls(file_s, lang, reset_to=Edits() if reset else None)
        until = edits.until or file_s.end_year
        with pickers:
            year = sidebar.year_control(file_s.base.year, until, lang)
    state = ViewState(
        lang=lang, edit=edit, baseline=baseline,
        compare=None if list(compare) == list(shipped) else tuple(compare),
        year=None if year == file_s.base.year + 1 else int(year), edits=edits,
        tab=pages.id_for_label(ss.get("tab")) or pages.PAGES[0].id, extras=page_extras(),
        bases=dict(bases))
    used = url.in_use(state, pages.url_params())
    return replace(state, uploads={n: x for n, x in uploads.items() if n in used}), catalog, \
        download_area


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


def tabs(view: View) -> None:
    """The pages as tabs; only the open one is rendered."""
    ss = st.session_state
    lang = view.lang
    current = pages.id_for_label(ss.get("tab")) or pages.PAGES[0].id
    wanted = pages.label(current, lang)        # the same tab after a language switch
    if ss.get("tab") != wanted:                # write only to change it: a write is sent to
        ss["tab"] = wanted                     # the browser and could undo a fast tab switch
    containers = st.tabs([pages.label(p.id, lang) for p in pages.PAGES], key="tab",
                         on_change="rerun")
    for page, container in zip(pages.PAGES, containers):
        if container.open:
            with container:
                guarded(page.render, view, lang=lang)


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
    state, catalog, download_area = sidebar_state(shipped)
    lang = state.lang
    st.title(t("app_title", lang))
    st.caption(t("app_caption", lang, year=catalog[state.edit].base.year))
    show_notices(lang)
    cut_area = st.container()
    view = views.build_view(state, catalog, project=project_cached,
                            shipped_order=list(shipped))
    link = sync_url(state)
    link_cut_notice(lang, cut_area)
    view = replace(view, link=link)
    if view.edit_error:
        st.error(t("error_edits", lang, message=plain(view.edit_error)))
    scenario_download(view, download_area)
    with st.sidebar:
        share_area = st.container()
    tabs(view)
    extras = page_extras()
    if extras != dict(state.extras):        # the open page replaced a value it cannot show
        link = sync_url(replace(state, extras=extras))
    with share_area:
        sidebar.share_box(link, lang)


def run() -> None:
    """One run of the app (after ``st.set_page_config``); never a traceback on the page."""
    try:
        _run()
    except Exception:  # noqa: BLE001 - never a traceback on the page
        log.exception("error while running the app")
        st.error(t("error_unexpected", st.session_state.get("lang", "en")))
