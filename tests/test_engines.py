"""The engine is one step at the edge: MkDocs and ProperDocs build the same pages from the
same tree through our orchestrator, markers filled, the same words on every page."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from guide.paths import ROOT

pytestmark = pytest.mark.slow


def _build(engine: str, out: Path) -> None:
    env = {**os.environ, "GUIDE_ENGINE": engine, "SITE_URL": "http://127.0.0.1/"}
    result = subprocess.run([sys.executable, "-m", "guide.build", "--site-dir", str(out), "--no-downloads"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]


def _article_text(path: Path) -> str:
    return " ".join(lxml.html.parse(str(path)).xpath("string(//article)").split())


def test_mkdocs_and_properdocs_build_the_same_pages(tmp_path: Path):
    pytest.importorskip("properdocs")
    sites = {engine: tmp_path / engine for engine in ("mkdocs", "properdocs")}
    for engine, out in sites.items():
        _build(engine, out)
    pages = {engine: sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")) for engine, out in sites.items()}
    assert pages["mkdocs"] == pages["properdocs"] and len(pages["mkdocs"]) > 60
    differ = [p for p in pages["mkdocs"]
              if _article_text(sites["mkdocs"] / p) != _article_text(sites["properdocs"] / p)]
    assert differ == []
    help_text = _article_text(sites["properdocs"] / "help" / "index.html")
    assert "<!--" not in help_text and "Samaritans" in help_text  # markers filled by our hooks
    catalog = _article_text(sites["properdocs"] / "exercises" / "index.html")
    assert "The break plan for flooding" in catalog


def test_unknown_engine_is_one_line():
    env = {**os.environ, "GUIDE_ENGINE": "jekyll"}
    result = subprocess.run([sys.executable, "-m", "guide.build", "--site-dir", "/tmp/never-built", "--no-downloads"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode != 0 and "GUIDE_ENGINE: 'jekyll' is not an engine" in result.stderr
    assert "Traceback" not in result.stderr
