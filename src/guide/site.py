"""The Site: every source read once, parsed once, checked, and handed to whatever needs it.

``Site.load()`` reads the pages, their front matter, the data files, the glossary and
``mkdocs.yml`` one time each. The checks, the Markdown markers, handouts, book, offline
edition and search all work from this one object. Nothing is kept between builds: each
build (and each rebuild under ``make serve``) loads a new Site, so an edit shows at once.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from guide import config as mkdocs_config
from guide.checks import content as content_check
from guide.checks.content import Content, Data
from guide.data.identity import local_line
from guide.paths import ROOT
from guide.problems import Problem

PACKAGE = Path(__file__).resolve().parent
VERSIONED = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "Markdown",
    "weasyprint",
    "pydyf",
    "pikepdf",
    "fonttools",
)


@dataclass
class Site:
    root: Path
    content: Content
    data: Data
    config: dict
    warnings: list[str] = field(default_factory=list)
    config_text: str = field(default="", repr=False)  # mkdocs.yml as read, handed to the engine
    config_path: Path | None = None
    _base_print: str = field(default="", repr=False)

    @property
    def helplines(self) -> dict:
        return self.data.helplines

    @property
    def identity(self):
        return self.data.identity

    @property
    def glossary(self) -> dict[str, str]:
        return self.data.glossary

    @property
    def ui(self) -> dict:
        """Interface words (data/ui/<language>.yml)."""
        return self.data.ui

    @classmethod
    def load(cls, root: Path = ROOT, config_path: Path | None = None) -> tuple[Site | None, list[Problem]]:
        """The Site, or None and every problem found (one line each)."""
        config_path = config_path or root / "mkdocs.yml"
        from guide.checks.readfile import read_text

        config_text, problems = read_text(config_path, config_path.name)
        if config_text is None:
            return None, problems
        try:
            config = mkdocs_config.load_config(config_path, config_text)
        except Exception as exc:  # noqa: BLE001 (a broken mkdocs.yml: one line, not a traceback)
            return None, [
                Problem(
                    config_path.name,
                    getattr(getattr(exc, "problem_mark", None), "line", -1) + 1 or None,
                    "YAML",
                    f"mkdocs.yml cannot be read ({str(exc).splitlines()[0]})",
                    "check the colons and indentation on this line",
                )
            ]
        language = ((config.get("theme") or {}).get("language") or "en") if isinstance(config, dict) else "en"
        data, problems = content_check.load_data(root, language)
        if problems:
            return None, problems
        checked, problems = content_check.check(root / "docs", data=data)
        if problems:
            return None, problems
        site = cls(root, checked, data, config, list(checked.warnings), config_text, config_path)
        nav = site.nav_uris()
        problems = [p for p in _nav_problems(site, nav, config_path)]
        return (None, problems) if problems else (site, [])

    @property
    def site_url(self) -> str:
        """The real web address (SITE_URL, else site_url in data/site.yml), or '' if there is none."""
        return self.identity.real_url(os.environ.get("SITE_URL") or self.config.get("site_url") or "")

    # --- navigation -----------------------------------------------------------------------
    def nav_uris(self) -> list[str]:
        """Every page in ``nav:``, in order (docs-relative paths)."""
        out: list[str] = []

        def walk(items):
            for item in items or []:
                value = next(iter(item.values())) if isinstance(item, dict) else item
                if isinstance(value, list):
                    walk(value)
                elif isinstance(value, str) and value.endswith(".md"):
                    out.append(value)

        walk(self.nav())
        return out

    def nav(self) -> list:
        """mkdocs.yml's nav, then the fork's own sections from data/site.local.yml (``local_nav``)."""
        hidden = set(self.identity.hide_pages)

        def keep(items: list) -> list:  # upstream's nav without the fork's hidden pages
            out = []
            for item in items:
                if isinstance(item, dict):
                    title, value = next(iter(item.items()))
                    if isinstance(value, list):
                        value = keep(value)
                        if value:
                            out.append({title: value})
                    elif value not in hidden:
                        out.append(item)
                elif item not in hidden:
                    out.append(item)
            return out

        upstream = keep(list(self.config.get("nav") or []))
        return upstream + [{s.section: list(s.pages)} for s in self.identity.local_nav]

    def next_article(self, uri: str) -> tuple[str, str] | None:
        """(title, src_uri) of the article after ``uri`` in the journey, if the next page is one."""
        nav = self.nav_uris()
        if uri not in nav or nav.index(uri) + 1 >= len(nav):
            return None
        nxt = nav[nav.index(uri) + 1]
        page = self.content.articles.get(Path(nxt).stem) if nxt.startswith("articles/") else None
        return (page.meta.title, nxt) if page is not None else None

    # --- what the expensive outputs depend on ------------------------------------------------
    def fingerprint(self, *extra: str) -> str:
        """A hash of every source and of the code and packages that shape the output.

        Relative names only, so a copy of the project in another folder hits the same cache.
        """
        if not self._base_print:
            self._base_print = self._inputs_hash()
        h = hashlib.sha256(self._base_print.encode())
        for part in extra:
            h.update(b"\0" + part.encode())
        return h.hexdigest()[:24]

    def _inputs_hash(self) -> str:
        h = hashlib.sha256()
        for page in sorted(self.content.all_pages(), key=lambda p: p.src_uri):
            h.update(page.src_uri.encode() + b"\0" + page.source.text.encode() + b"\0")
        # The data files by value (already read once), then the files the engine copies or renders with.
        d = self.data
        h.update(d.identity.model_dump_json().encode())
        h.update(repr(sorted((k, v.model_dump_json()) for k, v in d.helplines.items())).encode())
        h.update(repr((d.tags, d.synonyms, sorted(d.glossary.items()))).encode())
        h.update(json.dumps(d.ui, sort_keys=True).encode())  # the interface words
        h.update(self.config_text.encode())
        for folder in ("overrides", "docs/assets"):
            for path in sorted((self.root / folder).rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts:
                    h.update(path.relative_to(self.root).as_posix().encode() + b"\0" + path.read_bytes())
        for path in sorted(PACKAGE.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                h.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
        for name in VERSIONED:
            h.update(f"{name}=={_version(name)}".encode())
        return h.hexdigest()


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


def _nav_problems(site: Site, nav: list[str], config_path: Path) -> list[Problem]:
    """Pages left out of nav, and nav entries with no page, each with its file and line: mkdocs.yml
    for upstream's nav, data/site.local.yml for a fork's own sections (``local_nav``)."""
    lines = site.config_text.split("\n")
    local = {uri for s in site.identity.local_nav for uri in s.pages}

    def line_of(uri: str) -> int | None:
        return next((i + 1 for i, ln in enumerate(lines) if ln.strip().endswith(uri)), None)

    nav_line = next((i + 1 for i, ln in enumerate(lines) if ln.startswith("nav:")), None)
    pages = {p.src_uri for p in site.content.all_pages()}
    out = []
    for uri in nav:
        if uri not in pages:
            if uri in local:
                out.append(
                    Problem(
                        "data/site.local.yml",
                        local_line(site.root, uri),
                        "local_nav",
                        f"'{uri}' is listed, but docs/{uri} does not exist",
                        "remove it from local_nav, or add the page",
                    )
                )
                continue
            out.append(
                Problem(
                    config_path.name,
                    line_of(uri),
                    "nav",
                    f"'{uri}' is listed, but docs/{uri} does not exist",
                    "remove the line, or restore the page",
                )
            )
    listed = set(nav)
    for uri in sorted(pages - listed):
        if uri == "tags.md" and "tags" not in str(site.config.get("plugins")):
            continue
        out.append(
            Problem(
                config_path.name,
                nav_line,
                "nav",
                f"docs/{uri} is not in the navigation",
                f"add '- {uri}' to nav: in the section where readers would look for it"
                + (", or list it in local_nav in data/site.local.yml" if uri.startswith("local/") else ""),
            )
        )
    return out
