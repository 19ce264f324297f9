"""Check all content against the model before MkDocs reads a page.

One line per problem; the build stops with a non-zero exit. Also loads the
site identity (data/site.yml) into ``config.extra.identity`` for templates.
"""

import logging

from mkdocs.exceptions import PluginError

from guide.checks import content
from guide.data import glossary, identity
from guide.problems import ContentError

log = logging.getLogger("mkdocs.hooks.check_content")


def on_config(config):
    try:
        checked = content.checked_once()
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} content problem(s); nothing was built:\n{exc}") from None
    # Glossary tooltips on every page, without appending the glossary to each page's Markdown.
    config.mdx_configs.setdefault("abbr", {})["glossary"] = dict(glossary.terms())
    for warning in checked.warnings:
        log.info(warning)  # info, not warning: a stale date must not fail a strict build
    try:
        config.extra["identity"] = identity.load().model_dump()
    except Exception as exc:
        raise PluginError(f"{identity.identity_path()}: {exc}") from None
    ident = config.extra["identity"]
    config.site_name = ident["name"]
    contact = ident["contact"] or "This is a general guide, not medical advice, and no substitute for a therapist or doctor."
    config.copyright = f"{ident['licence']} {contact}"
    if ident["logo"]:
        config.theme["logo"] = ident["logo"]
    if ident["favicon"]:
        config.theme["favicon"] = ident["favicon"]
    return config
