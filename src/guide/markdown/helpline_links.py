"""``[[helpline:ID]]`` and ``[[phone:ID]]`` as a Python-Markdown extension.

Numbers come from ``data/helplines.yml`` only. Register as ``guide.markdown.helpline_links``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor

from guide.data import helplines


def _tel(number: str) -> str:
    return "tel:" + helplines.digits(number)


def phone_link(number: str) -> etree.Element:
    link = etree.Element("a", {"href": _tel(number), "class": "phone"})
    link.text = number
    return link


def render(entry: helplines.Helpline, form: str) -> etree.Element:
    if form == "phone":
        return phone_link(entry.main_number or "")
    span = etree.Element("span", {"class": "helpline"})
    strong = etree.SubElement(span, "strong")
    strong.text = entry.service
    last = strong
    last.tail = ": "
    for i, reach in enumerate(entry.reach):
        if i:
            last.tail = (last.tail or "") + "; "
        verb = etree.SubElement(span, "span")
        if reach.number:
            verb.text = f"{reach.note} to " if reach.note else f"{reach.how if reach.how == 'TTY' else reach.how.lower()} "
            last = phone_link(reach.number)
            verb.append(last)
        else:
            verb.text = "chat online at "
            last = etree.SubElement(verb, "a", {"href": reach.url, "rel": "noopener noreferrer"})
            last.text = reach.url.split("//", 1)[-1].rstrip("/")
        last = verb
    return span


class HelplineProcessor(InlineProcessor):
    def __init__(self, pattern, md, lines: dict):
        super().__init__(pattern, md)
        self.lines = lines

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown API
        if not self.lines:  # an engine on its own: read the data file at the first marker
            self.lines = helplines.load()
        entry = self.lines.get(m.group("id"))
        if entry is None:
            raise ValueError(
                f"[[{m.group('form')}:{m.group('id')}]]: no such help line in data/helplines.yml"
            )
        return render(entry, m.group("form")), m.start(0), m.end(0)


class HelplineExtension(Extension):
    def __init__(self, **kwargs):
        # The orchestrator passes the Site's help lines; an engine on its own gets them from the file.
        self.config = {"lines": [{}, "help lines by ID (default: read data/helplines.yml)"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown API
        md.inlinePatterns.register(HelplineProcessor(helplines.MARKER.pattern, md, self.getConfig("lines")), "helpline", 180)


def makeExtension(**kwargs):  # noqa: N802
    return HelplineExtension(**kwargs)
