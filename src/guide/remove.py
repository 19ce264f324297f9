"""Remove a page safely: find every link, reference and nav entry that points at it first.

``find_references(slug)`` lists, one line each with file and line, the nav entry in
mkdocs.yml, the Markdown links from other pages and the front-matter references
(related_exercises, related_articles, prerequisites, programme weeks). ``remove_page``
deletes the page and its nav line only when nothing else points at it.

``hide_page(slug)`` is for a fork: it leaves our files alone and adds the page to
``hide_pages`` in data/site.local.yml, so the fork can still merge our updates. The build
then leaves the page out, and links to it from other pages show as plain words.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide import paths
from guide.checks.frontmatter import read
from guide.scaffold import inline_items


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


def hide_page(slug: str, root: Path = paths.ROOT) -> list[str]:
    """Add the page to ``hide_pages`` in data/site.local.yml (made if missing). Returns what was done."""
    from guide.checks.hidden import KEEP

    page, _nav, refs = find_references(slug, root)
    uri = page.relative_to(root / "docs").as_posix()
    if uri in KEEP:
        raise RemoveError(f"slug: {uri} cannot be hidden. Fix: adapt the page instead")
    local = root / "data" / "site.local.yml"
    text = local.read_text(encoding="utf-8") if local.exists() else ""
    lines = text.split("\n")
    at = next((i for i, ln in enumerate(lines) if ln.startswith("hide_pages:")), None)
    if (at is not None and uri in lines[at]) or any(ln.strip() == f"- {uri}" for ln in lines):
        return [f"{uri} is already hidden in data/site.local.yml"]
    if at is None:
        text = text.rstrip("\n") + ("\n" if text.strip() else "") + f"hide_pages:\n  - {uri}\n"
    elif lines[at].strip() == "hide_pages:":
        lines.insert(at + 1, f"  - {uri}")
        text = "\n".join(lines)
    else:
        raise RemoveError(
            f"data/site.local.yml:{at + 1}: hide_pages: written on one line. "
            f"Fix: add {uri} to the list yourself, or write the list one '- page' per line"
        )
    local.write_text(text, encoding="utf-8")
    links = sum(": link:" in r for r in refs)
    return [
        f"hid {uri} in data/site.local.yml (hide_pages); our files are unchanged",
        *([f"{links} link(s) to it on other pages will show as plain words"] if links else []),
    ]


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
    local = root / "data" / "site.local.yml"
    if any(n.startswith("data/site.local.yml") for n in nav):
        local.write_text(_without_local_entry(local.read_text(encoding="utf-8"), uri), encoding="utf-8")
    page.unlink()
    asked = _without_questions(root / "data" / "reader_questions.yml", uri)
    return [
        f"removed {page.relative_to(root).as_posix()}",
        *(f"removed the nav entry ({n.split(': ')[0]})" for n in nav),
        *([f"removed its {asked} reader question(s) from data/reader_questions.yml"] if asked else []),
    ]


def _without_questions(path: Path, uri: str) -> int:
    """Take the page's block out of data/reader_questions.yml; returns how many questions went."""
    from guide.web.fragments import page_url

    if not path.exists():
        return 0
    address = page_url(uri)
    lines, out, dropped, inside = path.read_text(encoding="utf-8").split("\n"), [], 0, False
    for line in lines:
        if not line.startswith((" ", "#")) and line.strip():
            inside = line.rstrip() in (f"{address}:", f'"{address}":')
        if inside and line.strip():
            dropped += line.lstrip().startswith("- ")
            continue
        out.append(line)
    if dropped:
        path.write_text("\n".join(out), encoding="utf-8")
    return dropped


def _without_local_entry(text: str, uri: str) -> str:
    """data/site.local.yml without ``uri`` in local_nav (a '- page' line or an item of
    '[a, b]'); a section left with no pages goes too."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if line.strip() == f"- {uri}":
            continue
        if uri in line and "[" in line and "]" in line:
            head, items = inline_items(line)
            line = head + "[" + ", ".join(i for i in items if i != uri) + "]"
        if line.strip() == "pages: []" and out and out[-1].lstrip().startswith("- section:"):
            out.pop()
            continue
        out.append(line)
    at = next((i for i, ln in enumerate(out) if ln.rstrip() == "local_nav:"), None)
    if at is not None:  # no section left under it: an empty list, not an empty value
        rest = [ln for ln in out[at + 1 :] if ln.strip()]
        if not rest or not rest[0].startswith((" ", "-")):
            out[at] = "local_nav: []"
    return "\n".join(out)
