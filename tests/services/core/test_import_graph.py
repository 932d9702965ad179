"""The layout holds: no two modules import each other (directly or round a circle, lazy imports
inside functions included), services/ has at most three plain modules at its top, and no module
grows past 500 lines."""

from __future__ import annotations

import ast
from pathlib import Path

import gasdesk

SRC = Path(gasdesk.__file__).parent


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in SRC.rglob("*.py")}


def _in_type_checking(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return True
    return False


def _imports(name: str, path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if _in_type_checking(node, parents):
            continue
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[:len(package.split(".")) - node.level + 1], base]).strip(".")
            for alias in node.names:
                found.add(f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base)
    return {m for m in found if m in MODULES and m != name}


def _cycles() -> list[list[str]]:
    graph = {name: _imports(name, path) for name, path in MODULES.items()}
    found, state, stack = [], {}, []

    def visit(node: str) -> None:
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append([*stack[stack.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name)
    return found


def test_no_module_imports_another_that_imports_it_back() -> None:
    assert _cycles() == []


def test_services_holds_packages_with_at_most_three_plain_modules_at_its_top() -> None:
    top = SRC / "services"
    plain = [p.name for p in top.glob("*.py") if p.name != "__init__.py"]
    packages = sorted(p.name for p in top.iterdir() if (p / "__init__.py").exists())
    assert len(plain) <= 3, plain
    assert {"core", "accounts", "ledger", "printing", "reports", "demo", "office"} <= set(packages)


def test_no_module_is_over_500_lines() -> None:
    long = {name: n for name, p in MODULES.items() if (n := len(p.read_text("utf-8").splitlines())) > 500}
    assert long == {}


def test_the_cli_runs_no_sql_of_its_own() -> None:
    for path in (SRC / "cli").glob("*.py"):
        name = _module_name(path)
        assert not any(m.startswith("gasdesk.models") for m in _imports(name, path)), path
        text = path.read_text("utf-8")
        assert not any(sql in text for sql in ("select(", ".execute(", "sqlalchemy import text")), path
