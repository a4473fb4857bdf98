"""The two-piece normal: the marginal distribution of each uncertain rate's shock.

The two-piece normal (John 1982; Britton, Fisher and Whitley 1998; Wallis 2014) with mode
:math:`\\mu` and scales :math:`\\sigma_1` (below the mode) and :math:`\\sigma_2` (above) has density

.. math::

    f(x) = \\frac{\\sqrt{2/\\pi}}{\\sigma_1+\\sigma_2}
           \\exp\\Big(-\\frac{(x-\\mu)^2}{2\\sigma_i^2}\\Big), \\quad
           i = 1 \\text{ if } x < \\mu \\text{ else } 2,                                \\tag{1}

mean :math:`\\mu + \\sqrt{2/\\pi}(\\sigma_2-\\sigma_1)` and variance
:math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2`. The scenario's ``skew`` :math:`\\gamma
\\in (-1, 1)` is the Bank of England's balance-of-risks parameter, with the sign chosen so that a
positive value means upside risk: :math:`\\sigma_1 \\propto 1/\\sqrt{1+\\gamma}`,
:math:`\\sigma_2 \\propto 1/\\sqrt{1-\\gamma}`, so :math:`\\sigma_2/\\sigma_1 =
\\sqrt{(1+\\gamma)/(1-\\gamma)}`. The scale is then set so that the **standard deviation equals the
scenario's** ``sd`` (pp) whatever the skew (unlike the Bank's :math:`\\sigma`, which is a
harmonic-mean scale). Skew therefore moves the mean and the median away from the scenario's rate
(the mode, as the central projection of the Bank's fan charts) and leaves the spread as stated.

References
----------
.. [1] John, S. (1982), "The three-parameter two-piece normal family of distributions and its
   fitting", *Communications in Statistics — Theory and Methods* 11(8), 879–885.
.. [2] Britton, E., Fisher, P. and Whitley, J. (1998), "The Inflation Report projections:
   understanding the fan chart", *Bank of England Quarterly Bulletin* 38(1), 30–37.
.. [3] Wallis, K. F. (2014), "The two-piece normal, binormal, or double Gaussian distribution:
   its origin and rediscoveries", *Statistical Science* 29(1), 106–112.
"""
from __future__ import annotations

import numpy as np

__all__ = ["two_piece_scales", "two_piece_moments", "two_piece_from_normal", "TwoPieceNormal"]


def two_piece_scales(sd, skew):
    """Scales :math:`(\\sigma_1, \\sigma_2)` of a two-piece normal with standard deviation ``sd``.

    Parameters
    ----------
    sd : float or ndarray
        Standard deviation of the distribution, in the rate's unit (pp).
    skew : float or ndarray
        Balance of risks :math:`\\gamma \\in (-1, 1)`; positive puts more mass above the mode.

    Returns
    -------
    sigma1, sigma2 : ndarray
        Scale below and above the mode, with :math:`\\sigma_2/\\sigma_1 =
        \\sqrt{(1+\\gamma)/(1-\\gamma)}` and variance
        :math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2 = sd^2` (module eq. 1).

    References
    ----------
    .. [1] Wallis, K. F. (2014), *Statistical Science* 29(1), 106–112, eq. (1)–(3).
    """
    sd = np.asarray(sd, dtype=float)
    g = np.asarray(skew, dtype=float)
    r = np.sqrt((1.0 + g) / (1.0 - g))                 # sigma2 / sigma1
    s1 = sd / np.sqrt((1.0 - 2.0 / np.pi) * (r - 1.0) ** 2 + r)
    return s1, r * s1


def two_piece_moments(mode, sigma1, sigma2):
    """Mean and variance of a two-piece normal (module eq. 1).

    Returns
    -------
    mean, variance : ndarray
        :math:`\\mu + \\sqrt{2/\\pi}(\\sigma_2-\\sigma_1)` and
        :math:`(1-2/\\pi)(\\sigma_2-\\sigma_1)^2 + \\sigma_1\\sigma_2`.
    """
    s1, s2 = np.asarray(sigma1, float), np.asarray(sigma2, float)
    return (np.asarray(mode, float) + np.sqrt(2.0 / np.pi) * (s2 - s1),
            (1.0 - 2.0 / np.pi) * (s2 - s1) ** 2 + s1 * s2)


