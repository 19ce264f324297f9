"""The only code that knows the site engine. Everything else works on files and the Site.

``GUIDE_ENGINE`` picks the engine: ``mkdocs`` (the default, pinned in requirements.txt),
``properdocs`` (a drop-in fork of MkDocs 1.6) or ``zensical``. Each adapter module has the
same ``run(config, out, site, env_extra) -> problem lines``; only its own module imports the engine.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from pathlib import Path

ENGINES = {"mkdocs": "mkdocs", "properdocs": "mkdocs", "zensical": "zensical"}  # engine -> adapter module


def engine_name() -> str:
    """The engine to run: GUIDE_ENGINE, ``mkdocs`` if unset."""
    name = os.environ.get("GUIDE_ENGINE", "mkdocs")
    if name not in ENGINES:
        raise SystemExit(
            f"GUIDE_ENGINE: {name!r} is not an engine the build runs. Fix: use one of {', '.join(ENGINES)}"
        )
    return name


def run(config: Path, out: Path, site=None, env_extra: dict[str, str] | None = None) -> list[str]:
    """A strict build with the chosen engine into ``out``. Returns the problems as lines; empty means it worked."""
    adapter = importlib.import_module(f"guide.adapters.{ENGINES[engine_name()]}")
    return adapter.run(config, out, site, env_extra)


@contextlib.contextmanager
def environ(extra: dict[str, str]):
    saved = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
