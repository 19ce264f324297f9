"""Frame each article and exercise: topic note and facts on top, next steps below.

Articles end with related exercises, the next article in the journey, and
the help page. Exercises start with their facts, safety notes and download
buttons, and end with the articles that explain them.
"""

from guide.adapters.mkdocs import site_of
from guide.web import fragments


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    site = site_of(config)
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
        return (fragments.exercise_header(item, c, config.use_directory_urls, site.identity.region, site.ui) + markdown
                + fragments.exercise_footer(item, c, site.ui))
    page_item = c.other.get(uri)
    if page_item is not None and page_item.meta.topic_note:
        return fragments.topic_note(page_item.meta.topic_note, site.ui) + markdown
    return markdown
