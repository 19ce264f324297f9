"""Interface words live in data/ui/<language>.yml: the groundwork for another language.

The scans below fail on English that a reader would meet and that sits in a template or in
Python instead of the words file. They leave alone what is not reader interface: messages
for maintainers (problem lines, build and command output, the content checks), the starter
page the scaffolding command writes for an author to write over, and data facts such as
region names. The headings of an exercise page are interface words too (`exercise_sections`).
"""

from __future__ import annotations

import ast
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from guide.data import ui
from guide.data.identity import Region
from guide.paths import ROOT
from guide.problems import ContentError

ENGLISH = yaml.safe_load((ROOT / "data" / "ui" / "en.yml").read_text(encoding="utf-8"))
CODE = [
    *(ROOT / "src" / "guide").rglob("*.py"),
    *(ROOT / "src" / "guide" / "templates").glob("*"),
    ROOT / "overrides" / "main.html",
    *(ROOT / "overrides" / "hooks").glob("*.py"),
]
# Words the site used to keep in templates and Python; now each comes from the words file.
MOVED = [
    "Leave this site",
    'Homework sheet"',
    "In danger now? Call",
    "Open index.html in this folder",
    "Stop signs: stop at once",
    "Nothing you type or tick",
    "Next in the journey",
    "Last reviewed:",
    "Full handout (",
    "Emergency exit",
    "Help lines by country",
    "This is a general guide",
    "in the EU and many other countries",
    "When it is hard",
    "Before you start",
    "When to pause and talk",
]


SECTION_NAMES = "|".join(ui.SECTIONS)


def test_moved_words_are_nowhere_in_the_code():
    found = [
        f"{path.relative_to(ROOT)}: {word!r}"
        for path in CODE
        if path.is_file()
        for word in MOVED
        if word in path.read_text(encoding="utf-8")
    ]
    assert found == []


def test_every_word_the_templates_use_is_in_the_file():
    used = set()
    for path in CODE:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(rf"\bui\.({SECTION_NAMES})\.(\w+)", text))
            used |= set(re.findall(rf"ui\[\"({SECTION_NAMES})\"\]\[['\"](\w+)['\"]\]", text))
    assert used, "the scan found no uses: it is looking in the wrong place"
    missing = sorted(f"{section}.{key}" for section, key in used if key not in ENGLISH[section])
    assert missing == []


