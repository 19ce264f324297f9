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
    check(el, el.getBoundingClientRect(), el.tagName.toLowerCase() + ': ' + (el.textContent || el.name || '').trim().slice(0, 40));
  }
  return {found: found.slice(0, 5), box: [r.left, r.top, r.width, r.height],
          max: document.documentElement.scrollHeight - innerHeight};
}"""


def _exit_covers(page) -> dict:
    return page.evaluate(COVERED_JS)


def _scroll(page, y):
    page.evaluate("y => window.scrollTo({top: y, behavior: 'instant'})", y)
    page.wait_for_function("y => Math.abs(window.scrollY - Math.min(y, document.documentElement.scrollHeight - innerHeight)) < 2", arg=y)


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
            _scroll(page, int(y))
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
    page.locator("input.md-search__input").fill("flooding")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    assert _exit_covers(page)["found"] == []
    expect(page.get_by_role("link", name=re.compile("Leave this site"))).to_be_in_viewport()
