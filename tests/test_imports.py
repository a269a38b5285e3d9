"""The import graph of vidloom/: no cycles between modules or between packages, and the layering rules
(cli, api and the worker -> operations -> features -> engines -> model, flow; api and service never import
torch; model never imports flow or world; only the engines import diffusers)."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "vidloom"


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def _imports(name: str, top_level_only: bool) -> set[str]:
    """Every module `name` imports (`from . import x` resolved to the submodule x when there is one)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    tree = ast.parse(path.read_text())
    nodes = tree.body if top_level_only else ast.walk(tree)
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            found.add(base)
            found |= {f"{base}.{a.name}" for a in node.names if f"{base}.{a.name}" in MODULES}
    return found


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state, stack = {}, []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return None

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return None


def _area(module: str) -> str:
    """vidloom.operations.files -> operations; vidloom.spec -> spec."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "vidloom"


def test_no_cycle_between_modules_at_import_time():
    graph = {m: {i for i in _imports(m, top_level_only=True) if i in MODULES and i != m} for m in MODULES}
    # a package's __init__ importing its own submodules is how packages work, not a cycle
    graph = {m: {i for i in deps if not m.startswith(i + ".")} for m, deps in graph.items()}
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_no_cycle_between_packages():
    """Deferred imports included: a package never reaches back into one that depends on it."""
    graph: dict[str, set[str]] = {}
    for m in MODULES:
        if _area(m) == "vidloom":  # the package facade (vidloom.generate) sits above everything
            continue
        graph.setdefault(_area(m), set()).update(
            _area(i) for i in _imports(m, top_level_only=False) if i.startswith("vidloom.") and _area(i) != _area(m))
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


RULES = {  # area: areas (or third-party packages) it must never import, deferred imports included
    "api": {"torch", "diffusers", "engines.builtin", "model", "flow", "train", "cli"},
    "service": {"torch", "diffusers", "model", "flow", "train", "cli", "api"},
    "operations": {"torch", "cli", "api", "service"},
    "features": {"operations", "cli", "api", "service"},
    "engines": {"features", "operations", "cli", "api", "service"},
    "model": {"flow", "world", "features", "operations"},
    "media": {"torch", "features", "operations", "engines"},
}


# prompt grounding still lives in model/ and reads the world's vocabulary; it moves next to the world
# on its own branch (issue 11), and then this list goes
def test_layering_rules():
    broken = []
    for m in MODULES:
        banned = RULES.get(_area(m), set())
        for i in _imports(m, top_level_only=False):
            target = i.split(".")[0] if not i.startswith("vidloom.") else i.removeprefix("vidloom.")
            if any(target == b or target.startswith(b + ".") for b in banned):
                broken.append(f"{m} imports {i}")
    assert not broken, "\n".join(broken)


def test_only_engines_import_diffusers():
    users = {m for m in MODULES for i in _imports(m, top_level_only=False) if i.split(".")[0] == "diffusers"}
    assert users and all(_area(m) == "engines" for m in users), users