def test_a_translation_must_have_every_word(tmp_path):
    (tmp_path / "data" / "ui").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "ui" / "en.yml", tmp_path / "data" / "ui" / "en.yml")
    dutch = dict(ENGLISH)
    dutch["web"] = {k: v for k, v in ENGLISH["web"].items() if k != "exit"}
    (tmp_path / "data" / "ui" / "nl.yml").write_text(yaml.safe_dump(dutch, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        ui.load(tmp_path, "nl")
    assert [str(p) for p in exc.value.problems] == [
        "data/ui/nl.yml: web.exit: this word is missing. Fix: add it, translated from data/ui/en.yml"
    ]
    with pytest.raises(ContentError) as exc:
        ui.load(tmp_path, "fr")
    assert "there are no interface words for language 'fr'" in str(exc.value)


# --- No English a reader meets, outside the words file ---------------------------------------

TEMPLATES = sorted(
    [
        *(ROOT / "src" / "guide" / "templates").glob("*"),
        *(ROOT / "overrides").glob("*.html"),
        *(ROOT / "overrides").glob("partials/*.html"),
    ]
)
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
WORDLIKE = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, in any script
# Attributes a reader sees or hears (a browser tooltip, a screen reader, the page's script).
SHOWN = ("alt", "title", "aria-label", "placeholder", "label", "value")
SHOWN_DATA = ("data-msg-", "data-title-", "data-showing-")


class _Text(HTMLParser):
    """The text nodes and shown attribute values of an HTML template whose Jinja is removed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self.code = 0  # inside <style> or <script>

    def handle_starttag(self, tag, attrs):
        self.code += tag in ("style", "script")
        meta_text = tag == "meta" and dict(attrs).get("name") in ("description", "keywords", "author")
        for name, value in attrs:
            shown = name in SHOWN or name.startswith(SHOWN_DATA) or (meta_text and name == "content")
            if shown and value and WORDLIKE.search(value):
                self.found.append(f"{name}={value!r}")

    def handle_endtag(self, tag):
        self.code -= tag in ("style", "script")

    def handle_data(self, data):
        if not self.code and WORDLIKE.search(data):
            self.found.append(data.strip())


def template_words(path: Path) -> list[str]:
    """Words written into a template rather than taken from the words file."""
    text = JINJA.sub("", path.read_text(encoding="utf-8"))
    if path.suffix == ".css":  # printed text: content and string-set values
        text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        return [
            s
            for m in re.finditer(r"(?:content|string-set)\s*:([^;}]*)", text)
            for s in re.findall(r'"([^"]*)"', m.group(1))
            if WORDLIKE.search(s)
        ]
    if path.name.endswith(".md.j2"):
        text = re.sub(r"\{:[^}]*\}", "", text)  # attribute lists: ids and classes
    parser = _Text()
    parser.feed(text)
    return parser.found


def test_templates_hold_no_words_of_their_own():
    assert TEMPLATES, "no templates found: the scan is looking in the wrong place"
    found = [f"{path.relative_to(ROOT)}: {words!r}" for path in TEMPLATES for words in template_words(path)]
    assert found == []


# English in a Python string: a capitalised word on its own ("Tracker"), or a phrase with a
# capitalised word or a small word of English ("chat online at", "not built").
SMALL = [
    "the",
    "a",
    "an",
    "and",
    "or",
    "to",
    "of",
    "at",
    "in",
    "on",
    "for",
    "with",
    "by",
    "from",
    "your",
    "you",
    "this",
    "that",
    "not",
    "no",
    "up",
    "than",
    "more",
    "all",
    "any",
    "is",
    "are",
    "be",
    "it",
    "as",
    "each",
    "every",
    "what",
    "when",
    "how",
    "who",
    "page",
    "here",
    "there",
    "online",
]
PHRASE = re.compile(
    r"\b(?:[A-Z][a-z]+|" + "|".join(SMALL) + r")\b,? [A-Za-z]{2,}|\b[A-Za-z]{2,},? (?:" + "|".join(SMALL) + r")\b"
)
CAPITALISED = re.compile(r"^\s*[A-Z][a-z]{2,}\s*$")
# Tags, attributes and CSS font names: their words are names.
MARKUP = re.compile(r"<[^>]*>?|[\w-]+=\"[^\"]*\"?|font-family: \"[^\"]*\"")
# Calls whose strings are for maintainers or are patterns, never shown to a reader.
QUIET_CALLS = {
    "Problem",
    "print",
    "add_argument",
    "ArgumentParser",
    "Field",
    "warn",
    "compile",
    "sub",
    "search",
    "match",
    "fullmatch",
    "findall",
    "finditer",
    "split",
}
# Whole files for maintainers: the content checks, the build and page commands (scaffold also
# writes the starter page an author writes over), and the notes on Material's inline scripts.
QUIET_FILES = (
    "src/guide/checks/",
    "src/guide/build.py",
    "src/guide/remove.py",
    "src/guide/scaffold.py",
    "src/guide/web/csp.py",
    "src/guide/adapters/",
)  # adapters: engine config and error lines
# Words that are not interface: region names (data) and a package name.
NOT_INTERFACE = {*Region.__args__, "Markdown"}
PYTHON = sorted([*(ROOT / "src" / "guide").rglob("*.py"), *(ROOT / "overrides" / "hooks").glob("*.py")])


def _quiet(node: ast.AST, parents: dict[int, ast.AST]) -> bool:
    parent = parents.get(id(node))
    while parent is not None:
        if isinstance(parent, (ast.Raise, ast.Compare)):
            return True
        if isinstance(parent, ast.Call):
            name = getattr(parent.func, "id", None) or getattr(parent.func, "attr", None) or ""
            if name in QUIET_CALLS or name.endswith("Error"):
                return True
        if isinstance(parent, ast.Subscript) and getattr(parent.value, "id", "") == "Literal":
            return True
        if isinstance(parent, ast.Assign) and any(getattr(t, "attr", None) == "config" for t in parent.targets):
            return True  # a Markdown extension's settings, described for maintainers
        parent = parents.get(id(parent))
    return False


def python_words(source: str) -> list[str]:
    """English strings in Python source that could reach a reader (docstrings and comments aside)."""
    tree = ast.parse(source)
    parents = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Constant) or not isinstance(node.value, str) or id(node) in docstrings:
            continue
        text = MARKUP.sub(" ", node.value)
        if text.strip() in NOT_INTERFACE or not (PHRASE.search(text) or CAPITALISED.search(text)):
            continue
        if not _quiet(node, parents):
            found.append(f"line {node.lineno}: {node.value!r}")
    return found


def test_python_holds_no_words_for_readers():
    files = [p for p in PYTHON if not p.relative_to(ROOT).as_posix().startswith(QUIET_FILES)]
    assert len(files) > 20, "the scan found few Python files: it is looking in the wrong place"
    found = [
        f"{path.relative_to(ROOT)}: {words}"
        for path in files
        for words in python_words(path.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize(
    "template, words",
    [
        ("<p>{{ ui.web.help }}</p>", []),
        ('<a href="#" aria-label="{{ ui.x }}">{{ ui.y }}</a>', []),
        ("<button data-print hidden>Print this page</button>", ["Print this page"]),
        ('<div data-msg-done="Your PDF is ready:">', ["data-msg-done='Your PDF is ready:'"]),
        ("<style>@page { size: A4; }</style>", []),
    ],
)
def test_the_template_scan_catches_a_word_put_back(tmp_path, template, words):
    path = tmp_path / "fragment.html"
    path.write_text(template, encoding="utf-8")
    assert template_words(path) == words


@pytest.mark.parametrize(
    "source, caught",
    [
        ('verb.text = "chat online at "', True),
        ('title.text = self.argument or "Contents"', True),
        ('label = "not built"', True),
        ('verb.text = words["how_chat"] + " "', False),
        ('raise ValueError("the marker is missing. Fix: put it back")', False),
        ('link.set("rel", "noopener noreferrer")', False),
        ('REGIONS = ("US", "Canada")', False),
    ],
)
def test_the_python_scan_catches_a_word_put_back(source, caught):
    assert bool(python_words(source)) is caught
