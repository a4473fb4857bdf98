"""TOML text from outside the program: a bounded read, a check of its shape, one parse.

Every scenario or base text, from a file, an upload or a link, passes :func:`check_text`
before :mod:`tomllib` sees it. The check is one linear scan (regular expressions and numpy, no
parsing) that bounds what makes the parser slow or deep:

=====================  =========  ===============================================================
bound                  default    why
=====================  =========  ===============================================================
``max_line_chars``     10,000     characters per line
``max_key_parts``      16         dotted parts of one key or table header (``a.b.c`` has 3):
                                  tomllib's time and memory grow with the square of this
``max_nesting``        32         lists and inline tables inside each other: the parser recurses
``max_entries``        10,000     keys, table headers and list items; strings and comments
``max_digits``         30         digits of an integer literal (``int()`` of a long literal is
                                  slow, and a number of 309 digits overflows a float)
=====================  =========  ===============================================================

A scenario or base file is a few KB: 30 lines, 2-part keys, 2 levels of nesting. A hostile
64 KiB text is refused in a few milliseconds (at most about 25 ms), allocating under 1 MiB; one
that passes is parsed in well under a second. The check of the largest text a command line
reads (:data:`MAX_FILE_BYTES`, 1 MiB) takes about 0.1 s and allocates at most about 12 MB.

:func:`parse_toml` remembers the documents of the last texts it parsed (up to 64 texts of up to
64 KiB each): the app asks for the same upload's document several times per run, and each call
after the first is a lookup that returns a fresh copy.
"""
from __future__ import annotations

import functools
import os
import re
import stat
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError

__all__ = ["TextBounds", "DEFAULT_BOUNDS", "MAX_FILE_BYTES", "check_size", "check_text",
           "parse_toml", "read_toml", "read_bounded"]

#: Largest TOML file read from disk (a scenario or base given on a command line, a base that a
#: scenario file names), bytes. A scenario file is a few KB.
MAX_FILE_BYTES = 2**20


@dataclass(frozen=True)
class TextBounds:
    """Bounds on the shape of a TOML text, checked before it is parsed.

    Parameters
    ----------
    max_line_chars : int
        Characters per line.
    max_key_parts : int
        Dotted parts of one key or table header.
    max_nesting : int
        Depth of lists and inline tables (a table header ``[[a]]`` counts 2).
    max_entries : int
        Keys, table headers and list items; separately, strings and comment blocks.
    max_digits : int
        Digits of one integer literal (also the integer part of a float).
    """

    max_line_chars: int = 10_000
    max_key_parts: int = 16
    max_nesting: int = 32
    max_entries: int = 10_000
    max_digits: int = 30

    def __post_init__(self):
        for name, value in vars(self).items():
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise InputError(f"must be a whole number >= 1, got {value!r}", key=name)


#: The bounds every text is checked against.
DEFAULT_BOUNDS = TextBounds()

# Strings (four kinds; an unterminated one runs to the end of its line, or of the text) and
# runs of comments with the blank lines between them. The rest is left to the patterns below.
_TOKENS = re.compile("|".join([
    r'"""(?:[^"\\]++|\\[\s\S]|"(?!""))*+"{3,5}',     # multi-line basic
    r'"""[\s\S]*+',
    r"'''(?:[^']++|'(?!''))*+'{3,5}",              # multi-line literal
    r"'''[\s\S]*+",
    r'"(?:[^"\\\n]++|\\[^\n])*+"',                  # basic
    r"'[^'\n]*+'",                                   # literal
    r"[\"'][^\n]*+",                                  # unterminated basic or literal
    r"#[^\n]*+(?:\s*+#[^\n]*+)*+",                    # comments
]))
_PLACEHOLDER = '""'
_SEGMENT = r'(?:[\w\-]++|"")'
_SPACE = r"[ \t]*+"
_DOT = r"[ \t]*+\."
_WHOLE_CHAIN = re.compile(r"(?:\.%s%s%s)*+" % (_SPACE, _SEGMENT, _SPACE))
_WHOLE_NUMBER = re.compile(r"0[xob][0-9A-Fa-f_]*+|[0-9_]*+")
_HEADERS = re.compile(r"^[ \t]*+\[", re.MULTILINE)


@functools.lru_cache(maxsize=8)
def _patterns(bounds: TextBounds) -> tuple[re.Pattern, ...]:
    """The patterns of ``bounds``. Each begins with a literal or a character set, so that the
    regular expression engine skips ahead to where a match can start: linear time."""
    long_line = re.compile(r"\n[^\n]{%d}" % (bounds.max_line_chars + 1))
    # max_key_parts dots in a row, one key part between each two: a key of more parts
    chain = re.compile(r"\.(?:%s%s%s){%d}" % (_SPACE, _SEGMENT, _DOT, bounds.max_key_parts - 1))
    # a run of more than max_digits digits: an integer, a float's parts, or a bare key (the
    # first pattern, a quick one, finds where the second can match)
    n = bounds.max_digits
    run = re.compile(r"[0-9_]{%d}" % (n + 1))
    digits = re.compile(r"[0-9](?<![0-9_][0-9])(?:_?+[0-9]){%d}" % n)
    prefixed = re.compile(r"0[xob](?:_?+[0-9A-Fa-f]){%d}" % (n + 1))
    return long_line, chain, run, digits, prefixed


