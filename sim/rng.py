"""The one place where randomness enters: normalise ``rng`` to a :class:`numpy.random.Generator`.

Every stochastic function of the package takes ``rng`` (a Generator, an int seed or None) and
passes it through :func:`as_generator`, so that the same seed gives the same numbers.
"""
from __future__ import annotations

import numbers

import numpy as np

from .errors import InputError

__all__ = ["as_generator", "RNGLike"]

RNGLike = np.random.Generator | int | None


def as_generator(rng: RNGLike = None, *, key: str = "rng") -> np.random.Generator:
    """Return a :class:`numpy.random.Generator` for ``rng``.

    Parameters
    ----------
    rng : numpy.random.Generator, int or None
        A Generator is returned as is (its state is shared with the caller); a non-negative
        int seeds a new PCG64 Generator; None draws fresh entropy from the operating system
        (results then differ from run to run).
    key : str
        Name used in the error message (e.g. ``"--seed"``).

    Returns
    -------
    numpy.random.Generator

    Raises
    ------
    InputError
        If ``rng`` is a negative int, a bool, or of another type.

    References
    ----------
    .. [1] NumPy, "Random Generator", ``numpy.random.default_rng``;
       https://numpy.org/doc/stable/reference/random/generator.html
    """
    if isinstance(rng, np.random.Generator):
        return rng
    if rng is None:
        return np.random.default_rng()
    if isinstance(rng, bool) or not isinstance(rng, numbers.Integral):
        raise InputError(f"must be a numpy Generator, an integer seed or None, got "
                         f"{type(rng).__name__}", key=key,
                         allowed="numpy.random.Generator, int >= 0, or None")
    if rng < 0:
        raise InputError(f"seed is {rng}", key=key, allowed="an integer >= 0")
    return np.random.default_rng(int(rng))
