"""The offline edition works from file://, and the book PDF is whole and navigable."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import file_only, loaded_site, search_ready, search_results
from pypdf import PdfReader

from guide.checks import content
from guide.data import identity
from guide.print import book
from guide.print.downloads import Names

NAMES = Names.of(identity.load())
BOOK = NAMES.book(NAMES.papers[0])  # the home region's paper size

pytestmark = pytest.mark.slow


@pytest.mark.browser
def test_offline_edition_from_file_url(browser, offline_dir: Path):
    assert (offline_dir / "index.html").exists() and (offline_dir / "README.txt").exists()
    context, blocked = file_only(browser)
    page = context.new_page()
    page.goto((offline_dir / "index.html").as_uri())
    search_ready(page)
    hrefs = search_results(page, "flooding")
    assert any("articles/flooding.html" in h for h in hrefs), hrefs[:5]
    page.goto((offline_dir / "exercises" / "index.html").as_uri())
    page.locator(".catalog__item a", has_text="The break plan").first.click()
    page.wait_for_url(re.compile(r"exercises/break-plan\.html"))
    pdf_href = page.locator("a[download][href$='break-plan-a4.pdf']").get_attribute("href")
    assert (offline_dir / "exercises" / pdf_href).resolve().exists()
    assert page.locator("a.quick-exit").is_visible()
    assert blocked == [], blocked[:5]
    context.close()


@pytest.fixture(scope="module")
def book_pdf(site: Path) -> Path:
    return site / BOOK


def test_book_outline_contents_and_page_numbers(book_pdf: Path):
    c = content.load()
    reader = PdfReader(book_pdf)
    assert len(reader.pages) > 60
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    for slug in c.articles:
        assert c.articles[slug].meta.title in titles, slug
    for slug in c.exercises:
        assert c.exercises[slug].meta.title in titles, slug
    order = book.journey_order(loaded_site())
    article_titles = [c.articles[s].meta.title for s in order]
    assert [t for t in titles if t in article_titles] == article_titles
    contents = reader.pages[1].extract_text()
    first = c.articles[order[0]].meta.title
    line = next(ln for ln in contents.splitlines() if ln.startswith(first[:20]))
    number = int(re.search(r"(\d+)\s*$", line).group(1))
    assert first in reader.pages[number - 1].extract_text(), (first, number)
    footer = reader.pages[number - 1].extract_text().split()
    assert str(number) in footer


def test_book_is_tagged_with_fonts_and_real_internal_links(book_pdf: Path):
    with pikepdf.open(book_pdf) as pdf:
        assert "/StructTreeRoot" in pdf.Root and str(pdf.Root.Lang) == "en"
        internal = 0
        for page in pdf.pages:
            for annot in page.get("/Annots") or []:
                if annot.get("/Subtype") == "/Link" and ("/Dest" in annot or annot.get("/A", {}).get("/S") == "/GoTo"):
                    internal += 1
        assert internal > 50
    text = " ".join(p.extract_text() for p in PdfReader(book_pdf).pages[3:6])
    assert "talk" in text.lower()


def test_downloads_page_shows_sizes(site: Path):
    html = (site / "downloads" / "index.html").read_text()
    files = re.findall(r'class="filesize" data-file="([^"]+)">([^<]+)<', html)
    assert [f for f, _ in files] == [*NAMES.books, NAMES.offline]  # the home region's paper first
    assert all(re.fullmatch(r"\d+(\.\d)? (KB|MB)", size) for _, size in files), files


def test_the_book_comes_in_both_paper_sizes(site: Path):
    sizes = {}
    for paper in ("a4", "letter"):
        box = PdfReader(site / NAMES.book(paper)).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}, sizes
