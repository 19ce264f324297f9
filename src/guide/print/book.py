"""The whole guide as one book PDF (WeasyPrint): cover, contents with page
numbers, every article in journey order, then the exercises; running
headers, page numbers, bookmarks, chapter endnotes, tagged PDF/UA-1 (table headers with
/Scope), fillable with a unique field name per exercise, pictures from docs/ only, and no
placeholder address. One book per paper size (A4 and US Letter), from one HTML.

Works from the content model and mkdocs.yml's nav order; each size cached by the Site's inputs.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from guide.data import ui as ui_words
from guide.markdown import render as md_render
from guide.model import Kind
from guide.paths import CACHE, ROOT, TEMPLATES
from guide.print import links
from guide.print.fonts import print_css
from guide.print.forms import finish_pdf
from guide.print.names import PAPERS
from guide.print.paper import to_paper
from guide.web.fragments import env


def journey_order(site) -> list[str]:
    """Article slugs in the order of the navigation (the journey), then any others."""
    slugs = [Path(u).stem for u in site.nav_uris() if u.startswith("articles/")]
    content = site.content
    return [s for s in slugs if s in content.articles] + sorted(set(content.articles) - set(slugs))


def _internal_links(html: str, chapter_ids: dict[str, str]) -> str:
    """Links to other pages of the guide become links inside the book."""

    def fix(m: re.Match) -> str:
        target = m.group(1)
        path, _, anchor = target.partition("#")
        stem = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".md")
        if path.endswith(".md") and stem in chapter_ids:
            return f'href="#{chapter_ids[stem]}"'
        return m.group(0)

    return re.sub(r'href="([^"]+)"', fix, html)


def _chapter(site, page, kind: str, ids: dict[str, str], site_url: str) -> dict:
    body = md_render.to_html(page.source.body, site, field_prefix=page.slug)
    body = _internal_links(body, ids)
    body = to_paper(
        md_render.absolute_links(body, page.src_uri, site_url or "https://invalid.invalid/"),
        page.src_uri,
        site.ui["paper"],
    )
    if not site_url:  # no real address: links keep their words only
        body = re.sub(r'<a href="https://invalid\.invalid/[^"]*"[^>]*>(.*?)</a>', r"\1", body, flags=re.S)
    body = re.sub(r'id="(fn|fnref)(:[^"]+)"', lambda m: f'id="{page.slug}-{m.group(1)}{m.group(2)}"', body)
    body = re.sub(r'href="#(fn|fnref)(:[^"]+)"', lambda m: f'href="#{page.slug}-{m.group(1)}{m.group(2)}"', body)
    body = re.sub(r'(<h[1-6][^>]*\sid=")([^"]+)"', lambda m: f'{m.group(1)}{page.slug}--{m.group(2)}"', body)
    return {
        "id": ids[page.slug],
        "title": page.meta.title,
        "kind": kind,
        "body": body,
        "summary": getattr(page.meta, "summary", None) or getattr(page.meta, "description", ""),
    }


def book_html(site, site_url: str, paper: str = "a4") -> str:
    """The book's HTML for one paper size (a key of ``names.PAPERS``)."""
    site_url = links.paper_url(site_url)
    words = site.ui
    content = site.content
    ids = {slug: f"ch-{slug}" for slug in [*content.articles, *content.exercises]}
    articles = [
        _chapter(site, content.articles[s], words["book"]["article"], ids, site_url) for s in journey_order(site)
    ]
    exercises = []
    for kind in Kind:
        for page in sorted(
            (p for p in content.exercises.values() if p.meta.kind == kind),
            key=lambda p: (p.meta.stage or 0, p.meta.title),
        ):
            exercises.append(_chapter(site, page, words["kinds"][kind.value], ids, site_url))
    css = print_css(site.identity.name, words["paper"])
    css += (TEMPLATES / "book.css").read_text(encoding="utf-8")
    return (
        env()
        .get_template("book.html")
        .render(
            identity=site.identity,
            articles=articles,
            exercises=exercises,
            css=css,
            site_url=site_url,
            page_size=PAPERS[paper],
            ui=words,
            lang=ui_words.lang(words),
        )
    )


def cached_path(site, site_url: str, paper: str) -> Path:
    """Where the book for this Site, address and paper is cached: keyed by the Site's inputs, not its HTML."""
    return CACHE / "book" / f"{site.fingerprint('book', site_url, paper)}.pdf"


def build(site, out: Path, site_url: str, paper: str) -> Path:
    """Write the book in one paper size to ``out``; reuse the cached PDF when nothing changed
    (no HTML is made then)."""
    cached = cached_path(site, site_url, paper)
    if not cached.exists():
        import weasyprint

        html = book_html(site, site_url, paper)
        cached.parent.mkdir(parents=True, exist_ok=True)
        doc = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
        doc.metadata.title = site.ui["book"]["pdf_title"].format(name=site.identity.name)
        tmp = cached.with_suffix(f".{os.getpid()}.tmp")  # per process: two builds may share the cache
        doc.write_pdf(tmp, pdf_variant="pdf/ua-1", pdf_forms=True)
        finish_pdf(tmp)
        tmp.replace(cached)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)
    return out
