"""HTML fragments that fill page markers, rendered from Jinja templates.

Every function takes content-model objects and returns HTML. None of them
knows about MkDocs; ``guide.web.page_parts`` (run by the Markdown extension
``guide.markdown.page_parts``) calls them.
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from guide.checks.content import Content, Page
from guide.data import glossary as glossary_data
from guide.data.helplines import digits
from guide.model import ExerciseMeta, Kind, Who
from guide.paths import TEMPLATES

# The catalog's time filter: key (its label is data/ui catalog.<key>), shortest and longest minutes.
TIME_BANDS = (("short", 0, 15), ("medium", 16, 30), ("long", 31, 10_000))


@lru_cache(maxsize=1)
def env() -> Environment:
    e = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    e.globals.update(time_bands=TIME_BANDS)
    e.filters["longdate"] = _longdate
    return e


def _longdate(value, locale: str) -> str:
    """A date in the interface's language ('1 December 2026'), for the templates."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=locale)


def time_band(minutes: int) -> str:
    return next(key for key, lo, hi in TIME_BANDS if lo <= minutes <= hi)


def page_url(uri: str, directory_urls: bool = True) -> str:
    """The site path MkDocs gives a docs file, e.g. 'exercises/break-plan/'."""
    stem = uri[:-3]
    if stem == "index" or stem.endswith("/index"):
        base = stem[: -len("index")]
        return base if directory_urls else base + "index.html"
    return stem + "/" if directory_urls else stem + ".html"


def to_root(from_uri: str, directory_urls: bool = True) -> str:
    """The relative prefix from a page back to the site root."""
    depth = page_url(from_uri, directory_urls).count("/")
    return "../" * depth


def _url(from_uri: str, to_uri: str, directory_urls: bool = True) -> str:
    return to_root(from_uri, directory_urls) + page_url(to_uri, directory_urls)


def md_link(from_uri: str, to_uri: str) -> str:
    """A relative Markdown link to another .md file (MkDocs resolves it)."""
    src_dir = from_uri.split("/")[:-1]
    dst = to_uri.split("/")
    common = 0
    while common < min(len(src_dir), len(dst) - 1) and src_dir[common] == dst[common]:
        common += 1
    return "/".join([".."] * (len(src_dir) - common) + dst[common:])


# Getting ready comes first: that is where a first-time reader starts.
CATALOG_GROUPS = (Kind.individual, Kind.communication, Kind.connection, Kind.sensual)


def catalog(
    content: Content,
    ui: dict,
    from_uri: str = "exercises/index.md",
    directory_urls: bool = True,
    nav: list[str] | None = None,
) -> str:
    """Every exercise, in groups by kind; within a group in nav order (then stage and title)."""
    nav = nav or []

    def key(p):
        return (nav.index(p.src_uri) if p.src_uri in nav else len(nav), p.meta.stage or 0, p.meta.title)

    root = to_root(from_uri, directory_urls)
    groups = []
    for kind in CATALOG_GROUPS:
        pages = sorted((p for p in content.exercises.values() if p.meta.kind == kind), key=key)
        rows = [
            dict(
                page=p,
                meta=p.meta,
                url=_url(from_uri, p.src_uri, directory_urls),
                band=time_band(p.meta.minutes),
                handout=f"{root}handouts/{p.slug}-a4.pdf",
            )
            for p in pages
        ]
        if rows:
            groups.append((kind, rows))
    total = sum(len(rows) for _, rows in groups)
    return (
        env().get_template("catalog.html").render(groups=groups, total=total, kinds=list(Kind), whos=list(Who), ui=ui)
    )


def emergency_numbers(site) -> str:
    """Big call buttons for the emergency numbers (``<!-- emergency-numbers -->``), home region first."""
    lines = [e for e in site.helplines.values() if "emergency" in e.topics and e.main_number]
    order = site.identity.region_order(list(dict.fromkeys(e.region for e in lines)))
    items = [(e, "tel:" + digits(e.main_number)) for e in sorted(lines, key=lambda e: order.index(e.region))]
    return env().get_template("emergency_numbers.html").render(items=items, ui=site.ui)


