"""The dependency rule of STYLE.md, checked on the source: layers only depend inward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FRAMEWORKS = {
    "fastapi",
    "starlette",
    "sqlalchemy",
    "apscheduler",
    "structlog",
    "psycopg",
    "typer",
    "uvicorn",
    "eventsourcing_sqlalchemy",
}
FORBIDDEN = {
    "domain": {"application", "adapters", "api", "web", "pydantic", "eventsourcing_sqlalchemy"}
    | FRAMEWORKS,
    "application": {"adapters", "api", "web"} | FRAMEWORKS,
    "adapters": {"api", "web"},
    "api": {"web"},
}


def imported_packages(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_a_layer_imports_nothing_from_outer_layers_or_forbidden_frameworks(layer: str) -> None:
    files = sorted((ROOT / layer).rglob("*.py"))
    assert files, f"{layer}/ has no modules"
    breaches = {
        str(f.relative_to(ROOT)): sorted(imported_packages(f) & FORBIDDEN[layer]) for f in files
    }
    assert {f: b for f, b in breaches.items() if b} == {}


def test_the_domain_never_reads_the_clock_itself() -> None:
    for path in (ROOT / "domain").rglob("*.py"):
        source = path.read_text()
        for call in ("datetime.now(", "datetime.utcnow(", "date.today(", "time.time("):
            assert call not in source, f"{path.name} calls {call}"


def test_every_module_starts_with_a_line_saying_what_it_is_for() -> None:
    for layer in ("domain", "application", "adapters", "api", "web"):
        for path in (ROOT / layer).rglob("*.py"):
            docstring = ast.get_docstring(ast.parse(path.read_text()))
            assert docstring, f"{path.relative_to(ROOT)} has no module docstring"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    return names | {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}


def test_the_api_takes_from_adapters_only_the_composition_root_and_the_settings() -> None:
    taken = {
        module
        for path in (ROOT / "api").rglob("*.py")
        for module in imported_modules(path)
        if module.split(".")[0] == "adapters"
    }
    assert taken <= {"adapters.bootstrap", "adapters.settings"}


def test_routers_name_each_use_case_rather_than_dispatching_by_name() -> None:
    for path in (ROOT / "api" / "routers").rglob("*.py"):
        tree = ast.parse(path.read_text())
        lambdas = [n.lineno for n in ast.walk(tree) if isinstance(n, ast.Lambda)]
        lookups = [
            n.lineno
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "getattr"
        ]
        assert (lambdas, lookups) == ([], []), path.relative_to(ROOT)
