"""The project's one error type for bad input, and how a value from input is echoed in it."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

__all__ = ["InputError", "did_you_mean", "shown"]

#: Longest echoed part of a message, characters: the file, the key, the problem, the range.
_LIMITS = {"source": 300, "key": 200, "problem": 1000, "allowed": 1000}


def _printable(text: str) -> str:
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def shown(value: Any, limit: int = 60, *, quote: bool = True) -> str:
    """A value from input as it may be echoed in a message or on a terminal: short, printable.

    Control, format and other non-printable characters (an ESC that starts a terminal
    sequence, a bidirectional override, a line break) are written as Python escapes
    (``\\x1b``, ``\\u202e``, ``\\n``); text over ``limit`` characters is cut and its length
    stated; an integer too long to print is described by its number of digits.

    Parameters
    ----------
    value : Any
        Usually a string (a key, a name, a file name); anything else is shown as ``str()``.
    limit : int
        Characters of the value kept.
    quote : bool
        Quote the value as ``repr()`` does (``'plan-2024'``), as messages quote names; else
        return it bare (for file names and keys that lead a message).

    Returns
    -------
    str
        ``shown("plan-2024")`` is ``"'plan-2024'"``; ``shown("a" * 10**7, 3)`` is
        ``"'aaa'… (10,000,000 characters)"``; ``shown("\x1b]0;x", quote=False)`` is
        ``"\\x1b]0;x"``.
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
    try:
        text = value if isinstance(value, str) else str(value)
    except Exception:  # noqa: BLE001 - a value that cannot be printed is named by its type
        text = f"<{type(value).__name__}>"
    more = f"… ({len(text):,} characters)" if len(text) > limit else ""
    text = text[:limit]
    return (repr(text) if quote else _printable(text)) + more


class InputError(ValueError):
    """Bad input in a base file, a scenario file or a command-line value.

    The message names the file, the key and what is allowed, so that it can be shown to a
    user as one line. It is always printable and short: every part is passed through
    :func:`shown`, so a key holding a terminal escape or a 10 MB name cannot reach a terminal
    or a page as it is.

    Parameters
    ----------
    problem : str
        What is wrong, e.g. ``"is 500 %"``.
    source : str, optional
        The file (or ``"<dict>"``, ``"<upload>"``, ``"--until"``) the value came from.
    key : str, optional
        The dotted key, e.g. ``"rates.services_real"``.
    allowed : str, optional
        The allowed range or set, e.g. ``"-50 … 100 (% per year)"``.
    """

    def __init__(self, problem: str, *, source: str | None = None, key: str | None = None,
                 allowed: str | None = None):
        self.problem = problem
        self.source = source
        self.key = key
        self.allowed = allowed
        super().__init__(self._format())

    def _format(self) -> str:
        def part(name: str, text: Any) -> str:
            text = text.replace("\n", " ") if isinstance(text, str) else text
            return shown(text, _LIMITS[name], quote=False)

        parts = []
        if self.source:
            parts.append(part("source", self.source))
        if self.key is not None:
            parts.append(f"key '{part('key', self.key)}'")
        head = ": ".join(parts)
        problem = part("problem", self.problem)
        msg = f"{head}: {problem}" if head else problem
        if self.allowed:
            msg += f" (allowed: {part('allowed', self.allowed)})"
        return msg

    def with_source(self, source: str) -> "InputError":
        """Return a copy that names ``source`` as the file, unless one is already named."""
        if self.source:
            return self
        return InputError(self.problem, source=source, key=self.key, allowed=self.allowed)


def did_you_mean(word: Any, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest of ``choices``, or ``""``.

    A ``word`` that is not a string, or is much longer than any choice, has no suggestion.
    """
    choices = [c for c in choices if isinstance(c, str)]
    if not isinstance(word, str) or not choices or len(word) > 3 * max(map(len, choices)) + 10:
        return ""
    match = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f"; did you mean {shown(match[0])}?" if match else ""