def helpline_list(site) -> str:
    """Every other help line, by region (home region first), with jump links and one date line."""
    lines = site.helplines
    by_region: dict[str, list] = defaultdict(list)
    for entry in lines.values():
        if "emergency" not in entry.topics:  # those are the buttons at the top of the page
            by_region[entry.region].append(entry)
    order = site.identity.region_order(list(by_region))
    import xml.etree.ElementTree as etree

    from guide.markdown.helpline_links import render as render_entry

    groups = [
        (
            region,
            [
                (e, etree.tostring(render_entry(e, "helpline", site.ui["helplines"]), encoding="unicode"))
                for e in by_region[region]
            ],
        )
        for region in order
    ]
    newest = max(e.verified for e in lines.values())
    oldest = min(e.verified for e in lines.values())
    return env().get_template("helplines.html").render(groups=groups, newest=newest, oldest=oldest, ui=site.ui)


def topic_helplines(site, topic: str) -> str:
    """The help lines for one topic (``<!-- helplines: TOPIC -->``), home region first."""
    lines = [e for e in site.helplines.values() if topic in e.topics]
    order = site.identity.region_order(list(dict.fromkeys(e.region for e in lines)))
    import xml.etree.ElementTree as etree

    from guide.markdown.helpline_links import render as render_entry

    items = [
        (e, etree.tostring(render_entry(e, "helpline", site.ui["helplines"]), encoding="unicode"))
        for e in sorted(lines, key=lambda e: order.index(e.region))
    ]
    return env().get_template("topic_helplines.html").render(items=items, ui=site.ui)


def glossary(site) -> str:
    return env().get_template("glossary.html").render(terms=glossary_data.page_terms(site.glossary))


def _papers(region: str, ui: dict) -> list[tuple[str, str]]:
    """(paper, its name in the interface), the home region's paper first."""
    from guide.print import names

    return [(p, ui["paper_sizes"][p]) for p in names.paper_order(region)]


def exercise_header(
    page: Page, content: Content, directory_urls: bool = True, region: str = "", ui: dict | None = None
) -> str:
    meta: ExerciseMeta = page.meta
    prereqs = [
        (content.exercises[s].meta.title, md_link(page.src_uri, content.exercises[s].src_uri))
        for s in meta.prerequisites
        if s in content.exercises
    ]
    return (
        env()
        .get_template("exercise_header.html")
        .render(
            meta=meta,
            slug=page.slug,
            prereqs=prereqs,
            papers=_papers(region, ui),
            ui=ui,
            handouts=to_root(page.src_uri, directory_urls) + "handouts",
        )
    )


def next_steps(page: Page, content: Content, next_page: tuple[str, str] | None, ui: dict) -> str:
    """The closing block of an article: exercises, the next article, help."""
    slugs = list(getattr(page.meta, "related_exercises", []))
    slugs += [s for s, ex in content.exercises.items() if page.slug in ex.meta.related_articles and s not in slugs]
    exercises = [
        (
            content.exercises[s].meta.title,
            md_link(page.src_uri, content.exercises[s].src_uri),
            content.exercises[s].meta.summary,
        )
        for s in slugs
        if s in content.exercises
    ]
    return (
        env()
        .get_template("next_steps.md.j2")
        .render(
            exercises=exercises,
            next_page=next_page,
            help=md_link(page.src_uri, "help.md"),
            reviewed=page.meta.last_reviewed,
            ui=ui,
        )
    )


