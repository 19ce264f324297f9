"""Teach Material's search index the words readers use.

Works on the built ``search/search_index.json`` (no MkDocs objects):
- each page's main entry gets its front-matter ``keywords`` as search tags;
- words from ``data/search_synonyms.yml`` add their equivalents (British and
  American spelling, lay words, common misspellings);
- ``search_boost`` from the front matter becomes the entry's boost.
Tags are searched with the boost set for ``tags`` in mkdocs.yml and are
hidden from the result list, so they never clutter a snippet.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, StringConstraints

from guide.checks.content import Content
from guide.checks.readfile import load_data
from guide.paths import DATA
from guide.web.fragments import page_url

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


def enrich(site_dir: str | Path, content: Content, groups: list[list[str]], directory_urls: bool = True) -> int:
    path = Path(site_dir) / "search" / "search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    pages = {page_url(p.src_uri, directory_urls): p for p in content.all_pages()}
    texts: dict[str, list[str]] = {}
    for doc in index["docs"]:
        texts.setdefault(doc["location"].split("#", 1)[0], []).append(f"{doc['title']} {doc.get('text', '')}")
    changed = 0
    for doc in index["docs"]:
        if "#" in doc["location"] or doc["location"] not in pages:
            continue
        page = pages[doc["location"]]
        keywords = list(page.meta.keywords)
        own = " ".join(texts.get(doc["location"], [])) + " " + " ".join(keywords)
        tags = list(dict.fromkeys([*doc.get("tags", []), *keywords, *expand(own, groups)]))
        if tags:
            doc["tags"] = tags
        if page.meta.search_boost:
            doc["boost"] = page.meta.search_boost
        changed += 1
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return changed
