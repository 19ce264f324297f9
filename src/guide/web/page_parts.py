"""What the site adds to a page's Markdown before it is rendered, in three steps, in this order.

1. ``fill_markers``: the generated parts of single pages. Each page holds a marker that names
   what fills it, so an author reading the Markdown can find this code:

   - exercises/index.md   <!-- exercise-catalog -->
   - help.md              <!-- emergency-numbers --> and <!-- helplines -->
   - glossary.md          <!-- glossary -->
   - programmes/index.md  <!-- programme-list -->
   - programmes/*.md      <!-- programme-plan -->
   - downloads.md         <!-- downloads -->
   - pack-builder.md      <!-- pack-builder -->
   - articles/finding-a-therapist.md  <!-- directories -->
   - any page             <!-- helplines: TOPIC -->  (the help lines for one topic)

2. ``frame``: each article and exercise gets its topic note and facts on top and its next steps
   below. Articles end with related exercises, the next article in the journey and the help
   page; exercises start with their facts, safety notes and download buttons, and end with the
   articles that explain them.

3. ``heading``: the page heading is the title in the front matter, even where the nav gives the
   page a shorter label ("Home", "All exercises"). It goes above what ``frame`` adds.

No engine is named here: the Markdown extension ``guide.markdown.page_parts`` runs ``add`` for
every engine that reads ``mkdocs.yml``.
"""

from __future__ import annotations

from html import escape

from guide.data.helplines import TOPIC_MARKER
from guide.web import fragments

MARKERS = {
    "exercises/index.md": (
        "<!-- exercise-catalog -->",
        lambda s, uri, du: fragments.catalog(s.content, s.ui, uri, du, s.nav_uris()),
    ),
    "help.md": ("<!-- helplines -->", lambda s, uri, du: fragments.helpline_list(s)),
    "help.md#emergency": ("<!-- emergency-numbers -->", lambda s, uri, du: fragments.emergency_numbers(s)),
    "glossary.md": ("<!-- glossary -->", lambda s, uri, du: fragments.glossary(s)),
    "programmes/index.md": (
        "<!-- programme-list -->",
        lambda s, uri, du: fragments.programme_list(s.content, uri, s.ui),
    ),
    "articles/finding-a-therapist.md": ("<!-- directories -->", lambda s, uri, du: fragments.directories(s)),
    "downloads.md": ("<!-- downloads -->", lambda s, uri, du: fragments.downloads_list(s, uri, du)),
    "pack-builder.md": ("<!-- pack-builder -->", lambda s, uri, du: fragments.pack_builder(s, uri, du)),
}


def add(site, uri: str, markdown: str, directory_urls: bool = True) -> str:
    """All three steps for the page ``uri`` (docs-relative, e.g. 'help.md')."""
    return heading(site, uri, frame(site, uri, fill_markers(site, uri, markdown, directory_urls), directory_urls))


def fill_markers(site, uri: str, markdown: str, directory_urls: bool = True) -> str:
    c = site.content
    markdown = TOPIC_MARKER.sub(lambda m: fragments.topic_helplines(site, m.group("topic")), markdown)
    for key, (marker, fill) in MARKERS.items():  # a page may hold several markers: "help.md#emergency"
        if key.split("#")[0] == uri:
            markdown = _replace(markdown, marker, fill(site, uri, directory_urls), uri)
    slug = uri.rsplit("/", 1)[-1][:-3]
    if uri.startswith("programmes/") and slug in c.programmes:
        return _replace(
            markdown,
            "<!-- programme-plan -->",
            fragments.programme_plan(c.programmes[slug], c, site.ui, directory_urls, site.identity.region),
            uri,
        )
    return markdown


def frame(site, uri: str, markdown: str, directory_urls: bool = True) -> str:
    c = site.content
    slug = uri.rsplit("/", 1)[-1][:-3]
    if uri.startswith("articles/") and slug in c.articles:
        item = c.articles[slug]
        nxt = site.next_article(uri)  # from our own nav and titles: the next page may not be read yet
        next_link = (nxt[0], fragments.md_link(uri, nxt[1])) if nxt else None
        top = fragments.topic_note(item.meta.topic_note, site.ui)
        return top + markdown + fragments.next_steps(item, c, next_link, site.ui)
    if uri.startswith("exercises/") and slug in c.exercises:
        item = c.exercises[slug]
        return (
            fragments.exercise_header(item, c, directory_urls, site.identity.region, site.ui)
            + markdown
            + fragments.exercise_footer(item, c, site.ui)
        )
    page_item = c.other.get(uri)
    if page_item is not None and page_item.meta.topic_note:
        return fragments.topic_note(page_item.meta.topic_note, site.ui) + markdown
    return markdown


def heading(site, uri: str, markdown: str) -> str:
    found = site.content.by_uri(uri)
    if found is None:
        return markdown
    # Raw HTML: no glossary underline and no permalink in the heading; the search index
    # already takes the title from the front matter.
    return f"<h1 data-search-exclude>{escape(found.meta.title)}</h1>\n\n{markdown}"


def _replace(markdown: str, marker: str, html: str, uri: str) -> str:
    if marker not in markdown:
        raise ValueError(f"docs/{uri}: the marker {marker} is missing. Fix: put it on a line of its own.")
    return markdown.replace(marker, html)
