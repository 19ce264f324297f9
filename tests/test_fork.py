"""A fork keeps its own changes in files upstream never touches, and takes upstream's updates
without a merge conflict (the steps in CONTRIBUTING.md, "Stay in sync")."""

from __future__ import annotations

import subprocess

from guide.site import Site

LOCAL_SITE = """\
name: Harbour Lane Relationship Clinic
short_name: Harbour Lane
region: US
contact:
  phone: "(503) 555-0148"
  email: hello@harbourlane.example
local_nav:
  - section: Our clinic
    pages: [local/fees.md]
"""
LOCAL_LINES = """\
hide: [uk-mens-advice-line]
add:
  - id: us-harbour-lane-after-hours
    region: US
    service: Harbour Lane after-hours line
    for: Clients of the clinic between sessions
    topics: [medical]
    reach:
      - {how: call, number: "503-555-0199"}
    hours: Mon-Fri 6pm-10pm
    cost: Free
    source: https://harbourlane.example/contact
    verified: 2026-11-30
"""
FEES = """\
---
title: Our fees
description: What a session at Harbour Lane costs, and how to ask about a lower fee.
last_reviewed: 2026-11-30
---

A first session costs the same as any other. Ask us about a lower fee if cost is a worry.
"""


def git(tree, *args):
    return subprocess.run(["git", *args], cwd=tree, capture_output=True, text=True, check=False)


def test_local_overlay_survives_an_upstream_change(tree):
    for args in (
        ["init", "-q", "-b", "main"],
        ["config", "user.email", "t@example.org"],
        ["config", "user.name", "T"],
        ["add", "-A"],
        ["commit", "-qm", "upstream"],
    ):
        assert git(tree, *args).returncode == 0
    # The fork: only files that upstream does not have.
    assert git(tree, "checkout", "-q", "-b", "clinic").returncode == 0
    (tree / "data" / "site.local.yml").write_text(LOCAL_SITE)
    (tree / "data" / "helplines.local.yml").write_text(LOCAL_LINES)
    (tree / "docs" / "local").mkdir()
    (tree / "docs" / "local" / "fees.md").write_text(FEES)
    assert git(tree, "add", "-A").returncode == 0 and git(tree, "commit", "-qm", "clinic").returncode == 0
    # Upstream moves on: identity, help lines, nav and a page all change.
    assert git(tree, "checkout", "-q", "main").returncode == 0
    for rel, old, new in [
        ("data/site.yml", "tagline: What really happens", "tagline: What truly happens"),
        ("data/helplines.yml", "  hours: 24/7\n", "  hours: 24 hours a day, every day\n"),
        ("mkdocs.yml", "  - Glossary: glossary.md", "  - Words we use: glossary.md"),
        ("docs/articles/flooding.md", "Flooding", "Flooding (updated)"),
    ]:
        path = tree / rel
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert git(tree, "commit", "-qam", "upstream update").returncode == 0
    # The fork takes the update, as CONTRIBUTING says: no conflict.
    assert git(tree, "checkout", "-q", "clinic").returncode == 0
    merged = git(tree, "merge", "--no-edit", "main")
    assert merged.returncode == 0, merged.stdout + merged.stderr

    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert problems == [], problems
    assert site.identity.name == "Harbour Lane Relationship Clinic"  # the fork's
    assert site.identity.tagline.startswith("What truly happens")  # upstream's update
    assert site.identity.contact.phone == "(503) 555-0148" and site.identity.paper == "letter"
    assert "uk-mens-advice-line" not in site.helplines and "us-harbour-lane-after-hours" in site.helplines
    assert site.helplines["emergency-eu"].hours == "24 hours a day, every day"  # upstream's corrected line
    assert site.nav_uris()[-1] == "local/fees.md" and "glossary.md" in site.nav_uris()


def test_overlay_errors_name_the_local_file_and_line(tree):
    (tree / "data" / "site.local.yml").write_text("name: Harbour Lane\nregion: Narnia\n")
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert site is None
    assert [str(p).split(". Fix:")[0] for p in problems] == [
        "data/site.local.yml:2: region: Input should be 'UK', 'US', 'Canada', 'Australia', 'Netherlands', "
        "'Ireland', 'Europe' or 'Any'"
    ]


