"""The words readers use: synonym groups from data/search_synonyms.yml.

``expand`` gives the equivalents (lay words, spellings) of the words a page
uses; guide.web.search_engine files them in the page's hidden ``keys`` field.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from guide.checks.readfile import load_data
from guide.paths import DATA

WORD = re.compile(r"[a-z][a-z'-]+")


class Synonyms(BaseModel):
    model_config = ConfigDict(extra="forbid")
    groups: list[list[Annotated[str, StringConstraints(min_length=1, pattern=r"^[^<>]+$")]]]


def synonym_groups(path: Path | None = None) -> list[list[str]]:
    """Raises ContentError with one line per problem in data/search_synonyms.yml."""
    data = load_data(path or DATA / "search_synonyms.yml", "data/search_synonyms.yml", Synonyms)
    return [[w.lower() for w in group] for group in data.groups]


def expand(text: str, groups: list[list[str]]) -> list[str]:
    """Equivalent words for every synonym group that the text uses."""
    lowered = text.lower()
    words = set(WORD.findall(lowered))
    extra: list[str] = []
    for group in groups:
        if any((w in words) if " " not in w else (w in lowered) for w in group):
            extra += [w for w in group if w not in words]
    return extra
