"""Error containment: a page or a section that fails shows a message, never a traceback, and
the rest of the app goes on; the failure is logged (logger ``xihu_app``)."""
from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import streamlit as st

from sim.errors import InputError

from .format import plain
from .i18n import t

__all__ = ["guarded", "log"]

log = logging.getLogger("xihu_app")


def guarded(render: Callable[..., Any], *args: Any, lang: str = "en") -> None:
    """Run a page or section; show bad input as its message and anything else as a short
    notice (logged with its traceback), never as a traceback on the page."""
    try:
        render(*args)
    except InputError as err:
        st.error(plain(err))
    except Exception:  # noqa: BLE001 - the page must survive any failure of one part
        log.exception("error while rendering %s", getattr(render, "__qualname__", render))
        st.error(t("error_unexpected", lang))
