"""Section 3, page weight of a first visit: the same-site files a page loads, gzipped."""

from __future__ import annotations

import functools
import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from tools.bench.common import get, kb, table

TEMPLATES = {
    "home": "",
    "article": "articles/flooding/",
    "exercise": "exercises/break-plan/",
    "catalog": "exercises/",
    "help": "help/",
}
ORIGIN = "http://site.invalid/"
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.S)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.config, self._in_config = "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.found.append(("css", a["href"]))
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.found.append(("images", a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag == "img" and a.get("src"):
            self.found.append(("images", a["src"]))
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


@functools.cache
def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _local(site: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme == "data" or f"{parts.scheme}://{parts.netloc}/" != ORIGIN:
        return None
    path = site / unquote(parts.path).lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def page_weight(site: Path, page: str) -> dict:
    url = urljoin(ORIGIN, page)
    html = _local(site, url)
    parser = _Assets()
    parser.feed(html.read_text(encoding="utf-8"))
    queue = [(kind, urljoin(url, ref)) for kind, ref in parser.found]
    seen, external, files = set(), [], {"html": [html]}
    while queue:
        kind, ref = queue.pop(0)
        if ref in seen:
            continue
        seen.add(ref)
        path = _local(site, ref)
        if path is None:
            external.append(ref) if not ref.startswith("data:") else None
            continue
        files.setdefault(kind, []).append(path)
        if kind == "css" and path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            queue += [("css", urljoin(ref, u)) for u in CSS_IMPORT.findall(text)]
            queue += [("fonts", urljoin(ref, u)) for block in FONT_FACE.findall(text) for u in CSS_URL.findall(block)]
    by_type = {k: sum(gz(p) for p in v if p.exists()) for k, v in files.items()}
    missing = [str(p.relative_to(site)) for v in files.values() for p in v if not p.exists()]
    config = json.loads(parser.config or "{}")
    search = {}
    if config.get("search"):
        worker = _local(site, urljoin(url, config.get("base", ".").rstrip("/") + "/" + config["search"]))
        search = {
            "worker": gz(worker) if worker and worker.exists() else None,
            "index": gz(site / "search" / "search_index.json")  # every page: the stub
            + (gz(site / "search" / "guide_index.json") if (site / "search" / "guide_index.json").exists() else 0),
        }
    return {
        "by_type": by_type,
        "total": sum(by_type.values()),
        "files": {k: len(v) for k, v in files.items()},
        "search": search,
        "external": external,
        "missing": missing,
    }


def weight_section(ours: Path, stock: Path) -> dict:
    return {
        "ours": {name: page_weight(ours, page) for name, page in TEMPLATES.items()},
        "stock": {name: page_weight(stock, page) for name, page in TEMPLATES.items()},
    }


def budgets(r: dict, add) -> None:
    for name in TEMPLATES:
        total = get(r, "weight", "ours", name, "total")
        add("3", f"page weight, {name} (gzip, no search index)", total / 1024 if total is not None else None, "<=", 120, "KB")  # fmt: skip


def markdown(r: dict) -> list[str]:
    w = r.get("weight")
    out = ["", "## 3. Page weight of a first visit (gzip level 6)", ""]
    if not w:
        return out
    # fmt: off
    for who, title in (("ours", "Ours"), ("stock", "Stock Material, for reference")):
        out += [f"**{title}** (KB = 1024 bytes)", ""]
        out += table(["Template", "HTML", "CSS", "JS", "Fonts", "Images", "Total", "Search worker", "Search index",
                      "External requests"],
                     [[n, *(kb(x["by_type"].get(k, 0)) for k in ("html", "css", "js", "fonts", "images")),
                       f"**{kb(x['total'])}**", kb(x["search"].get("worker")), kb(x["search"].get("index")),
                       len(x["external"])] for n, x in w[who].items()])
        out += [""]
    out += ["Same-site files only: the page, its stylesheets (following `@import`), `script src`, images and icons, "
            "and every font named in an `@font-face` rule of those stylesheets (an upper bound: a browser fetches "
            "only the faces a page uses). The search worker and index load on every first visit but are reported "
            "apart and left out of the budget."]
    ext = sorted({e for x in w["stock"].values() for e in x["external"]} | {e for x in w["ours"].values() for e in x["external"]})
    # fmt: on
    if ext:
        out += ["", "External requests seen: " + ", ".join(f"`{e}`" for e in ext)]
    return out
