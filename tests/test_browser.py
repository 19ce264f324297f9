"""Real Chromium against the real built site. Nothing may leave 127.0.0.1."""

from __future__ import annotations

import re

import pytest
from conftest import search_results
from playwright.sync_api import expect

from guide.checks import sitecheck
from guide.data import identity

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXIT_URL = identity.load().quick_exit_url
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def open_page(guarded, server, path="", **context):
    g = guarded(**context)
    g.page.goto(server + path)
    g.page.wait_for_load_state("networkidle")
    return g


def search(page, query):
    """Open search with the keyboard ('/') and return the result links for the query."""
    page.keyboard.press("/")
    page.locator("input.md-search__input").wait_for(state="visible")
    return search_results(page, query)


def test_home_loads_and_says_what_happens(guarded, server):
    g = open_page(guarded, server)
    assert "Sex Therapy, Explained" in g.page.title()
    body = g.page.inner_text("article")
    assert "talk" in body.lower() and "nothing physical" in body.lower().replace("\n", " ") or "touch" in body.lower()
    assert g.page.get_by_role("link", name=re.compile("Leave this site")).is_visible()
    assert g.blocked == []


@pytest.mark.parametrize(
    "query, expected",
    [
        ("flooding", "articles/flooding/"),
        ("sensate", "sensate-focus"),
        ("helpline", "help/"),
    ],
)
def test_search_finds_the_page(guarded, server, query, expected):
    g = open_page(guarded, server)
    hrefs = search(g.page, query)
    assert any(expected in h for h in hrefs[:5]), hrefs[:5]
    assert g.blocked == []


def test_catalog_filters_by_keyboard(guarded, server):
    g = open_page(guarded, server, "exercises/")
    page = g.page
    total = page.locator(".catalog__item").count()
    assert total >= 24
    for _ in range(80):  # Tab from the top until the first filter has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "filter-kind":
            break
    else:
        pytest.fail("the kind filter cannot be reached with Tab")
    page.keyboard.press("ArrowDown")  # Chromium changes a closed select's value with the arrow keys
    if page.eval_on_selector("#filter-kind", "e => e.value") == "":
        page.select_option("#filter-kind", "communication")
    kind = page.eval_on_selector("#filter-kind", "e => e.value")
    visible = page.locator(".catalog__item:not([hidden])")
    expect(visible).not_to_have_count(total)  # the filter runs on the change event
    assert 0 < visible.count() < total
    assert all(k == kind for k in visible.evaluate_all("els => els.map(e => e.dataset.kind)"))
    status = page.inner_text("[data-catalog-count]")
    assert f"Showing {visible.count()} of {total}" in status
    assert page.get_attribute("[data-catalog-count]", "aria-live") == "polite"
    page.keyboard.press("Tab")  # to "who"
    assert page.evaluate("document.activeElement.id") == "filter-who"
    page.select_option("#filter-who", "individual")
    for who in page.locator(".catalog__item:not([hidden])").evaluate_all("els => els.map(e => e.dataset.who)"):
        assert who in ("individual", "either")
    page.select_option("#filter-time", "long")
    page.locator(".catalog__filters button[type=reset]").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".catalog__item:not([hidden])")).to_have_count(total)


def test_catalog_shows_everything_without_javascript(guarded, server):
    g = open_page(guarded, server, "exercises/", java_script_enabled=False)
    assert g.page.locator(".catalog__item").count() >= 24
    assert g.page.locator(".catalog__item:visible").count() == g.page.locator(".catalog__item").count()
    assert not g.page.locator("[data-catalog-filters]").is_visible()


def _exit_route(g):
    visits = []

    def fulfil(route):
        visits.append(route.request.url)
        route.fulfill(status=200, content_type="text/html", body="<title>neutral</title><p>neutral</p>")

    g.context.route(re.compile(re.escape(EXIT_URL.split("//")[1].split("/")[0])), fulfil)
    return visits


@pytest.mark.parametrize("how", ["button", "keyboard-button", "shift-three-times"])
def test_quick_exit_leaves_and_back_does_not_return(guarded, server, how):
    g = guarded()
    visits = _exit_route(g)
    page = g.page
    page.goto(server + "articles/safety/")
    page.wait_for_load_state("networkidle")
    if how == "button":
        page.get_by_role("link", name=re.compile("Leave this site")).click()
    elif how == "keyboard-button":
        for _ in range(10):
            page.keyboard.press("Tab")
            if "quick-exit" in (page.evaluate("document.activeElement.className") or ""):
                break
        else:
            pytest.fail("Leave this site cannot be reached with Tab")
        page.keyboard.press("Enter")
    else:
        page.locator("article").click()
        for _ in range(3):
            page.keyboard.press("Shift")
    page.wait_for_url(re.compile(re.escape(EXIT_URL)), timeout=5_000)
    assert visits and visits[0].startswith(EXIT_URL)
    page.go_back(wait_until="load")  # the exit replaced the page in history: back never shows it
    assert "articles/safety" not in page.url


def test_quick_exit_after_instant_navigation_on_a_phone(guarded, server):
    g = guarded(viewport={"width": 375, "height": 740}, has_touch=True, is_mobile=True)
    visits = _exit_route(g)
    page = g.page
    page.goto(server)
    page.wait_for_load_state("networkidle")
    page.goto(server + "faq/")
    page.get_by_role("link", name=re.compile("Leave this site")).tap()
    page.wait_for_url(re.compile(re.escape(EXIT_URL)), timeout=5_000)
    assert visits


