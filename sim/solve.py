"""Temporary: goal-seek's names at their former address; the code is
:mod:`sim.analysis.goalseek` (and :mod:`sim.analysis.inputs`)."""
from .analysis.goalseek import METHODS, Solution, UnreachableTarget, solve
from .analysis.inputs import COMPOSITE_INPUTS, ScenarioInput, batch_inputs, parse_input

__all__ = ["ScenarioInput", "Solution", "UnreachableTarget", "solve", "parse_input",
           "batch_inputs", "COMPOSITE_INPUTS", "METHODS"]
