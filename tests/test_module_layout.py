"""The package's layout: modules that import each other in no circle, and a model whose
messages name its own keys, not the command line's options."""
import ast
from pathlib import Path

import pytest

import sim

SIM = Path(sim.__file__).resolve().parent


def _module(path: Path) -> str:
    parts = path.relative_to(SIM.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of ``modules`` that ``path`` takes names from, in any import statement (at
    module level, in a function, or for type checking): ``from a import b`` takes from the
    module ``a.b`` if there is one, else from ``a``."""
    here = _module(path)
    package = here if path.name == "__init__.py" else here.rpartition(".")[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[:len(package.split(".")) - node.level + 1]
                source = ".".join(base + ([node.module] if node.module else []))
            else:
                source = node.module or ""
            for a in node.names:
                sub = f"{source}.{a.name}"
                out.add(sub if sub in modules else source)
    return out & modules


def test_sim_modules_import_each_other_in_no_circle():
    files = {_module(p): p for p in SIM.rglob("*.py")}
    graph = {m: sorted(t for t in _imports(p, set(files)) if t != m) for m, p in files.items()}
    state: dict[str, int] = {}

    def visit(m, trail):
        state[m] = 1
        for t in graph[m]:
            if state.get(t) == 1:
                pytest.fail("circle: " + " -> ".join(trail[trail.index(t):] + [t]))
            if t not in state:
                visit(t, trail + [t])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [m])


def test_a_base_given_to_load_scenario_is_named_base_in_its_errors(tmp_path):
    with pytest.raises(sim.InputError, match=r"key 'base': base file not found: .*nope\.toml"):
        sim.load_scenario("plan-2024", base=str(tmp_path / "nope.toml"))


def test_the_version_has_one_home():
    from sim._version import __version__

    assert sim.__version__ == __version__
    frame = sim.to_iamc(sim.project("plan-2024"))
    assert set(frame["model"]) == {f"sim {__version__}"}
