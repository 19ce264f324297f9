"""The search index as the site built it before our engine (for the benchmark's "before").

Material's lunr index, enriched as the former hook (overrides/hooks/search_keywords.py,
guide.web.search_index.enrich) did: each page's keywords and synonym expansions as ``tags``
(searched with boost 30, title 10, text 1), and ``search_boost`` as the entry's boost.
Kept verbatim, outside the product, so "before" is measured on the same content.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))

from guide.checks.content import Content  # noqa: E402
from guide.web.fragments import page_url  # noqa: E402
from guide.web.search_index import expand  # noqa: E402

FIELDS = {"title": {"boost": 10}, "text": {"boost": 1}, "tags": {"boost": 30}}


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


def before_config(cfg: dict) -> dict:
    """The site config as it was: no search_engine hook, lunr fields as before."""
    cfg = dict(cfg)
    cfg["hooks"] = [h for h in cfg.get("hooks", []) if not h.endswith("search_engine.py")]
    plugins = []
    for p in cfg.get("plugins", []):
        if p == "search" or (isinstance(p, dict) and "search" in p):
            opts = dict(p["search"] or {}) if isinstance(p, dict) else {}
            opts["fields"] = FIELDS
            p = {"search": opts}
        plugins.append(p)
    cfg["plugins"] = plugins
    return cfg
