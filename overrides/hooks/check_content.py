"""Check all content before MkDocs reads a page, and give the theme our identity.

The Site (every source, read and checked once) comes from the orchestrator, or is loaded
here under a plain ``mkdocs build``; a problem stops the build with one line each.
"""

import logging
from html import escape

from guide.adapters.mkdocs import site_of

log = logging.getLogger("mkdocs.hooks.check_content")


def on_config(config):
    site = site_of(config)
    # Glossary tooltips on every page, without appending the glossary to each page's Markdown.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(site.glossary)
    links = config.mdx_configs.get("guide.markdown.helpline_links")
    config.mdx_configs["guide.markdown.helpline_links"] = {**(links if isinstance(links, dict) else {}),
                                                           "lines": site.helplines,
                                                           "region": site.identity.region,
                                                           "words": site.ui["helplines"]}
    blocks = config.mdx_configs.get("guide.markdown.blocks")
    config.mdx_configs["guide.markdown.blocks"] = {**(blocks if isinstance(blocks, dict) else {}),
                                                   "words": site.ui["blocks"]}
    for warning in site.warnings:
        log.info(warning)  # info, not warning: a stale date must not fail a strict build
    identity = site.identity
    ident = identity.model_dump()
    ident["header_dark"] = identity.colors.header_dark_or_primary
    config.extra["identity"] = ident
    config.extra["ui"] = site.ui
    config.site_name = identity.name
    config.site_author = identity.author_or_name
    config.copyright = f"{escape(identity.licence)} {footer_contact(identity) or escape(site.ui['web']['general_guide'])}"
    if ident["logo"]:
        config.theme["logo"] = ident["logo"]
    if ident["favicon"]:
        config.theme["favicon"] = ident["favicon"]
    return config


def footer_contact(identity) -> str:
    """The practice's own contact for the footer: text, then phone, email and web as links."""
    c = identity.contact
    parts = [escape(c.text)] if c.text else []
    if c.phone:
        parts.append(f'<a class="contact-phone" href="{escape(c.tel)}">{escape(c.phone)}</a>')
    if c.email:
        parts.append(f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>')
    if c.web:
        parts.append(f'<a href="{escape(c.web)}" rel="noopener">{escape(c.web.split("//", 1)[-1].rstrip("/"))}</a>')
    return " · ".join(parts)
