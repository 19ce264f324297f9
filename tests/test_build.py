"""The real site builds strictly, and the built pages carry what readers need."""

import json
from pathlib import Path

import lxml.html
import pytest

from guide.checks import content, grade, sitecheck
from guide.data import helplines
from guide.paths import ROOT

pytestmark = pytest.mark.slow


def test_every_page_is_built(site: Path):
    c = content.load()
    for slug in c.articles:
        assert (site / "articles" / slug / "index.html").exists(), slug
    for slug in c.exercises:
        assert (site / "exercises" / slug / "index.html").exists(), slug
    assert len(c.articles) >= 20 and len(c.exercises) >= 24 and len(c.programmes) >= 3
    for page in (
        "index.html",
        "help/index.html",
        "faq/index.html",
        "glossary/index.html",
        "browsing-safely/index.html",
        "exercises/index.html",
        "search/search_index.json",
        "search/guide_index.json",
    ):
        assert (site / page).exists(), page


def test_pages_load_a_search_stub_and_the_worker_fetches_the_whole_index(site: Path):
    """Material's page script downloads and parses search/search_index.json on every page, on
    the main thread: there it is a stub; the whole index is fetched by our worker."""
    stub = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert stub["docs"] == [] and (site / "search" / "guide_index.json").stat().st_size > 100_000
    assert (site / "assets" / "js" / "search" / stub["config"]["full"]).resolve() == (
        site / "search" / "guide_index.json"
    ).resolve()
    assert (site / "search" / "search_index.json").stat().st_size < 1_000
    whole = json.loads((site / "search" / "guide_index.json").read_text(encoding="utf-8"))
    assert len(whole["docs"]) > 200 and whole["config"]["safety"]["pages"]


def test_articles_end_with_next_steps_and_show_review_date(site: Path):
    for slug in content.load().articles:
        doc = lxml.html.parse(str(site / "articles" / slug / "index.html"))
        assert doc.xpath("//h2[@id='next-steps']"), slug
        assert doc.xpath("//a[contains(@href, 'help/')]"), slug
        assert doc.xpath("//p[@class='last-reviewed']/time/@datetime"), slug


def test_catalog_lists_every_exercise_with_facts(site: Path):
    doc = lxml.html.parse(str(site / "exercises" / "index.html"))
    items = doc.xpath("//li[contains(@class, 'catalog__item')]")
    c = content.load()
    assert len(items) == len(c.exercises)
    for item in items:
        assert item.get("data-kind") in {"communication", "connection", "sensual", "individual"}
        assert item.get("data-who") in {"couple", "individual", "either"}
        assert "minutes" in item.text_content()


def test_help_page_renders_every_helpline_from_data(site: Path):
    from guide.data import helplines

    doc = lxml.html.parse(str(site / "help" / "index.html"))
    hrefs = set(doc.xpath("//a[starts-with(@href, 'tel:')]/@href"))
    for entry in helplines.load().values():
        for reach in entry.reach:
            if reach.number:
                assert "tel:" + helplines.digits(reach.number) in hrefs, entry.id
    assert "checked" in doc.xpath("string(//*[contains(@class,'helplines__verified')])")


def test_glossary_terms_show_as_tooltips(site: Path):
    doc = lxml.html.parse(str(site / "exercises" / "sensate-focus-1" / "index.html"))
    assert doc.xpath("//abbr[@title]"), "no glossary tooltip on a page that uses glossary terms"


def test_phone_check_catches_an_unlisted_number_in_built_html(tmp_path: Path):
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text(
        '<html><body><article class="md-content__inner"><p>Call us on 020 7946 0321 today.</p>'
        '<p>Or call <a href="tel:116123">116 123</a>.</p></article></body></html>'
    )
    found = [str(p) for p in sitecheck.phone_problems(tmp_path)]
    assert found == [
        "x/index.html: phone number: '020 7946 0321' is not in data/helplines.yml. "
        "Fix: add it there with its source and render it with [[phone:ID]]"
    ]


