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
