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


def render(entry: helplines.Helpline, form: str, words: dict) -> etree.Element:
    """A help line as HTML: its name, then each way to reach it ("call 116 123; text ...").

    ``words`` are the interface words' helplines section (data/ui/<language>.yml)."""
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
            verb.text = (
                words["note_to"].format(note=reach.note) if reach.note else words[f"how_{reach.how.lower()}"]
            ) + " "
            last = phone_link(reach.number)
            verb.append(last)
        else:
            verb.text = words[f"how_{reach.how.lower()}"] + " "
            last = etree.SubElement(verb, "a", {"href": reach.url, "rel": "noopener noreferrer"})
            last.text = reach.url.split("//", 1)[-1].rstrip("/")
        last = verb
    return span


class HelplineProcessor(InlineProcessor):
    def __init__(self, pattern, md, ext):
        super().__init__(pattern, md)
        self.lines = ext.getConfig("lines")
        self.ext = ext

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown API
        if not self.lines:  # an engine on its own: read the data file at the first marker
            self.lines = helplines.load()
        entry = self.lines.get(m.group("id"))
        if entry is None:
            raise ValueError(f"[[{m.group('form')}:{m.group('id')}]]: no such help line in data/helplines.yml")
        return render(entry, m.group("form"), self.ext.words()), m.start(0), m.end(0)


# [[emergency]]: every emergency number, the home region's first (data/site.yml `region`).
EMERGENCY_MARKER = r"\[\[emergency\]\]"
EMERGENCY = {  # help-line ID -> the word (data/ui/<language>.yml, helplines) for where it works
    "emergency-uk": "where_uk",
    "emergency-us": "where_us",
    "emergency-au": "where_au",
    "emergency-eu": "where_eu",
}
HOME_NUMBER = {"UK": "emergency-uk", "US": "emergency-us", "Canada": "emergency-us", "Australia": "emergency-au"}


def emergency_order(region: str) -> list[str]:
    """Emergency line IDs with the home region's first (112 first for Europe and elsewhere)."""
    home = HOME_NUMBER.get(region, "emergency-eu")
    return [home] + [i for i in EMERGENCY if i != home]


class EmergencyProcessor(InlineProcessor):
    def __init__(self, pattern, md, ext):
        super().__init__(pattern, md)
        self.ext = ext

    def handleMatch(self, m, data):  # noqa: N802 - Python-Markdown API
        lines, region = self.ext.lines_and_region()
        words = self.ext.words()
        span = etree.Element("span", {"class": "emergency-numbers"})
        ids = [i for i in emergency_order(region) if i in lines]
        last = None
        for n, hid in enumerate(ids):
            sep = "" if n == 0 else (words["or"] if n == len(ids) - 1 else ", ")
            if last is None:
                span.text = sep
            else:
                last.tail = (last.tail or "") + sep
            last = phone_link(lines[hid].main_number or "")
            span.append(last)
            last.tail = " " + words[EMERGENCY[hid]]
        return span, m.start(0), m.end(0)


class HelplineExtension(Extension):
    def __init__(self, **kwargs):
        # The orchestrator passes the Site's help lines and home region; an engine on its own reads the files.
        self.config = {
            "lines": [{}, "help lines by ID (default: read data/helplines.yml)"],
            "region": ["", "the home region (default: read data/site.yml)"],
            "words": [{}, "interface words (data/ui/<language>.yml, helplines); default: read the file"],
        }
        super().__init__(**kwargs)

    def lines_and_region(self) -> tuple[dict, str]:
        lines, region = self.getConfig("lines"), self.getConfig("region")
        if not lines:
            lines = helplines.load()
        if not region:
            from guide.data import identity

            region = identity.load().region
        return lines, region

    def words(self) -> dict:
        words = self.getConfig("words")
        if not words:
            from guide.data import ui
            from guide.paths import ROOT

            words = ui.load(ROOT)["helplines"]
        return words

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown API
        md.inlinePatterns.register(HelplineProcessor(helplines.MARKER.pattern, md, self), "helpline", 180)
        md.inlinePatterns.register(EmergencyProcessor(EMERGENCY_MARKER, md, self), "emergency", 181)


def makeExtension(**kwargs):  # noqa: N802
    return HelplineExtension(**kwargs)
