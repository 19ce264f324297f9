"""The one module of the package that imports MkDocs (or its drop-in fork ProperDocs).

``run()`` builds the site with MkDocs in this process, strictly, into a folder, and hands
the hooks the ``Site`` that the orchestrator (``guide.build``) has already loaded, so
MkDocs neither reads a page file nor parses its front matter a second time: the page text
comes from the Site (``on_page_read_source``) and its front matter with it
(``apply_meta``). Under a plain ``mkdocs build`` (no orchestrator) the hooks load a Site
themselves, once per build.
"""

from __future__ import annotations

import importlib
import io
import logging
import traceback
from pathlib import Path

from guide.adapters import engine_name, environ
from guide.config import PAGE_PARTS
from guide.problems import Problem
from guide.site import Site

SITE_KEY = "guide_site"  # where the Site travels on the MkDocs config (config.extra), for the hooks


class _Collect(logging.Handler):
    """Keeps MkDocs' warnings and errors, to print as plain lines if the build fails."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname.lower()}: {record.getMessage()}")


MKDOCS = ("mkdocs", "properdocs")  # ProperDocs is a drop-in fork of MkDocs 1.6, with the same API


def run(config: Path, out: Path, site: Site | None = None, env_extra: dict[str, str] | None = None) -> list[str]:
    """A strict engine build into ``out``. Returns the problems as lines; empty means it worked."""
    name = engine_name()
    if name == "properdocs":  # its own switch: every later `import mkdocs...` (the theme, our hooks) gets ProperDocs
        importlib.import_module("properdocs.replacement")
    mkdocs_build = importlib.import_module(f"{name}.commands.build").build
    load_config = importlib.import_module(f"{name}.config").load_config

    logger = logging.getLogger(name)
    collect, propagate = _Collect(), logger.propagate
    logger.addHandler(collect)
    logger.propagate = False  # Python's last-resort handler would print them a second time
    try:
        with environ(env_extra or {}):
            source = str(config)
            if site is not None and site.config_text and site.config_path == config:
                source = io.BytesIO(site.config_text.encode("utf-8"))  # the Site has read mkdocs.yml already
                source.name = str(config)
            cfg = load_config(source, strict=True, site_dir=str(out))
            if site is not None:
                cfg.extra[SITE_KEY] = site
                cfg["site_url"] = site.site_url or None  # the real address, or none (never a placeholder)
                cfg["nav"] = site.nav()  # upstream's nav, then the fork's own sections
            cfg.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(cfg, dirty=False)
            finally:
                cfg.plugins.on_shutdown()
    except Exception as exc:  # MkDocs' Abort, ConfigurationError, PluginError, or a bug in a hook
        message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
        if any(message in line for line in collect.lines):  # MkDocs has logged it already
            return collect.lines
        if not type(exc).__module__.startswith((*MKDOCS, "click")):  # a bug: say where it happened
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            message = f"{type(exc).__name__}: {message} (at {frame.filename}:{frame.lineno})"
        collect.lines.append(f"error: {message}")
        return collect.lines or [f"error: {type(exc).__name__}"]
    finally:
        logger.removeHandler(collect)
        logger.propagate = propagate
    return []


def site_of(config) -> Site:
    """The Site for this build: the orchestrator's, or one loaded now (plain ``mkdocs build``)."""
    from mkdocs.exceptions import PluginError

    site = config.extra.get(SITE_KEY)
    if site is None:
        site, problems = Site.load(config_path=Path(config.config_file_path))
        if site is None:
            raise PluginError(
                f"{len(problems)} content problem(s); nothing was built:\n" + "\n".join(str(p) for p in problems)
            )
        config.extra[SITE_KEY] = site
    return site


def drop_hidden(config, files):
    """MkDocs builds only the pages the Site has: a fork's hidden pages (hide_pages) are left out."""
    for uri in site_of(config).identity.hide_pages:
        found = files.get_file_from_path(uri)
        if found is not None:
            files.remove(found)
    return files


def page_source(config, page) -> str | None:
    """The page's body from the Site (front matter already parsed there), or None to let MkDocs read it."""
    found = site_of(config).content.by_uri(page.file.src_uri)
    return None if found is None else found.source.body


def apply_meta(config, page) -> None:
    """Give MkDocs the front matter the Site parsed (MkDocs saw only the body), and tell the
    page-parts extension which page MkDocs renders next (it makes one Markdown per page)."""
    found = site_of(config).content.by_uri(page.file.src_uri)
    config.mdx_configs.setdefault(PAGE_PARTS, {})["page"] = page.file.src_uri
    if found is not None:
        page.meta = dict(found.source.meta)
        if page.is_homepage:  # no tag chip above the home page's heading: a warm paragraph first
            page.meta["hide"] = [*page.meta.get("hide", []), "tags"]


def nav_problem_lines(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]
