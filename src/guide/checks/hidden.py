"""Pages a fork hides (``hide_pages`` in data/site.local.yml), without editing upstream files.

A hidden page is not read, built, listed in the nav or search, or printed. Links to it from
other pages keep their words and lose the link; related lists and programme weeks drop it.
So a clinic can leave out one of our pages and still merge our updates without a conflict.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from guide.checks.body import rel_key
from guide.checks.frontmatter import Source
from guide.data.identity import local_line
from guide.problems import Problem

KEEP = ("index.md", "help.md")  # the home page and the crisis page are never hidden
LINK = re.compile(r"(?<!!)\[(?P<words>[^\]]+)\]\((?P<target>[^)\s]+)\)")
LISTS = ("related_exercises", "related_articles", "prerequisites")
LOCAL = "data/site.local.yml"


def problems(hidden: list[str], docs: Path) -> list[Problem]:
    """Each hidden entry must name a page that exists and may be hidden."""
    found = []
    for uri in hidden:
        if uri in KEEP:
            found.append((uri, f"{uri} cannot be hidden", "adapt the page instead"))
        elif not (docs / uri).is_file():
            found.append(
                (uri, f"there is no page docs/{uri}", "use a path inside docs/, e.g. articles/for-therapists.md")
            )
    if not found:
        return []
    return [Problem(LOCAL, local_line(docs.parent, uri), "hide_pages", message, fix) for uri, message, fix in found]


def unlink(src: Source, hidden: set[str], docs: Path) -> int:
    """Take links and references to hidden pages out of ``src`` (in place). Returns how many
    links now show as plain words."""
    slugs = {Path(uri).stem for uri in hidden}
    count = 0

    def plain(m: re.Match) -> str:
        nonlocal count
        path_part = m.group("target").partition("#")[0]
        if not path_part.endswith(".md") or re.match(r"^[a-z][a-z0-9+.-]*:", path_part, re.I):
            return m.group(0)
        key = rel_key(Path(os.path.normpath(src.path.parent.absolute() / path_part)), docs)
        if key not in hidden:
            return m.group(0)
        count += 1
        return m.group("words")

    body = LINK.sub(plain, src.body)
    if body != src.body:
        head = src.text[: len(src.text) - len(src.body)] if src.text.endswith(src.body) else ""
        src.body, src.text = body, head + body
    for key in LISTS:
        if isinstance(src.meta.get(key), list):
            src.meta[key] = [s for s in src.meta[key] if s not in slugs]
    for week in src.meta.get("weeks") or []:
        if isinstance(week, dict) and isinstance(week.get("exercises"), list):
            week["exercises"] = [s for s in week["exercises"] if s not in slugs]
    return count
