"""Authoring blocks for exercises, as a Python-Markdown extension.

Authors write ``/// write-in | Question``, ``/// ticklist``, ``/// tracker``,
``/// choice`` (one row per item, one tick box per option, e.g. yes, maybe, no) and
``/// stop-signs``. The same HTML serves the web page (readers may type, but
nothing is stored) and the handout, where WeasyPrint turns the inputs into
PDF form fields. Register it as ``guide.markdown.blocks`` in ``markdown_extensions``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from pymdownx.blocks import BlocksExtension
from pymdownx.blocks.block import Block, type_ranged_integer

# Each option is a whole number in a range (lo, hi), or LABELS: a comma-separated list of
# 2 to 5 short labels (the columns of a choice).
LABELS = "labels"
BLOCK_OPTIONS: dict[str, dict[str, tuple[int, int] | str]] = {
    "write-in": {"lines": (1, 12)},
    "ticklist": {},
    "tracker": {"days": (1, 14)},
    "choice": {"options": LABELS},
    "stop-signs": {},
}
ARGUMENT_REQUIRED = {"write-in"}


def plain(text: str) -> str:
    """Markdown-free text for a field name or tooltip."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text or "")
    return re.sub(r"[*_`]", "", text).strip()


def labels(value: str) -> list[str]:
    """The labels of a choice: 'Yes, Maybe, No' -> ['Yes', 'Maybe', 'No']."""
    return [part.strip() for part in value.split(",") if part.strip()]


def _labels_option(value: str) -> str:
    found = labels(value)
    if not 2 <= len(found) <= 5 or any(len(label) > 20 for label in found):
        raise ValueError("options: write 2 to 5 short labels, separated by commas")
    return ", ".join(found)


def _next_id(block: Block, prefix: str) -> str:
    tracker = block.tracker
    tracker.setdefault("count", {})
    tracker["count"][prefix] = tracker["count"].get(prefix, 0) + 1
    field_prefix = block.config.get("field_prefix") or ""
    return f"{field_prefix + '--' if field_prefix else ''}{prefix}-{tracker['count'][prefix]}"


def _note_before_first_field(block: Block, parent: etree.Element) -> None:
    """The first box to fill in on a page says, once, that nothing is kept (web only)."""
    shared = block._block_mgr.trackers["write-in"]  # each block type has its own tracker; share one
    if shared.get("fields-note"):
        return
    shared["fields-note"] = True
    words = _words(block)
    etree.SubElement(parent, "p", {"class": "fields-note web-only", "role": "note"}).text = words["not_saved"]


def _words(block: Block) -> dict:
    """The blocks' interface words: the orchestrator's, or (an engine on its own) read when first needed."""
    if not block.config.get("words"):
        block.config["words"] = _file_words()
    return block.config["words"]


def _file_words() -> dict:
    """An engine on its own (no orchestrator to pass the words): read them from data/ui/en.yml."""
    from guide.data import ui
    from guide.paths import ROOT

    return ui.load(ROOT)["blocks"]


def _items(block: etree.Element) -> list[etree.Element]:
    return [li for ul in block.iter() if ul.tag in ("ul", "ol") for li in ul.findall("li")]


def _item_text(li: etree.Element) -> str:
    target = li.find("p") if li.find("p") is not None else li
    return "".join(target.itertext())


def _wrap_in_label(li: etree.Element, field_id: str) -> None:
    target = li.find("p") if li.find("p") is not None else li
    label = etree.Element("label", {"for": field_id})
    label.text, target.text = target.text, None
    for child in list(target):
        target.remove(child)
        label.append(child)
    target.append(label)


class WriteIn(Block):
    """A question with ruled lines to write on."""

    NAME = "write-in"
    ARGUMENT = True
    OPTIONS = {"lines": (4, type_ranged_integer(*BLOCK_OPTIONS["write-in"]["lines"]))}

    def on_create(self, parent):
        _note_before_first_field(self, parent)
        field_id = _next_id(self, "write-in")
        question = self.argument_text()
        box = etree.SubElement(parent, "div", {"class": "write-in"})
        label = etree.SubElement(box, "label", {"for": field_id, "class": "write-in__question"})
        label.text = question
        lines = str(self.options["lines"])
        etree.SubElement(
            box,
            "textarea",
            {
                "id": field_id,
                "name": field_id,
                "rows": lines,
                "data-lines": lines,
                "title": plain(question),
                "autocomplete": "off",
                "style": f"--lines: {lines}",
            },
        ).text = ""
        return box

    def argument_text(self) -> str:
        return self.argument or ""


class TickList(Block):
    """A list whose items become tick boxes."""

    NAME = "ticklist"
    ARGUMENT = None

    def on_create(self, parent):
        _note_before_first_field(self, parent)
        box = etree.SubElement(parent, "fieldset", {"class": "ticklist"})
        legend = etree.SubElement(box, "legend")
        legend.text = self.argument or _words(self)["tick_when_done"]
        return box

    def on_end(self, block):
        for li in _items(block):
            field_id = _next_id(self, "tick")
            name = plain(_item_text(li))
            _wrap_in_label(li, field_id)
            box = etree.Element("input", {"type": "checkbox", "id": field_id, "name": field_id, "title": name})
            li.insert(0, box)
            li.set("class", "ticklist__item")


