"""One load: in a no-change build each source file is opened at most once, and front matter
is parsed by one parser (ours), never a second time by the engine."""

from __future__ import annotations

import builtins
import collections
import io
import os
import shutil
import traceback
from pathlib import Path

import pytest

from guide.build import build
from guide.paths import ROOT

pytestmark = pytest.mark.slow

SOURCES = ("docs", "data", "includes")


def _is_source(path: str) -> bool:
    try:
        rel = Path(os.path.abspath(path)).relative_to(ROOT)
    except ValueError:
        return False
    return rel.as_posix() == "mkdocs.yml" or (
        rel.parts[0] in SOURCES and rel.suffix in (".md", ".yml", ".yaml") and "assets" not in rel.parts
    )


def test_no_change_build_opens_each_source_once_and_parses_front_matter_once(site, tmp_path, monkeypatch):
    out = tmp_path / "site"
    env = {"SITE_URL": "http://127.0.0.1/"}
    # The run's shared site was built from this tree with this config and these caches, so the next
    # build changes nothing (a build of our own to warm the caches cost a whole build, about 45 s).
    shutil.copytree(site, out)

    opened: collections.Counter[str] = collections.Counter()
    where: dict[str, list[str]] = collections.defaultdict(list)
    real_open = builtins.open

    def counting_open(file, *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and _is_source(os.fspath(file)):
            name = Path(os.fspath(file)).resolve().relative_to(ROOT).as_posix()
            opened[name] += 1
            where[name].append("".join(traceback.format_stack(limit=8)[:-1]))
        return real_open(file, *args, **kwargs)

    import mkdocs.utils.meta as mkdocs_meta

    engine_parses = []
    real_get_data = mkdocs_meta.get_data

    def counting_get_data(source):
        if source.lstrip().startswith("---"):
            engine_parses.append(source[:60])
        return real_get_data(source)

    monkeypatch.setattr(builtins, "open", counting_open)
    monkeypatch.setattr(io, "open", counting_open)
    monkeypatch.setattr(mkdocs_meta, "get_data", counting_get_data)
    import mkdocs.structure.pages as mkdocs_pages

    monkeypatch.setattr(mkdocs_pages.meta, "get_data", counting_get_data)
    assert build(out, ROOT / "mkdocs.yml", env) == 0

    pages = [p for p in opened if p.startswith("docs/") and p.endswith(".md")]
    assert len(pages) > 50, opened  # the counter saw the pages being read
    twice = {name: n for name, n in opened.items() if n > 1}
    assert twice == {}, {name: where[name] for name in twice}
    assert "mkdocs.yml" in opened and "data/helplines.yml" in opened
    assert engine_parses == [], engine_parses[:3]
