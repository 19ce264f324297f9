"""What the site adds to each page (markers, topic note, exercise header, next steps, heading)
as a Python-Markdown extension, so every engine that reads ``mkdocs.yml`` runs it.

Register as ``guide.markdown.page_parts``. The work is ``guide.web.page_parts.add``; this only
learns which page is being rendered, and from whom:

- ``site``: the Site of this build, handed on by the engine's adapter;
- ``page``: the page's docs path (``help.md``), for an engine that makes one Markdown
  instance per page from a config it updates first (MkDocs: a hook sets it);
- ``page_of``: a function ``(md) -> docs path``, for an engine that renders every page from
  one config and keeps the page on the Markdown instance (Zensical: its adapter gives one).

With no site or no page (the handouts and the book render page bodies with the same extension
list) it leaves the text alone: those get their frame from their own templates.
"""

from __future__ import annotations

from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

from guide.web import page_parts

PRIORITY = 35  # before normalize_whitespace (30), which then treats what we add as page text


class PagePartsPreprocessor(Preprocessor):
    def __init__(self, md, ext: PagePartsExtension):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        site, uri = self.ext.getConfig("site"), self.ext.getConfig("page")
        page_of = self.ext.getConfig("page_of")
        if not uri and callable(page_of):
            uri = page_of(self.md)
        if not site or not uri:
            return lines
        text = page_parts.add(site, uri, "\n".join(lines), self.ext.getConfig("directory_urls"))
        return text.split("\n")


class PagePartsExtension(Extension):
    def __init__(self, **kwargs):
        # Not None as a default: Python-Markdown turns an option whose default is None into a bool.
        self.config = {
            "site": ["", "the Site of this build (from the engine's adapter)"],
            "page": ["", "the docs path of the page being rendered"],
            "page_of": ["", "a function (md) -> the docs path of the page being rendered"],
            "directory_urls": [True, "the engine's use_directory_urls"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown API
        md.preprocessors.register(PagePartsPreprocessor(md, self), "guide_page_parts", PRIORITY)


def makeExtension(**kwargs):  # noqa: N802
    return PagePartsExtension(**kwargs)
