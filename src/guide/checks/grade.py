"""Reading grade of built pages, from the text a reader sees.

Navigation, code, footnotes and the glossary are left out (see sitecheck).
"""

from __future__ import annotations

import statistics
from pathlib import Path

import textstat

from guide.checks.sitecheck import pages, readable_text

LIMIT = 8.0
# Pages whose grade is checked: articles and exercises (the scope),
# plus the home, help and FAQ pages that anxious readers meet first.
CHECKED_PREFIXES = ("articles/", "exercises/", "index.html", "help/", "faq/", "browsing-safely/", "programmes/")


def grades(site: Path) -> dict[str, float]:
    out = {}
    for page in pages(site):
        rel = page.relative_to(site).as_posix()
        if not rel.startswith(CHECKED_PREFIXES) or rel == "exercises/index.html":
            continue
        text = readable_text(page)
        if len(text.split()) < 50:
            continue
        out[rel] = round(textstat.flesch_kincaid_grade(text), 1)
    return out


def report(site: Path) -> tuple[str, list[str]]:
    g = grades(site)
    worst = max(g, key=g.get)
    lines = [
        f"reading grade (Flesch-Kincaid) of {len(g)} pages: median {statistics.median(g.values()):.1f}, "
        f"worst {g[worst]:.1f} ({worst}), limit {LIMIT}"
    ]
    failures = [p for p, v in g.items() if v > LIMIT]
    for p in sorted(g, key=g.get, reverse=True)[:5]:
        lines.append(f"  {g[p]:4.1f}  {p}")
    for p in failures:
        lines.append(f"{p}: reading grade {g[p]} is above {LIMIT}. Fix: shorter sentences and everyday words.")
    return "\n".join(lines), failures
