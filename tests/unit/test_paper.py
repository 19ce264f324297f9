"""Paper without rendering: client-sheet shortening, pictures, the choice block, the form font,
placeholder addresses and the home region's help line."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from guide.checks import content
from guide.markdown.blocks import BLOCK_OPTIONS
from guide.print import forms, links, names, pictures, sheets
from guide.print.fonts import FORM_COVERAGE, FORM_FONT


def md(text: str, prefix: str = "") -> str:
    return markdown.Markdown(
        extensions=["guide.markdown.blocks"], extension_configs={"guide.markdown.blocks": {"field_prefix": prefix}}
    ).convert(text)


def test_a_long_step_keeps_its_first_sentence_and_a_bold_label_keeps_the_next():
    long = "Settle for a minute. " + "Breathe slowly and notice the room around you, " * 5 + "then start."
    assert sheets.short_step(long) == "Settle for a minute."
    bold = "**Name what matters to you.** Write down three values. " + "Think about faith and family. " * 5
    assert sheets.short_step(bold) == "**Name what matters to you.** Write down three values."
    assert sheets.short_step("Give the signal.") == "Give the signal."


def test_steps_come_from_the_steps_section_only_without_links_or_citations():
    section = (
        "### Part one\n\n1. See [Get help now](../help.md) first.[^x]\n2. Then rest.\n\n"
        '<figure class="picture">\n1. A caption list\n</figure>\n'
    )
    out = sheets.steps_markdown(section)
    assert out == "### Part one\n\n1. See Get help now first.\n2. Then rest."


def test_write_in_budget_shrinks_lines_but_keeps_every_question():
    assert sheets.distribute([4, 4, 4], 1.0) == [4, 4, 4]
    assert sheets.distribute([5, 4, 4, 3], 0.5) == [3, 2, 2, 1]  # 8 of 16 lines, in proportion
    assert sum(sheets.distribute([4] * 12, 0.3)) == 14 and min(sheets.distribute([4] * 12, 0.3)) == 1
    assert sheets.distribute([4, 4], 0.1) == [1, 1]  # at least one line each
    block = "/// write-in | What did you notice?\n    lines: 6\n///"
    assert sheets.with_lines(block, 2) == "/// write-in | What did you notice?\n    lines: 2\n///"
    assert "lines: 3" in sheets.with_lines("/// write-in | Why?\n///", 3)


def test_field_names_carry_the_exercise_slug():
    html = md("/// write-in | Q?\n    lines: 2\n///\n\n/// ticklist\n- A\n///\n", prefix="break-plan")
    assert 'name="break-plan--write-in-1"' in html and 'name="break-plan--tick-1"' in html


def test_choice_block_has_one_box_per_option_per_item():
    html = md("/// choice | Touch\n    options: Yes, Maybe, No\n- Holding hands\n- Hugs\n///\n", prefix="ynm")
    for row in (1, 2):
        for option in ("yes", "maybe", "no"):
            assert f'name="ynm--choice-1-r{row}-{option}"' in html
    assert '<th scope="row">Holding hands</th>' in html and '<th scope="col">Maybe</th>' in html
    assert BLOCK_OPTIONS["choice"]["options"] == "labels"


def test_content_check_rejects_bad_choice_options(tree: Path):
    page = tree / "docs" / "exercises" / "yes-no-maybe.md"
    page.write_text(page.read_text().replace("options: Yes, Maybe, No", "options: Yes", 1))
    problems = [p for p in content.check(tree / "docs")[1] if "options" in p.message]
    assert problems and "2 to 5 short labels" in problems[0].message


def test_one_field_per_printed_rule():
    html = forms.one_field_per_rule(
        '<textarea id="s--write-in-1" name="s--write-in-1" rows="3" data-lines="3" title="What &amp; why?"></textarea>'
    )
    assert html.count('<input type="text"') == 3
    assert 'id="s--write-in-1" name="s--write-in-1-l1"' in html and 'name="s--write-in-1-l3"' in html
    assert "What &amp; why? (line 2)" in html


def test_pictures_resolve_under_docs_only(tmp_path: Path):
    docs = tmp_path / "docs"
    (docs / "assets").mkdir(parents=True)
    (docs / "assets" / "a.svg").write_text("<svg/>")
    (tmp_path / "secret.svg").write_text("<svg/>")
    assert pictures.resolve("../assets/a.svg", "exercises/x.md", docs) == (docs / "assets" / "a.svg").resolve()
    for bad in (
        "../../secret.svg",
        "../../../etc/passwd",
        "https://example.org/a.svg",
        "/etc/passwd",
        "file:///etc/passwd",
        "../assets/missing.svg",
    ):
        assert pictures.resolve(bad, "exercises/x.md", docs) is None, bad
    figure = '<figure class="picture"><img alt="A long alt text" src="{}"><figcaption>C</figcaption></figure>'
    assert pictures.on_paper(figure.format("../../secret.svg"), "exercises/x.md", docs=docs) == ""
    kept = pictures.on_paper(figure.format("../assets/a.svg"), "exercises/x.md", docs=docs)
    assert (docs / "assets" / "a.svg").resolve().as_uri() in kept


def test_form_font_covers_latin1_extended_a_and_typographic_punctuation():
    from fontTools.ttLib import TTFont

    cmap = TTFont(FORM_FONT).getBestCmap()
    missing = [hex(c) for c in FORM_COVERAGE if c not in cmap]
    assert missing == []
    assert FORM_FONT.stat().st_size < 40_000


@pytest.mark.parametrize("url", ["https://example.github.io/sex-therapy-explained/", "", "https://example.org/"])
def test_placeholder_prints_nothing_locally_and_fails_a_deploy(url):
    assert links.paper_url(url, {}) == ""
    assert links.paper_url(url, {"CI": "true", "GITHUB_ACTIONS": "true"}) == ""  # CI runs as a new user would
    with pytest.raises(links.PlaceholderURLError, match="SITE_URL"):
        links.paper_url(url, {"DEPLOY": "true"})


def test_real_address_is_kept():
    assert links.paper_url("https://guide.clinic.org/x", {"DEPLOY": "true"}) == "https://guide.clinic.org/x/"
    assert links.short_url("https://guide.clinic.org/x/exercises/a/") == "guide.clinic.org/x/exercises/a"


@pytest.mark.parametrize(
    "region,numbers",
    [
        ("UK", ["999"]),
        ("US", ["911", "988"]),
        ("Canada", ["911"]),
        ("Australia", ["000"]),
        ("Netherlands", ["112"]),
        ("Any", ["112"]),
    ],
)
def test_help_line_follows_the_home_region(region, numbers):
    from guide.data import helplines as helpline_data
    from guide.data import ui as ui_words
    from guide.paths import ROOT

    class Site:
        identity = type("I", (), {"region": region})()
        helplines = helpline_data.load()
        ui = ui_words.load(ROOT)

    lines = links.help_lines(Site, "https://guide.clinic.org/")
    text = " ".join(lines)
    for number in numbers:
        assert number in text
    assert "https://guide.clinic.org/help/" in text
    assert "Get help now" not in " ".join(links.help_lines(Site, ""))
    assert names.paper_order(region)[0] == ("letter" if region in ("US", "Canada") else "a4")


def test_placeholder_pages_lose_their_canonical_link_and_printed_address():
    from guide.web.finish import tidy

    html = (
        '<head><link rel="canonical" href="https://example.github.io/x/"></head>'
        '<p class="print-url">Online: https://example.github.io/x/</p>'
    )
    assert "example.github.io" not in tidy(html, canonical=False)
    assert tidy(html) == html


def test_a_help_line_edit_renders_again_only_the_sheets_that_print_it():
    """The handout cache key holds the help lines a sheet prints, not the whole help-line file."""
    from conftest import loaded_site

    from guide.print import handouts

    site = loaded_site()
    before = {p.out_name: p.key for p in handouts.plans(site, "http://127.0.0.1/")}
    lines = site.helplines
    unprinted = lines["us-988"]  # a US crisis line: this UK site prints it on no sheet
    lines["us-988"] = unprinted.model_copy(update={"for_": "edited"})
    assert {p.out_name: p.key for p in handouts.plans(site, "http://127.0.0.1/")} == before
    home = lines["emergency-uk"]  # every UK sheet's footer prints 999
    lines["emergency-uk"] = home.model_copy(update={"for_": "edited"})
    after = {p.out_name: p.key for p in handouts.plans(site, "http://127.0.0.1/")}
    assert after.keys() == before.keys() and all(after[n] != before[n] for n in before)


def test_a_fork_s_own_nav_section_renders_no_pdf_again():
    """data/site.local.yml's local_nav adds pages to the site; no handout prints the nav."""
    from conftest import loaded_site

    from guide.print import handouts

    site = loaded_site()
    before = {p.out_name: p.key for p in handouts.plans(site, "http://127.0.0.1/")}
    site.data.identity = site.identity.model_copy(
        update={"local_nav": [{"section": "Our clinic", "pages": ["local/fees.md"]}]}
    )
    assert {p.out_name: p.key for p in handouts.plans(site, "http://127.0.0.1/")} == before
    site.data.identity = site.identity.model_copy(update={"name": "Harbour Lane Relationship Clinic"})
    assert all(p.key != before[p.out_name] for p in handouts.plans(site, "http://127.0.0.1/"))
