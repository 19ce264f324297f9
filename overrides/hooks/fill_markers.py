"""Fill the generated parts of single pages.

Each page holds a marker that names what fills it, so an author reading the
Markdown can find this code:

- exercises/index.md   <!-- exercise-catalog -->
- help.md              <!-- helplines -->
- glossary.md          <!-- glossary -->
- programmes/index.md  <!-- programme-list -->
- programmes/*.md      <!-- programme-plan -->
- downloads.md         <!-- downloads -->
- articles/finding-a-therapist.md  <!-- directories -->
- any page             <!-- helplines: TOPIC -->  (the help lines for one topic)
"""

from guide.checks import content
from guide.data.helplines import TOPIC_MARKER
from guide.web import fragments

MARKERS = {
    "exercises/index.md": ("<!-- exercise-catalog -->", lambda c, page, du: fragments.catalog(c, page.file.src_uri, du)),
    "help.md": ("<!-- helplines -->", lambda c, page, du: fragments.helpline_list()),
    "glossary.md": ("<!-- glossary -->", lambda c, page, du: fragments.glossary()),
    "programmes/index.md": ("<!-- programme-list -->", lambda c, page, du: fragments.programme_list(c, page.file.src_uri)),
    "articles/finding-a-therapist.md": ("<!-- directories -->", lambda c, page, du: fragments.directories()),
    "downloads.md": ("<!-- downloads -->", lambda c, page, du: fragments.downloads_list(page.file.src_uri, du)),
}


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    c = content.latest()
    du = config.use_directory_urls
    markdown = TOPIC_MARKER.sub(lambda m: fragments.topic_helplines(m.group("topic")), markdown)
    if uri in MARKERS:
        marker, fill = MARKERS[uri]
        return _replace(markdown, marker, fill(c, page, du), uri)
    slug = uri.rsplit("/", 1)[-1][:-3]
    if uri.startswith("programmes/") and slug in c.programmes:
        return _replace(markdown, "<!-- programme-plan -->", fragments.programme_plan(c.programmes[slug], c, du), uri)
    return markdown


def _replace(markdown, marker, html, uri):
    if marker not in markdown:
        raise ValueError(f"docs/{uri}: the marker {marker} is missing. Fix: put it on a line of its own.")
    return markdown.replace(marker, html)
