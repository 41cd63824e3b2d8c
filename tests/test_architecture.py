"""The package's floors: each module imports only from its own floor or below, and no import
runs in a circle. ``text/`` reads strings and knows no page; ``layout/`` finds regions;
``fields/`` only extracts; the orchestrator and the batch side sit on top."""

from __future__ import annotations

import ast
import pathlib

from .conftest import ROOT

PACKAGE = ROOT / "qizhi_parser"

#: Module (or package folder) → floor. A module may import from its floor and below.
FLOORS: dict[str, int] = {
    "errors": 0, "settings": 0, "version": 0,
    "models": 1,
    "vocab": 2, "found": 2, "convert": 2,
    "templates": 3, "text": 3,
    "decode": 4, "reading": 4, "page": 4, "markup": 4, "options": 4,
    "layout": 5,
    "fields": 6,
    "core": 7,
    "batch": 8, "evaluate": 8, "explain": 8,
    "cli": 9, "dask_recipe": 9, "spark_recipe": 9, "__init__": 10, "__main__": 10,
}


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts)


def _floor(module: str) -> int:
    return FLOORS[module.split(".")[0]]


def _imports(path: pathlib.Path) -> set[str]:
    """The package modules a file imports (``from .x import y`` resolved against its place)."""
    package = _module_name(path).split(".")[:-1]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if node.module and node.module.startswith("qizhi_parser."):
                    found.add(node.module.removeprefix("qizhi_parser."))
                continue
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            target = [*base, *(node.module.split(".") if node.module else [])]
            if node.module is None:  # from . import x: each name may be a module
                found.update(".".join([*base, alias.name]) for alias in node.names)
            else:
                found.add(".".join(target))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("qizhi_parser.") for a in node.names if a.name.startswith("qizhi_parser."))
    modules = {_module_name(p) for p in PACKAGE.rglob("*.py")} | {"__init__"}
    resolved = set()
    for name in found:
        if name in modules:
            resolved.add(name)
        elif f"{name}.__init__" in modules:
            resolved.add(f"{name}.__init__")
        elif name == "":
            resolved.add("__init__")
        elif name.rsplit(".", 1)[0] in modules:  # from .x import name: name is no module
            resolved.add(name.rsplit(".", 1)[0])
    return resolved


def _graph() -> dict[str, set[str]]:
    return {_module_name(p): _imports(p) - {_module_name(p)} for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_floor() -> None:
    assert {m.split(".")[0] for m in _graph()} <= set(FLOORS)


def test_no_import_runs_up_a_floor() -> None:
    upward = [f"{m} ({_floor(m)}) imports {i} ({_floor(i)})" for m, imports in _graph().items()
              for i in imports if _floor(i) > _floor(m)]
    assert upward == []


def test_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}
    circles: list[str] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                circles.append(" → ".join([*path[path.index(nxt):], nxt]))
            elif state.get(nxt) is None:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for module in sorted(graph):
        if state.get(module) is None:
            visit(module, [module])
    assert circles == []


def test_text_knows_no_page_and_fields_only_extract() -> None:
    graph = _graph()
    text = {m: i for m, i in graph.items() if m.startswith("text.")}
    assert all(not any(x.startswith(("page", "layout", "fields", "decode")) for x in i) for i in text.values()), text
    import qizhi_parser.fields

    for path in (PACKAGE / "fields").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        public = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and not n.name.startswith("_")]
        assert all(name.startswith("extract_") for name in public), (path.name, public)
    assert all(name.startswith("extract_") for name in qizhi_parser.fields.__all__)


# ------------------------------------------------------------------ every bound in one place

#: Numbers in comparisons that are facts, not thresholds: HTTP success statuses, the lead bytes
#: of GB2312's level-1 and BIG5's frequent characters, the length of a message.
FACTS = {
    ("warc.py", "200 <= status < 300"), ("records.py", "len(text) <= 200"),
    ("decode.py", "176 <= gb[0] <= 215"), ("decode.py", "164 <= b5[0] <= 198"),
    # the 12-hour clock (下午3:30 is 15:30; 中午 runs from 11 to 2)
    ("times.py", "hour < 12"), ("times.py", "hour == 12"), ("times.py", "1 <= hour <= 11"),
    ("times.py", "11 <= hour <= 14"),
}


def test_every_threshold_is_in_settings() -> None:
    """No module but settings.py holds a bare threshold: no numeric module constant, and no
    comparison with a number above 2 but the facts above."""
    bare: list[str] = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name == "settings.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in tree.body:
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, (ast.Constant, ast.BinOp)) and any(
                    isinstance(n, ast.Constant) and type(n.value) in (int, float) for n in ast.walk(value)):
                bare.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and (path.name, ast.unparse(node)) not in FACTS and any(
                    isinstance(c, ast.Constant) and type(c.value) in (int, float) and c.value > 2
                    for c in (node.left, *node.comparators)):
                bare.append(f"{path.name}:{node.lineno} {ast.unparse(node)}")
    assert bare == []


def test_one_definition_of_space() -> None:
    """SPACE is every character Python calls a space, and the byte-order mark."""
    import sys

    from qizhi_parser.text.spaces import HTML_SPACE, SPACE

    assert set(SPACE) == {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()} | {"\ufeff"}
    assert set(HTML_SPACE) <= set(SPACE)
