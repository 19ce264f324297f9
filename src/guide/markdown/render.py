"""Render page Markdown to HTML outside MkDocs, with the site's own extensions.

Used by the handouts and the book, so they need no MkDocs at all.
"""

from __future__ import annotations

import re

import markdown

PRINT_OVERRIDES = {"toc": {"permalink": False}}  # no ¶ link after each heading on paper


def extensions(config: dict, helplines: dict | None = None, region: str = "") -> tuple[list[str], dict]:
    """The extension list and settings as mkdocs.yml gives them (the one list), for paper."""
    names, settings = [], {}
    for item in config.get("markdown_extensions") or []:
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        settings[name] = {**(options or {}), **PRINT_OVERRIDES.get(name, {})}
    if helplines is not None and "guide.markdown.helpline_links" in settings:
        settings["guide.markdown.helpline_links"]["lines"] = helplines
        if region:
            settings["guide.markdown.helpline_links"]["region"] = region
    return names, settings


def to_html(text: str, site, field_prefix: str = "") -> str:
    """Page Markdown as HTML. Paper passes ``field_prefix`` (the page's slug) so that form
    field names stay unique when sheets are joined into a pack or the book."""
    names, settings = extensions(site.config, site.helplines, site.identity.region)
    if "guide.markdown.blocks" in settings:
        settings["guide.markdown.blocks"] = {**settings["guide.markdown.blocks"], "words": site.ui["blocks"]}
    if "guide.markdown.helpline_links" in settings:
        settings["guide.markdown.helpline_links"]["words"] = site.ui["helplines"]
    if field_prefix and "guide.markdown.blocks" in settings:
        settings["guide.markdown.blocks"] = {**settings["guide.markdown.blocks"], "field_prefix": field_prefix}
    return markdown.Markdown(extensions=names, extension_configs=settings).convert(text)


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
