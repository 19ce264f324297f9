"""The page heading is the title in the page's front matter, even where the nav gives the
page a shorter label ("Home", "All exercises"). On the home page no tag chip sits above it,
so a first-time reader meets the heading and a warm paragraph first."""

from html import escape

from guide.adapters.mkdocs import site_of


def on_page_markdown(markdown, page, config, files):
    found = site_of(config).content.by_uri(page.file.src_uri)
    if found is None:
        return markdown
    if page.is_homepage:
        page.meta["hide"] = [*page.meta.get("hide", []), "tags"]
    # Raw HTML: no glossary underline and no permalink in the heading; the search index
    # already takes the title from the front matter.
    return f"<h1 data-search-exclude>{escape(found.meta.title)}</h1>\n\n{markdown}"