def test_reading_grade_of_every_article_and_exercise(site: Path):
    text, failures = grade.report(site)
    print("\n" + text)
    g = grade.grades(site)
    assert sum(1 for p in g if p.startswith("articles/")) >= 20
    assert sum(1 for p in g if p.startswith("exercises/")) >= 24
    assert failures == [], text


def test_no_third_party_urls_in_built_assets(site: Path):
    for path in [*site.rglob("*.html")]:
        doc = lxml.html.parse(str(path))
        for src in doc.xpath("//script/@src | //link[@rel='stylesheet']/@href | //img/@src | //iframe/@src"):
            assert not src.startswith(("http:", "https:", "//")), f"{path}: {src}"


def test_schema_files_are_current():
    import json

    from guide.model import ExerciseMeta

    schema = json.loads((ROOT / "schemas" / "exercise.schema.json").read_text())
    assert set(schema["properties"]) == set(ExerciseMeta.model_json_schema()["properties"])


def test_external_links_send_no_referrer(site: Path):
    checked = 0
    for path in site.rglob("*.html"):
        doc = lxml.html.parse(str(path))
        assert doc.xpath("//meta[@name='referrer']/@content") == ["no-referrer"], path
        for link in doc.xpath("//article//a[starts-with(@href, 'http')]"):
            assert link.get("rel") == "noopener noreferrer", (path, link.get("href"))
            checked += 1
    assert checked > 20


def test_directories_list_home_region_first(site: Path):
    from guide.data import identity

    doc = lxml.html.parse(str(site / "articles" / "finding-a-therapist" / "index.html"))
    names = doc.xpath("//ul[@class='directories']/li/a/text()")
    ident = identity.load()
    assert names and names[0] == next(d.name for d in ident.directories if d.region == ident.region)


@pytest.mark.parametrize(
    "html",
    [
        "<p>Call <b>0800</b> 123 4567 today.</p>",  # split across an element
        "<p>Ring&nbsp;us on 020&nbsp;7946&nbsp;0321.</p>",  # entities
        "<p>Call 0800\n123 4567.</p>",  # a line break inside one element
        '<p>See <a href="https://example.org/x">0800 123 4567</a> or call 0300 123 4567.</p>',
        "<p>Listed: 116 123. Year: 2024-2026. Count: 1,280.</p>",
    ],
)
def test_quick_phone_filter_never_hides_what_the_exact_check_finds(tmp_path: Path, html: str, monkeypatch):
    page = tmp_path / "x" / "index.html"
    page.parent.mkdir()
    page.write_text(
        f'<html><body><nav>0161 496 0000</nav><article class="md-content__inner md-typeset">{html}'
        "</article></body></html>"
    )
    quick = [str(p) for p in sitecheck.phone_problems(tmp_path)]
    monkeypatch.setattr(sitecheck, "_may_have_unlisted", lambda *_: True)
    exact = [str(p) for p in sitecheck.phone_problems(tmp_path)]
    assert quick == exact


def test_quick_phone_filter_skips_the_real_pages(site: Path):
    lines = helplines.load()
    assert not [p for p in sitecheck.pages(site) if sitecheck._may_have_unlisted(p.read_text(encoding="utf-8"), lines)]


def test_stylesheet_is_one_file_with_every_component(site: Path):
    """The built site.css holds every component file inline: no @import chain before first paint."""
    built = (site / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert "@import" not in built
    parts = [
        ln.split('"')[1]
        for ln in (ROOT / "docs" / "assets" / "css" / "site.css").read_text().splitlines()
        if ln.startswith("@import")
    ]
    assert len(parts) >= 5
    for part in parts:
        body = (ROOT / "docs" / "assets" / "css" / part).read_text(encoding="utf-8").strip()
        assert body in built, f"{part} is not inlined"
    assert "@font-face" not in built  # the web pages use system fonts
