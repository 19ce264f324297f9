"""Time from the reader's last keystroke to the first result, in real Chromium.

Types each query into the site's own search box with the CPU slowed down 4x
(Chrome DevTools Emulation.setCPUThrottlingRate, a mid-range phone profile) and
measures, inside the page, from the last key's keyup to the moment the result
list was last rewritten for that query (Material renders on each worker answer).
Used by tools/search_bench.py and tests/test_search.py.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import statistics
import threading
from pathlib import Path

QUERIES = [
    "flooding",
    "my partner hits me",
    "whenever we argue he just shuts down",
    "what if i cry and can't stop during therapy",
    "sensate focus",
    "erectile disfunction",
    "we argue in a horrible mean way",
    "how do i get my spouse to go to sex therapy",
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

_WATCH = """() => {
  window.__searchTimes = {keyup: 0, rendered: 0};
  const box = document.querySelector("input.md-search__input");
  box.addEventListener("keyup", () => { window.__searchTimes.keyup = performance.now(); });
  const list = document.querySelector(".md-search-result__list");
  new MutationObserver(() => { window.__searchTimes.rendered = performance.now(); })
    .observe(list, {childList: true});
}"""


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def type_and_time(page, query: str, settle_ms: int = 1500) -> float | None:
    """ms from the last keyup to the last rewrite of the result list (None: nothing shown)."""
    box = page.locator("input.md-search__input")
    box.fill("")
    box.dispatch_event("keyup")
    page.wait_for_timeout(300)
    page.evaluate("() => { window.__searchTimes.rendered = 0; }")
    box.press_sequentially(query, delay=60)
    page.wait_for_timeout(settle_ms)
    t = page.evaluate("() => window.__searchTimes")
    if not t["rendered"] or page.locator(".md-search-result__item").count() == 0:
        return None
    return max(0.0, t["rendered"] - t["keyup"])


def open_search(page, rate: float = 4) -> None:
    page.wait_for_load_state("networkidle")
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    page.evaluate(_WATCH)


def measure(site: Path, queries: list[str] = QUERIES, rate: float = 4) -> dict:
    """Serve ``site`` locally, type each query at ``rate``x CPU throttling; median and worst ms."""
    from playwright.sync_api import sync_playwright

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=FLAGS)
            page = browser.new_page(viewport={"width": 390, "height": 844})
            page.goto(f"http://127.0.0.1:{httpd.server_address[1]}/")
            open_search(page, rate)
            page.wait_for_timeout(1500)  # the worker builds its index once, right after the page loads
            times = {q: type_and_time(page, q) for q in queries}
            engine = engine_on_main_thread(page, queries)
            browser.close()
    finally:
        httpd.shutdown()
    got = [t for t in times.values() if t is not None]
    return {
        "cpu_throttling": rate,
        "queries": times,
        "median_ms": statistics.median(got) if got else None,
        "max_ms": max(got) if got else None,
        "engine_main_thread": engine,
    }


def engine_on_main_thread(page, queries: list[str]) -> dict:
    """The engine alone, run on the throttled main thread (a bound that does not rely on the
    worker being throttled too): index set-up once, then each query."""
    for src in ("assets/js/vendor/minisearch.js", "assets/js/search/stem.js", "assets/js/search/engine.js"):
        page.add_script_tag(url=src)
    return page.evaluate(
        """async (queries) => {
      const index = await (await fetch("search/guide_index.json")).json();
      let t = performance.now();
      const engine = GuideSearch(MiniSearch, GuideStem).create(index);
      const setup = performance.now() - t, times = [];
      for (const q of queries) { t = performance.now(); engine.search(q); times.push(performance.now() - t); }
      times.sort((a, b) => a - b);
      return {setup_ms: setup, median_ms: times[Math.floor(times.length / 2)], max_ms: times[times.length - 1]};
    }""",
        queries,
    )


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure(Path(sys.argv[1])), indent=1))
