"""The HTML of every paper document: the full handout, the programme pack, the client sheet.

Every form field is named after its exercise (``slug--write-in-1``), every write-in has one
field per printed rule, pictures resolve to files under docs/ (or are left out), and no
placeholder address is ever printed: ``url`` is the site's real address or ''.
"""

from __future__ import annotations

import re

from guide.checks.content import Page
from guide.data import ui as ui_words
from guide.markdown import render as md_render
from guide.print import forms, links, pictures, sheets
from guide.print.fonts import print_css
from guide.print.names import PAPERS
from guide.web.fragments import env, page_url

__all__ = ["PAPERS", "handout_html", "pack_html", "sheet_htmls", "to_paper"]


def to_paper(html: str, page_uri: str, words: dict, pictures_on: bool = True) -> str:
    html = pictures.on_paper(html, page_uri, keep=pictures_on)
    # WeasyPrint tags a <caption> as a separate, row-less /Table; a heading paragraph reads the same.
    html = re.sub(
        r'<table class="tracker__table">\s*<caption>(.*?)</caption>',
        r'<p class="tracker__caption">\1</p><table class="tracker__table">',
        html,
        flags=re.S,
    )
    return forms.one_field_per_rule(html, words["line"])


def _address(page: Page, url: str, words: dict) -> dict:
    full = url + page_url(page.src_uri) if url else ""
    return {
        "url": full,
        "short_url": links.short_url(full) if full else "",
        "qr": links.qr_svg(full, words["qr_label"]) if full else "",
    }


def full_doc(page: Page, site, url: str) -> dict:
    body = md_render.to_html(page.source.body, site, field_prefix=page.slug)
    body = to_paper(
        md_render.absolute_links(body, page.src_uri, url or "https://invalid.invalid/"), page.src_uri, site.ui["paper"]
    )
    if not url:  # no address to point to: links keep their words only
        body = re.sub(r'<a href="https://invalid\.invalid/[^"]*"[^>]*>(.*?)</a>', r"\1", body, flags=re.S)
    return {"slug": page.slug, "meta": page.meta, "body": body, **_address(page, url, site.ui["paper"])}


def _render(
    template: str,
    site,
    docs: list[dict],
    title: str,
    summary: str,
    keywords: str,
    paper: str,
    url: str,
    css: str = "handout.css",
) -> str:
    return (
        env()
        .get_template(template)
        .render(
            docs=docs,
            title=title,
            summary=summary,
            keywords=keywords,
            css=print_css(site.identity.name, site.ui["paper"], css),
            page_size=PAPERS[paper],
            identity=site.identity,
            help_lines=links.help_lines(site, url),
            words=site.ui["paper"],
            ui=site.ui,
            lang=ui_words.lang(site.ui),
        )
    )


def handout_html(site, page: Page, paper: str, url: str) -> str:
    return _render(
        "handout.html",
        site,
        [full_doc(page, site, url)],
        page.meta.title,
        page.meta.summary,
        ", ".join(page.meta.keywords),
        paper,
        url,
    )


def pack_html(programme: Page, site, paper: str, url: str) -> str:
    content = site.content
    slugs = list(dict.fromkeys(s for w in programme.meta.weeks for s in w.exercises))
    docs = [full_doc(content.exercises[s], site, url) for s in slugs]
    html = _render(
        "handout.html",
        site,
        docs,
        programme.meta.title,
        programme.meta.description,
        site.ui["paper"]["pack_keywords"],
        paper,
        url,
    )
    plan = (
        env()
        .get_template("pack_front.html")
        .render(
            meta=programme.meta,
            docs=docs,
            identity=site.identity,
            content=content,
            words=site.ui["paper"],
            programme=site.ui["programme"],
        )
    )
    return html.replace("<body>\n", "<body>\n" + plan, 1)


def sheet_htmls(site, page: Page, paper: str, url: str) -> tuple[tuple[str, str], ...]:
    """The client sheet in each layout of ``sheets.LAYOUTS``, with its tags ("front", "terse");
    the renderer keeps the first that fits on two pages."""

    def render(markdown: str) -> str:
        return to_paper(md_render.to_html(markdown, site, field_prefix=page.slug), page.src_uri, site.ui["paper"])

    out = []
    address = _address(page, url, site.ui["paper"])
    for share, front, terse in sheets.LAYOUTS:
        doc = {
            "slug": page.slug,
            "meta": page.meta,
            **address,
            **sheets.sheet_parts(page, render, site.ui["exercise_sections"], share, front, terse),
        }
        html = _render(
            "client_sheet.html",
            site,
            [doc],
            page.meta.title,
            page.meta.summary,
            ", ".join(page.meta.keywords),
            paper,
            url,
            css="client_sheet.css",
        )
        out.append((html, " ".join(tag for tag, on in (("front", front), ("terse", terse)) if on)))
    return tuple(out)
