"""The pack builder: a link made in the builder opens exactly those sheets in a fresh browser,
online and from the offline edition; its QR code is drawn; one PDF is joined in the browser
(online) with every form field, or, from file://, a clear message and the single downloads."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from conftest import file_only
from pypdf import PdfReader

pytestmark = [pytest.mark.slow, pytest.mark.browser]
CHOSEN = ["sensate-focus-1", "break-plan"]
NOTE = "Try this twice before we meet. <b>not bold</b> — café"
PRACTICE = "Clinic Ünder the Oaks"


def make_link(page) -> str:
    for slug in CHOSEN:
        page.check(f"#pack-{slug}")
    page.fill("#pack-practice", PRACTICE)
    page.fill("#pack-note", NOTE)
    page.wait_for_selector("[data-qr] svg")
    link = page.input_value("[data-link]")
    assert "#pack=1" in link, link
    assert sorted(re.search(r"[#&]s=([^&]+)", link).group(1).split("%2C")) == sorted(CHOSEN), link
    return link


def check_view(page) -> list[str]:
    page.wait_for_selector("[data-pack-view]:not([hidden])")
    assert page.locator("[data-pack-builder]").is_hidden()
    assert PRACTICE in page.text_content("[data-view-title]")
    assert page.text_content("[data-view-note]") == NOTE
    assert page.locator("[data-view-note] b").count() == 0  # text only, never markup
    shown = page.locator("[data-sheet]").evaluate_all("els => els.map(e => e.dataset.sheet)")
    assert shown == re.search(r"[#&]s=([^&]+)", page.url).group(1).split("%2C")  # exactly those, in order
    assert sorted(shown) == sorted(CHOSEN)
    labels = page.locator("[data-sheet] a[download]").all_text_contents()
    assert labels[:2] == ["A4", "US Letter"], labels  # data/site.yml: region UK, so A4 first
    return page.locator("[data-sheet] a[download]").evaluate_all("els => els.map(e => e.href)")


def test_pack_link_online_opens_the_same_sheets_and_one_pdf(guarded, server, tmp_path: Path):
    maker = guarded()
    maker.page.goto(server + "pack-builder/")
    link = make_link(maker.page)
    assert maker.blocked == [] and not [m for m in maker.console if m.startswith("error")], maker.console
    client = guarded(accept_downloads=True)  # a fresh browser context: nothing shared but the link
    page = client.page
    page.goto(link)
    hrefs = check_view(page)
    assert len(hrefs) == 2 * len(CHOSEN)
    for href in hrefs:
        assert re.search(r"/handouts/[a-z0-9-]+-sheet-(a4|letter)\.pdf$", href), href
        assert page.request.get(href).status == 200
    page.select_option("[data-paper]", "a4")
    page.click("[data-combine]")
    page.wait_for_selector("[data-combined]", timeout=30_000)
    with page.expect_download() as info:
        page.click("[data-combined]")
    out = tmp_path / "pack.pdf"
    info.value.save_as(out)
    reader = PdfReader(out)
    fields = reader.get_fields() or {}
    assert {name.split("--")[0] for name in fields} == set(CHOSEN)
    assert len(reader.pages) in (2 * len(CHOSEN) - 1, 2 * len(CHOSEN), 2 * len(CHOSEN) + 1)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert "Sensate focus, stage 1" in text and "The break plan" in text
    from test_forms import check_filled  # the joined file fills in like the sheets: every value once

    check_filled(out, tmp_path)
    assert client.blocked == [] and not [m for m in client.console if m.startswith("error")], client.console


def test_pack_link_from_the_offline_edition(browser, offline_dir: Path):
    context, blocked = file_only(browser)
    page = context.new_page()
    page.goto((offline_dir / "pack-builder.html").as_uri())
    link = make_link(page)
    assert link.startswith("file://")
    assert "this computer only" in page.text_content("[data-link-status]")
    context.close()
    fresh, blocked_fresh = file_only(browser)
    page = fresh.new_page()
    page.goto(link)
    for href in check_view(page):
        assert href.startswith("file://") and Path(href.removeprefix("file://")).exists(), href
    page.click("[data-combine]")
    page.wait_for_function("document.querySelector('[data-combine-status]').textContent.length > 40")
    status = page.text_content("[data-combine-status]")
    if page.locator("[data-combined]").count() == 0:  # Chromium blocks fetch() from file://
        assert "Download the sheets one by one" in status, status
    assert blocked == [] and blocked_fresh == []
    fresh.close()
