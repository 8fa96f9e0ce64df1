"""The house rules of the package, checked on its source (AST): imports go downward only, with no
cycle (lazy imports inside functions count); no module over 400 lines; no library function with
more than 6 positional parameters; heavy packages are never imported at module level."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "recommender"

LAYERS = (
    ("recommender.version",),
    ("recommender.errors",),
    ("recommender.units", "recommender.ranges"),
    ("recommender.paths",),
    ("recommender.catalog", "recommender.baselines"),
    ("recommender.footprint",),
    ("recommender.guidance",),
    ("recommender.usecases",),
    ("recommender.measure", "recommender.hub"),
    ("recommender.trial",),
    ("recommender.render",),
    ("recommender.cli",),
    ("recommender.__main__",),
)
"""Each entry a layer, lowest first: a module imports its own unit or a lower layer only."""
HEAVY = ("numpy", "pandas", "scipy", "sklearn", "torch", "transformers", "matplotlib", "codecarbon", "huggingface_hub",
         "rich", "pyarrow")
"""Imported inside the functions that need them, never at module level."""


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def unit_of(module: str) -> tuple[int, str]:
    """(layer, unit): a unit is a top-level module or subpackage of ``recommender``."""
    for layer, units in enumerate(LAYERS):
        for unit in units:
            if module == unit or module.startswith(unit + "."):
                return layer, unit
    raise AssertionError(f"{module} is in no layer of tests/test_architecture.py: add it")


def imports(module: str) -> list[tuple[str, int, bool]]:
    """(imported recommender module, line, at module level) for every import in ``module``."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    top_level = {id(node) for node in tree.body}
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
                   for n in ast.walk(node)}
    found = []
    for node in ast.walk(tree):
        if id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            names = [f"{target}.{a.name}" if f"{target}.{a.name}" in MODULES else target for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        else:
            continue
        for name in names:
            if name.startswith("recommender"):
                while name not in MODULES and "." in name:
                    name = name.rpartition(".")[0]
                if name in MODULES and name != module:
                    found.append((name, node.lineno, id(node) in top_level))
    return found


def test_every_module_belongs_to_a_layer():
    for module in MODULES:
        if module != "recommender":
            unit_of(module)


def test_imports_go_downward_only():
    upward = []
    for module in MODULES:
        if module == "recommender":
            continue  # the public facade may name anything
        layer, unit = unit_of(module)
        for target, line, _ in imports(module):
            if target == "recommender":
                upward.append(f"{module}:{line} imports the package facade (import from its module instead)")
                continue
            target_layer, target_unit = unit_of(target)
            if target_unit != unit and target_layer >= layer:
                upward.append(f"{module}:{line} imports {target} (layer {target_layer} ≥ {layer})")
    assert upward == []


def test_no_import_cycle_lazy_imports_included():
    graph = {m: {t for t, _, _ in imports(m)} for m in MODULES}
    state: dict[str, int] = {}
    cycles = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph[node]):
            if target == "recommender" or graph.get(target) is None:
                continue
            if state.get(target) == 1:
                cycles.append(" → ".join(stack[stack.index(target):] + [target]))
            elif target not in state:
                visit(target, stack + [target])
        state[node] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [module])
    # a package's __init__ naming its own submodules is not a cycle in practice, but it is one here
    assert cycles == []


def test_the_import_test_fails_on_an_upward_import(tmp_path, monkeypatch):
    """The checker itself: a catalog module that imports the renderer is caught."""
    fake = PACKAGE / "catalog" / "schema.py"
    source = fake.read_text(encoding="utf-8") + "\nfrom ..render import cells  # upward\n"
    original = MODULES["recommender.catalog.schema"]
    copy = tmp_path / "catalog" / "schema.py"
    copy.parent.mkdir()
    copy.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "recommender.catalog.schema", copy)
    with pytest.raises(AssertionError) as failure:
        test_imports_go_downward_only()
    assert "recommender.catalog.schema" in str(failure.value) and "recommender.render.cells" in str(failure.value)
    assert MODULES["recommender.catalog.schema"] == copy and original.is_file()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_no_module_over_400_lines(module):
    lines = MODULES[module].read_text(encoding="utf-8").count("\n")
    assert lines <= 400, f"{module} has {lines} lines"


def test_no_library_function_with_more_than_6_positional_parameters():
    offenders = []
    for module, path in MODULES.items():
        if module.startswith("recommender.cli"):
            continue  # click passes every option of a command as a parameter
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                positional = [a.arg for a in node.args.posonlyargs + node.args.args if a.arg not in ("self", "cls")]
                if len(positional) > 6:
                    offenders.append(f"{module}.{node.name}: {len(positional)}")
    assert offenders == []


def test_heavy_packages_are_imported_lazily():
    eager = []
    for module, path in MODULES.items():
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            eager += [f"{module}: {n}" for n in names if n.split(".")[0] in HEAVY]
    assert eager == []
