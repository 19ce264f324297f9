"""The engine is one step at the edge: MkDocs, ProperDocs and Zensical build the same pages
from the same tree through our orchestrator, markers filled, the same words on every page.

What may differ (README, "Switching engines"): where the theme puts the tag chips, and the
tags page, which each engine's tags plugin writes itself; so the words are compared without
the chips, the chips as a set, and the tags page only by its tag names.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest

from guide.paths import ROOT

# One worker builds every engine for all the tests here. The fixture is session-scoped: a module
# fixture is torn down and built again whenever the worker runs another module's test in between.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("engines")]

ENGINES = ("mkdocs", "properdocs", "zensical")
TAGS_PAGE = "tags/index.html"


def _build(engine: str, out: Path) -> str:
    env = {**os.environ, "GUIDE_ENGINE": engine, "SITE_URL": "http://127.0.0.1/"}
    result = subprocess.run(
        [sys.executable, "-m", "guide.build", "--site-dir", str(out), "--no-downloads"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stderr


@pytest.fixture(scope="session")
def sites(tmp_path_factory) -> dict[str, Path]:
    """Every installed engine's build of the same tree (the handouts render once: they are cached)."""
    out = {}
    for engine in ENGINES:
        if importlib.util.find_spec(engine) is not None:
            out[engine] = tmp_path_factory.mktemp(engine)
            LOGS[engine] = _build(engine, out[engine])
    return out


LOGS: dict[str, str] = {}  # each engine's build output (stderr)


def test_the_handouts_render_once_whatever_the_engine(sites):
    """The handouts come from the Site, not the engine: after the first engine's build, the others
    find every handout in the cache. (Zensical once filled in Markdown defaults in the Site's own
    settings, which are part of the cache key, so its builds rendered all 118 handouts again.)"""
    later = [e for e in ENGINES if e in sites][1:]
    assert later, "only one engine is installed"
    for engine in later:
        line = next((ln for ln in LOGS[engine].splitlines() if ln.startswith("handouts: ")), "")
        assert line.startswith("handouts: 0 rendered, "), f"{engine}: {line or LOGS[engine][-500:]}"


def _site(sites: dict[str, Path], engine: str) -> Path:
    if engine not in sites:
        pytest.skip(f"{engine} is not installed (requirements-test.txt pins it)")
    return sites[engine]


def _pages(site: Path) -> list[str]:
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _tree(path: Path):
    return lxml.html.parse(str(path))


def _article_text(path: Path, chips: bool = True) -> str:
    tree = _tree(path)
    if not chips:  # the theme decides where the tag chips go
        for nav in tree.xpath("//article//nav[contains(@class, 'md-tags')]"):
            nav.drop_tree()
    return " ".join(tree.xpath("string(//article)").split())


def _title(src_uri: str) -> str:
    from guide.checks.frontmatter import read

    return read(ROOT / "docs" / src_uri)[0].meta["title"]


def _chips(path: Path) -> list[str]:
    return sorted(
        " ".join(a.text_content().split()) for a in _tree(path).xpath("//article//nav[contains(@class, 'md-tags')]//a")
    )


def test_mkdocs_and_properdocs_build_the_same_pages(sites):
    mkdocs, properdocs = _site(sites, "mkdocs"), _site(sites, "properdocs")
    pages = _pages(mkdocs)
    assert pages == _pages(properdocs) and len(pages) > 60
    assert [p for p in pages if _article_text(mkdocs / p) != _article_text(properdocs / p)] == []


def test_zensical_builds_the_same_pages_with_the_same_words(sites):
    mkdocs, zensical = _site(sites, "mkdocs"), _site(sites, "zensical")
    pages = _pages(mkdocs)
    assert _pages(zensical) == pages
    shown = [p for p in pages if p != TAGS_PAGE]
    assert len(shown) > 60
    assert [
        p for p in shown if _article_text(mkdocs / p, chips=False) != _article_text(zensical / p, chips=False)
    ] == []
    assert [p for p in shown if _chips(mkdocs / p) != _chips(zensical / p)] == []


def test_zensical_tags_page_lists_the_same_tags(sites):
    mkdocs, zensical = _site(sites, "mkdocs"), _site(sites, "zensical")

    def tags(site: Path) -> list[str]:  # MkDocs adds a ¶ permalink to each tag heading, Zensical does not
        return sorted(
            " ".join(h.text_content().replace("¶", "").split()) for h in _tree(site / TAGS_PAGE).xpath("//article//h2")
        )

    assert tags(zensical) == tags(mkdocs) and len(tags(mkdocs)) > 5


@pytest.mark.parametrize("engine", ENGINES)
def test_markers_are_filled(sites, engine):
    site = _site(sites, engine)
    help_text = _article_text(site / "help" / "index.html")
    assert "<!--" not in help_text and "Samaritans" in help_text
    assert "The break plan for flooding" in _article_text(site / "exercises" / "index.html")
    article = _tree(site / "articles" / "flooding" / "index.html")
    assert article.xpath("//article//*[@id='next-steps']"), f"{engine}: no next steps on an article"
    # One heading, the front matter's title (Zensical honours data-search-exclude and drops it from the page).
    headings = [" ".join(h.text_content().split()) for h in article.xpath("//article//h1")]
    assert headings == [_title("articles/flooding.md")], engine


def test_unknown_engine_is_one_line():
    env = {**os.environ, "GUIDE_ENGINE": "jekyll"}
    result = subprocess.run(
        [sys.executable, "-m", "guide.build", "--site-dir", "/tmp/never-built", "--no-downloads"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0 and "GUIDE_ENGINE: 'jekyll' is not an engine" in result.stderr
    assert "Traceback" not in result.stderr


def test_zensical_pages_carry_only_known_inline_scripts_under_a_policy(sites):
    """The finishing pass runs after Zensical too: a CSP on every page, and no inline script but
    the known theme scripts (guide.web.csp.KNOWN_SHAPES), Zensical's own among them."""
    from guide.web import csp

    zensical = _site(sites, "zensical")
    shapes = set()
    for path in zensical.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Content-Security-Policy" in text, path
        shapes |= {csp.shape_hash(body) for body in csp.inline_scripts(text)}
    zensical_own = {h for h, made_by in csp.KNOWN_SHAPES.items() if made_by.startswith("Zensical ")}
    assert shapes <= set(csp.KNOWN_SHAPES) and zensical_own <= shapes  # its theme keeps two of Material's
