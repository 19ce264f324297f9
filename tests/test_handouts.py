"""Handouts: both papers for every exercise, the text, fields, tagging and packs."""

import re
from pathlib import Path

import pikepdf
import pytest
from conftest import loaded_site
from pypdf import PdfReader

from guide.checks import content
from guide.checks.content import headings
from guide.data import ui
from guide.paths import ROOT
from guide.print import handouts

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exercises():
    return content.load().exercises


def test_every_exercise_has_a4_and_letter(site: Path, exercises):
    for slug in exercises:
        for paper in ("a4", "letter"):
            assert (site / "handouts" / f"{slug}-{paper}.pdf").stat().st_size > 5_000, (slug, paper)


def test_paper_sizes(site: Path):
    a4 = PdfReader(site / "handouts" / "break-plan-a4.pdf").pages[0].mediabox
    letter = PdfReader(site / "handouts" / "break-plan-letter.pdf").pages[0].mediabox
    assert round(float(a4.width)) == 595 and round(float(a4.height)) == 842
    assert round(float(letter.width)) == 612 and round(float(letter.height)) == 792


def test_text_has_title_and_every_section(site: Path, exercises):
    for slug, page in exercises.items():
        reader = PdfReader(site / "handouts" / f"{slug}-a4.pdf")
        text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
        assert page.meta.title in text, slug
        for _, level, heading, _ in headings(page.source.body):
            if level == 2:
                assert heading in text, (slug, heading)
        assert "Page 1 of" in text and "Last reviewed" in text, slug


def test_no_paper_says_what_only_the_web_page_should_say(site: Path, exercises):
    """The web page's "nothing you type is saved ... print the page or download the PDF" note
    is for the screen; a sheet in the hand must not tell its reader to download itself."""
    note = " ".join(ui.load(ROOT)["blocks"]["not_saved"].split())[:40]
    kinds = ("a4", "sheet-a4")  # Letter is the same HTML on another page size
    found = [
        f"{slug}-{kind}"
        for slug in exercises
        for kind in kinds
        if note
        in " ".join(
            " ".join((p.extract_text() or "").split())
            for p in PdfReader(site / "handouts" / f"{slug}-{kind}.pdf").pages
        )
    ]
    assert found == []


def test_form_fields_are_named_with_tooltips(site: Path, exercises):
    for slug, page in exercises.items():
        fields = PdfReader(site / "handouts" / f"{slug}-a4.pdf").get_fields() or {}
        # One text field per printed rule: as many as the write-ins have lines (4 by default).
        rules = sum(
            int(m.group(1) or 4)
            for m in re.finditer(r"^/// write-in[^\n]*\n(?:\s+lines:\s*(\d+))?", page.source.body, re.M)
        )
        texts = [f for f in fields.values() if f.get("/FT") == "/Tx"]
        boxes = [f for f in fields.values() if f.get("/FT") == "/Btn"]
        assert len(texts) == rules, slug
        assert all(name.startswith(slug + "--") for name in fields), slug
        if any(f"/// {b}" in page.source.body for b in ("tracker", "ticklist", "choice")):
            assert boxes, slug
        for name, field in fields.items():
            assert name and field.get("/TU"), (slug, name)


def test_tagged_with_language_title_and_embedded_fonts(site: Path, exercises):
    for slug in exercises:
        with pikepdf.open(site / "handouts" / f"{slug}-a4.pdf") as pdf:
            assert "/StructTreeRoot" in pdf.Root, slug
            assert pdf.Root.MarkInfo.Marked, slug
            assert str(pdf.Root.Lang) == "en", slug
            assert str(pdf.docinfo.get("/Title", "")) or pdf.open_metadata().get("dc:title"), slug
            for page in pdf.pages:
                for font in (page.Resources.get("/Font") or {}).values():
                    desc = font.get("/DescendantFonts")
                    fd = desc[0].FontDescriptor if desc else font.get("/FontDescriptor")
                    assert fd is not None and any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")), slug


def test_pdfua_machine_checkable_subset(site: Path):
    from pdfua import validate

    checked = 0
    for pdf in sorted((site / "handouts").glob("*-a4.pdf")):
        report = validate(str(pdf))
        findings = [f"{f.rule_id} {f.severity.name}: {f.message}" for f in report.findings]
        assert findings == [], (pdf.name, findings[:5])
        checked += 1
    assert checked >= 27


def test_full_handouts_stay_a_few_pages(site: Path, exercises):
    """The full handout carries the whole page (pictures, grids, variations); the client sheet
    is the short one (tests/test_forms.py: at most two pages)."""
    counts = {slug: len(PdfReader(site / "handouts" / f"{slug}-a4.pdf").pages) for slug in exercises}
    print("\nhandout pages:", sorted(counts.values()))
    assert max(counts.values()) <= 6, counts
    assert sorted(counts.values())[len(counts) // 2] <= 4, counts


def test_packs_have_cover_contents_and_bookmarks(site: Path):
    c = content.load()
    for slug, programme in c.programmes.items():
        reader = PdfReader(site / "handouts" / f"pack-{slug}-a4.pdf")
        first = reader.pages[0].extract_text()
        assert programme.meta.title in first
        contents = reader.pages[1].extract_text()
        assert "Contents" in contents and any(ch.isdigit() for ch in contents)
        titles = [o.title for o in reader.outline if not isinstance(o, list)]
        for week in programme.meta.weeks:
            for ex in week.exercises:
                assert c.exercises[ex].meta.title in titles, (slug, ex)


def test_unchanged_handouts_are_not_rendered_again(site: Path, tmp_path: Path):
    summary = handouts.build_all(loaded_site(), tmp_path, "http://127.0.0.1/", quiet=True)
    assert summary["rendered"] == 0 and summary["cached"] == summary["total"]
    assert len(list((tmp_path / "handouts").glob("*.pdf"))) == summary["total"]
