"""Add a Content Security Policy to every built page (see guide.csp).

Skipped under `mkdocs serve`, whose live-reload script is injected inline.
"""

from guide import csp

_command = {"name": "build"}


def on_startup(command, dirty):
    _command["name"] = command


def on_post_build(config):
    if _command["name"] != "serve":
        csp.apply(config.site_dir)