def _refuse(problem: str, source: str, allowed: str) -> InputError:
    return InputError(problem, source=source, allowed=allowed)


def _size_text(n: int) -> str:
    if n % 2**20 == 0:
        return f"{n // 2**20} MiB"
    if n % 1024 == 0:
        return f"{n // 1024} KiB"
    return f"{n:,} bytes"


def check_size(n_bytes: int, *, source: str, max_bytes: int, what: str = "TOML text") -> None:
    """Refuse a text of more than ``max_bytes`` bytes, naming ``source`` and the limit."""
    if n_bytes > max_bytes:
        raise _refuse(f"is {n_bytes:,} bytes, too large for a {what}", source,
                      f"up to {max_bytes:,} bytes ({_size_text(max_bytes)})")


def _strip(text: str, source: str, bounds: TextBounds) -> str:
    """``text`` with every string replaced by ``""`` and every comment removed, line breaks
    kept (so that positions keep their line numbers)."""
    parts: list[str] = []
    last = 0
    count = 0
    for m in _TOKENS.finditer(text):
        count += 1
        if count > bounds.max_entries:
            line = text.count("\n", 0, m.start()) + 1
            raise _refuse(f"line {line}: more than {bounds.max_entries:,} strings and comments",
                          source, f"up to {bounds.max_entries:,}")
        start, end = m.span()
        parts.append(text[last:start])
        token = m.group()
        breaks = "\n" * token.count("\n")
        parts.append(breaks if token[0] == "#" else _PLACEHOLDER + breaks)
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _line(text: str, pos: int) -> int:
    return text.count("\n", 0, pos) + 1


def _check_nesting(stripped: str, source: str, bounds: TextBounds) -> None:
    opening = stripped.count("[") + stripped.count("{")
    if opening <= bounds.max_nesting:
        return
    import numpy as np

    raw = stripped.encode("utf-8")          # brackets are ASCII; no multi-byte code holds them
    b = np.frombuffer(raw, dtype=np.uint8)
    step = ((b == 0x5B) | (b == 0x7B)).view(np.int8) - ((b == 0x5D) | (b == 0x7D)).view(np.int8)
    depth = np.cumsum(step, dtype=np.int32)
    deepest = int(depth.max())
    if deepest > bounds.max_nesting:
        at = int(np.argmax(depth > bounds.max_nesting))
        line = raw.count(b"\n", 0, at) + 1
        raise _refuse(f"line {line}: lists and tables nested {deepest:,} deep", source,
                      f"up to {bounds.max_nesting} levels")


def check_text(text: str, *, source: str, bounds: TextBounds = DEFAULT_BOUNDS) -> None:
    """Refuse a TOML text whose shape would make parsing it slow, deep or huge.

    Linear in the length of ``text`` (its size is the caller's bound, :func:`check_size`).

    Parameters
    ----------
    text : str
        The decoded text.
    source : str
        The file, upload or link it came from, named in messages.
    bounds : TextBounds
        The bounds (see the module docs).

    Raises
    ------
    InputError
        Naming ``source``, the line and the bound, e.g. ``"s.toml: line 1: key has 32,001
        dotted parts (allowed: up to 16)"``.
    """
    long_line, chain, run, digits, prefixed = _patterns(bounds)
    first = text.find("\n")
    if (len(text) if first < 0 else first) > bounds.max_line_chars:
        start = 0
    else:
        m = long_line.search(text)
        start = None if m is None else m.start() + 1
    if start is not None:
        end = text.find("\n", start)
        length = (len(text) if end < 0 else end) - start
        raise _refuse(f"line {_line(text, start)} is {length:,} characters long", source,
                      f"up to {bounds.max_line_chars:,} characters per line")
    stripped = _strip(text, source, bounds)
    m = chain.search(stripped)
    if m:
        parts = _WHOLE_CHAIN.match(stripped, m.start()).group().count(".") + 1
        raise _refuse(f"line {_line(stripped, m.start())}: key has {parts:,} dotted parts",
                      source, f"up to {bounds.max_key_parts}")
    m = (run.search(stripped) and digits.search(stripped)) or prefixed.search(stripped)
    if m:
        literal = _WHOLE_NUMBER.match(stripped, m.start()).group()
        n = len(literal) - literal.count("_") - (2 if literal[1:2] in ("x", "o", "b") else 0)
        raise _refuse(f"line {_line(stripped, m.start())}: a number with {n:,} digits", source,
                      f"up to {bounds.max_digits} digits")
    _check_nesting(stripped, source, bounds)
    entries = stripped.count("=") + stripped.count(",") + len(_HEADERS.findall(stripped))
    if entries > bounds.max_entries:
        raise _refuse(f"has more than {bounds.max_entries:,} keys, tables and list items",
                      source, f"up to {bounds.max_entries:,}")


