"""Temporary: attribution's names at their former address; the code is
:mod:`sim.analysis.attribution`."""
from .analysis.attribution import MAX_PLAYERS, Attribution, attribute, shapley_values

__all__ = ["Attribution", "attribute", "shapley_values", "MAX_PLAYERS"]
