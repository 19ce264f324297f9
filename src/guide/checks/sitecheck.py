"""Checks that read the built site (so they survive a change of engine)."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import lxml.html

from guide.data import helplines
from guide.problems import Problem

CONTENT = "//article[contains(@class, 'md-content__inner')]"


def pages(site: Path) -> list[Path]:
    """Every built HTML page except the 404 page and Material's redirects."""
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" and "assets" not in p.parts)


def readable_text(html_path: Path) -> str:
    """The article text a reader sees: no navigation, code, footnotes or tooltips."""
    tree = lxml.html.parse(str(html_path))
    nodes = tree.xpath(CONTENT)
    if not nodes:
        return ""
    article = nodes[0]
    for bad in article.xpath(
        ".//pre | .//code | .//*[contains(@class, 'footnote')] | .//a[contains(@class, 'headerlink')]"
        " | .//script | .//style | .//*[contains(@class, 'md-source-file')] | .//textarea | .//nav"
        " | .//*[contains(@class, 'last-reviewed')] | .//*[contains(@class, 'exercise-facts__downloads')]"
        " | .//dl[contains(@class, 'glossary')]"
    ):
        bad.drop_tree()
    blocks = []
    for el in article.iter("p", "li", "h1", "h2", "h3", "h4", "dt", "dd", "td", "th", "caption", "legend", "label"):
        if any(a.tag in ("li", "p", "td", "th", "dd") for a in el.iterancestors()) and el.tag in ("p", "label"):
            continue
        text = " ".join(el.text_content().split())
        if text:
            blocks.append(text if text[-1] in ".?!:;" else text + ".")
    return "\n".join(blocks)


TAG = re.compile(r"<[^>]*>")
WEB_LINK = re.compile(r"<a\b[^>]*\bhref=\"http[^>]*>.*?</a>", re.S)  # dropped by the exact check too


def _may_have_unlisted(html: str, lines: dict, extra: tuple[str, ...] = ()) -> bool:
    """A quick over-estimate: every tag becomes a '|', which no phone number crosses.

    Text inside one element reads the same as in the exact check below, so a
    page that passes here cannot fail there; most pages skip the HTML parse.
    """
    start = html.find('<article class="md-content__inner')
    if start < 0:
        return True  # unexpected markup: leave it to the exact check
    html = html[start : html.find("</article>", start) + 1 or None]
    text = " ".join(unescape(TAG.sub("|", WEB_LINK.sub("|", html))).split())
    return bool(helplines.unlisted_numbers(text, lines, extra))


def phone_problems(site: Path, lines: dict | None = None, extra: tuple[str, ...] = ()) -> list[Problem]:
    """Phone-like numbers on built pages that come from neither the help lines nor ``extra`` (our own)."""
    lines = lines or helplines.load()
    out = []
    for page in pages(site):
        if not _may_have_unlisted(page.read_text(encoding="utf-8"), lines, extra):
            continue
        tree = lxml.html.parse(str(page))
        for node in tree.xpath(CONTENT):
            for bad in node.xpath(".//a[starts-with(@href, 'http')] | .//code | .//pre"):
                bad.drop_tree()
            texts = [t for el in node.iter() for t in (el.text, el.tail) if t and t.strip()]
            for number in (n for t in texts for n in helplines.unlisted_numbers(" ".join(t.split()), lines, extra)):
                out.append(
                    Problem(
                        str(page.relative_to(site)),
                        None,
                        "phone number",
                        f"'{number}' is not in data/helplines.yml",
                        "add it there with its source and render it with [[phone:ID]]",
                    )
                )
    return out
