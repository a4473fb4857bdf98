"""CJK font bundled with the package, for Chinese text in matplotlib charts.

The font (WenQuanYi Micro Hei, Apache-2.0; see ``sim/assets/fonts/LICENSE``)
ships inside the package, so charts render Chinese glyphs without any
system font installed.

Usage::

    import matplotlib
    from sim.fonts import cjk_font_family

    matplotlib.rcParams["font.family"] = [cjk_font_family(), "DejaVu Sans"]

matplotlib is imported lazily, only when :func:`cjk_font_family` is called.
"""

from __future__ import annotations

import pathlib
import threading

__all__ = ["cjk_font_family", "cjk_font_path"]

_FONT_PATH = pathlib.Path(__file__).resolve().parent / "assets" / "fonts" / "wqy-microhei.ttc"

_lock = threading.Lock()
_family: str | None = None


def cjk_font_path() -> pathlib.Path:
    """Path of the bundled CJK font file (a TrueType collection)."""
    return _FONT_PATH


def cjk_font_family() -> str:
    """Register the bundled CJK font with matplotlib and return its family name.

    Registration happens once per process; later calls return the cached name.
    The first face of the collection ("WenQuanYi Micro Hei") is the one
    registered.
    """
    global _family
    if _family is not None:
        return _family
    with _lock:
        if _family is None:
            from matplotlib import font_manager

            path = cjk_font_path()
            if not path.is_file():
                raise FileNotFoundError(f"bundled CJK font not found: {path}")
            fm = font_manager.fontManager
            fm.addfont(str(path))
            # the bundled file first: a system copy of the same family (equal score) must not
            # win, so that every machine draws with the same font file
            ours = [f for f in fm.ttflist if pathlib.Path(f.fname) == path]
            fm.ttflist[:] = ours + [f for f in fm.ttflist if pathlib.Path(f.fname) != path]
            clear = getattr(getattr(type(fm), "_findfont_cached", None), "cache_clear", None)
            if clear is not None:
                clear()
            _family = font_manager.FontProperties(fname=str(path)).get_name()
    return _family
