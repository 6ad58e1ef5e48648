"""The house rules of the code's layout: no import cycle (including the one an importlib call to a
language pack hides), no module over 500 lines, and language packs that provide only the hooks
declared in parley.lang.HOOKS."""
from __future__ import annotations

import ast
import types
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "parley"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PKG.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _graph() -> dict[str, set[str]]:
    """Module -> the parley modules it imports (anywhere in it: at the top or inside a function)."""
    modules = {_module_name(p): p for p in PKG.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {id(n) for block in ast.walk(tree) if isinstance(block, ast.If)
                       and isinstance(block.test, ast.Name) and block.test.id == "TYPE_CHECKING"
                       for stmt in block.body for n in ast.walk(stmt)}     # for the type checker only
        for node in ast.walk(tree):
            if id(node) in typing_only:
                continue
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = package
                for _ in range(node.level - 1):
                    base = base.rpartition(".")[0]
                mod = ".".join(x for x in (base if node.level else "", node.module or "") if x)
                targets = [mod] + [f"{mod}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            for t in targets:
                if t in modules and t != name:
                    graph[name].add(t)
    # the packs are imported by name: parley.lang loads parley.lang.<code>
    graph["parley.lang"] |= {m for m in modules if m.startswith("parley.lang.") and m.count(".") == 2}
    return graph


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(n: str) -> list[str] | None:
        state[n] = 1
        stack.append(n)
        for m in sorted(graph[n]):
            # a package's module importing its own package (parley.x -> parley) runs nothing new
            if n.startswith(m + "."):
                continue
            if state.get(m) == 1:
                return stack[stack.index(m):] + [m]
            if m not in state:
                found = visit(m)
                if found:
                    return found
        stack.pop()
        state[n] = 2
        return None
    for n in sorted(graph):
        if n not in state:
            found = visit(n)
            if found:
                return found
    return None


def test_no_import_cycle():
    graph = _graph()
    assert "parley.dates" in graph["parley.lang.zh"]     # the edge the importlib call used to close
    assert _cycle(graph) is None


def test_the_checker_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]


def test_no_module_over_500_lines():
    long = {str(p.relative_to(PKG)): n for p in PKG.rglob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


def _fake_pack(**attrs) -> types.ModuleType:
    mod = types.ModuleType("parley.lang.xx")
    for k, v in attrs.items():
        if callable(v):
            v.__module__ = mod.__name__
        setattr(mod, k, v)
    return mod


def test_a_pack_hook_is_checked_on_load():
    from parley.errors import KnowledgeBaseError
    from parley.lang import _hooks

    def find_times(text, start, end):
        return []
    hooks = _hooks(_fake_pack(find_times=find_times), Path("xx"))
    assert hooks["find_times"] is find_times and hooks["find_rounds"] is None

    def find_timex(text, start, end):     # a typo: refused, not silently ignored
        return []
    with pytest.raises(KnowledgeBaseError, match="find_timex is no hook"):
        _hooks(_fake_pack(find_timex=find_timex), Path("xx"))

    def find_rounds(text):                 # the wrong parameters
        return []
    with pytest.raises(KnowledgeBaseError, match="find_rounds must take 3"):
        _hooks(_fake_pack(find_rounds=find_rounds), Path("xx"))
    with pytest.raises(KnowledgeBaseError, match="SPACED must be True or False"):
        _hooks(_fake_pack(SPACED="no"), Path("xx"))


def test_every_bundled_pack_loads_with_declared_hooks():
    from parley.lang import HOOKS, available, load
    for code in available():
        pack = load(code)
        assert set(pack.hooks) == set(HOOKS)
    with pytest.raises(KeyError, match="no hook"):
        load("en").hook("find_timez")
