"""Every sheet, pack and the book fill in reliably: fill the fields with pypdf (typographic
text included), render with poppler, and check that every value shows once, in its own
field, and that fields the test left alone stay empty."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter

from guide.checks import content
from guide.data import identity
from guide.print.downloads import Names

NAMES = Names.of(identity.load())
BOOK = NAMES.book(NAMES.papers[0])  # the home region's paper size

pytestmark = pytest.mark.slow
TEXT = "I’m — café ü"


def sheets(site: Path) -> list[Path]:
    return sorted((site / "handouts").glob("*-sheet-*.pdf"))


def widgets(path: Path) -> list[tuple[int, str, str]]:
    """(page, field name, field type) of every widget."""
    out = []
    with pikepdf.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for annot in page.get("/Annots") or []:
                if annot.get("/Subtype") == "/Widget":
                    field = annot if "/T" in annot else annot.Parent
                    out.append((number, str(field.T), str(field.FT)))
    return out


def fill(path: Path, out: Path) -> tuple[dict[str, str], set[str], set[str]]:
    """Fill 4 of every 5 text fields (each with its own token) and every other check box."""
    found = widgets(path)
    texts = [name for _, name, kind in found if kind == "/Tx"]
    boxes = [name for _, name, kind in found if kind == "/Btn"]
    values = {name: f"{TEXT} Q{i}X" for i, name in enumerate(texts) if i % 5 != 4}
    ticked = {name for i, name in enumerate(boxes) if i % 2 == 0}
    writer = PdfWriter(clone_from=PdfReader(path))
    for page in writer.pages:
        writer.update_page_form_field_values(page, {**values, **{n: "/on" for n in ticked}}, auto_regenerate=False)
    writer.write(out)
    return values, set(texts) - set(values), set(boxes) - ticked


def darkness(pdf: Path, page: int, tmp: Path) -> int:
    from PIL import Image

    stem = tmp / f"{pdf.stem}-p{page}"
    subprocess.run(
        ["pdftoppm", "-gray", "-r", "40", "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(stem)],
        check=True,
    )
    return sum(Image.open(f"{stem}.png").convert("L").histogram()[:128])  # pixels darker than mid-grey


def check_filled(path: Path, tmp: Path) -> None:
    found = widgets(path)
    names = [name for _, name, _ in found]
    assert len(names) == len(set(names)), f"{path.name}: fields share names"
    filled = tmp / f"filled-{path.name}"
    values, empty_texts, empty_boxes = fill(path, filled)
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(filled), "-"], capture_output=True, text=True, check=True
    ).stdout
    squashed = " ".join(text.split())
    for name, value in values.items():
        assert squashed.count(value) == 1, (path.name, name, value, squashed.count(value))
    fields = PdfReader(filled).get_fields() or {}
    for name in empty_texts:
        assert not str(fields[name].get("/V") or ""), (path.name, name)
    for name in empty_boxes:
        assert str(fields[name].get("/V") or "/Off") == "/Off", (path.name, name)
    ticked_pages = {page for page, name, kind in found if kind == "/Btn" and name not in empty_boxes}
    for page in sorted(ticked_pages)[:1]:  # poppler draws the ticks: the page gets darker
        assert darkness(filled, page + 1, tmp) > darkness(path, page + 1, tmp), (path.name, page)


def test_every_client_sheet_fills_in(site: Path, tmp_path: Path):
    paths = sheets(site)
    assert len(paths) == 2 * len(content.load().exercises)
    for path in paths:
        check_filled(path, tmp_path)


def test_every_pack_fills_in_without_leaks(site: Path, tmp_path: Path):
    packs = sorted((site / "handouts").glob("pack-*.pdf"))
    assert packs
    for path in packs:
        check_filled(path, tmp_path)


def test_the_book_fills_in_without_leaks(site: Path, tmp_path: Path):
    check_filled(site / BOOK, tmp_path)


def test_client_sheets_are_short_small_and_plain(site: Path):
    c = content.load()
    for slug, page in c.exercises.items():
        for paper, (width, height) in (("a4", (595, 842)), ("letter", (612, 792))):
            path = site / "handouts" / f"{slug}-sheet-{paper}.pdf"
            reader = PdfReader(path)
            assert 1 <= len(reader.pages) <= 2, (path.name, len(reader.pages))
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == (width, height)
            assert path.stat().st_size < 100_000, (path.name, path.stat().st_size)
            text = " ".join(" ".join((p.extract_text() or "").split()) for p in reader.pages)
            assert page.meta.title in text and "Next session" in text and "Stop" in text, path.name
            assert "doi.org" not in text and "Get help now" not in text, path.name
            assert "999" in text  # data/site.yml: region UK
            assert f"127.0.0.1/exercises/{slug}" in text, path.name


def test_check_boxes_have_both_appearances_and_a_da(site: Path):
    for path in [*sheets(site)[:4], site / BOOK]:
        with pikepdf.open(path) as pdf:
            form = pdf.Root.AcroForm
            assert not form.get("/NeedAppearances", False)
            assert "/ZaDb" in form.DR.Font
            for field in form.Fields:
                assert "/DA" in field, (path.name, str(field.T))
                if field.FT == "/Btn":
                    assert set(field.AP.N.keys()) == {"/on", "/Off"}, (path.name, str(field.T))
                    assert str(field.MK.CA) == "4"


def test_sensate_focus_sheets_show_their_stage_picture(site: Path):
    """The stage outline is drawn on page 1 (WeasyPrint draws SVG as vector paths, beside its
    caption); its alt text is never printed in its place."""
    import re

    c = content.load()
    for stage in (1, 2, 3):
        page = c.exercises[f"sensate-focus-{stage}"]
        alt = re.search(r"!\[([^\]]+)\]", page.source.body).group(1)
        caption = re.search(r"<figcaption>(.*?)</figcaption>", page.source.body, re.S).group(1)
        path = site / "handouts" / f"sensate-focus-{stage}-sheet-a4.pdf"
        first = " ".join((PdfReader(path).pages[0].extract_text() or "").split())
        assert " ".join(caption.split()[:6]) in first, stage
        assert alt[:40] not in first, stage
        with pikepdf.open(path) as pdf:
            drawing = (
                b"".join(s.read_bytes() for s in pdf.pages[0].Contents)
                if isinstance(pdf.pages[0].Contents, pikepdf.Array)
                else pdf.pages[0].Contents.read_bytes()
            )
        assert drawing.count(b" c\n") > 50, stage  # the outlines are drawn with curves


def test_the_book_passes_pdfua_checks(site: Path):
    from pdfua import validate

    report = validate(str(site / BOOK))
    assert [f"{f.rule_id}: {f.message}" for f in report.findings] == []


def test_client_sheets_pass_pdfua_checks(site: Path):
    from pdfua import validate

    for path in sheets(site):
        report = validate(str(path))
        assert [f"{f.rule_id}: {f.message}" for f in report.findings] == [], path.name
