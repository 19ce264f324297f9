"""The site's search index, for the engine in docs/assets/js/search/.

Works on the built ``search/search_index.json`` that Material's search plugin
writes (no MkDocs objects) and rewrites it in place:

- one entry per page and per section (a heading inside a page), as plain text,
  each cut to ``max_section_chars`` from data/search.yml; sections that every
  page repeats (``skip_sections``) and pages that only list other pages
  (``skip_pages``) are left out;
- each page's entry gets a ``keys`` field: its front-matter ``keywords`` and the
  equivalents from data/search_synonyms.yml, and the questions readers asked that
  (in ``asked``) the questions readers asked that it answers (data/reader_questions.yml).
  Both are indexed but never shown, so results never list keywords;
- ``search_boost`` from the front matter becomes the entry's ``boost``;
- the safety rules of data/search.yml travel in ``config.safety``.

Material's search box posts ``config`` and ``docs`` to the worker named in each
page's ``__config`` script; ``worker_url`` points that at our worker.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from guide.checks.content import Content
from guide.checks.readfile import load_data
from guide.paths import DATA
from guide.web import reader_questions
from guide.web.fragments import page_url
from guide.web.search_index import expand, synonym_groups

WORKER = "assets/js/search/worker.js"
_MATERIAL_WORKER = re.compile(r'("search":\s*")([^"]*?)assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"')
_TAG = re.compile(r"<[^>]+>")
# A footnote's number in the text: Material keeps <sup> but drops its link, so stripping the tags
# left "appear. 8 Some medicines" in the snippets. The note itself stays, under Sources.
_NOTE_MARK = re.compile(r"<sup>\s*\d{1,3}\s*</sup>")
_SPACE = re.compile(r"\s+")
Words = list[Annotated[str, StringConstraints(min_length=1, pattern=r"^[^<>\"]+$")]]


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid")
    first: Words
    then: Words
    either_order: bool = False
    # Compare the first words as typed, not by their stems ("pressured", not the noun "pressure").
    as_typed: bool = False
    # The pair does not count when the first word is followed (straight after, or after "to")
    # by one of these: "afraid to discuss it with him" is shyness, "afraid of him" is fear.
    not_followed_by: Words = []


class Safety(BaseModel):
    model_config = ConfigDict(extra="forbid")
    pages: Words = Field(min_length=1)
    words: Words = []
    phrases: Words = []
    pairs: list[Pair] = []
    # Sayings whose words are not what they say: left out before the rules are read.
    idioms: Words = []


class SearchSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    skip_pages: Words = []
    skip_sections: Words = []
    max_section_chars: int = Field(default=1200, ge=200, le=20000)
    related: list[Words] = []
    compounds: dict[Annotated[str, StringConstraints(pattern=r"^[a-z]+$")], Words] = {}
    rewrite: dict[
        Annotated[str, StringConstraints(pattern=r"^[a-z]+( [a-z]+)+$")],
        Annotated[str, StringConstraints(pattern=r"^[a-z]+( [a-z]+)*$")],
    ] = {}
    weights: dict[
        Literal[
            "title",
            "about",
            "keys",
            "asked",
            "also",
            "related",
            "page",
            "text",
            "small",
            "boost",
            "coverage",
            "proximity",
            "others",
            "keyphrase",
            "bm25_k",
            "bm25_b",
            "bm25_d",
        ],
        float,
    ] = {}
    safety: Safety


def settings(path: Path | None = None) -> SearchSettings:
    """Raises ContentError with one line per problem in data/search.yml."""
    return load_data(path or DATA / "search.yml", "data/search.yml", SearchSettings)


def plain(text: str) -> str:
    """Material's HTML snippet as plain text (the worker escapes it again)."""
    return _SPACE.sub(" ", html.unescape(_TAG.sub(" ", _NOTE_MARK.sub("", text)))).strip()


def _cut(text: str, limit: int) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit]