def toggle_palette(page) -> None:
    page.locator("form[data-md-component=palette] label:visible").first.click()


def test_palette_toggle_works(guarded, server):
    """The toggle goes from the system's choice to light, to dark, and back to the system's."""
    g = open_page(guarded, server, color_scheme="light")
    body = g.page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    toggle_palette(g.page)  # system (light here) -> light
    expect(body).to_have_attribute("data-md-color-media", "(prefers-color-scheme: light)")
    toggle_palette(g.page)  # light -> dark
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    toggle_palette(g.page)  # dark -> the system's choice
    expect(body).to_have_attribute("data-md-color-scheme", "default")


COLOUR_RULES = ["color-contrast", "link-in-text-block"]  # the axe rules whose answer a colour scheme can change
# ... and those whose answer the layout can change (a narrow window wraps links, makes tables scroll)
LAYOUT_RULES = [*COLOUR_RULES, "target-size", "scrollable-region-focusable"]
# Every rule runs on these pages in both schemes, the site's navigation included: one page of each
# kind (home, article, exercise, programme, catalog, help, glossary, questions).
SAMPLE = ["", "articles/flooding/", "exercises/break-plan/", "programmes/sensate-focus/", "exercises/", "help/"]
SAMPLE += ["glossary/", "faq/"]
SITE_NAV = ".md-sidebar--primary"  # the same list of every page on every page: checked whole on SAMPLE

# The pages are measured in parts, so the two test workers share the work (one test over every
# page kept one worker busy for minutes while the other sat idle at the end of the run).
PARTS = 6
# After a change of scheme or width, CSS transitions are jumped to their end: half-way through
# one, colours are neither the old nor the new (the search field measured 3.2:1 mid-fade after a
# resize). getAnimations() first brings the page's styles up to date, so every transition exists.
SETTLE = "() => document.getAnimations().forEach(a => a.finish())"
# After a resize, Material gives a code block that now scrolls sideways its tabindex="0" from a
# ResizeObserver, which runs with the next frames: axe waits for two of them, as a reader's
# keyboard would (without the wait, axe once ran first and found the block unfocusable).
FRAMES = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r())))"


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_accessible_and_private(guarded, server, site, part):
    """axe-core (WCAG 2.2 AA + best practice) on every page at 1280 and 375 px, in light and dark;
    no request leaves the machine.

    Each page loads once and axe is injected once; the scheme is switched as the system would
    (prefers-color-scheme, which the site follows) and the width by the window (the layout
    follows it by CSS). So the markup is the same in every run; only colours and layout change.
    Every rule runs on every page in light at 1280 px. The other runs (light at 375 px, dark at
    both widths) run the rules whose answer colours or layout can change (LAYOUT_RULES,
    COLOUR_RULES) on every page, and every rule on SAMPLE, one page of each kind. The site's
    navigation, the same on every page, is measured on SAMPLE and left out elsewhere."""
    from axe_playwright_python.sync_playwright import Axe

    axe_script = Axe().axe_script
    g = guarded(color_scheme="light", viewport={"width": 1280, "height": 900})
    page = g.page
    failures = []
    every_page = [p.relative_to(site).as_posix().removesuffix("index.html") for p in sitecheck.pages(site)]
    assert set(SAMPLE) <= set(every_page)
    paths = every_page[part::PARTS]  # this part's share; the parts together cover every page
    assert paths
    every_rule = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    colour_only = {"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
    layout_only = {"runOnly": {"type": "rule", "values": LAYOUT_RULES}, "resultTypes": ["violations"]}
    runs = 0
    for path in paths:
        page.emulate_media(color_scheme="light")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(server + path, wait_until="load")
        page.evaluate(axe_script)
        context = {"exclude": [] if path in SAMPLE else [[SITE_NAV]]}
        for scheme, body in (("light", "default"), ("dark", "slate")):
            page.emulate_media(color_scheme=scheme)
            page.wait_for_function(f"() => document.body.dataset.mdColorScheme === '{body}'", timeout=5_000)
            for width in (1280, 375):
                if path in SAMPLE or (scheme, width) == ("light", 1280):
                    options = every_rule
                else:
                    options = layout_only if scheme == "light" else colour_only
                page.set_viewport_size({"width": width, "height": 900})
                page.evaluate(FRAMES)
                page.evaluate(SETTLE)
                found = page.evaluate(
                    "([context, options]) => axe.run(context, options).then(r => r.violations.map("
                    "v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')}`))",
                    [context, options],
                )
                runs += 1
                failures += [f"{path or '/'} {scheme} {width}px: {v}" for v in found]
    print(
        f"\naxe: {len(paths)} of {len(every_page)} pages, {runs} runs, light and dark, 1280 and 375px: {len(failures)} violations"
    )
    assert g.blocked == [], g.blocked[:5]
    assert failures == [], "\n".join(failures[:10])


def test_the_colour_pass_finds_low_contrast_in_dark(guarded, server):
    """The dark-mode pass above runs only the colour rules: they must find a real contrast failure."""
    from axe_playwright_python.sync_playwright import Axe

    g = open_page(guarded, server, "articles/flooding/", color_scheme="dark")
    g.page.evaluate("""() => document.querySelector('article').insertAdjacentHTML('afterbegin',
        '<p style="color:#3a3a3a">Grey words on the dark page</p>')""")
    result = Axe().run(
        g.page, options={"runOnly": {"type": "rule", "values": COLOUR_RULES}, "resultTypes": ["violations"]}
    )
    assert result.violations_count >= 1
