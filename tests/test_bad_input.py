"""Each kind of bad input stops the build with one clear line: file, line, field, fix."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import build_tree

from guide.checks import content

EXERCISE = "exercises/break-plan.md"
ARTICLE = "articles/flooding.md"


def edit(tree: Path, rel: str, old: str, new: str, count: int = 1) -> None:
    path = tree / "docs" / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"test setup: {old!r} not in {rel}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def problems(tree: Path) -> list[str]:
    _, found = content.check(tree / "docs")
    return [str(p) for p in found]


def only(tree: Path) -> str:
    found = problems(tree)
    assert len(found) == 1, found
    return found[0]


def test_clean_tree_has_no_problems(tree):
    assert problems(tree) == []


def test_invalid_yaml(tree):
    edit(tree, EXERCISE, "kind: communication", "kind: [communication")
    msg = only(tree)
    assert msg.startswith("docs/exercises/break-plan.md:")
    assert "front matter: invalid YAML" in msg and "Fix:" in msg


def test_missing_field(tree):
    edit(tree, EXERCISE, "\nwho: couple", "")
    assert only(tree).startswith("docs/exercises/break-plan.md:2: who: required field is missing. Fix: add 'who:'")


def test_unknown_field(tree):
    edit(tree, ARTICLE, "last_reviewed:", "colour: blue\nlast_reviewed:")
    msg = only(tree)
    assert "docs/articles/flooding.md:" in msg and ": colour: unknown field" in msg


def test_wrong_type(tree):
    edit(tree, EXERCISE, "minutes: ", "minutes: about ")
    msg = only(tree)
    assert ": minutes: Input should be a valid integer" in msg
    line = int(msg.split(":")[1])
    assert (tree / "docs" / EXERCISE).read_text().splitlines()[line - 1].startswith("minutes:")


def test_value_outside_allowed_set(tree):
    edit(tree, EXERCISE, "kind: communication", "kind: romance")
    msg = only(tree)
    assert ": kind: Input should be 'communication', 'connection', 'sensual' or 'individual'" in msg


def test_unknown_tag(tree):
    edit(tree, ARTICLE, "tags: [", "tags: [spicy, ")
    assert "flooding.md:4: tags: unknown tag 'spicy'; allowed: getting started" in only(tree)


def test_empty_body(tree):
    path = tree / "docs" / ARTICLE
    text = path.read_text()
    path.write_text(text[: text.index("---", 3) + 3] + "\n\n")
    found = problems(tree)
    assert any("flooding.md" in p and "body: the page has no text" in p for p in found), found


def test_missing_section(tree):
    edit(tree, EXERCISE, "## When it is hard", "## When it gets tough")
    msg = only(tree)
    assert "section: missing section '## When it is hard'" in msg and "in order" in msg


def test_sections_out_of_order(tree):
    path = tree / "docs" / EXERCISE
    text = path.read_text()
    a, b = text.index("## Variations"), text.index("## When to pause")
    path.write_text(text[:a] + text[b:] + "\n\n" + text[a:b])
    assert "sections are out of order" in only(tree)


def test_prerequisite_that_does_not_exist(tree):
    edit(tree, "exercises/sensate-focus-2.md", "prerequisites: [sensate-focus-1]", "prerequisites: [sensate-focus-0]")
    msg = only(tree)
    assert "sensate-focus-2.md:" in msg and "prerequisites: no exercise with the slug 'sensate-focus-0'" in msg


def test_related_exercise_that_does_not_exist(tree):
    edit(tree, ARTICLE, "related_exercises: [", "related_exercises: [no-such-exercise, ")
    assert "related_exercises: no exercise with the slug 'no-such-exercise'" in only(tree)


def test_two_pages_with_the_same_slug(tree):
    shutil.copy(tree / "docs" / ARTICLE, tree / "docs" / "programmes" / "Flooding.md")
    found = problems(tree)
    assert any("slug: the slug 'Flooding' is also used by docs/articles/flooding.md" in p for p in found), found


def test_broken_internal_link(tree):
    edit(tree, ARTICLE, "](../exercises/break-plan.md)", "](../exercises/brake-plan.md)")
    msg = only(tree)
    assert "link: '../exercises/brake-plan.md' points to a page that does not exist" in msg


def test_broken_anchor(tree):
    edit(tree, ARTICLE, "](../exercises/break-plan.md)", "](../exercises/break-plan.md#no-such-heading)")
    msg = only(tree)
    assert "no heading with the anchor '#no-such-heading'" in msg and "use one of:" in msg


def test_unknown_block_and_option(tree):
    edit(tree, EXERCISE, "/// stop-signs", "/// stop-sign")
    edit(tree, EXERCISE, "/// write-in |", "/// write-in | \n    colour: red\n///\n\n/// write-in |")
    found = problems(tree)
    assert any("block: unknown block 'stop-sign'. Fix: use one of: write-in" in p for p in found), found
    assert any("unknown option 'colour' for 'write-in'. Fix: allowed: lines" in p for p in found), found
    assert any("'write-in' needs a question" in p for p in found), found


def test_unlisted_phone_number(tree):
    edit(tree, ARTICLE, "\n\n", "\n\nYou can also call 0800 123 4567 at any time.\n\n")
    msg = only(tree)
    assert "phone number: '0800 123 4567' is not in data/helplines.yml" in msg and "[[phone:ID]]" in msg


def test_listed_phone_number_as_text_is_allowed_but_unknown_helpline_id_is_not(tree):
    edit(tree, ARTICLE, "\n\n", "\n\nCall 116 123, or see [[helpline:uk-samaritan]].\n\n")
    msg = only(tree)
    assert "help line: no help line 'uk-samaritan' in data/helplines.yml" in msg


def _build(tree: Path) -> subprocess.CompletedProcess:
    return build_tree(tree)


@pytest.mark.slow
def test_build_command_stops_and_keeps_the_last_good_site(tree):
    good = tree / "site"
    good.mkdir()
    (good / "index.html").write_text("the last good site")
    edit(tree, EXERCISE, "kind: communication", "kind: romance")
    edit(tree, ARTICLE, "](../exercises/break-plan.md)", "](../exercises/brake-plan.md)")
    result = _build(tree)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert any(ln.startswith("docs/exercises/break-plan.md:") and ": kind: " in ln for ln in lines)
    assert any(ln.startswith("docs/articles/flooding.md:") and "brake-plan.md" in ln for ln in lines)
    assert lines[-1].startswith("2 content problem(s); nothing was built")
    assert (good / "index.html").read_text() == "the last good site"
    assert not list(tree.glob(".site-new-*"))


@pytest.mark.slow
def test_mkdocs_failure_also_keeps_the_last_good_site(tree):
    good = tree / "site"
    good.mkdir()
    (good / "index.html").write_text("the last good site")
    (tree / "docs" / "stray.md").write_text(
        "---\ntitle: Stray page\ndescription: A page that is not in the navigation.\n"
        "last_reviewed: 2026-11-25\n---\n\nNot in the nav.\n"
    )
    result = _build(tree)
    assert result.returncode == 1, result.stdout
    assert "stray.md" in result.stderr and "left as it was" in result.stderr
    assert (good / "index.html").read_text() == "the last good site"


def test_broken_glossary_line_is_named_with_its_line(tree):
    path = tree / "includes" / "glossary.md"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(3, "*[flooding] Feeling so upset that you cannot think or listen.")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    msg = only(tree)
    assert msg == (
        "includes/glossary.md:4: glossary: '*[flooding] Feeling so upset that you ca' is not a "
        "glossary entry. Fix: write it as '*[Term]: A plain definition.'"
    ), msg


@pytest.mark.slow
def test_missing_marker_is_one_line_naming_the_page_and_the_fix(tree):
    good = tree / "site"
    good.mkdir()
    (good / "index.html").write_text("the last good site")
    edit(tree, "help.md", "<!-- helplines -->", "")
    result = _build(tree)
    assert result.returncode == 1
    lines = [ln for ln in result.stderr.splitlines() if ln.startswith("error:")]
    assert lines == [
        "error: Error reading page 'help.md': docs/help.md: the marker <!-- helplines --> is missing. "
        "Fix: put it on a line of its own."
    ], result.stderr
    assert (good / "index.html").read_text() == "the last good site"


def test_readers_questions_name_real_pages_and_carry_no_markup(tree):
    """data/reader_questions.yml: an address that is no page, or markup in a question, is one line each."""
    path = tree / "data" / "reader_questions.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text + 'articles/no-such-page/:\n  - "a question"\n', encoding="utf-8")
    line = len(text.splitlines()) + 1
    assert only(tree) == (
        f"data/reader_questions.yml:{line}: articles/no-such-page/: no page has this address. "
        "Fix: use a page's address, like articles/flooding/, or remove it"
    )
    path.write_text(text.replace('  - "', '  - "<script>alert(1)</script> ', 1), encoding="utf-8")
    msg = only(tree)
    assert msg.startswith("data/reader_questions.yml:") and "Fix:" in msg, msg


def test_a_hidden_page_keeps_its_readers_questions_without_a_problem(tree):
    """A fork that hides a page (data/site.local.yml hide_pages) need not touch data/reader_questions.yml."""
    from guide.site import Site

    (tree / "data" / "site.local.yml").write_text("hide_pages:\n  - articles/porn.md\n", encoding="utf-8")
    assert "articles/porn/:" in (tree / "data" / "reader_questions.yml").read_text(encoding="utf-8")
    site, found = Site.load(tree, tree / "mkdocs.yml")
    assert found == [], found
    assert site.content.by_uri("articles/porn.md") is None
