"""The domain imports no framework, database driver, clock, randomness or I/O."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import tracker.domain

DOMAIN = Path(tracker.domain.__file__).parent
FORBIDDEN_MODULES = ("django", "sqlalchemy", "psycopg", "ninja")
FORBIDDEN_CALLS = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("uuid", "uuid1"),
    ("uuid", "uuid4"),
}
FORBIDDEN_IMPORTS = {
    *FORBIDDEN_MODULES,
    *("random", "secrets", "time", "os", "io", "pathlib", "socket", "urllib", "requests"),
    *("uuid4", "uuid1", "open", "print", "input"),
}


def test_importing_the_domain_loads_no_framework_or_driver() -> None:
    """A fresh interpreter that imports every domain module has none of them in sys.modules."""
    names = [f"tracker.domain.{m.name}" for m in pkgutil.iter_modules([str(DOMAIN)])]
    script = (
        "import importlib, json, sys\n"
        f"for name in {['tracker.domain', *names]!r}:\n"
        "    importlib.import_module(name)\n"
        f"bad = {FORBIDDEN_MODULES!r}\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in bad)))\n"
    )
    root = DOMAIN.parent.parent
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, check=True
    )
    assert json.loads(result.stdout) == []


def _offences(path: Path) -> list[str]:
    """Return the forbidden imports and calls of one module."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        where = f"{path.name}:{getattr(node, 'lineno', 0)}"
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            modules = [node.module or ""] + [alias.name for alias in node.names]
        else:
            modules = []
        found += [f"{where} imports {m}" for m in modules if m.split(".")[0] in FORBIDDEN_IMPORTS]
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and (node.value.id, node.attr) in FORBIDDEN_CALLS
        ):
            found.append(f"{where} uses {node.value.id}.{node.attr}")
        called = (
            node.func.id if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) else ""
        )
        if called in FORBIDDEN_IMPORTS:
            found.append(f"{where} calls {called}")
    return found


def test_domain_source_reads_no_clock_randomness_or_files() -> None:
    """No module imports or calls datetime.now, time, uuid4, random, os, open or print."""
    assert [o for path in sorted(DOMAIN.glob("*.py")) for o in _offences(path)] == []


def test_every_domain_module_opens_with_a_docstring_and_stays_short() -> None:
    """Each module starts with a one-line summary and keeps to about 200 lines."""
    for path in sorted(DOMAIN.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        docstring = ast.get_docstring(ast.parse(text))
        assert docstring, path.name
        assert len(text.splitlines()) <= 240, path.name