class Tracker(Block):
    """A weekly tracker: one row per list item, one column per day."""

    NAME = "tracker"
    ARGUMENT = None
    OPTIONS = {"days": (7, type_ranged_integer(*BLOCK_OPTIONS["tracker"]["days"]))}

    def on_create(self, parent):
        _note_before_first_field(self, parent)
        return etree.SubElement(parent, "div", {"class": "tracker"})

    def on_end(self, block):
        items = [_item_text(li) for li in _items(block)]
        for child in list(block):
            block.remove(child)
        days = self.options["days"]
        words = _words(self)
        heads = (
            tuple(words["days"].split(","))
            if days == 7
            else tuple(words["day_n"].format(n=n) for n in range(1, days + 1))
        )
        table_id = _next_id(self, "tracker")
        table = etree.SubElement(block, "table", {"class": "tracker__table"})
        caption = etree.SubElement(table, "caption")
        caption.text = self.argument or words["tracker"]
        row = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        etree.SubElement(row, "th", {"scope": "col"}).text = _words(self)["what"]
        for head in heads:
            etree.SubElement(row, "th", {"scope": "col"}).text = head
        body = etree.SubElement(table, "tbody")
        for r, item in enumerate(items, start=1):
            tr = etree.SubElement(body, "tr")
            etree.SubElement(tr, "th", {"scope": "row"}).text = item
            for head in heads:
                td = etree.SubElement(tr, "td", {"data-day": head})  # the day's label when a phone reflows the table
                name = f"{table_id}-r{r}-{head.lower().replace(' ', '')}"
                etree.SubElement(
                    td,
                    "input",
                    {
                        "type": "checkbox",
                        "name": name,
                        "id": name,
                        "title": f"{plain(item)}: {head}",
                        "aria-label": f"{plain(item)}: {head}",
                    },
                )


class Choice(Block):
    """A grid: one row per list item, one tick box per option (e.g. yes, maybe, no)."""

    NAME = "choice"
    ARGUMENT = None
    OPTIONS = {"options": ("", _labels_option)}  # none given: the words' default (blocks.choices)

    def on_create(self, parent):
        _note_before_first_field(self, parent)
        return etree.SubElement(parent, "div", {"class": "choice"})

    def on_end(self, block):
        items = [_item_text(li) for li in _items(block)]
        for child in list(block):
            block.remove(child)
        options = labels(self.options["options"] or _words(self)["choices"])
        table_id = _next_id(self, "choice")
        title = etree.SubElement(block, "p", {"class": "choice__caption"})
        title.text = self.argument or _words(self)["choose_one"]
        table = etree.SubElement(block, "table", {"class": "choice__table"})
        row = etree.SubElement(etree.SubElement(table, "thead"), "tr")
        etree.SubElement(row, "th", {"scope": "col"}).text = _words(self)["item"]
        for option in options:
            etree.SubElement(row, "th", {"scope": "col"}).text = option
        body = etree.SubElement(table, "tbody")
        for r, item in enumerate(items, start=1):
            tr = etree.SubElement(body, "tr")
            etree.SubElement(tr, "th", {"scope": "row"}).text = item
            for option in options:
                name = f"{table_id}-r{r}-{re.sub(r'[^a-z0-9]+', '', option.lower())}"
                label = f"{plain(item)}: {option}"
                etree.SubElement(
                    etree.SubElement(tr, "td"),
                    "input",
                    {"type": "checkbox", "name": name, "id": name, "title": label, "aria-label": label},
                )


class StopSigns(Block):
    """A box listing the signs that mean: stop now."""

    NAME = "stop-signs"
    ARGUMENT = False

    def on_create(self, parent):
        box = etree.SubElement(parent, "div", {"class": "stop-signs", "role": "note"})
        title = etree.SubElement(box, "p", {"class": "stop-signs__title"})
        title.text = _words(self)["stop_signs"]
        return box


class GuideBlocksExtension(BlocksExtension):
    def __init__(self, *args, **kwargs):
        self.config = {
            "field_prefix": ["", "Put before every field name (paper: the exercise slug)"],
            "words": [{}, "interface words (data/ui/<language>.yml, blocks); default: read the file"],
        }
        super().__init__(*args, **kwargs)

    def extendMarkdownBlocks(self, md, block_mgr):  # noqa: N802 - pymdownx API
        config = {"field_prefix": self.getConfig("field_prefix"), "words": self.getConfig("words")}
        for block in (WriteIn, TickList, Tracker, Choice, StopSigns):
            block_mgr.register(block, config)


def makeExtension(**kwargs):  # noqa: N802 - the name Python-Markdown looks for
    return GuideBlocksExtension(**kwargs)
