"""The project's one error type for bad input."""
from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["InputError", "did_you_mean"]


class InputError(ValueError):
    """Bad input in a base file, a scenario file or a command-line value.

    The message names the file, the key and what is allowed, so that it can be shown to a
    user as one line.

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
        parts = []
        if self.source:
            parts.append(str(self.source))
        if self.key is not None:
            parts.append(f"key '{self.key}'")
        head = ": ".join(parts)
        msg = f"{head}: {self.problem}" if head else self.problem
        if self.allowed:
            msg += f" (allowed: {self.allowed})"
        return msg.replace("\n", " ")

    def with_source(self, source: str) -> "InputError":
        """Return a copy that names ``source`` as the file, unless one is already named."""
        if self.source:
            return self
        return InputError(self.problem, source=source, key=self.key, allowed=self.allowed)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """Return ``"; did you mean 'x'?"`` for the closest of ``choices``, or ``""``."""
    match = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean '{match[0]}'?" if match else ""
