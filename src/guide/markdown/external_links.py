"""Mark links that leave the site with rel="noopener noreferrer" (Python-Markdown extension).

With the no-referrer policy in the page head, another site never learns
which page of this guide a reader came from.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


class ExternalLinks(Treeprocessor):
    def run(self, root):
        for link in root.iter("a"):
            if link.get("href", "").startswith(("http://", "https://", "//")):
                link.set("rel", "noopener noreferrer")


class ExternalLinksExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown API
        md.treeprocessors.register(ExternalLinks(md), "external_links", 0)


def makeExtension(**kwargs):  # noqa: N802
    return ExternalLinksExtension(**kwargs)
