"""Fill the generated parts of single pages.

Each page holds a marker that names what fills it, so an author reading the
Markdown can find this code:

- exercises/index.md   <!-- exercise-catalog -->
- help.md              <!-- emergency-numbers --> and <!-- helplines -->
- glossary.md          <!-- glossary -->
- programmes/index.md  <!-- programme-list -->
- programmes/*.md      <!-- programme-plan -->
- downloads.md         <!-- downloads -->
- pack-builder.md      <!-- pack-builder -->
- articles/finding-a-therapist.md  <!-- directories -->
- any page             <!-- helplines: TOPIC -->  (the help lines for one topic)
"""

from guide.adapters.mkdocs import site_of
from guide.data.helplines import TOPIC_MARKER
from guide.web import fragments

MARKERS = {
    "exercises/index.md": ("<!-- exercise-catalog -->", lambda s, page, du: fragments.catalog(s.content, s.ui, page.file.src_uri, du, s.nav_uris())),
    "help.md": ("<!-- helplines -->", lambda s, page, du: fragments.helpline_list(s)),
    "help.md#emergency": ("<!-- emergency-numbers -->", lambda s, page, du: fragments.emergency_numbers(s)),
    "glossary.md": ("<!-- glossary -->", lambda s, page, du: fragments.glossary(s)),
    "programmes/index.md": ("<!-- programme-list -->", lambda s, page, du: fragments.programme_list(s.content, page.file.src_uri, s.ui)),
    "articles/finding-a-therapist.md": ("<!-- directories -->", lambda s, page, du: fragments.directories(s)),
    "downloads.md": ("<!-- downloads -->", lambda s, page, du: fragments.downloads_list(s, page.file.src_uri, du)),
    "pack-builder.md": ("<!-- pack-builder -->", lambda s, page, du: fragments.pack_builder(s, page.file.src_uri, du)),
}


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    site = site_of(config)
    c = site.content
    du = config.use_directory_urls
    markdown = TOPIC_MARKER.sub(lambda m: fragments.topic_helplines(site, m.group("topic")), markdown)
    for key, (marker, fill) in MARKERS.items():  # a page may hold several markers: "help.md#emergency"
        if key.split("#")[0] == uri:
            markdown = _replace(markdown, marker, fill(site, page, du), uri)
    slug = uri.rsplit("/", 1)[-1][:-3]
    if uri.startswith("programmes/") and slug in c.programmes:
        return _replace(markdown, "<!-- programme-plan -->", fragments.programme_plan(c.programmes[slug], c, site.ui, du, site.identity.region), uri)
    return markdown


def _replace(markdown, marker, html, uri):
    if marker not in markdown:
        raise ValueError(f"docs/{uri}: the marker {marker} is missing. Fix: put it on a line of its own.")
    return markdown.replace(marker, html)
