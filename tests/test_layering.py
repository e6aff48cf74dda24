"""The generator's stages import only downward, nothing imports in a cycle, the runtime never
imports the generator, and one runtime module reaches the generated ``tools`` package.

Every import counts: at the top, under ``TYPE_CHECKING`` and inside functions.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
PACKAGE = ROOT / "generated" / "actionkit_client"

# The stages in pipeline order; a module may import from its own stage or an earlier one.
# Rank 0 is what every stage may use: the problems it reports, where files are, the runtime's
# shared rules and the speedups.
RANKS = {
    "generator": 0,
    "generator.__init__": 0,
    "generator.problems": 0,
    "generator.paths": 0,
    "generator.runtime": 0,
    "generator.speedups": 0,
    "generator.inputs": 1,
    "generator.validation": 2,
    "generator.catalogue": 3,
    "generator.emit": 4,
    "generator.output": 5,
    "generator.workflows": 6,
    "generator.config": 6,
    "generator.cli": 7,
    "generator.__main__": 8,
}


def _modules(root: Path, package: str) -> dict[str, Path]:
    found = {}
    for path in sorted(root.rglob("*.py")):
        if "__pycache__" in path.parts:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        found[".".join((package, *parts))] = path
    return found


def _imports(module: str, path: Path) -> Iterator[str]:
    """Every module ``module`` imports, absolute, wherever the import statement is."""
    is_package = path.name == "__init__.py"
    base = module.split(".") if is_package else module.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join([*anchor, *(node.module or "").split(".")]).rstrip(".")
            else:
                target = node.module or ""
            yield target
            # `from . import x` and `from pkg import module` import the module too.
            yield from (f"{target}.{alias.name}" for alias in node.names)


def _graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        name = module.removesuffix(".__init__")
        graph[name] = {
            target
            for target in _imports(module, path)
            if target in _names(modules) and target != name
        }
    return graph


def _names(modules: dict[str, Path]) -> set[str]:
    return {module.removesuffix(".__init__") for module in modules}


def _rank(module: str) -> int:
    for prefix in sorted(RANKS, key=len, reverse=True):
        if module == prefix or module.startswith(prefix + "."):
            return RANKS[prefix]
    raise AssertionError(f"{module} belongs to no stage: add it to RANKS")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    return cycles


def _package_parents(module: str) -> set[str]:
    parts = module.split(".")
    return {".".join(parts[:index]) for index in range(1, len(parts))}


def test_stages_import_only_downward() -> None:
    graph = _graph(_modules(GENERATOR, "generator"))
    upward = [
        f"{module} ({_rank(module)}) imports {target} ({_rank(target)})"
        for module, targets in sorted(graph.items())
        for target in sorted(targets)
        if target not in _package_parents(module) and _rank(target) > _rank(module)
    ]
    assert upward == []


@pytest.mark.parametrize(
    ("root", "package"), [(GENERATOR, "generator"), (PACKAGE, "actionkit_client")]
)
def test_no_import_cycles(root: Path, package: str) -> None:
    graph = _graph(_modules(root, package))
    # A package's __init__ importing its own modules is how packages work, not a cycle.
    for module in graph:
        graph[module] -= _package_parents(module)
    assert _cycles(graph) == []


def test_the_runtime_never_imports_the_generator() -> None:
    runtime = _modules(GENERATOR / "runtime", "generator.runtime")
    outside = {
        f"{module}: {target}"
        for module, path in runtime.items()
        for target in _imports(module, path)
        if target.startswith("generator") and not target.startswith("generator.runtime")
    }
    assert outside == set()


def _names_tools_dynamically(path: Path) -> bool:
    """Whether a module spells the ``tools`` package in a string (for ``import_module``)."""
    return any(
        isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.endswith(".tools")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
    )


def test_one_runtime_module_reaches_the_tools_package() -> None:
    modules = _modules(PACKAGE, "actionkit_client")
    runtime = {m: p for m, p in modules.items() if not m.startswith("actionkit_client.tools")}
    reaching = {
        module
        for module, path in runtime.items()
        if any(
            target.startswith(("actionkit_client.tools", "actionkit_client._catalogue"))
            for target in _imports(module, path)
        )
        or _names_tools_dynamically(path)
    }
    assert reaching == {"actionkit_client._registry"}