def test_a_fork_hides_an_upstream_page_and_leaves_upstream_files_alone(tree):
    from guide.remove import hide_page

    for args in (
        ["init", "-q", "-b", "main"],
        ["add", "-A"],
        ["-c", "user.name=T", "-c", "user.email=t@e.org", "commit", "-qm", "up"],
    ):
        assert git(tree, *args).returncode == 0
    done = hide_page("for-therapists", tree)
    assert done[0].startswith("hid articles/for-therapists.md in data/site.local.yml")
    assert hide_page("culture-and-faith", tree)[0].startswith("hid articles/culture-and-faith.md")
    assert git(tree, "status", "--porcelain").stdout.split("\n")[:-1] == ["?? data/site.local.yml"]
    assert (
        "hide_pages:\n  - articles/culture-and-faith.md\n  - articles/for-therapists.md"
        in (tree / "data" / "site.local.yml").read_text()
    )
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert problems == [], problems
    assert "articles/for-therapists.md" not in site.nav_uris() and "articles/for-therapists.md" in (
        git(tree, "show", "HEAD:mkdocs.yml").stdout
    )
    assert site.content.by_uri("articles/for-therapists.md") is None
    home = site.content.by_uri("index.md").source
    assert "for-therapists.md" not in home.body and "- For therapists: how to use" in home.body
    assert "for-therapists.md" not in home.text  # what an engine that reads the text gets
    story = site.content.exercises["my-sexual-story"].meta
    assert "culture-and-faith" not in story.related_articles


def test_hiding_names_the_local_file_and_line(tree):
    (tree / "data" / "site.local.yml").write_text("hide_pages:\n  - help.md\n  - articles/no-such-page.md\n")
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert site is None
    assert [str(p).split(". Fix:")[0] for p in problems] == [
        "data/site.local.yml:2: hide_pages: help.md cannot be hidden",
        "data/site.local.yml:3: hide_pages: there is no page docs/articles/no-such-page.md",
    ]


def test_a_missing_local_page_names_the_local_file_and_removing_one_cleans_local_nav(tree):
    from guide.remove import remove_page

    (tree / "data" / "site.local.yml").write_text(LOCAL_SITE)
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert [str(p) for p in problems] == [
        "data/site.local.yml:9: local_nav: 'local/fees.md' is listed, but docs/local/fees.md does not exist. "
        "Fix: remove it from local_nav, or add the page"
    ]
    (tree / "docs" / "local").mkdir()
    (tree / "docs" / "local" / "fees.md").write_text(FEES)
    assert Site.load(tree, tree / "mkdocs.yml")[1] == []
    assert remove_page("fees", tree) == ["removed docs/local/fees.md", "removed the nav entry (data/site.local.yml:9)"]
    assert "local_nav: []" in (tree / "data" / "site.local.yml").read_text()
    assert Site.load(tree, tree / "mkdocs.yml")[1] == []


def test_a_local_page_goes_to_docs_local_and_local_nav_not_mkdocs_yml(tree):
    from guide.scaffold import add_to_local_nav, new_page

    before = (tree / "mkdocs.yml").read_text()
    path = new_page("article", "Our fees", tree, local=True)
    assert path == tree / "docs" / "local" / "our-fees.md"
    assert (tree / "mkdocs.yml").read_text() == before
    assert (tree / "data" / "site.local.yml").read_text() == (
        "local_nav:\n  - section: Our pages\n    pages: [local/our-fees.md]\n"
    )
    new_page("exercise", "Our check-in", tree, local=True)  # an exercise keeps its folder (its model)
    assert "pages: [local/our-fees.md, exercises/our-check-in.md]" in (tree / "data" / "site.local.yml").read_text()
    site, problems = Site.load(tree, tree / "mkdocs.yml")
    assert problems == [] and site.nav_uris()[-2:] == ["local/our-fees.md", "exercises/our-check-in.md"]
    # Into a fork's own file as it stands: a block list, another section, comments kept.
    text = "name: X  # ours\nlocal_nav:\n  - section: Clinic\n    pages:\n      - local/a.md\n"
    assert add_to_local_nav(text, "local/b.md", "Clinic") == text.rstrip("\n") + "\n      - local/b.md\n"
    assert add_to_local_nav(text, "local/c.md", "More").endswith(
        "      - local/a.md\n  - section: More\n    pages: [local/c.md]\n"
    )
