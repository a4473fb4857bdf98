"""The "Reproduce in Python" script: code using the ``sim`` API that computes the current view.

The script builds each scenario of the view with the same calls the app makes (``with_levels``,
``with_rates``, ``renamed``) and projects them with :func:`sim.project`; its ``df`` equals the
app's result frame.
"""
from __future__ import annotations

import keyword
import re

import sim

from .view import View, adjust_changes, changes

__all__ = ["python_snippet"]


def _var(name: str, taken: set[str]) -> str:
    var = re.sub(r"\W", "_", name, flags=re.ASCII).strip("_").lower() or "scenario"
    if var[0].isdigit() or keyword.iskeyword(var):
        var = "s_" + var
    out, i = var, 2
    while out in taken:
        out, i = f"{var}_{i}", i + 1
    taken.add(out)
    return out


def _text_literal(text: str) -> str:
    if "'''" not in text and not text.endswith("\\"):
        return "r'''" + text + "'''"
    return repr(text)


def _kwargs(d: dict) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in d.items())


def _chain(source: str, levels: dict, rates: dict, rename: str | None) -> str:
    calls = []
    if levels:
        calls.append(f".with_levels({_kwargs(levels)})")
    if rates:
        calls.append(f".with_rates({_kwargs(rates)})")
    if rename:
        calls.append(f".renamed({rename!r})")
    if not calls:
        return source
    if len(source) + sum(len(c) for c in calls) < 80:
        return source + "".join(calls)
    return "(\n    " + source + "".join("\n    " + c for c in calls) + "\n)"


def python_snippet(view: View) -> str:
    """A Python script that computes the view's result frame as ``df``.

    Parameters
    ----------
    view : View

    Returns
    -------
    str
        Runs in the project's environment; prints the chosen year's table and the 2024
        targets.
    """
    taken = {"sim", "df", "year", "until", "table", "targets"}
    head = [f'"""Reproduce the scenario app\'s view (sim {sim.__version__})."""', "import sim",
            ""]
    texts: list[str] = []
    body: list[str] = []
    sources: dict[str, str] = {}        # catalog name -> expression loading it
    shipped = sim.shipped_scenarios()
    for member in view.members:
        origin = member.origin
        if origin not in sources:
            if origin in shipped:
                sources[origin] = f"sim.load_scenario({origin!r})"
            else:
                scenario = view.catalog[origin]
                const = _var("upload_" + origin, taken).upper()
                texts.append(f"{const} = {_text_literal(scenario.to_toml())}")
                extra = ""
                if scenario.base.name not in sim.builtin_bases():   # an uploaded base
                    import tomli_w

                    name = scenario.base.name
                    bconst = _var("base_" + name, taken).upper()
                    texts.append(f"{bconst} = "
                                 f"{_text_literal(tomli_w.dumps(scenario.base.to_dict()))}")
                    extra = (f", extra_bases={{{name!r}: sim.base_from_dict("
                             f"tomllib.loads({bconst}), name={name!r})}}")
                    if "import tomllib" not in head:
                        head.insert(1, "import tomllib")
                sources[origin] = (f"sim.parse_scenario({const}, source={origin + '.toml'!r}"
                                   f"{extra})")
    variables: dict[str, str] = {}
    baseline = view.baseline
    for member in view.members:
        var = _var(member.id, taken)
        variables[member.id] = var
        if member.role == "baseline" or member.role == "other":
            expr = sources[member.origin]
        elif member.role == "adjusted":
            levels, rates = adjust_changes(view.baseline.scenario, view.edited.scenario)
            expr = _chain(variables[baseline.id], levels, rates, member.id)
        else:
            levels, rates = changes(view)
            expr = _chain(sources[member.origin], levels, rates, member.id)
        body.append(f"{var} = {expr}")
    listed = ", ".join(variables[m.id] for m in view.members)
    tail = [
        "",
        f"until = {view.until}",
        f"df = sim.project([{listed}], until=until)",
        "",
        f"year = {view.year}",
        f'table = sim.wide(df[df["year"] == year], lang={view.lang!r})',
        "print(table.to_string())",
        'targets = sim.check_targets(df)',
        'print(targets[["scenario", "target", "value", "required", "status"]].to_string())',
    ]
    parts = head + (texts + [""] if texts else []) + body + tail
    return "\n".join(parts) + "\n"
