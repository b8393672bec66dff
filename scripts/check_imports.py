"""Layering check for src/mailglot: import cycles and imports hidden inside functions.

    python scripts/check_imports.py            # exit 1 and a list when something is wrong

Reads every module with `ast` (nothing is imported). An edge A -> B is a `mailglot.*` import
that runs when A is imported: module-level imports, not those under `if TYPE_CHECKING:`.
The CLI loads its commands by name (`mailglot.commands.LazyGroup`), so that package has an
edge to every command module: a command that imports the CLI back is a cycle.

Imports inside functions are listed unless they are a third-party package kept lazy for
start-up time and say so on their line (`# lazy: <why>`).
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src"
PACKAGE = "mailglot"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _targets(node: ast.Import | ast.ImportFrom, current: str, is_package: bool) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        anchor = current.split(".")
        if not is_package:
            anchor = anchor[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, base] if base else anchor)
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def _ancestor(target: str, module: str) -> bool:
    return module == target or module.startswith(target + ".")


def _imports(tree: ast.AST) -> list[tuple[ast.Import | ast.ImportFrom, bool]]:
    """Every import statement that runs, with whether it sits inside a function."""
    found: list[tuple[ast.Import | ast.ImportFrom, bool]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for sub in child.orelse:
                    visit(sub, in_function)
            elif isinstance(child, (ast.Import, ast.ImportFrom)):
                found.append((child, in_function))
            else:
                inner = isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                visit(child, in_function or inner)

    visit(tree, False)
    return found


def scan(modules: dict[str, Path]) -> tuple[dict[str, set[str]], list[str]]:
    """(module -> mailglot modules it imports when loaded, function-level import findings)."""
    edges: dict[str, set[str]] = {name: set() for name in modules}
    hidden: list[str] = []
    for name, path in modules.items():
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node, in_function in _imports(ast.parse(source)):
            targets = _targets(node, name, path.name == "__init__.py")
            ours = [t for t in targets if t in modules]
            if in_function:
                line = lines[node.lineno - 1]
                if ours or "# lazy:" not in line:
                    rel = path.relative_to(ROOT.parent)
                    hidden.append(f"{rel}:{node.lineno}: {line.strip()}")
            else:  # a module's ancestors are loaded before it: not an edge
                edges[name].update(t for t in ours if not _ancestor(t, name))
    commands = f"{PACKAGE}.commands"
    if commands in modules:  # LazyGroup imports each command module by name
        edges[commands].update(
            m
            for m in modules
            if m.startswith(commands + ".") and not m.rsplit(".", 1)[1].startswith("_")
        )
    return edges, hidden


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = 0

    def strongconnect(v: str) -> None:
        nonlocal counter
        index[v] = low[v] = counter
        counter += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, ())):
            if w not in index:
                strongconnect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            strongconnect(v)
    return found


def main() -> int:
    modules = {module_name(p): p for p in sorted((ROOT / PACKAGE).rglob("*.py"))}
    edges, hidden = scan(modules)
    found = cycles(edges)
    for component in found:
        print("import cycle: " + " <-> ".join(component))
        for a in component:
            for b in sorted(edges[a] & set(component)):
                print(f"    {a} -> {b}")
    for line in hidden:
        print(f"import inside a function: {line}")
    n_edges = sum(len(v) for v in edges.values())
    print(
        f"{len(modules)} modules, {n_edges} internal imports: "
        f"{len(found)} cycle(s), {len(hidden)} import(s) inside functions"
    )
    return 1 if found or hidden else 0


if __name__ == "__main__":
    sys.exit(main())
