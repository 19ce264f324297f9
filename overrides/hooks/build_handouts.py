"""Render the printable handouts into the built site (with a content-hash cache).

The work is in guide.print.handouts, which reads the content model, not MkDocs.
"""

from guide.checks import content
from guide.print import handouts


def on_post_build(config):
    handouts.build_all(content.latest(), site_dir=config.site_dir, site_url=config.site_url or "")
