"""Finish every built page: tidy two bits of stock theme markup, then add the
Content Security Policy (see guide.finish and guide.csp).

The CSP is skipped under `mkdocs serve`, whose live-reload script is inline.
"""

from guide import csp, finish

_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_post_build(config):
    finish.tidy_site(config.site_dir)
    if _command["name"] != "serve":
        csp.apply(config.site_dir)
