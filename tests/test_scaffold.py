"""The scaffolding command: a new page is valid, in the nav, and builds; bad input changes nothing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import build_tree

from guide import scaffold
from guide.checks import content
from guide.checks.grade import LIMIT, grades
from guide.paths import ROOT
from guide.problems import Problem

EXERCISE_TITLE = "Sharing a small worry"
EXERCISE_SLUG = "sharing-a-small-worry"
ARTICLE_TITLE = "Café talk: what's next?"
ARTICLE_SLUG = "cafe-talk-whats-next"


def new_page(tree: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "new_page.py"), *args],
        env={**os.environ, "GUIDE_ROOT": str(tree)},
        cwd=tree,
        capture_output=True,
        text=True,
    )


def problems(tree: Path) -> list[str]:
    return [str(p) for p in content.check(tree / "docs")[1]]


def nav_section(tree: Path, header: str) -> list[str]:
    """The entries directly under a nav header, in order."""
    lines = (tree / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    start = lines.index(header) + 1
    indent = len(header) - len(header.lstrip())
    end = next((i for i in range(start, len(lines)) if len(lines[i]) - len(lines[i].lstrip()) <= indent), len(lines))
    return [line.strip() for line in lines[start:end]]


def test_slugify():
    assert scaffold.slugify("Café talk: what's next?") == ARTICLE_SLUG
    assert scaffold.slugify("  Sensate  focus, stage 4 ") == "sensate-focus-stage-4"
    assert scaffold.slugify("Über-Ängste & Zweifel") == "uber-angste-zweifel"


def test_new_exercise(tree):
    result = new_page(tree, "exercise", EXERCISE_TITLE)
    assert result.returncode == 0, result.stderr
    rel = f"docs/exercises/{EXERCISE_SLUG}.md"
    assert result.stdout.strip() == f"created {rel} (added to the nav in mkdocs.yml)"
    assert (tree / rel).exists()
    assert problems(tree) == []
    section = nav_section(tree, "      - Communication:")
    assert section[-1] == f"- exercises/{EXERCISE_SLUG}.md"
    assert f"          - exercises/{EXERCISE_SLUG}.md" in (tree / "mkdocs.yml").read_text().splitlines()
    checked = content.check(tree / "docs")[0]
    assert checked.exercises[EXERCISE_SLUG].meta.kind.value == "communication"


def test_new_article(tree):
    result = new_page(tree, "article", ARTICLE_TITLE)
    assert result.returncode == 0, result.stderr
    rel = f"docs/articles/{ARTICLE_SLUG}.md"
    assert result.stdout.strip() == f"created {rel} (added to the nav in mkdocs.yml)"
    assert problems(tree) == []
    assert nav_section(tree, "  - More topics:")[-1] == f"- articles/{ARTICLE_SLUG}.md"
    assert content.check(tree / "docs")[0].articles[ARTICLE_SLUG].meta.title == ARTICLE_TITLE


@pytest.mark.parametrize("kind", ["exercise", "article"])
def test_existing_slug_is_refused(tree, kind):
    assert new_page(tree, "exercise", EXERCISE_TITLE).returncode == 0
    config = (tree / "mkdocs.yml").read_text()
    result = new_page(tree, kind, EXERCISE_TITLE.upper())
    assert result.returncode == 1
    assert f"docs/exercises/{EXERCISE_SLUG}.md" in result.stderr and "another title" in result.stderr
    assert (tree / "mkdocs.yml").read_text() == config
    assert not (tree / "docs" / "articles" / f"{EXERCISE_SLUG}.md").exists()


def test_slug_of_an_existing_page_is_refused(tree):
    result = new_page(tree, "article", "Break plan")
    assert result.returncode == 1
    assert "docs/exercises/break-plan.md" in result.stderr


@pytest.mark.parametrize("title", ["", "##", "a" * 100, "Two\nlines", "12345", "Hi #2"])
def test_bad_titles(tree, title):
    config = (tree / "mkdocs.yml").read_text()
    before = sorted((tree / "docs").rglob("*.md"))
    result = new_page(tree, "exercise", title)
    assert result.returncode == 1
    assert result.stderr.startswith("title:") and "Fix:" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert (tree / "mkdocs.yml").read_text() == config
    assert sorted((tree / "docs").rglob("*.md")) == before


def test_failed_check_rolls_back(tree, monkeypatch):
    config = (tree / "mkdocs.yml").read_text()
    rel = f"docs/articles/{ARTICLE_SLUG}.md"
    real_check = content.check

    def failing_check(docs):
        found, _ = real_check(docs)
        return found, [Problem(rel, 3, "description", "too vague", "be specific")]

    monkeypatch.setattr(scaffold.content, "check", failing_check)
    with pytest.raises(scaffold.ScaffoldError, match="too vague"):
        scaffold.new_page("article", ARTICLE_TITLE, root=tree)
    assert not (tree / rel).exists()
    assert (tree / "mkdocs.yml").read_text() == config


@pytest.mark.slow
def test_scaffolded_tree_builds_strictly(tree):
    assert new_page(tree, "exercise", EXERCISE_TITLE).returncode == 0
    assert new_page(tree, "article", ARTICLE_TITLE).returncode == 0
    # No book or zip (tested elsewhere); the session build's address, so the unchanged
    # exercises' handouts come from the cache.
    result = build_tree(tree, "--no-downloads", SITE_URL="http://127.0.0.1/")
    assert result.returncode == 0, result.stderr
    assert (tree / "site" / "exercises" / EXERCISE_SLUG / "index.html").exists()
    assert (tree / "site" / "articles" / ARTICLE_SLUG / "index.html").exists()
    graded = grades(tree / "site")
    assert graded.get(f"exercises/{EXERCISE_SLUG}/index.html", 0) <= LIMIT


def test_remove_lists_every_reference_then_removes_a_free_page(tree):
    from guide.remove import RemoveError, find_references, remove_page

    page, nav, refs = find_references("break-plan", tree)
    assert nav and nav[0].startswith("mkdocs.yml:") and "exercises/break-plan.md" in nav[0]
    assert any(r.startswith("docs/articles/flooding.md:") and ": link: links to break-plan.md" in r for r in refs)
    assert any(
        r.startswith("docs/articles/flooding.md:") and ": related_exercises: lists 'break-plan'" in r for r in refs
    )
    assert any(r.startswith("docs/programmes/calmer-conversations.md:") and ": weeks: week " in r for r in refs)
    with pytest.raises(RemoveError) as exc:
        remove_page("break-plan", tree)
    assert "nothing was removed" in str(exc.value) and (tree / "docs/exercises/break-plan.md").exists()
    # A new page with no links to it goes cleanly, nav entry and all, and the site still checks.
    from guide.scaffold import new_page

    new_page("article", "A page to remove", tree)
    asked = tree / "data" / "reader_questions.yml"
    asked.write_text(asked.read_text() + 'articles/a-page-to-remove/:\n  - "one question"\n  - "two"\n')
    done = remove_page("a-page-to-remove", tree)
    assert done[0] == "removed docs/articles/a-page-to-remove.md"
    assert done[-1] == "removed its 2 reader question(s) from data/reader_questions.yml"
    assert "a-page-to-remove" not in asked.read_text() and "articles/flooding/:" in asked.read_text()
    assert "a-page-to-remove" not in (tree / "mkdocs.yml").read_text()
    from guide.site import Site

    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert problems == []


def test_leftover_todo_is_a_warning(tree):
    from guide.scaffold import new_page

    new_page("article", "Half written", tree)
    checked, problems = content.check(tree / "docs")
    assert problems == []
    assert any(w.startswith("docs/articles/half-written.md:") and "TODO" in w for w in checked.warnings)


def test_page_left_out_of_the_nav_names_mkdocs_yml_and_the_fix(tree):
    from guide.site import Site

    (tree / "docs" / "articles" / "stray.md").write_text(
        "---\ntitle: Stray page\ndescription: A page that is not in the navigation at all.\n"
        "last_reviewed: 2026-11-25\n---\n\nNot in the nav.\n"
    )
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    (msg,) = [str(p) for p in problems]
    assert msg.startswith("mkdocs.yml:") and "nav: docs/articles/stray.md is not in the navigation" in msg
    assert "Fix: add '- articles/stray.md' to nav:" in msg
