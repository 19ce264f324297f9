"""Shared fixtures: one real build of the site per test run, a local server,
and Debian's Chromium driven by Playwright with every off-machine request blocked."""

from __future__ import annotations

import fcntl
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

from guide.build import build
from guide.paths import CACHE, ROOT
from tools.search_latency import FLAGS

CHROMIUM_FLAGS = FLAGS  # Debian's Chromium, as the latency tool launches it
TEST_SITE = CACHE / "test-site"


def build_test_site(run_id: str) -> bool:
    """Build the real site into TEST_SITE unless this run already did; True when it is there.
    Shared through a lock by the xdist workers and the early builder below."""
    CACHE.mkdir(parents=True, exist_ok=True)
    stamp = TEST_SITE / ".test-run"
    with open(CACHE / "test-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (stamp.exists() and stamp.read_text() == run_id):
            if TEST_SITE.exists():
                shutil.rmtree(TEST_SITE)
            if build(TEST_SITE, ROOT / "mkdocs.yml", {"SITE_URL": "http://127.0.0.1/"}) != 0:
                return False
            stamp.write_text(run_id)
    return True


@pytest.fixture(scope="session")
def site(request) -> Path:
    """The real site, built once per run (shared by xdist workers through a lock)."""
    # xdist workers share one id per run; a plain run gets a fresh one, so a site is never stale.
    run_id = getattr(request.config, "workerinput", {}).get("testrunuid") or uuid.uuid4().hex
    assert build_test_site(run_id), "the site did not build: see the lines above"
    return TEST_SITE


# --- the site builds while the first tests run -------------------------------------------------
# Under xdist, the first worker starts building the site in a process of its own as soon as the
# tests are collected, and the tests that need no built site run first. Before, one worker built
# the site when a test first asked for it and the other sat waiting on the lock for two minutes.


def _needs_site(item) -> bool:
    return "site" in getattr(item, "fixturenames", ())


@pytest.hookimpl(trylast=True)  # after xdist's own hook
def pytest_collection_modifyitems(config, items):
    items.sort(key=_needs_site)  # stable: the tests that need no site first, in their own order
    if getattr(config.option, "loadgroup", False):  # an xdist worker, with --dist loadgroup
        _keep_groups(items)


def _keep_groups(items) -> None:
    """Put tests marked xdist_group on one worker, as --dist loadgroup promises.

    xdist 3.8 adds "@group" to each marked test's id, and its scheduler sends the tests that share
    a group to one worker. It sets ``item._nodeid``, which pytest 9 no longer reads (the id is
    ``item._id``), so the groups were silently ignored and the clinic and engine builds ran on
    both workers. Where xdist's suffix is missing, it is added here the same way."""
    from _pytest.nodeid import NodeId

    for item in items:
        names = {
            str(m.args[0] if m.args else m.kwargs.get("name", "default")) for m in item.iter_markers("xdist_group")
        }
        if names and "@" not in item.nodeid.rsplit("]", 1)[-1]:
            item._id = NodeId.parse(f"{item.nodeid}@{'_'.join(sorted(names))}")
        if names and not item.nodeid.endswith("@" + "_".join(sorted(names))):
            raise pytest.UsageError(f"{item.nodeid}: its xdist_group did not reach its id; the group would be split")


_EARLY: list[subprocess.Popen] = []


def pytest_collection_finish(session):
    worker = getattr(session.config, "workerinput", None)
    if not worker or worker.get("workerid") != "gw0" or not any(_needs_site(i) for i in session.items):
        return
    CACHE.mkdir(parents=True, exist_ok=True)
    log = open(CACHE / "test-site-build.log", "w")  # noqa: SIM115 (the child writes it until it ends)
    code = "import sys; sys.path[:0] = sys.argv[1:3]; import conftest; conftest.build_test_site(sys.argv[3])"
    here = str(Path(__file__).resolve().parent)
    args = [sys.executable, "-c", code, here, str(ROOT), worker["testrunuid"]]
    _EARLY.append(subprocess.Popen(args, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT))


def pytest_sessionfinish(session):
    for proc in _EARLY:  # a run stopped early (-x): the half-built site has no stamp, so the next run rebuilds it
        if proc.poll() is None:
            proc.terminate()
            proc.wait()


@pytest.fixture(scope="session")
def offline_dir(site: Path, tmp_path_factory) -> Path:
    """The offline edition, unzipped once per run, as a reader would from a USB stick."""
    import zipfile

    from guide.data import identity
    from guide.print.downloads import Names

    names = Names.of(identity.load())
    out = tmp_path_factory.mktemp("usb-stick")
    with zipfile.ZipFile(site / names.offline) as zf:
        zf.extractall(out)
    return out / names.folder


def file_only(browser, **kwargs):
    """A browser context for the offline edition: file:// only; any other request is blocked and recorded."""
    context = browser.new_context(**kwargs)
    blocked: list[str] = []
    context.route(
        "**/*",
        lambda r: (
            r.continue_()
            if r.request.url.startswith(("file:", "data:", "blob:", "about:"))
            else (blocked.append(r.request.url), r.abort())
        ),
    )
    return context, blocked


def loaded_site():
    """The project's Site, loaded afresh (every source read and checked once)."""
    from guide.site import Site

    site, problems = Site.load()
    assert problems == [], problems
    return site


def copy_tree(dest: Path) -> Path:
    """A copy of the project's content and config in ``dest``, safe to break or extend."""
    for name in ("docs", "data", "includes", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    return dest


def build_tree(tree: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    """Build a copied tree into tree/site as a user would (scripts/build_site.py), sharing the PDF cache."""
    env = {**os.environ, "GUIDE_ROOT": str(tree), "GUIDE_CACHE": str(ROOT / ".cache"), **env}
    command = [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(tree / "site"),
               "--config", str(tree / "mkdocs.yml"), *args]  # fmt: skip
    return subprocess.run(command, cwd=tree, env=env, capture_output=True, text=True)


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the project's content and config, safe to break or extend."""
    return copy_tree(tmp_path)


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    handler = functools.partial(_Quiet, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="session")
def browser():
    exe = shutil.which("chromium")
    if not exe:
        pytest.fail("Debian's chromium is missing: run `make test` as root, or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Guarded:
    """A page whose requests may only go to 127.0.0.1; others are aborted and recorded."""

    def __init__(self, context):
        self.context = context
        self.blocked: list[str] = []
        self.console: list[str] = []
        context.route("**/*", self._route)
        self.page = context.new_page()
        self.page.on("console", lambda msg: self.console.append(f"{msg.type}: {msg.text}"))

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


@pytest.fixture
def guarded(browser):
    def make(**kwargs):
        context = browser.new_context(**kwargs)
        made.append(context)
        return Guarded(context)

    made = []
    yield make
    for context in made:
        context.close()


def search_results(page, query: str, timeout: float = 10_000) -> list[str]:
    """Ask the site's own search box and return the result links, once this query's answer is shown.

    The box is emptied first and the old list must be gone, so a stale answer is never read;
    then the whole query goes in at once (one keyup, one answer from the worker)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    box = page.locator("input.md-search__input")
    if not box.is_visible():
        page.keyboard.press("/")
        box.wait_for(state="visible")
    items = page.locator(".md-search-result__item")
    box.fill("")
    box.dispatch_event("keyup")  # Material listens for key events, which fill() does not send
    expect(items).to_have_count(0)
    box.fill(query)
    box.dispatch_event("keyup")
    try:
        items.first.wait_for(timeout=timeout)
    except PlaywrightTimeout:
        return []
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")


def search_settled(page, quiet_ms: int = 400, timeout: float = 10_000) -> None:
    """Wait until the result list has stopped changing for quiet_ms.

    Typed key by key, each keystroke gets its own answer from the worker, and a later answer
    replaces the list (and any result that had focus). Only a list that has been still for a
    while is the answer to the whole query. The clock restarts on every call, so the helper can
    be used more than once on one page."""
    page.evaluate(
        """() => {
            const q = (window.__searchQuiet ||= {});
            q.last = performance.now();
            if (!q.observer) {
                q.observer = new MutationObserver(() => { q.last = performance.now(); });
                q.observer.observe(document.querySelector('.md-search-result'),
                    {childList: true, subtree: true, characterData: true});
            }
        }"""
    )
    page.wait_for_function(
        """(quiet) => document.querySelector('.md-search-result__item') !== null
            && performance.now() - window.__searchQuiet.last >= quiet""",
        arg=quiet_ms,
        timeout=timeout,
        polling=50,
    )


def search_ready(page) -> None:
    """Wait until Material's scripts run (its document$ observable exists), so '/' opens search."""
    page.wait_for_function("() => typeof window.document$ !== 'undefined'")
