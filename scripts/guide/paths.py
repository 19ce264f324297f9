"""Where things live. One place, so no script hard-codes a folder."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
DATA = ROOT / "data"
INCLUDES = ROOT / "includes"
SITE = ROOT / "site"
CACHE = ROOT / ".cache"
TEMPLATES = Path(__file__).resolve().parent / "templates"

ARTICLES = DOCS / "articles"
EXERCISES = DOCS / "exercises"
PROGRAMMES = DOCS / "programmes"


def rel(path: Path) -> str:
    """A path as authors see it: relative to the project root."""
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return str(path)
