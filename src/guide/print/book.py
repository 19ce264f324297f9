"""The whole guide as one book PDF (WeasyPrint): cover, contents with page
numbers, every article in journey order, then the exercises; running
headers, page numbers, bookmarks, chapter endnotes, tagged PDF/UA-1.

Works from the content model and mkdocs.yml's nav order; cached by hash.
"""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path

from guide.checks.content import Content
from guide.data import identity
from guide.markdown import render as md_render
from guide.model import KIND_LABELS, Kind
from guide.paths import CACHE, ROOT, TEMPLATES
from guide.print.handouts import _form_font, _versions, print_css
from guide.web.fragments import env

NAV_ENTRY = re.compile(r"^\s*-\s+(?:[^:]+:\s+)?(articles/[\w-]+\.md)\s*$", re.M)


def journey_order(content: Content, config: Path = ROOT / "mkdocs.yml") -> list[str]:
    slugs = [m.group(1)[len("articles/"):-3] for m in NAV_ENTRY.finditer(config.read_text(encoding="utf-8"))]
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


def _chapter(page, kind: str, ids: dict[str, str], site_url: str) -> dict:
    body = md_render.to_html(page.source.body)
    body = _internal_links(body, ids)
    body = md_render.absolute_links(body, page.src_uri, site_url)
    body = re.sub(r'id="(fn|fnref)(:[^"]+)"', lambda m: f'id="{page.slug}-{m.group(1)}{m.group(2)}"', body)
    body = re.sub(r'href="#(fn|fnref)(:[^"]+)"', lambda m: f'href="#{page.slug}-{m.group(1)}{m.group(2)}"', body)
    body = re.sub(r'(<h[1-6][^>]*\sid=")([^"]+)"', lambda m: f'{m.group(1)}{page.slug}--{m.group(2)}"', body)
    return {"id": ids[page.slug], "title": page.meta.title, "kind": kind, "body": body,
            "summary": getattr(page.meta, "summary", None) or getattr(page.meta, "description", "")}


def book_html(content: Content, site_url: str) -> str:
    ids = {slug: f"ch-{slug}" for slug in [*content.articles, *content.exercises]}
    articles = [_chapter(content.articles[s], "Article", ids, site_url) for s in journey_order(content)]
    exercises = []
    for kind in Kind:
        for page in sorted((p for p in content.exercises.values() if p.meta.kind == kind),
                           key=lambda p: (p.meta.stage or 0, p.meta.title)):
            exercises.append(_chapter(page, KIND_LABELS[kind], ids, site_url))
    css = print_css()
    css += f'\n@font-face {{ font-family: "Form Sans"; src: url("{_form_font().as_uri()}"); }}\n'
    css += (TEMPLATES / "book.css").read_text(encoding="utf-8")
    return env().get_template("book.html").render(
        identity=identity.load(), articles=articles, exercises=exercises, css=css, site_url=site_url)


def build(content: Content, out: Path, site_url: str) -> Path:
    """Write the book to ``out``; reuse the cached PDF when nothing changed."""
    import weasyprint

    html = book_html(content, site_url)
    key = hashlib.sha256((html + _versions()).encode()).hexdigest()[:24]
    cached = CACHE / "book" / f"{key}.pdf"
    if not cached.exists():
        cached.parent.mkdir(parents=True, exist_ok=True)
        doc = weasyprint.HTML(string=html, base_url=str(ROOT)).render()
        doc.metadata.title = f"{identity.load().name}: the whole guide"
        doc.metadata.lang = "en"
        tmp = cached.with_suffix(".tmp")
        doc.write_pdf(tmp, pdf_variant="pdf/ua-1", pdf_forms=False)
        tmp.replace(cached)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(cached, out)
    return out
