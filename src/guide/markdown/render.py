"""Render page Markdown to HTML outside MkDocs, with the site's own extensions.

Used by the handouts and the book, so they need no MkDocs at all.
"""

from __future__ import annotations

import re

import markdown

EXTENSIONS = [
    "abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables", "toc",
    "pymdownx.details", "pymdownx.superfences", "guide.markdown.blocks", "guide.markdown.helpline_links", "guide.markdown.external_links",
]


def to_html(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


def absolute_links(html: str, from_uri: str, site_url: str) -> str:
    """Turn relative links to .md files into absolute web addresses."""
    from guide.web.fragments import page_url

    base_dir = from_uri.rsplit("/", 1)[0].split("/") if "/" in from_uri else []

    def fix(m: re.Match) -> str:
        target = m.group(1)
        if re.match(r"^[a-z]+:", target) or target.startswith("#"):
            return m.group(0)
        path, _, anchor = target.partition("#")
        parts = list(base_dir)
        for piece in path.split("/"):
            if piece == "..":
                parts = parts[:-1]
            elif piece not in ("", "."):
                parts.append(piece)
        uri = "/".join(parts)
        url = site_url.rstrip("/") + "/" + (page_url(uri) if uri.endswith(".md") else uri)
        return f'href="{url}{"#" + anchor if anchor else ""}"'

    return re.sub(r'href="([^"]+)"', fix, html)
