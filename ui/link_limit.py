"""The size limit Streamlit puts on a link, and the notice the page shows when a link is over it
(pure: no Streamlit calls).

Streamlit passes on none of the parameters of a query string with more than
:data:`MAX_PARAMS` parameters or :data:`MAX_CHARS` characters: the app then runs as if the link
had none. Only the browser still has the URL, so the notice is a script of the page that
counts the URL's parameters and shows itself when they are over the limit.
"""
from __future__ import annotations

import html

from streamlit.runtime.state import query_params as _query_params

from .i18n import t

__all__ = ["MAX_PARAMS", "MAX_CHARS", "KEY", "notice_html"]

#: Most parameters, and characters, of a query string that Streamlit passes on.
MAX_PARAMS: int = getattr(_query_params, "CLIENT_STATE_QUERY_STRING_MAX_FIELDS", 1000)
MAX_CHARS: int = getattr(_query_params, "CLIENT_STATE_QUERY_STRING_MAX_LENGTH", 512 * 1024)
#: Key of the container that holds the notice (hidden, taking no room, until it shows).
KEY = "link_cut"

_SLOTS = {"params": '<b class="link-params"></b>', "chars": '<b class="link-chars"></b>'}


def notice_html(lang: str) -> str:
    """The notice as HTML with its script, for ``st.html(..., unsafe_allow_javascript=True)``
    inside ``st.container(key=KEY)``.

    The text is the app's own (``link_cut`` of :mod:`ui.i18n`); the script fills in the
    numbers of parameters and characters of the page's URL (Streamlit counts the parameters
    as the ``&`` plus one) and shows the notice only when one is over its limit.
    """
    text = html.escape(t("link_cut", lang, **{k: f"\0{k}\0" for k in _SLOTS},
                         max_params=f"{MAX_PARAMS:,}", max_chars=f"{MAX_CHARS:,}"))
    for k, slot in _SLOTS.items():
        text = text.replace(f"\0{k}\0", slot)
    return f"""<style>.st-key-{KEY}:has(#link-cut[hidden]) {{ display: none; }}
#link-cut {{ padding: 1rem; border-radius: 0.5rem; color: rgb(146, 108, 5);
  background: rgba(255, 189, 69, 0.2); }}</style>
<div id="link-cut" role="alert" hidden>{text}</div>
<script>(() => {{
  const query = window.location.search.replace(/^\\?/, "");
  const params = query ? query.split("&").length : 0;
  if (params <= {MAX_PARAMS} && query.length <= {MAX_CHARS}) return;
  const box = document.getElementById("link-cut");
  box.querySelector(".link-params").textContent = params.toLocaleString("en-US");
  box.querySelector(".link-chars").textContent = query.length.toLocaleString("en-US");
  box.hidden = false;
}})();</script>"""