def build(
    material: dict,
    content: Content,
    directory_urls: bool = True,
    rules: SearchSettings | None = None,
    groups: list[list[str]] | None = None,
    questions: dict[str, list[str]] | None = None,
) -> dict:
    """Our index from Material's: plain, cut, hidden keys, boosts, safety rules."""
    rules = rules or settings()
    groups = groups if groups is not None else synonym_groups()
    questions = questions if questions is not None else reader_questions.load()[0]
    pages = {page_url(p.src_uri, directory_urls): p for p in content.all_pages()}
    skip = set(rules.skip_sections)
    # data/search.yml names pages by their web address ("tags/"); the offline edition has "tags.html".
    by_web = {page_url(p.src_uri, True): url for url, p in pages.items()}
    skip_pages = {by_web.get(p, p) for p in rules.skip_pages}
    web_of = {url: web for web, url in by_web.items()}
    docs: list[dict] = []
    own: dict[str, list[str]] = {}
    for doc in material["docs"]:
        location = doc["location"]
        title = plain(doc.get("title", ""))
        if location.split("#", 1)[0] in skip_pages or ("#" in location and title in skip):
            continue
        entry = {
            "location": location,
            "title": title,
            "text": _cut(plain(doc.get("text", "")), rules.max_section_chars),
        }
        own.setdefault(location.split("#", 1)[0], []).append(f"{title} {entry['text']}")
        docs.append(entry)
    for entry in docs:
        page = pages.get(entry["location"])
        if page is None:
            continue
        about = getattr(page.meta, "description", None) or getattr(page.meta, "summary", None)
        if about:
            entry["about"] = about  # the page's one-line summary: what it answers
        # The reader's words for the page (front-matter keywords and their equivalents) weigh like
        # a title. The equivalents of words the text only uses once or twice go in `also`, which
        # weighs like the text: else every page that mentions an erection once would be filed
        # under "erectile dysfunction" as strongly as the page about it.
        keywords = list(page.meta.keywords)
        keys = list(dict.fromkeys([*keywords, *expand(" ".join(keywords), groups)]))
        # Questions readers asked that this page answers (data/reader_questions.yml): hidden like
        # the keys, in a field of their own, so that a page with many questions does not dilute
        # its keywords (BM25 weighs a word less in a longer field). Pages by their web address.
        asked = [q for q in questions.get(web_of.get(entry["location"], ""), []) if q not in keywords]
        also = [w for w in dict.fromkeys(expand(" ".join(own[entry["location"]]), groups)) if w not in keys]
        if keys:
            entry["keys"] = " | ".join(keys)
        if also:
            entry["also"] = " | ".join(also)
        if asked:
            entry["asked"] = " | ".join(asked)
        if page.meta.search_boost:
            entry["boost"] = page.meta.search_boost
    config = {k: v for k, v in material.get("config", {}).items() if k in ("lang", "separator")}
    if rules.weights:
        config["weights"] = rules.weights
    if rules.related:
        config["related"] = rules.related
    if rules.compounds:
        config["compounds"] = rules.compounds
    if rules.rewrite:
        config["rewrite"] = rules.rewrite
    config["safety"] = rules.safety.model_dump(exclude_none=True)
    config["safety"]["pages"] = [by_web.get(p, p) for p in rules.safety.pages]
    return {"config": config, "docs": docs}


FULL_INDEX = "search/guide_index.json"  # the whole index, fetched by our worker (web edition)
# The file's form: each entry a list of these fields, in this order, without its empty tail; a
# section's location without its page ("#what-helps") when the page's entry comes before it.
# About 3% smaller gzipped than objects with full locations; docs/assets/js/search/engine.js
# (unpack) reads the field names from config.packed, and read_index gives objects again.
PACKED_FIELDS = ("location", "title", "text", "about", "keys", "asked", "also", "boost")


def pack(index: dict) -> dict:
    docs, page = [], None
    for doc in index["docs"]:
        location = doc["location"]
        where, hashed, anchor = location.partition("#")
        if not hashed:
            page = location
        elif where == page:
            location = "#" + anchor
        row = [location, *(doc.get(f, "") for f in PACKED_FIELDS[1:])]
        while row and row[-1] in ("", None):
            row.pop()
        docs.append(row)
    return {"config": {**index["config"], "packed": list(PACKED_FIELDS)}, "docs": docs}


def unpack(index: dict) -> dict:
    """The index as build() gives it (objects), from the packed file; an unpacked one as it is."""
    fields = index.get("config", {}).get("packed")  # not "fields": Material's own index has that
    if not fields:
        return index
    docs, page = [], ""
    for row in index["docs"]:
        doc = {f: v for f, v in zip(fields, row, strict=False) if v not in ("", None)}
        doc.setdefault("title", ""), doc.setdefault("text", "")
        location = row[0]
        if location.startswith("#"):
            location = page + location
        elif "#" not in location:
            page = location
        doc["location"] = location
        docs.append(doc)
    config = {k: v for k, v in index["config"].items() if k != "packed"}
    return {"config": config, "docs": docs}


def write(site_dir: str | Path, site, directory_urls: bool = True, split: bool = True) -> int:
    """Rewrite the built search_index.json in our format, from the Site; returns the number of entries.

    ``split`` (the web edition): the whole index goes to FULL_INDEX, and search_index.json, which
    Material's page script downloads and parses on every page, becomes a stub whose
    ``config.full`` tells our worker where the whole index is. The worker fetches it (when
    Material sets search up, as each page loads; the browser's cache serves the next pages)
    and parses it off the page's main thread. The offline edition (file://, no fetch) keeps
    the whole index in search_index.json, which Material inlines as a script.
    """
    path = Path(site_dir) / "search" / "search_index.json"
    index = build(
        json.loads(path.read_text(encoding="utf-8")),
        site.content,
        directory_urls,
        site.data.search,
        site.data.synonyms,
        site.data.questions,
    )
    text = json.dumps(pack(index), ensure_ascii=False, separators=(",", ":"))
    if split:
        (Path(site_dir) / FULL_INDEX).write_text(text, encoding="utf-8")
        depth = WORKER.count("/")
        stub = {k: v for k, v in index["config"].items() if k in ("lang", "separator")}
        stub["full"] = "../" * depth + FULL_INDEX  # relative to the worker's own address
        text = json.dumps({"config": stub, "docs": []}, separators=(",", ":"))
    path.write_text(text, encoding="utf-8")
    return len(index["docs"])


def read_index(site_dir: str | Path) -> dict:
    """The whole index of a built site (web or offline edition)."""
    full = Path(site_dir) / FULL_INDEX
    path = full if full.exists() else Path(site_dir) / "search" / "search_index.json"
    return unpack(json.loads(path.read_text(encoding="utf-8")))


def worker_url(page_html: str) -> str:
    """The page with Material's search worker swapped for ours (same relative base)."""
    return _MATERIAL_WORKER.sub(lambda m: f'{m.group(1)}{m.group(2)}{WORKER}"', page_html, count=1)
