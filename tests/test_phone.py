"""Reading on a phone (issue #20): the quick exit never covers the page, help is one tap
away, nothing is wider than the screen, and the promises the pages make hold on a phone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_browser import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG_PAGES = ["", "articles/flooding/", "exercises/break-plan/", "exercises/", "help/", "faq/", "glossary/"]

# For every text run and control that shares a point with the quick exit, ask the browser what
# is painted there once the exit and the boxes that hold it are set aside. If that is the text
# or control itself, the exit sits over it. (Text that has scrolled under the sticky header is
# covered by the header, not by the exit, and the header is what comes up there.)
COVERED_JS = """() => {
  const exit = document.querySelector('.quick-exit');
  const r = exit.getBoundingClientRect();
  const holders = new Set();
  for (let e = exit; e; e = e.parentElement) holders.add(e);
  const inExit = el => el === exit || exit.contains(el);
  const hit = (a) => a.width > 0 && a.height > 0 && a.left < r.right && a.right > r.left && a.top < r.bottom && a.bottom > r.top;
  const found = [];
  const check = (el, rect, what) => {
    if (!hit(rect)) return;
    const x = (Math.max(rect.left, r.left) + Math.min(rect.right, r.right)) / 2;
    const y = (Math.max(rect.top, r.top) + Math.min(rect.bottom, r.bottom)) / 2;
    const top = document.elementsFromPoint(x, y).find(e => !inExit(e) && !holders.has(e));
    if (top && (top === el || el.contains(top) || top.contains(el))) found.push(what);
  };
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (!n.textContent.trim() || inExit(n.parentElement)) continue;
    const range = document.createRange(); range.selectNodeContents(n);
    for (const rect of range.getClientRects()) check(n.parentElement, rect, 'text: ' + n.textContent.trim().slice(0, 40));
  }
  for (const el of document.querySelectorAll('a, button, input, textarea, select, summary, label, [role=button]')) {
    if (inExit(el) || el.contains(exit)) continue;
    const field = el.matches('button, input, textarea, select');
    if (!field && !el.textContent.trim() && !el.querySelector('img, svg')) continue;  // e.g. the search backdrop
    check(el, el.getBoundingClientRect(), el.tagName.toLowerCase() + ': ' + (el.textContent || el.name || '').trim().slice(0, 40));
  }
  return {found: found.slice(0, 5), box: [r.left, r.top, r.width, r.height],
          max: document.documentElement.scrollHeight - innerHeight};
}"""


def _exit_covers(page) -> dict:
    return page.evaluate(COVERED_JS)


def _scroll(page, y) -> int:
    """An instant scroll is done when scrollTo returns; gives where the page came to rest."""
    return page.evaluate("y => { window.scrollTo({top: y, behavior: 'instant'}); return window.scrollY; }", y)


@pytest.mark.parametrize("width", [320, 390, 1280])
def test_quick_exit_never_covers_the_page(guarded, server, width):
    g = guarded(viewport={"width": width, "height": 740 if width < 1000 else 900})
    page = g.page
    for path in LONG_PAGES:
        page.goto(server + path)
        page.wait_for_load_state("networkidle")
        exit_link = page.get_by_role("link", name="Emergency exit: Leave this site")
        expect(exit_link).to_be_visible()
        top = _exit_covers(page)["max"]
        assert top > 1000, f"{path or '/'} is not a long page at {width}px"
        for y in [0, top * 0.2, top * 0.45, top * 0.7, top]:
            assert _scroll(page, int(y)) > 0 or y == 0
            expect(exit_link).to_be_in_viewport()
            result = _exit_covers(page)
            assert result["found"] == [], f"{path or '/'} at {width}px, scrolled to {int(y)}: {result}"
            left, box_top, w, h = result["box"]
            assert w >= 44 and h >= 44 and left >= 0 and left + w <= width, result["box"]  # target size, on screen
    assert g.blocked == []


def test_quick_exit_clears_search_results_on_a_phone(guarded, server):
    g = open_page(guarded, server, viewport={"width": 390, "height": 740}, has_touch=True, is_mobile=True)
    page = g.page
    page.locator("label.md-header__button[for=__search]").tap()
    page.locator("input.md-search__input").press_sequentially("flooding", delay=30)
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert _exit_covers(page)["found"] == []
    expect(page.get_by_role("link", name=re.compile("Leave this site"))).to_be_in_viewport()


def _pages(site):
    from guide.checks import sitecheck

    return [p.relative_to(site).as_posix().removesuffix("index.html") for p in sitecheck.pages(site)]


def test_no_none_and_every_picture_has_alt_text(site):
    """No 'None' from a missing next page anywhere; every <img> has a non-empty alt."""
    import lxml.html

    pictures = 0
    for path in _pages(site):
        doc = lxml.html.parse(str(site / path / "index.html"))
        for text in doc.xpath("//body//text()[not(ancestor::script)]"):  # "None of us..." is fine
            assert text.strip() != "None" and not re.search(r":\s*None\b", text), f"{path or '/'}: {text!r}"
        for img in doc.xpath("//img"):
            pictures += 1
            assert (img.get("alt") or "").strip(), f"{path or '/'}: <img src={img.get('src')}> has no alt text"
    assert pictures >= 5  # the pictures are placed in pages


def test_next_page_links_lead_somewhere(site):
    """Each article's "Next in the journey" link names a page and leads to a built page."""
    import lxml.html

    seen = 0
    for path in (site / "articles").glob("*/index.html"):
        doc = lxml.html.parse(str(path))
        for para in doc.xpath("//article//p[starts-with(normalize-space(.), 'Next in the journey')]"):
            links = para.xpath(".//a")
            assert len(links) == 1 and links[0].text_content().strip() not in ("", "None"), path
            target = (path.parent / links[0].get("href")).resolve() / "index.html"
            assert target.is_file(), f"{path}: next link {links[0].get('href')} leads nowhere"
            seen += 1
    assert seen >= 20


