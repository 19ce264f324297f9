"""Remove a page safely: find every link, reference and nav entry that points at it first.

``find_references(slug)`` lists, one line each with file and line, the nav entry in
mkdocs.yml, the Markdown links from other pages and the front-matter references
(related_exercises, related_articles, prerequisites, programme weeks). ``remove_page``
deletes the page and its nav line only when nothing else points at it.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide import paths
from guide.checks.frontmatter import read


class RemoveError(Exception):
    """A one-line reason the page was not removed, with the fix."""


def _page_path(slug: str, docs: Path) -> Path:
    found = [p for p in docs.rglob("*.md") if p.stem == slug]
    if not found:
        raise RemoveError(f"slug: no page '{slug}' in docs/. Fix: use a file name without .md, e.g. break-plan")
    return found[0]


def find_references(slug: str, root: Path = paths.ROOT) -> tuple[Path, list[str], list[str]]:
    """(page, nav lines, other references) for the page ``slug``."""
    docs = root / "docs"
    page = _page_path(slug, docs)
    uri = page.relative_to(docs).as_posix()
    nav = [
        f"mkdocs.yml:{n}: nav: lists {uri}"
        for n, line in enumerate((root / "mkdocs.yml").read_text(encoding="utf-8").split("\n"), 1)
        if line.strip().endswith(uri) and line.lstrip().startswith("- ")
    ]
    local = root / "data" / "site.local.yml"
    if local.exists():
        nav += [
            f"data/site.local.yml:{n}: local_nav: lists {uri}"
            for n, line in enumerate(local.read_text(encoding="utf-8").split("\n"), 1)
            if uri in line
        ]
    refs = []
    link = re.compile(r"\]\(([^)\s#]*/)?" + re.escape(page.name) + r"(#[^)]*)?\)")
    for other in sorted(docs.rglob("*.md")):
        if other == page:
            continue
        src, _ = read(other, root)
        if src is None:
            continue
        name = other.relative_to(root).as_posix()
        for key in ("related_exercises", "related_articles", "prerequisites"):
            if slug in (src.meta.get(key) or []):
                refs.append(f"{name}:{src.key_lines.get(key)}: {key}: lists '{slug}'")
        for week in src.meta.get("weeks") or []:
            if isinstance(week, dict) and slug in (week.get("exercises") or []):
                refs.append(f"{name}:{src.key_lines.get('weeks')}: weeks: week {week.get('week')} uses '{slug}'")
        for n, line in enumerate(src.body.split("\n"), src.body_line):
            if link.search(line):
                refs.append(f"{name}:{n}: link: links to {page.name}")
    return page, nav, refs


def remove_page(slug: str, root: Path = paths.ROOT) -> list[str]:
    """Delete the page and its nav line if nothing else points at it. Returns what was done."""
    page, nav, refs = find_references(slug, root)
    if refs:
        raise RemoveError(
            "\n".join(refs) + f"\n{len(refs)} reference(s) to {page.name}; nothing was removed. "
            "Fix: change or remove each line above, then run this again"
        )
    config = root / "mkdocs.yml"
    uri = page.relative_to(root / "docs").as_posix()
    lines = config.read_text(encoding="utf-8").split("\n")
    kept = [ln for ln in lines if not (ln.strip().endswith(uri) and ln.lstrip().startswith("- "))]
    config.write_text("\n".join(kept), encoding="utf-8")
    page.unlink()
    return [
        f"removed {page.relative_to(root).as_posix()}",
        *(f"removed the nav entry ({n.split(': nav')[0]})" for n in nav if n.startswith("mkdocs.yml")),
    ]
