"""No placeholder address on paper: without SITE_URL, sheets print no address and no QR code;
a deploy build (DEPLOY=true) stops with one line and leaves the last good site alone."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.build import build
from guide.paths import ROOT
from guide.print import paper
from guide.site import Site

PLACEHOLDER = "example.github.io"


def test_sheets_and_handouts_without_an_address_print_none():
    site, _ = Site.load()
    page = site.content.exercises["sensate-focus-1"]
    for html, _tags in paper.sheet_htmls(site, page, "a4", "")[:1]:
        body = html.split("<body>")[1]
        assert PLACEHOLDER not in body and 'class="sheet__qr"' not in body and 'aria-label="QR code' not in body
        assert "The full guide to this exercise" not in body
        assert "Call 999" in body and "Get help now" not in body
    full = paper.handout_html(site, page, "letter", "").split("<body>")[1]
    assert PLACEHOLDER not in full and "invalid.invalid" not in full and 'class="handout__qr"' not in full


@pytest.mark.slow
def test_a_deploy_build_with_the_placeholder_fails_with_one_line(tmp_path: Path, monkeypatch, capsys):
    monkeypatch.delenv("SITE_URL", raising=False)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the last good site")
    assert build(out, ROOT / "mkdocs.yml", {"DEPLOY": "true"}, extras=False) == 1
    err = capsys.readouterr().err
    lines = [ln for ln in err.splitlines() if ln.startswith("error:")]
    assert len(lines) == 1 and "site_url" in lines[0] and "SITE_URL" in lines[0], err
    assert (out / "index.html").read_text() == "the last good site"


def test_the_book_without_an_address_prints_none():
    from guide.print import book

    site, _ = Site.load()
    body = book.book_html(site, "https://example.github.io/sex-therapy-explained/").split("<body>")[1]
    assert PLACEHOLDER not in body and "invalid.invalid" not in body and "Online:" not in body