def two_piece_from_normal(z: np.ndarray, sigma1: float, sigma2: float) -> np.ndarray:
    """:math:`Q(\\Phi(z))` for a two-piece normal with mode 0 and scales ``sigma1``,
    ``sigma2``: standard normal ``z`` mapped monotonely to the distribution, computed without
    loss of precision in either tail: below the mode :math:`\\sigma_1\\Phi^{-1}(\\Phi(z)/2p_0)`,
    above :math:`-\\sigma_2\\Phi^{-1}(\\Phi(-z)/2(1-p_0))`, with
    :math:`p_0 = \\sigma_1/(\\sigma_1+\\sigma_2)`."""
    if sigma1 == sigma2:
        return sigma1 * z
    from scipy.special import ndtr, ndtri

    p0 = sigma1 / (sigma1 + sigma2)
    u = ndtr(z)
    below = u < p0
    out = np.empty_like(z)
    out[below] = sigma1 * ndtri(u[below] / (2.0 * p0))
    above = ~below
    out[above] = -sigma2 * ndtri(ndtr(-z[above]) / (2.0 * (1.0 - p0)))
    return out


class TwoPieceNormal:
    """A two-piece normal distribution with ``ppf``/``cdf``, usable as a ``dists`` entry of
    :func:`scipy.stats.sobol_indices`.

    Parameters
    ----------
    mode : float
        The mode (the scenario's rate, or 0 for a shock).
    sd : float
        Standard deviation (pp).
    skew : float
        Balance of risks in (-1, 1); see :func:`two_piece_scales`.
    """

    def __init__(self, mode: float = 0.0, sd: float = 1.0, skew: float = 0.0):
        self.mode, self.sd, self.skew = float(mode), float(sd), float(skew)
        s1, s2 = two_piece_scales(sd, skew)
        self.sigma1, self.sigma2 = float(s1), float(s2)

    @property
    def p_below_mode(self) -> float:
        """:math:`P(X < \\mu) = \\sigma_1/(\\sigma_1+\\sigma_2)`."""
        return self.sigma1 / (self.sigma1 + self.sigma2) if self.sd > 0 else 0.5

    def mean(self) -> float:
        return float(two_piece_moments(self.mode, self.sigma1, self.sigma2)[0])

    def std(self) -> float:
        return self.sd

    def cdf(self, x):
        """CDF: :math:`2\\sigma_1/(\\sigma_1+\\sigma_2)\\,\\Phi((x-\\mu)/\\sigma_1)` below the mode,
        :math:`1 - 2\\sigma_2/(\\sigma_1+\\sigma_2)\\,\\Phi(-(x-\\mu)/\\sigma_2)` above."""
        from scipy.special import ndtr

        x = np.asarray(x, dtype=float) - self.mode
        tot = self.sigma1 + self.sigma2
        with np.errstate(divide="ignore", invalid="ignore"):
            lo = 2.0 * self.sigma1 / tot * ndtr(x / self.sigma1)
            hi = 1.0 - 2.0 * self.sigma2 / tot * ndtr(-x / self.sigma2)
        return np.where(x < 0, lo, hi)

    def ppf(self, u):
        """Quantile function: the inverse of :meth:`cdf`."""
        from scipy.special import ndtri

        u = np.asarray(u, dtype=float)
        if self.sd == 0:
            return np.full(u.shape, self.mode)
        p0 = self.p_below_mode
        with np.errstate(divide="ignore", invalid="ignore"):
            lo = self.sigma1 * ndtri(u / (2.0 * p0))
            hi = -self.sigma2 * ndtri((1.0 - u) / (2.0 * (1.0 - p0)))
        return self.mode + np.where(u < p0, lo, hi)

    def from_normal(self, z):
        """Map standard normal ``z`` to this distribution by :math:`Q(\\Phi(z))` (monotone)."""
        return self.mode + two_piece_from_normal(np.asarray(z, dtype=float), self.sigma1,
                                                 self.sigma2)

    def __repr__(self) -> str:
        return f"TwoPieceNormal(mode={self.mode:g}, sd={self.sd:g}, skew={self.skew:g})"
