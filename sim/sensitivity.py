"""Temporary: the sensitivity analyses' names at their former address; the code is
:mod:`sim.analysis.sensitivity`."""
from .analysis.sensitivity import (MAX_RESAMPLES, Sobol, Tornado, default_step, sobol,
                                   sobol_scenario, tornado)

__all__ = ["Tornado", "tornado", "Sobol", "sobol", "sobol_scenario", "default_step",
           "MAX_RESAMPLES"]
