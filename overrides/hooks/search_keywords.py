"""Add readers' words (keywords, synonyms) and boosts to the search index.

Runs after Material's search plugin has written search_index.json; the work
is in guide.web.search_index.
"""

from mkdocs.plugins import event_priority

from guide.adapters.mkdocs import site_of
from guide.web import search_index


@event_priority(-90)  # after search writes the index, before offline inlines it
def on_post_build(config):
    site = site_of(config)
    search_index.enrich(config.site_dir, site.content, site.data.synonyms, config.use_directory_urls)
