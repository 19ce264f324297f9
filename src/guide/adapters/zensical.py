"""The one module of the package that imports Zensical (``GUIDE_ENGINE=zensical``; the version
that works is pinned in requirements-test.txt).

Zensical reads ``mkdocs.yml`` and runs the Python-Markdown extensions listed there, but no
MkDocs hook or plugin code. So what the hooks do for MkDocs happens here instead:

- what ``check_content`` puts on the config (the identity and interface words for the theme,
  the Site for our extensions: ``guide.config.theme_values`` and ``extension_options``) goes
  into a config file written for this run;
- the page-parts extension learns which page it renders from Zensical's rendering context
  (``page_of``);
- what ``finish_pages`` does after the build (one stylesheet, tidy, the Content Security
  Policy) runs here, on the files.

Zensical wants ``docs_dir`` and ``site_dir`` inside the folder that holds its config file and
keeps its page cache there too. So each run gets a throw-away project folder under ``.cache/``:
the config written for the run, the pages as the Site read them (Zensical does not read
``docs/`` itself), the other files of ``docs/``, and the theme folder without our hooks (Zensical
copies every file of it to the site; MkDocs skips Python). The pages built there are then moved
into ``out``. The search box is Zensical's own (its ``search.json``), not our worker.
"""

from __future__ import annotations

import copy
import os
import shutil
import sys
import tempfile
from pathlib import Path

import yaml

from guide.adapters import environ
from guide.config import PAGE_PARTS, extension_options, theme_values
from guide.problems import ContentError
from guide.web import finish

# What the generated config hands over as Python objects during one run (the help lines, the
# Site): the file names them with !!python/object/apply, resolved when Zensical reads it.
_RUN: dict[str, dict] = {}


def options(name: str) -> dict:
    """The settings of the Markdown extension ``name`` for the run under way."""
    return _RUN[name]


def page_of(md) -> str:
    """The docs path of the page this Markdown instance renders, from Zensical's context."""
    from zensical.extensions.context import ContextPreprocessor

    context = ContextPreprocessor.from_markdown(md)
    return context.page.path if context is not None else ""


def run(config: Path, out: Path, site=None, env_extra: dict[str, str] | None = None) -> list[str]:
    """A strict Zensical build into ``out``. Returns the problems as lines; empty means it worked."""
    if site is None:
        from guide.site import Site

        site, problems = Site.load(config.parent, config)
        if site is None:
            return [str(p) for p in problems]
    (config.parent / ".cache").mkdir(exist_ok=True)
    project = Path(tempfile.mkdtemp(prefix="zensical-", dir=config.parent / ".cache"))
    try:
        with environ(env_extra or {}):
            generated = _project(site, config.parent, project)
            failed = _build(generated)
            if failed:
                return failed
            built = project / "site"
            finish.bundle_css(built)
            finish.minify_js(built)
            offline = os.environ.get("OFFLINE", "").lower() == "true"
            try:
                finish.finish_site(built, policy=not offline, canonical=bool(site.site_url))
            except ContentError as exc:
                return [f"error: {len(exc.problems)} problem(s) in the built pages; nothing was published:", str(exc)]
        out.mkdir(parents=True, exist_ok=True)
        for item in built.iterdir():
            shutil.move(str(item), out / item.name)
    finally:
        _RUN.clear()
        shutil.rmtree(project, ignore_errors=True)
    return []


def _project(site, root: Path, project: Path) -> Path:
    """The run's project folder: the pages from the Site, the other docs files, the theme
    folder without Python, and the config. Returns the config's path."""
    docs = site.config.get("docs_dir", "docs")
    shutil.copytree(root / docs, project / docs, ignore=shutil.ignore_patterns("*.md"))
    for page in site.content.all_pages():
        text = page.source.text
        if page.src_uri == "index.md" and text.startswith("---\n"):  # as apply_meta does for MkDocs:
            text = "---\nhide: [tags]\n" + text[4:]  # no tag chip above the home page's heading
        (project / docs / page.src_uri).parent.mkdir(parents=True, exist_ok=True)
        (project / docs / page.src_uri).write_text(text, encoding="utf-8")
    theme = (site.config.get("theme") or {}).get("custom_dir")
    if theme:
        shutil.copytree(root / theme, project / theme, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    generated = project / "mkdocs.yml"
    generated.write_text(_config_text(site), encoding="utf-8")
    return generated


def _config_text(site) -> str:
    """mkdocs.yml as the Site read it, with what the MkDocs hooks would have set."""
    config = {k: v for k, v in site.config.items() if k not in ("hooks", "watch")}  # no hooks run; no server
    values = theme_values(site)
    config.update(
        site_name=values["site_name"],
        site_author=values["site_author"],
        copyright=values["copyright"],
        site_url=site.site_url or None,
        site_dir="site",
        nav=site.nav(),
        extra={**(config.get("extra") or {}), **values["extra"]},
        theme={**config.get("theme", {}), **values["theme"]},
    )
    # A copy: Zensical fills in each extension's defaults in the dicts it is handed, and these are
    # the Site's own. Changed in place, they changed the handouts' cache key (mkdocs.yml's Markdown
    # settings are part of it), so a Zensical build rendered every handout again.
    listed = copy.deepcopy(dict(_listed(config.get("markdown_extensions") or [])))
    _RUN.update(extension_options(site, listed, config.get("use_directory_urls", True)))
    _RUN[PAGE_PARTS] = {**_RUN[PAGE_PARTS], "page_of": page_of}
    config["markdown_extensions"] = [{name: _Options(name)} for name in listed]
    return "# Written by guide.adapters.zensical for one build, from mkdocs.yml.\n" + yaml.dump(
        config, Dumper=_Dumper, sort_keys=False, allow_unicode=True
    )


def _listed(items: list) -> list[tuple[str, dict]]:
    """mkdocs.yml's ``markdown_extensions`` as (name, settings) pairs."""
    pairs = [next(iter(item.items())) if isinstance(item, dict) else (item, {}) for item in items]
    return [(name, settings or {}) for name, settings in pairs]


class _Options(str):
    """An extension's settings, written as a call to ``options(name)``."""


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(
    _Options,
    lambda dumper, name: dumper.represent_sequence(
        f"tag:yaml.org,2002:python/object/apply:{__name__}.options", [str(name)]
    ),
)


def _build(generated: Path) -> list[str]:
    """Run Zensical in this process (so it can be handed the Site); its own lines go to stderr."""
    try:
        import zensical
    except ImportError:
        return [
            "error: GUIDE_ENGINE=zensical, but Zensical is not installed. "
            "Fix: pip install zensical==0.0.73 (the version pinned in requirements-test.txt)"
        ]
    sys.stdout.flush()
    saved = os.dup(1)
    os.dup2(2, 1)  # Zensical prints "Build started" and its findings on stdout; ours is for the result line
    try:
        zensical.build(str(generated), {"strict": True, "clean": False})
    except Exception as exc:  # noqa: BLE001 (a template, config or extension error: one line)
        # An extension's error comes back as "Python error: ValueError: ...", then its traceback.
        first = (str(exc) or type(exc).__name__).splitlines()[0].removeprefix("Python error: ")
        return [f"error: zensical: {first}"]
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)
    return []
