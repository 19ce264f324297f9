"""Every source is traceable, and every page is reviewed on time.

- A footnote definition must hold a link (``https://...``) or a DOI, so a reader can open
  the source. A book gets its publisher's page, a library record or a DOI.
- ``last_reviewed`` may not be in the future, nor older than a year; after six months the
  build warns, as it does for the help lines.
"""

from __future__ import annotations

import datetime as dt
import re

from guide.checks.frontmatter import Source
from guide.problems import Problem

FOOTNOTE = re.compile(r"^\[\^(?P<id>[^\]]+)\]:\s*(?P<text>.*)$")
TRACEABLE = re.compile(r"https?://\S+|\bdoi:\s*10\.\d{4,9}/\S+|\b10\.\d{4,9}/\S+", re.I)
WARN_AFTER_DAYS = 183
REFUSE_AFTER_DAYS = 366


def footnote_problems(src: Source) -> list[Problem]:
    out = []
    lines = src.body.split("\n")
    in_fence = False
    for i, line in enumerate(lines):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        m = None if in_fence else FOOTNOTE.match(line)
        if not m:
            continue
        text = m.group("text")
        for more in lines[i + 1 :]:  # a definition goes on in lines indented by four spaces
            if not more.startswith("    "):
                break
            text += " " + more.strip()
        if not TRACEABLE.search(text):
            out.append(
                Problem(
                    src.name,
                    src.body_line + i,
                    "footnote",
                    f"[^{m.group('id')}] gives no link or DOI, so a reader cannot open the source",
                    "add the source's address (https://...) or its DOI; for a book, the publisher's page",
                )
            )
    return out


def review_problems(src: Source, reviewed: dt.date, today: dt.date) -> tuple[list[Problem], list[str]]:
    """(problems, warnings) for a page's ``last_reviewed`` date."""
    line = src.key_lines.get("last_reviewed")
    age = (today - reviewed).days
    if age < 0:
        return [
            Problem(
                src.name,
                line,
                "last_reviewed",
                f"{reviewed} is in the future",
                "write the date the page was really checked, e.g. today",
            )
        ], []
    if age > REFUSE_AFTER_DAYS:
        return [
            Problem(
                src.name,
                line,
                "last_reviewed",
                f"{reviewed} is more than a year ago",
                "re-check the page's facts and sources, then update 'last_reviewed'",
            )
        ], []
    if age > WARN_AFTER_DAYS:
        return [], [
            f"{src.name}:{line}: last_reviewed: {reviewed}, over 6 months ago. "
            "Fix: re-check the page and update 'last_reviewed'."
        ]
    return [], []
