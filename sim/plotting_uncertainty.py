"""The analysis charts, under their former module name: they live in
:mod:`sim.plotting.analyses`; import them from :mod:`sim.plotting`."""
from __future__ import annotations

from .plotting.analyses import (fan_figure, input_label, sobol_figure, tornado_figure,
                                waterfall_figure)

__all__ = ["fan_figure", "tornado_figure", "sobol_figure", "waterfall_figure", "input_label"]
