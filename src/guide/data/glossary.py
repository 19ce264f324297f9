"""The glossary: ``includes/glossary.md``, one ``*[Term]: Plain definition.`` per line.

Each term becomes a tooltip (an ``<abbr>``) wherever it appears on the site,
through the ``glossary`` option of Markdown's abbr extension, and the
glossary page lists every term once. Comment lines (``<!-- ... -->``) and
blank lines are allowed; anything else is a problem with its line number.
"""

from __future__ import annotations

import re
from pathlib import Path

from guide.checks.nocode import bad_scheme
from guide.checks.readfile import read_text
from guide.paths import INCLUDES, rel
from guide.problems import Problem

LINE = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<definition>\S.*)$")
COMMENT = re.compile(r"^<!--.*-->$")
MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")


def read(path: Path | None = None, name: str | None = None) -> tuple[dict[str, str], list[Problem]]:
    """Every term as written (all capital variants), and the problems found (named ``name``)."""
    path = path or INCLUDES / "glossary.md"
    name = name or rel(path)
    terms: dict[str, str] = {}
    text, problems = read_text(path, name)
    for n, raw in enumerate((text or "").splitlines(), start=1):
        line = raw.strip()
        if not line or COMMENT.match(line):
            continue
        m = LINE.match(line)
        if not m:
            problems.append(
                Problem(
                    name,
                    n,
                    "glossary",
                    f"'{line[:40]}' is not a glossary entry",
                    "write it as '*[Term]: A plain definition.'",
                )
            )
            continue
        term, definition = m.group("term").strip(), m.group("definition").strip()
        if MARKUP.search(line) or bad_scheme(definition):
            problems.append(
                Problem(
                    name,
                    n,
                    "glossary",
                    f"'{term}' holds markup or code; a definition is plain text",
                    "write plain words",
                )
            )
            continue
        if term in terms and terms[term] != definition:
            problems.append(Problem(name, n, "glossary", f"'{term}' is defined twice", "keep one definition"))
        terms[term] = definition
    return terms, problems


def terms() -> dict[str, str]:  # for tools and plain `mkdocs build` runs; the build uses the Site's
    """Read afresh each time (a fraction of a millisecond), so `mkdocs serve` picks up edits."""
    return read()[0]


def page_terms(terms: dict[str, str]) -> list[tuple[str, str]]:
    """For the glossary page: one entry per term, whatever its capitals, sorted."""
    seen: dict[str, tuple[str, str]] = {}
    for term, definition in terms.items():
        seen.setdefault(term.lower(), (term, definition))
    return sorted(seen.values(), key=lambda t: t[0].lower())
