"""Where things live. One place, so no script hard-codes a folder."""

import os
from pathlib import Path

# GUIDE_ROOT lets tests (and forks) point the package at another project tree.
ROOT = Path(os.environ.get("GUIDE_ROOT") or Path(__file__).resolve().parents[2]).resolve()
DOCS = ROOT / "docs"
DATA = ROOT / "data"
INCLUDES = ROOT / "includes"
SITE = ROOT / "site"
CACHE = Path(os.environ.get("GUIDE_CACHE") or ROOT / ".cache").resolve()
TEMPLATES = Path(__file__).resolve().parent / "templates"  # code, not content: never moved

ARTICLES = DOCS / "articles"
EXERCISES = DOCS / "exercises"
PROGRAMMES = DOCS / "programmes"


def data_name(path: Path) -> str:
    """A data file as authors see it ('data/site.yml'), wherever the project lives."""
    path = Path(path)
    return f"data/{path.name}" if path.parent.name == "data" else rel(path)


def rel(path: Path) -> str:
    """A path as authors see it: relative to the project root."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
