"""MkDocs reads each page from the Site, not from the disk, and takes its front matter
from the Site's one parser (see guide.adapters.mkdocs). It also tells our page-parts
extension (guide.markdown.page_parts) which page it is about to render. Pages a fork hides
(hide_pages in data/site.local.yml) are not built."""

from mkdocs.plugins import event_priority

from guide.adapters.mkdocs import apply_meta, drop_hidden, page_source


def on_files(files, config):
    return drop_hidden(config, files)


def on_page_read_source(page, config):
    return page_source(config, page)


@event_priority(100)  # before the tags plugin and every other hook reads page.meta
def on_page_markdown(markdown, page, config, files):
    apply_meta(config, page)
    return markdown
