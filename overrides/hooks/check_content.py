"""Check all content before MkDocs reads a page, and give the theme and our Markdown
extensions what they read from the Site (guide.config: the same values every engine gets).

The Site (every source, read and checked once) comes from the orchestrator, or is loaded
here under a plain ``mkdocs build``; a problem stops the build with one line each.
"""

import logging

from guide.adapters.mkdocs import site_of
from guide.config import extension_options, theme_values

log = logging.getLogger("mkdocs.hooks.check_content")


def on_config(config):
    site = site_of(config)
    config.mdx_configs.update(extension_options(site, config.mdx_configs, config.use_directory_urls))
    for warning in site.warnings:
        log.info(warning)  # info, not warning: a stale date must not fail a strict build
    values = theme_values(site)
    config.extra.update(values["extra"])
    config.site_name = values["site_name"]
    config.site_author = values["site_author"]
    config.copyright = values["copyright"]
    for key, value in values["theme"].items():  # the logo and favicon, if the identity has its own
        config.theme[key] = value
    return config
