"""Put a comma between footnote numbers that sit side by side (Python-Markdown extension).

``[^a][^b]`` would otherwise read "23" instead of "2, 3". This used to be a CSS rule
(``sup + sup::before``), but CSS cannot see text: it also put a comma before the second note of
any paragraph that had two, with words between them. Here only notes with nothing between them
get one, in the HTML itself, so the site, the handouts and the book agree.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor


def _is_note(el) -> bool:
    return el.tag == "sup" and el.get("id", "").startswith("fnref")


class FootnoteCommas(Treeprocessor):
    def run(self, root):
        for parent in root.iter():
            children = list(parent)
            for at in range(len(children) - 1, 0, -1):
                before, after = children[at - 1], children[at]
                if _is_note(before) and _is_note(after) and not (before.tail or "").strip():
                    comma = ET.Element("sup", {"class": "fn-sep"})
                    comma.text = ","
                    comma.tail = before.tail
                    before.tail = None
                    parent.insert(at, comma)


class FootnoteCommasExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown API
        md.treeprocessors.register(FootnoteCommas(md), "footnote_commas", 0)


def makeExtension(**kwargs):  # noqa: N802
    return FootnoteCommasExtension(**kwargs)
