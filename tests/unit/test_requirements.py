"""Every package the build imports is pinned in requirements.txt, not only in the test file.

The README's first command installs requirements.txt alone, so a build import that is
pinned only for the tests breaks `make serve` on a fresh machine (it did, for pikepdf).
"""

from __future__ import annotations

import ast
import re
import sys
from importlib.metadata import packages_distributions
from pathlib import Path

from guide.paths import ROOT

BUILD_CODE = [ROOT / "src" / "guide", ROOT / "overrides" / "hooks"]
FIRST_PARTY = {"guide"}
# Engines other than the default are imported only by their adapter, under GUIDE_ENGINE; they
# are pinned in requirements-test.txt, for the engine test.
OTHER_ENGINES = {"zensical"}


def imported_packages(folders: list[Path]) -> dict[str, str]:
    """Top-level modules imported anywhere in the build code (also inside functions), with one place each."""
    found: dict[str, str] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                for name in names:
                    found.setdefault(name.split(".")[0], f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def pinned(path: Path) -> set[str]:
    names = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==", line.strip())
        if m:
            names.add(re.sub(r"[-_.]+", "-", m.group(1)).lower())
    return names


def test_finder_sees_imports_inside_functions():
    # print/handouts.py imports pikepdf inside a function; the scan must still find it.
    assert "pikepdf" in imported_packages([ROOT / "src" / "guide"])


def test_every_build_import_is_pinned_in_requirements_txt():
    site = pinned(ROOT / "requirements.txt")
    dists = packages_distributions()
    missing = []
    for module, where in sorted(imported_packages(BUILD_CODE).items()):
        if module in FIRST_PARTY or module in sys.stdlib_module_names or module in OTHER_ENGINES:
            continue
        names = {re.sub(r"[-_.]+", "-", d).lower() for d in dists.get(module, [module])}
        if not names & site:
            missing.append(f"{where}: imports {module!r}, which is not pinned in requirements.txt")
    assert not missing, "\n".join(missing)


def test_test_tools_stay_out_of_requirements_txt():
    site = pinned(ROOT / "requirements.txt")
    for tool in ("pytest", "playwright", "pypdf", "ruff", "axe-playwright-python"):
        assert tool not in site, f"{tool} is a test tool; pin it in requirements-test.txt"


def test_other_engines_are_pinned_for_the_tests_only():
    site, tests = pinned(ROOT / "requirements.txt"), pinned(ROOT / "requirements-test.txt")
    for engine in OTHER_ENGINES:
        assert engine in tests and engine not in site, (
            f"{engine}: pin it in requirements-test.txt, not requirements.txt"
        )
    where = imported_packages(BUILD_CODE)
    assert all(where[e].startswith("src/guide/adapters/") for e in OTHER_ENGINES if e in where), where
