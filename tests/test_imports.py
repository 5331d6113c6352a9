"""Imports flow one way: base -> model -> io -> engines -> api -> cli, with no cycle.

The graph is read from the source with ``ast``: module-level imports, imports inside functions
(lazy ones) and ``TYPE_CHECKING`` imports all count, because a lazy back-edge is still a knot:
it only moves the failure from import time to call time. ``io`` sits above ``model`` because
readers build the model's words (``Bibliography``, ``TrialSet``); data still flows io -> model.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from pathlib import Path

import pytest

from paths import ROOT

SRC = ROOT / "src"

# Lowest first. A module may import from its own layer or a lower one, never a higher one.
LAYERS: dict[str, tuple[str, ...]] = {
    "base": (
        "trialbib._version",
        "trialbib.errors",
        "trialbib.escape",
        "trialbib.cache",
        "trialbib.paths",
        "trialbib.doi",
        "trialbib.names",
        "trialbib.text",
    ),
    "model": ("trialbib.model",),
    "io": ("trialbib.io",),
    "engines": (
        "trialbib.keys",
        "trialbib.render",
        "trialbib.crosscheck",
        "trialbib.tables",
        "trialbib.merge",
        "trialbib.manuscript",
        "trialbib.checks",
    ),
    "api": ("trialbib.api", "trialbib"),
    "cli": ("trialbib.cli", "trialbib.__main__"),
}
ORDER = list(LAYERS)

# Cycles whose owner is rewriting the modules now; each must still exist (so the entry cannot
# outlive it) and nothing else may form a cycle.
KNOWN_CYCLES: dict[frozenset[str], str] = {
    frozenset({"trialbib.render.engine", "trialbib.render.warm"}): "issue 15 rewrites render/ (warm uses _Session)",
}


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    line: int
    how: str = "eager"  # "eager" (module level), "lazy" (in a function) or "typing" (TYPE_CHECKING)

    def __str__(self) -> str:
        return f"{self.source} -> {self.target} ({self.how} import, {module_path(self.source)}:{self.line})"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def module_path(name: str) -> str:
    return str(MODULES[name].relative_to(ROOT))


MODULES = {module_name(p): p for p in sorted((SRC / "trialbib").rglob("*.py"))}


def layer_of(module: str) -> str:
    """The layer of the longest prefix that names ``module``; a new module must be placed."""
    best = ("", "")
    for layer, prefixes in LAYERS.items():
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best[0]):
                best = (prefix, layer)
    if not best[1]:
        pytest.fail(f"{module} is in no layer: add it to LAYERS in {Path(__file__).name}")
    return best[1]


def _absolute(module: str, node: ast.ImportFrom) -> str:
    if not node.level:
        return node.module or ""
    package = module if MODULES[module].name == "__init__.py" else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def edges_of(module: str) -> list[Edge]:
    """Every trialbib module ``module`` imports; ``from pkg import sub`` counts as ``pkg.sub``."""
    tree = ast.parse(MODULES[module].read_text("utf-8"))
    top = {id(n) for n in tree.body}
    typing = {id(n) for stmt in tree.body if _type_checking(stmt) for n in ast.walk(stmt)}
    top |= {id(n) for stmt in tree.body if isinstance(stmt, ast.If | ast.Try) for n in ast.walk(stmt)} - typing
    found = []
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(module, node)
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        for target in targets:
            if target == "trialbib" or target.startswith("trialbib."):
                while target not in MODULES:  # ``import trialbib.x.y`` of a name that is no module
                    target = target.rpartition(".")[0]
                if target != module:
                    how = "typing" if id(node) in typing else "eager" if id(node) in top else "lazy"
                    found.append(Edge(module, target, node.lineno, how))
    return found


def _type_checking(stmt: ast.stmt) -> bool:
    return isinstance(stmt, ast.If) and ast.unparse(stmt.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")


EDGES = [edge for module in MODULES for edge in edges_of(module)]


def back_edges(edges: list[Edge]) -> list[Edge]:
    return [e for e in edges if ORDER.index(layer_of(e.source)) < ORDER.index(layer_of(e.target))]


def find_cycle(edges: list[Edge]) -> list[Edge]:
    """One import cycle as its edges, or [] (depth-first search, colouring visited modules)."""
    graph: dict[str, list[Edge]] = {}
    for edge in edges:
        graph.setdefault(edge.source, []).append(edge)
    state: dict[str, int] = {}
    path: list[Edge] = []

    def visit(module: str) -> list[Edge]:
        state[module] = 1
        for edge in graph.get(module, []):
            if state.get(edge.target) == 1:
                start = next((i for i, e in enumerate(path) if e.source == edge.target), len(path))
                return [*path[start:], edge]
            if edge.target not in state:
                path.append(edge)
                cycle = visit(edge.target)
                if cycle:
                    return cycle
                path.pop()
        state[module] = 2
        return []

    for module in sorted(graph):
        if module not in state:
            cycle = visit(module)
            if cycle:
                return cycle
    return []


def test_every_module_is_in_a_layer():
    for module in MODULES:
        layer_of(module)


def test_no_import_goes_against_the_layers():
    bad = back_edges(EDGES)
    assert not bad, "imports against base -> model -> io -> engines -> api -> cli:\n" + "\n".join(
        f"  {e} [{layer_of(e.source)} imports {layer_of(e.target)}]" for e in bad
    )


def _known(edge: Edge) -> bool:
    return frozenset({edge.source, edge.target}) in KNOWN_CYCLES


def test_no_import_cycle():
    cycle = find_cycle([e for e in EDGES if not _known(e)])
    assert not cycle, "import cycle:\n" + "\n".join(f"  {e}" for e in cycle)


@pytest.mark.parametrize("pair", [pytest.param(p, id=" <-> ".join(sorted(p))) for p in KNOWN_CYCLES])
def test_each_known_cycle_still_exists(pair):
    """When its owner has broken the cycle, remove it from KNOWN_CYCLES."""
    cycle = find_cycle([e for e in EDGES if {e.source, e.target} <= pair])
    assert cycle, f"{sorted(pair)} is no longer a cycle ({KNOWN_CYCLES[pair]}): remove it from KNOWN_CYCLES"


def test_the_package_imports_nothing_heavy_eagerly():
    """``trialbib/__init__`` runs before every submodule: it may import only the base layer."""
    eager = [e for e in EDGES if e.source == "trialbib" and e.how == "eager"]
    assert all(layer_of(e.target) == "base" for e in eager), [str(e) for e in eager]


@pytest.mark.parametrize(
    ("edges", "expected"),
    [
        pytest.param(
            [Edge("trialbib.merge", "trialbib.api", 3, "lazy")], ["trialbib.merge -> trialbib.api"], id="lazy"
        ),
        pytest.param([Edge("trialbib.io.bibtex", "trialbib.model", 1)], [], id="downward"),
        pytest.param([Edge("trialbib.errors", "trialbib", 1)], ["trialbib.errors -> trialbib "], id="package"),
    ],
)
def test_back_edges_are_found(edges, expected):
    assert [str(e)[: len(x)] for e, x in zip(back_edges(edges), expected, strict=False)] == expected
    assert len(back_edges(edges)) == len(expected)


def test_a_cycle_is_found_and_named():
    edges = [
        Edge("trialbib.io.trials", "trialbib.io.trials_csv", 40, "lazy"),
        Edge("trialbib.io.trials_csv", "trialbib.io.trials", 225, "lazy"),
        Edge("trialbib.io.trials", "trialbib.model", 18),
    ]
    assert [(e.source, e.target) for e in find_cycle(edges)] == [
        ("trialbib.io.trials", "trialbib.io.trials_csv"),
        ("trialbib.io.trials_csv", "trialbib.io.trials"),
    ]
    assert find_cycle(edges[::2]) == []


def test_render_is_always_the_api_function():
    """Importing the formatting subpackage does not rebind ``trialbib.render``."""
    import trialbib
    import trialbib.render.engine
    from trialbib import api
    from trialbib.render import engine

    assert trialbib.render is api.render
    assert list(inspect.signature(trialbib.render).parameters)[:2] == ["bib", "style"]
    assert engine.render_bibliography is not None


def test_no_code_reaches_the_subpackage_through_the_attribute():
    """Two forms read ``trialbib.render`` (the function) to find the subpackage, and fail:
    ``import trialbib.render.x as y`` and pytest's ``monkeypatch.setattr("trialbib.render.x.y", v)``."""
    offenders = []
    for folder in ("src", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if isinstance(node, ast.Import):
                    if any(a.name.startswith("trialbib.render.") and a.asname for a in node.names):
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
                elif (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("setattr", "delattr")
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                    and str(node.args[0].value).startswith("trialbib.render.")
                ):
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, f"write `from trialbib.render import x` and patch the module object: {offenders}"
