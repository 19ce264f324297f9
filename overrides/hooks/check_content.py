"""Check all content before MkDocs reads a page, and give the theme our identity.

The Site (every source, read and checked once) comes from the orchestrator, or is loaded
here under a plain ``mkdocs build``; a problem stops the build with one line each.
"""

import logging

from guide.adapters.mkdocs import site_of

log = logging.getLogger("mkdocs.hooks.check_content")
GENERAL = "This is a general guide, not medical advice, and no substitute for a therapist or doctor."


def on_config(config):
    site = site_of(config)
    # Glossary tooltips on every page, without appending the glossary to each page's Markdown.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(site.glossary)
    links = config.mdx_configs.get("guide.markdown.helpline_links")
    config.mdx_configs["guide.markdown.helpline_links"] = {**(links if isinstance(links, dict) else {}),
                                                           "lines": site.helplines}
    for warning in site.warnings:
        log.info(warning)  # info, not warning: a stale date must not fail a strict build
    ident = site.identity.model_dump()
    config.extra["identity"] = ident
    config.site_name = ident["name"]
    config.copyright = f"{ident['licence']} {ident['contact'] or GENERAL}"
    if ident["logo"]:
        config.theme["logo"] = ident["logo"]
    if ident["favicon"]:
        config.theme["favicon"] = ident["favicon"]
    return config