OVERFLOW_JS = """() => {
  const w = document.documentElement.clientWidth, wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > w + 1 || r.left < -1) && getComputedStyle(el).visibility !== 'hidden'
        && !el.closest('.md-sidebar--primary, .md-search, [hidden]'))
      wide.push(el.tagName.toLowerCase() + '.' + el.className + ' ' + Math.round(r.left) + '..' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth - w, wide: wide.slice(0, 5)};
}"""


@pytest.mark.parametrize("part", [0, 1])  # two halves of the pages, so both test workers share them
def test_nothing_is_wider_than_a_phone(guarded, server, site, part):
    """Every page, trackers and tables included, at 320 and 390 px: no element wider than the
    screen, no sideways scroll. Each page loads once and is measured at both widths."""
    g = guarded(viewport={"width": 320, "height": 740}, has_touch=True, is_mobile=True)
    failures = []
    for path in _pages(site)[part::2]:
        g.page.set_viewport_size({"width": 320, "height": 740})
        g.page.goto(server + path, wait_until="load")
        for width in (320, 390):
            g.page.set_viewport_size({"width": width, "height": 740})
            result = g.page.evaluate(OVERFLOW_JS)
            if result["scroll"] > 0 or result["wide"]:
                failures.append(f"{path or '/'} at {width}px: {result}")
    assert failures == [], "\n".join(failures[:10])


def test_tracker_shows_every_day_on_a_phone(guarded, server):
    g = open_page(guarded, server, "exercises/break-plan/", viewport={"width": 390, "height": 740})
    boxes = g.page.locator(".tracker__table tbody tr").first.locator("input[type=checkbox]")
    assert boxes.count() == 7
    for i in range(7):
        box = boxes.nth(i).bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["width"] >= 24
    assert (
        g.page.locator(".tracker__table td").first.evaluate("e => getComputedStyle(e, '::before').content") == '"Mon"'
    )


def test_glossary_term_shows_its_meaning_on_a_tap(guarded, server):
    g = open_page(
        guarded, server, "articles/flooding/", viewport={"width": 390, "height": 740}, has_touch=True, is_mobile=True
    )
    page = g.page
    term = page.locator("article p abbr[title]").first
    meaning = term.get_attribute("title")
    term.tap()
    tip = page.locator(".glossary-tip")
    expect(tip).to_be_visible()
    expect(tip).to_contain_text(meaning)
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    term.tap()  # a second tap closes it
    expect(tip).to_have_count(0)
    term.tap()
    page.keyboard.press("Escape")
    expect(tip).to_have_count(0)


def test_help_page_leads_with_the_home_region(guarded, server):
    from guide.data import identity

    region = identity.load().region
    g = open_page(guarded, server, "help/", viewport={"width": 390, "height": 740})
    page = g.page
    calls = page.locator(".emergency__call")
    assert calls.count() >= 4
    first = calls.first.bounding_box()
    assert first["width"] >= 390 - 2 * 16 - 1 and first["height"] >= 48  # full width, big
    assert f"({region})" in calls.first.inner_text()
    assert calls.first.get_attribute("href").startswith("tel:")
    jumps = page.locator(".helplines__jump a")
    assert jumps.first.inner_text().strip() == region
    jumps.first.click()
    expect(page).to_have_url(re.compile(f"#region-{region.lower()}$"))
    expect(page.locator(f"#region-{region.lower()}")).to_be_in_viewport()
    body = page.inner_text("article")
    assert "keep this site" not in body and body.count("We checked") == 1
    assert "checked 2" not in body.replace("We checked every number", "")


def test_fill_in_boxes_say_nothing_is_saved(site):
    import lxml.html

    for path in (site / "exercises").glob("*/index.html"):
        doc = lxml.html.parse(str(path))
        fields = doc.xpath("//article//textarea | //article//input[@type='checkbox']")
        notes = doc.xpath("//*[contains(@class, 'fields-note')]")
        if fields:
            assert len(notes) == 1, path
            assert "saved" in notes[0].text_content() and "PDF" in notes[0].text_content()
            first_field = fields[0]
            assert notes[0] in first_field.xpath("preceding::*"), f"{path}: the note comes after the first box"


@pytest.mark.parametrize("width", [390, 1280])
def test_download_buttons_match(guarded, server, width):
    """The download and print buttons (client sheets, full handouts, print): one size, each label on one line."""
    g = open_page(guarded, server, "exercises/break-plan/", viewport={"width": width, "height": 800})
    sizes = g.page.locator(".exercise-facts__downloads .md-button").evaluate_all(
        "els => els.map(e => [Math.round(e.getBoundingClientRect().width), Math.round(e.getBoundingClientRect().height)])"
    )
    assert len(sizes) == 5 and len({tuple(s) for s in sizes}) == 1, sizes
    assert sizes[0][1] < 60  # one line of text, not two