_CACHE_MAX_CHARS = 64 * 1024


@functools.lru_cache(maxsize=64)
def _parsed(text: str) -> dict[str, Any]:
    return tomllib.loads(text)


def _copy(doc: dict[str, Any]) -> dict[str, Any]:
    """A copy of a parsed document: new dicts and lists, the (immutable) leaves shared; without
    recursion, however deep the document."""
    root: dict[str, Any] = {}
    stack: list[tuple[Any, Any]] = [(doc, root)]
    while stack:
        src, dst = stack.pop()
        for key, value in (src.items() if isinstance(src, dict) else enumerate(src)):
            if isinstance(value, (dict, list)):
                value_copy = type(value)()
                stack.append((value, value_copy))
            else:
                value_copy = value
            if isinstance(dst, dict):
                dst[key] = value_copy
            else:
                dst.append(value_copy)
    return root


def parse_toml(raw: bytes | str, *, source: str, max_bytes: int = MAX_FILE_BYTES,
               bounds: TextBounds = DEFAULT_BOUNDS) -> dict[str, Any]:
    """Parse TOML text or bytes once its size and shape are checked.

    Parameters
    ----------
    raw : bytes or str
        The text; bytes must be UTF-8.
    source : str
        The file, upload or link it came from, named in messages.
    max_bytes : int
        Largest size accepted, bytes (default :data:`MAX_FILE_BYTES`).
    bounds : TextBounds
        Bounds on the text's shape (:func:`check_text`).

    Returns
    -------
    dict
        The document, a new object on every call.

    Raises
    ------
    InputError
        Naming ``source``: too large, not UTF-8, a shape out of bounds, or not valid TOML.
    """
    if isinstance(raw, bytes):
        check_size(len(raw), source=source, max_bytes=max_bytes)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InputError("is not a UTF-8 text file (TOML expected)", source=source) from None
    else:
        check_size(len(raw), source=source, max_bytes=max_bytes)
        check_size(len(raw.encode("utf-8", "surrogatepass")), source=source,
                   max_bytes=max_bytes)
        text = raw
    check_text(text, source=source, bounds=bounds)
    try:
        if len(text) <= _CACHE_MAX_CHARS and bounds == DEFAULT_BOUNDS:
            return _copy(_parsed(text))
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise InputError(f"is not valid TOML: {err}", source=source) from None
    except (RecursionError, MemoryError):
        raise InputError("is not valid TOML: nested too deeply or too large to read",
                         source=source) from None
    except ValueError as err:          # e.g. an integer beyond Python's int digits limit
        raise InputError(f"is not valid TOML: {str(err).split(';')[0]}",
                         source=source) from None


_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


def _not_regular(mode: int, what: str, source: str) -> InputError:
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    return InputError(f"is {kind}, not a {what}", source=source,
                      allowed="a regular file" if kind != "a directory" else None)


def read_bounded(path: str | Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES
                 ) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` bytes.

    A directory, named pipe, device or socket is refused before it is read (reading
    ``/dev/zero`` would never end), and at most ``max_bytes + 1`` bytes are read.

    Raises
    ------
    InputError
        Naming the file: not found, not a regular file, unreadable, or too large.
    """
    source = str(path)
    try:
        mode = os.stat(path).st_mode
        if not stat.S_ISREG(mode):
            raise _not_regular(mode, what, source)
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise InputError(f"{what} not found", source=source) from None
    except IsADirectoryError:
        raise InputError(f"is a directory, not a {what}", source=source) from None
    except OSError as err:
        raise InputError(f"cannot read {what}: {err.strerror}", source=source) from None
    with os.fdopen(fd, "rb") as f:
        info = os.fstat(f.fileno())           # the file opened, not the name: no race
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(info.st_mode, what, source)
        check_size(info.st_size, source=source, max_bytes=max_bytes, what=what)
        try:
            data = f.read(max_bytes + 1)
        except OSError as err:
            raise InputError(f"cannot read {what}: {err.strerror}", source=source) from None
    check_size(len(data), source=source, max_bytes=max_bytes, what=what)
    return data


def read_toml(path: str | Path, *, what: str = "file", max_bytes: int = MAX_FILE_BYTES
              ) -> dict[str, Any]:
    """Read and parse a TOML file (:func:`read_bounded`, then :func:`parse_toml`).

    Raises
    ------
    InputError
        Naming the file, for every failure.
    """
    return parse_toml(read_bounded(path, what=what, max_bytes=max_bytes), source=str(path),
                      max_bytes=max_bytes)
