"""Search as readers use it: real Chromium types each query from
tests/data/search_queries.yml into Material's own search box, answered by our
worker (docs/assets/js/search/)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import search_ready, search_results
from test_browser import open_page

pytestmark = [pytest.mark.browser, pytest.mark.slow]
QUERIES = yaml.safe_load((Path(__file__).parent / "data" / "search_queries.yml").read_text(encoding="utf-8"))
MIN_RECALL_AT_3 = 0.90


def _top_pages(page, server, query):
    """The result pages for a query, in order, each once (sections fold into their page)."""
    pages = []
    for href in search_results(page, query, timeout=4_000):
        path = href.removeprefix(server).split("#")[0].split("?")[0]
        if path not in pages:
            pages.append(path)
    return pages


def test_query_set_is_realistic():
    assert len(QUERIES) >= 50
    assert all(q["expected"] for q in QUERIES)


def test_recall_at_1_and_3(site):
    """The site's own worker (under Node, as the benchmark runs it) on the lay query set; the
    browser shows the same pages (test_browser_shows_what_the_benchmark_measures)."""
    for q in QUERIES:
        for path in q["expected"]:
            assert (site / path / "index.html").exists(), f"query {q['query']!r}: no page {path!r}"
    sys.path.insert(0, str(TOOLS))
    import search_eval

    run = search_eval.run_worker(site, search_eval.OUR_WORKER, [q["query"] for q in QUERIES])
    result = search_eval.score(QUERIES, {r["query"]: r["pages"] for r in run["results"]})
    misses = [f"  {m['query']!r}: got {m['got']}, want {m['want']}" for m in result["misses"]]
    print(f"\nsearch recall over {result['n']} queries: @1 = {result['recall@1']:.1%}, @3 = {result['recall@3']:.1%}")
    assert result["recall@3"] >= MIN_RECALL_AT_3, "\n".join(misses)


def test_no_results_offers_help_and_faq(guarded, server):
    g = open_page(guarded, server)
    page = g.page
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially("xqzzy", delay=20)
    help_link = page.locator(".search-help a[href$='help/']")
    help_link.wait_for(timeout=5_000)
    assert page.locator(".search-help a[href$='faq/']").count() == 1


# --- our engine in the real search box ------------------------------------------------------------

TOOLS = Path(__file__).resolve().parents[1] / "tools"
HELD = yaml.safe_load((Path(__file__).parent / "data" / "search_heldout.yml").read_text(encoding="utf-8"))
PHONE = {"width": 390, "height": 844}


def _open_search(guarded, server, **context):
    g = open_page(guarded, server, **context)
    g.page.keyboard.press("/")
    g.page.locator("input.md-search__input").wait_for(state="visible")
    return g


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_result_cards_show_no_keyword_chips(guarded, server, scheme):
    g = _open_search(guarded, server, color_scheme=scheme, viewport=PHONE)
    page = g.page
    assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == (
        "slate" if scheme == "dark" else "default"
    )
    for query in ("therapist", "sex hurts", "erectile disfunction"):
        assert _top_pages(page, server, query), query
        assert page.locator(".md-search-result .md-tag, .md-search-result .md-tags").count() == 0
        text = page.locator(".md-search-result__list").inner_text()
        assert "therepist" not in text and "errectile" not in text  # misspellings live only in the hidden keys
        first = page.locator(".md-search-result__item").first.bounding_box()
        assert first["height"] < PHONE["height"] * 0.35, first  # a card never fills a phone screen
    # Should a worker ever send tags, the stylesheet still hides them (the old rule lost to Material's).
    page.evaluate("""() => { const a = document.querySelector('.md-search-result__article');
        a.insertAdjacentHTML('beforeend', '<nav class="md-tags"><span class="md-tag">chip</span></nav>'); }""")
    assert not page.locator(".md-search-result .md-tags").first.is_visible()
    assert g.blocked == []


def test_safety_question_shows_help_and_the_emergency_line_first(guarded, server):
    page = _open_search(guarded, server).page
    for query in ("my partner hits me", "he pushed me", "afraid to go home", "end my life"):
        assert _top_pages(page, server, query)[:2] == ["help/", "articles/safety/"], query
        first = page.locator(".md-search-result__item").first.inner_text()
        assert "999" in first or "911" in first, first  # the help page's opening lines


def test_browser_shows_what_the_benchmark_measures(guarded, server, site):
    """The benchmark runs the worker under Node; the search box must show the same pages."""
    sample = [q["query"] for q in HELD[::12]]
    path = site / "bench-sample.json"
    path.write_text(json.dumps(sample), encoding="utf-8")
    out = subprocess.run(
        ["node", str(TOOLS / "search_run.js"), str(site), "assets/js/search/worker.js", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    node = {r["query"]: r["pages"][:3] for r in json.loads(out.stdout)["results"]}
    page = _open_search(guarded, server).page
    for query in sample:
        assert _top_pages(page, server, query)[:3] == node[query], query


def test_the_latency_probe_sees_every_answer_at_4x_cpu_throttling(guarded, server):
    """The benchmark's latency probe (tools/search_latency.py) works on the real box: each query
    typed on a throttled phone gets its answer. How fast is the benchmark's job (budget 100 ms,
    in `make bench`), not a timed test's: these machines are shared and noisy."""
    sys.path.insert(0, str(TOOLS))
    import search_latency

    g = open_page(guarded, server, viewport=PHONE)
    search_latency.open_search(g.page, rate=4)
    assert search_results(g.page, "flooding", timeout=20_000)  # the worker has fetched and built its index
    times = [search_latency.type_and_time(g.page, q) for q in search_latency.QUERIES[:5]]
    assert None not in times, times  # None: no answer came


def test_offline_edition_searches_from_file_url(browser, offline_dir):
    """The zip's search runs from file:// (the iframe-worker shim loads our worker's scripts)."""
    from conftest import file_only

    context, blocked = file_only(browser, color_scheme="dark")
    page = context.new_page()
    page.goto((offline_dir / "index.html").as_uri())
    search_ready(page)

    def top(query):
        return [h.split("#")[0] for h in search_results(page, query)]

    assert any(
        h.endswith("articles/strong-feelings.html") for h in top("what if i cry and can't stop during therapy")[:3]
    )
    safety = top("he pushed me")
    assert safety[0].endswith("/help.html") and safety[1].endswith("articles/safety.html"), safety[:3]
    assert page.locator(".md-search-result .md-tag").count() == 0
    assert blocked == [], blocked[:5]
    context.close()


def test_safety_rules_catch_new_wordings_and_spare_lookalikes(site):
    """Under Node, as the benchmark runs it: coercion and violence worded as readers word them pin
    help and safety first; the same words in a harmless question do not."""
    sys.path.insert(0, str(TOOLS))
    import search_eval

    unsafe = [
        "husband throws me around when he drinks",
        "i have sex whenever he demands it",
        "sex just to keep the peace",
        "i have sex with him to keep the peace",
        "boyfriend pressures me to act out porn",
    ]
    harmless = [
        "my job is demanding and we rarely have sex",
        "that question threw me off in the first session",
        "blood pressure pills and erections",
        "finding peace with our sex life after cancer",
        "peace of mind about sex therapy",
    ]
    run = search_eval.run_worker(site, search_eval.OUR_WORKER, unsafe + harmless)
    pages = {r["query"]: r["pages"][:2] for r in run["results"]}
    for query in unsafe:
        assert pages[query] == ["help/", "articles/safety/"], (query, pages[query])
    for query in harmless:
        assert "help/" not in pages[query], (query, pages[query])
