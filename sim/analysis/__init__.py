"""Analyses of a scenario: Monte Carlo, goal-seek, sensitivity and attribution.

Each analysis takes a scenario (or a shipped scenario's name, or a file) and projects its
variants with the one vectorized core, :func:`sim.model.project_paths`.

Which file owns what::

    distributions.py  the two-piece normal: scales, moments, TwoPieceNormal
    shocks.py         the shock process (AR(1) persistence, correlated innovations) and the
                      uncertainty an analysis uses by default (effective_uncertainty)
    montecarlo.py     simulate → MonteCarlo; quantiles and summary (fan-chart statistics)
    probabilities.py  Probability, probability, threshold, parse_threshold, target_probabilities
    inputs.py         ScenarioInput, parse_input, batch_inputs: the inputs analyses vary
    goalseek.py       solve → Solution (UnreachableTarget when no input value hits the target)
    sensitivity.py    tornado → Tornado; sobol, sobol_scenario → Sobol
    attribution.py    attribute → Attribution (exact Shapley values)
    _common.py        the output every analysis is asked about, checked the same way

The uncertainty spec they read (:class:`sim.uncertainty.Uncertainty`) belongs to the scenario.
"""
from __future__ import annotations

from .attribution import Attribution, attribute, shapley_values
from .distributions import TwoPieceNormal, two_piece_moments, two_piece_scales
from .goalseek import Solution, UnreachableTarget, solve
from .inputs import ScenarioInput, parse_input
from .montecarlo import FAN_QUANTILES, MonteCarlo, quantiles, simulate, summary
from .probabilities import (Probability, parse_threshold, probability, target_probabilities,
                            threshold)
from .sensitivity import Sobol, Tornado, sobol, sobol_scenario, tornado
from .shocks import DEFAULT_UNCERTAINTY, effective_uncertainty

__all__ = [
    "Attribution", "attribute", "shapley_values",
    "TwoPieceNormal", "two_piece_moments", "two_piece_scales",
    "Solution", "UnreachableTarget", "solve",
    "ScenarioInput", "parse_input",
    "FAN_QUANTILES", "MonteCarlo", "quantiles", "simulate", "summary",
    "Probability", "parse_threshold", "probability", "target_probabilities", "threshold",
    "Sobol", "Tornado", "sobol", "sobol_scenario", "tornado",
    "DEFAULT_UNCERTAINTY", "effective_uncertainty",
]
