"""Search as readers use it: real Chromium types each query from
tests/data/search_queries.yml into Material's own search box."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from test_browser import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yml").read_text(encoding="utf-8"))
MIN_RECALL_AT_3 = 0.90


def _top_pages(page, server, query):
    box = page.locator("input.md-search__input")
    box.fill("")
    box.fill(query)
    box.dispatch_event("keyup")  # Material listens for key events, which fill() does not send
    try:
        page.wait_for_selector(".md-search-result__item", timeout=4_000)
    except Exception:
        return []
    page.wait_for_timeout(250)
    hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    pages = []
    for href in hrefs:
        path = href.removeprefix(server).split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages


def test_query_set_is_realistic():
    assert len(QUERIES) >= 50
    assert all(q["expected"] for q in QUERIES)


def test_recall_at_1_and_3(guarded, server, site):
    for q in QUERIES:
        for path in q["expected"]:
            assert (site / path / "index.html").exists(), f"query {q['query']!r}: no page {path!r}"
    g = open_page(guarded, server)
    page = g.page
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    hits1 = hits3 = 0
    misses = []
    for q in QUERIES:
        top = _top_pages(page, server, q["query"])
        if top[:1] and top[0] in q["expected"]:
            hits1 += 1
        if any(p in q["expected"] for p in top[:3]):
            hits3 += 1
        else:
            misses.append(f"  {q['query']!r}: got {top[:3]}, want {q['expected']}")
    n = len(QUERIES)
    print(f"\nsearch recall over {n} queries: @1 = {hits1 / n:.1%}, @3 = {hits3 / n:.1%}")
    print("misses at 3:\n" + "\n".join(misses))
    assert g.blocked == []
    assert hits3 / n >= MIN_RECALL_AT_3, "\n".join(misses)


def test_no_results_offers_help_and_faq(guarded, server):
    g = open_page(guarded, server)
    page = g.page
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("xqzzy", delay=20)
    help_link = page.locator(".search-help a[href$='help/']")
    help_link.wait_for(timeout=5_000)
    assert page.locator(".search-help a[href$='faq/']").count() == 1
