"""Finish the built site: one stylesheet instead of an @import chain, two bits of
stock theme markup tidied, then the Content Security Policy (see guide.web.finish
and guide.web.csp).

The CSP is skipped under `mkdocs serve`, whose live-reload script is inline,
and in the offline edition, whose search worker runs in an iframe built from
inline script (the iframe-worker shim) and which has no network to guard.
Without SITE_URL, no page carries a canonical link to the placeholder address.
"""

import os

from mkdocs.exceptions import PluginError

from guide.print.links import is_placeholder
from guide.problems import ContentError
from guide.web import finish

_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_env(env, config, files):
    finish.cache_templates(env)  # compiled templates kept between builds (.cache/templates)
    return env


def on_post_build(config):
    finish.bundle_css(config.site_dir)
    finish.minify_js(config.site_dir)
    policy = _command["name"] != "serve" and os.environ.get("OFFLINE", "").lower() != "true"
    try:
        # No canonical link to a placeholder address (mkdocs.yml's default without SITE_URL).
        finish.finish_site(config.site_dir, policy=policy, canonical=not is_placeholder(config.site_url or ""))
    except ContentError as exc:
        raise PluginError(f"{len(exc.problems)} problem(s) in the built pages; nothing was published:\n{exc}") from None
