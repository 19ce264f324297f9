"""Search: our index and our worker behind Material's search box.

After Material's search plugin writes search_index.json, rewrite it for the
engine in docs/assets/js/search/ (guide.web.search_engine); every page's config
names our worker instead of Material's.
"""

import os

from mkdocs.plugins import event_priority

from guide.adapters.mkdocs import site_of
from guide.web import search_engine


def on_post_page(output, page, config):
    return search_engine.worker_url(output)


def on_post_template(output, template_name, config):
    return search_engine.worker_url(output)


@event_priority(-90)  # after search writes the index, before offline inlines it
def on_post_build(config):
    offline = os.environ.get("OFFLINE", "").lower() == "true"  # file://: the whole index, inlined
    search_engine.write(config.site_dir, site_of(config), config.use_directory_urls, split=not offline)
