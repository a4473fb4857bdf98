"""Numbers and text as the app shows them: 亿元 with one decimal, % with two, pp signed; text
from files and links as Markdown that shows it literally (:func:`plain`) (pure)."""
from __future__ import annotations

import math
import re

__all__ = ["value", "delta", "pp", "plain", "JOINER", "DASH", "WHOLE_UNITS"]

DASH = "–"
#: Units shown as whole numbers: counts of households and firms (户, 家), yuan per head (元).
WHOLE_UNITS = ("户", "家", "元")


def _bad(x: float) -> bool:
    return x is None or not math.isfinite(x)


def pp(x: float, lang: str = "en") -> str:
    """A difference of rates in percentage points, signed."""
    if _bad(x):
        return DASH
    return f"{x:+.2f}个百分点" if lang == "zh" else f"{x:+.2f} pp"


def value(x: float, unit: str, lang: str = "en") -> str:
    """A value in its unit: ``"2,110.0 亿元"``, ``"5.50%"``, ``"+3.20 pp"``; counts and yuan
    (:data:`WHOLE_UNITS`) whole: ``"170,000 户"``."""
    if _bad(x):
        return DASH
    if unit == "亿元":
        return f"{x:,.1f} 亿元"
    if unit == "%":
        return f"{x:.2f}%"
    if unit == "pp":
        return pp(x, lang)
    if unit in WHOLE_UNITS:
        return f"{x:,.0f} {unit}"
    return f"{x:,.2f} {unit}".strip()


def delta(d: float, unit: str, lang: str = "en", *, reference: float | None = None) -> str:
    """A difference from the baseline: 亿元 with the % change from ``reference``, rates in pp."""
    if _bad(d):
        return DASH
    if unit == "亿元":
        text = f"{d:+,.1f} 亿元"
        if reference is not None and not _bad(reference) and reference != 0:
            text += f" ({100 * d / reference:+.2f}%)"
        return text
    if unit in ("%", "pp"):
        return pp(d, lang)
    return f"{d:+,.2f} {unit}".strip()


#: U+2060 WORD JOINER: invisible, and no line break. It splits the patterns Streamlit looks for
#: in the text after parsing, where backslash escapes no longer count.
JOINER = "\u2060"
_ALWAYS = frozenset("\\`*~[]<>$|")          # markup wherever they stand
_FIRST = frozenset("#>-+=")                  # block markers at the start of a line
_LEADING_NUMBER = re.compile(r"\d{1,9}(?=[.)])")   # "1." / "1)" starts an ordered list
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")    # "&amp;", "&#58;", "&#x3a;"
_JOIN_AFTER = re.compile(r":(?=[0-9A-Za-z_+\-/])"   # :red[..] :material/..: :smile: http://
                         r"|@(?=[0-9A-Za-z_\-])")        # name@host.org (a mailto: link)
_WWW = re.compile(r"(?i)ww(w)(?=\.)")                      # www.host.org (a link)
_SIGN = re.compile(r"(?<!\S)(?:<->|->|<-|--|>=|<=|~=)(?!\S)")   # shown as → ← — ≥ ≤ ≈


def plain(text: object) -> str:
    r"""``text`` as Markdown that Streamlit shows literally, on one line.

    Every text that comes from a file, an upload or a link (titles, descriptions, region names,
    notes, file names, URL values, messages echoing them) goes through this function before it
    enters an element that renders Markdown: ``st.markdown``, ``st.caption``, headings,
    ``st.info`` / ``warning`` / ``error`` / ``success``, widget labels and ``help``, metric
    labels. It cannot then add links, images, HTML, styles, icons, emoji or formulas.

    - Runs of whitespace (newlines too) become one space.
    - Backslash-escaped (CommonMark): ``\ ` * ~ [ ] < > $ |`` everywhere; ``_`` unless inside
      a word (where it never marks emphasis); ``&`` that starts an entity (``&amp;``); at the
      start, a block marker ``# > - + =`` and the ``.`` or ``)`` of ``1.``.
    - Followed by an invisible :data:`JOINER`, because Streamlit finds them in the parsed text,
      where escapes no longer count: ``:`` before a letter, digit or ``_ + - /``
      (``:red[…]``, ``:material/…:``, ``:smile:``, ``http://``); ``@`` of an e-mail address;
      the last ``w`` of ``www.``; the first character of ``->``, ``<-``, ``<->``, ``--``,
      ``>=``, ``<=``, ``~=`` standing alone (shown as arrows and signs otherwise).

    Elements that do not render Markdown (``st.code``, ``st.text``, tables, the options of
    ``st.selectbox`` and ``st.multiselect``) show their text as it is: do not pass it here.

    Examples
    --------
    >>> plain("**b** :red[x] <img src=x>")
    '\\*\\*b\\*\\* :\u2060red\\[x\\] \\<img src=x\\>'
    >>> plain("key 'rates.services_real': is 500 (allowed: -30 … 30)")
    "key 'rates.services_real': is 500 (allowed: -30 … 30)"
    """
    s = " ".join(str(text).split())
    join = {m.start() for m in _JOIN_AFTER.finditer(s)}
    join |= {m.start(1) for m in _WWW.finditer(s)}
    join |= {m.start() for m in _SIGN.finditer(s)}
    escape = {i for i, ch in enumerate(s) if ch in _ALWAYS}
    escape |= {m.start() for m in _ENTITY.finditer(s)}
    escape |= {i for i, ch in enumerate(s) if ch == "_" and not (
        0 < i < len(s) - 1 and s[i - 1].isalnum() and s[i + 1].isalnum())}
    if s and s[0] in _FIRST:
        escape.add(0)
    number = _LEADING_NUMBER.match(s)
    if number:
        escape.add(number.end())
    return "".join(("\\" if i in escape else "") + ch + (JOINER if i in join else "")
                   for i, ch in enumerate(s))
