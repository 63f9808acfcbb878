"""The layers of `server/flowgate`, read from the import statements of every module.

Imports inside functions and `TYPE_CHECKING` blocks count as much as top-level ones.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "server" / "flowgate"

FORBIDDEN: dict[str, tuple[str, ...]] = {
    "api": ("flowgate.runtime", "flowgate.store", "flowgate.auth"),
    "engine": ("grpc", "sqlalchemy", "flowgate.config"),
    "dialects": ("grpc", "sqlalchemy"),
}
"""Package of `flowgate` → the modules (and their submodules) it must not import."""


def _module_name(path: Path) -> str:
    parts = ("flowgate", *path.relative_to(PACKAGE).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(source: str, package: str) -> set[str]:
    """Every module `source` (a module of `package`) imports, by absolute name
    (`from a import b` names both `a` and `a.b`)."""
    tree = ast.parse(source)
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(layer: str) -> list[str]:
    found = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        module = _module_name(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for name in sorted(imported(path.read_text(), package)):
            if any(_within(name, banned) for banned in FORBIDDEN[layer]):
                found.append(f"{path.relative_to(PACKAGE)} imports {name}")
    return found


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_what_it_may(layer: str) -> None:
    assert (PACKAGE / layer).is_dir()
    assert violations(layer) == []


def test_the_import_reader_sees_every_form() -> None:
    source = (
        "import grpc.aio\n"
        "from flowgate import runtime\n"
        "from ..store import uow\n"
        "def late() -> None:\n"
        "    from flowgate.auth.keys import bearer_token\n"
    )
    names = imported(source, "flowgate.api")
    assert {"grpc.aio", "flowgate.runtime", "flowgate.store.uow", "flowgate.auth.keys"} <= names