def exercise_footer(page: Page, content: Content, ui: dict) -> str:
    meta: ExerciseMeta = page.meta
    articles = [
        (content.articles[s].meta.title, md_link(page.src_uri, content.articles[s].src_uri))
        for s in meta.related_articles
        if s in content.articles
    ]
    leads_to = [
        (p.meta.title, md_link(page.src_uri, p.src_uri))
        for p in content.exercises.values()
        if page.slug in p.meta.prerequisites
    ]
    return (
        env()
        .get_template("exercise_footer.md.j2")
        .render(
            articles=articles,
            leads_to=leads_to,
            help=md_link(page.src_uri, "help.md"),
            reviewed=meta.last_reviewed,
            ui=ui,
        )
    )


def programme_plan(page: Page, content: Content, ui: dict, directory_urls: bool = True, region: str = "") -> str:
    weeks = [
        (w, [(content.exercises[s].meta, md_link(page.src_uri, content.exercises[s].src_uri), s) for s in w.exercises])
        for w in page.meta.weeks
    ]
    return (
        env()
        .get_template("programme_plan.md.j2")
        .render(
            weeks=weeks, root=to_root(page.src_uri, directory_urls), slug=page.slug, ui=ui, papers=_papers(region, ui)
        )
    )


def programme_list(content: Content, from_uri: str, ui: dict) -> str:
    items = [(p.meta, md_link(from_uri, p.src_uri)) for p in content.programmes.values()]
    return env().get_template("programme_list.md.j2").render(items=items, ui=ui)


def topic_note(note: str, ui: dict) -> str:
    return env().get_template("topic_note.html").render(note=note, ui=ui) if note else ""


def downloads_list(site, from_uri: str, directory_urls: bool = True) -> str:
    from guide.print.downloads import Names
    from guide.print.names import paper_order

    names = Names.of(site.identity)
    books = [(site.ui["paper_sizes"][paper], names.book(paper)) for paper in paper_order(site.identity.region)]
    return (
        env()
        .get_template("downloads.html")
        .render(root=to_root(from_uri, directory_urls), books=books, offline=names.offline, ui=site.ui)
    )


def directories(site) -> str:
    """Professional directories from data/site.yml, the home region first."""
    ident = site.identity
    order = ident.region_order(list(dict.fromkeys(d.region for d in ident.directories)))
    items = sorted(ident.directories, key=lambda d: order.index(d.region))
    return env().get_template("directories.html").render(items=items, ui=site.ui)


def pack_builder(site, from_uri: str, directory_urls: bool = True) -> str:
    """The pack builder (``<!-- pack-builder -->``): every exercise with its client sheets, and
    the programme weeks; the page's script (assets/js/pack-builder.js) does the rest."""
    from guide.print import names

    root = to_root(from_uri, directory_urls)
    content = site.content
    papers = names.paper_order(site.identity.region)
    groups = []
    ui = site.ui
    for kind in Kind:
        pages = sorted(
            (p for p in content.exercises.values() if p.meta.kind == kind),
            key=lambda p: (p.meta.stage or 0, p.meta.title),
        )
        groups.append(
            (
                ui["kinds"][kind.value],
                [
                    dict(
                        slug=p.slug,
                        meta=p.meta,
                        url=_url(from_uri, p.src_uri, directory_urls),
                        sheets=[
                            (paper, ui["paper_sizes"][paper], f"{root}handouts/{names.sheet_name(p.slug, paper)}")
                            for paper in papers
                        ],
                    )
                    for p in pages
                ],
            )
        )
    choice = ui["pack"]["week_choice"]
    weeks = [
        (
            f"{prog.slug}:{w.week}",
            choice.format(programme=prog.meta.title, week=w.week, focus=w.focus),
            ",".join(w.exercises),
        )
        for prog in content.programmes.values()
        for w in prog.meta.weeks
    ]
    return (
        env()
        .get_template("pack_builder.html")
        .render(groups=groups, weeks=weeks, papers=[(p, ui["paper_sizes"][p]) for p in papers], root=root, ui=ui)
    )
