"""Scaffold a new article or exercise: a valid starter page, added to the nav.

``new_page("exercise", "Sharing a worry")`` writes ``docs/exercises/sharing-a-worry.md``
with front matter that passes the content model, every required section with
placeholder prose, and an entry in the ``nav:`` of ``mkdocs.yml``. The page is
then checked; if the check finds a problem in it, the page and the nav change
are both undone, so a bad scaffold never lands. Command line: scripts/new_page.py.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from pathlib import Path

import yaml

from guide import paths
from guide.checks import content
from guide.model import SECTION_KEYS, Kind

KINDS = ("exercise", "article")
STARTER_KIND = Kind.communication
PLACEHOLDER = "TODO: one sentence that says what this page is for."


class ScaffoldError(Exception):
    """A one-line reason the page was not created, with the fix."""


def slugify(title: str) -> str:
    """'Café talk: what's next?' -> 'cafe-talk-whats-next' (lowercase ASCII, words joined by '-')."""
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"['\u2019`]", "", text.lower())
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _check_title(title: str) -> str:
    title = title.strip()
    fix = "write a title of 3 to 80 characters in plain words, e.g. 'Sharing a worry'"
    if not title:
        raise ScaffoldError(f"title: the title is empty. Fix: {fix}")
    if "\n" in title or "\r" in title:
        raise ScaffoldError(f"title: the title has a line break. Fix: {fix}, on one line")
    if "#" in title:
        raise ScaffoldError(f"title: the title contains '#'. Fix: remove the '#'; {fix}")
    if not 3 <= len(title) <= 80:
        raise ScaffoldError(f"title: the title is {len(title)} characters long. Fix: {fix}")
    if not any(c.isalpha() for c in title):
        raise ScaffoldError(f"title: the title has no letters. Fix: {fix}")
    if not slugify(title):
        raise ScaffoldError(f"title: no file name can be made from {title!r}. Fix: use some letters A to Z")
    return title


def _yaml_text(value: str) -> str:
    """`value` as a YAML scalar: plain when that reads back the same, else quoted (JSON is valid YAML)."""
    try:
        if yaml.safe_load(f"t: {value}") == {"t": value}:
            return value
    except yaml.YAMLError:
        pass
    return json.dumps(value, ensure_ascii=False)


def _front_matter(kind: str, title: str) -> str:
    today = dt.date.today().isoformat()
    quoted = _yaml_text(title)
    if kind == "article":
        return (
            f"---\ntitle: {quoted}\ndescription: {_yaml_text(PLACEHOLDER)}\ntags: []\nkeywords: []\n"
            f'last_reviewed: {today}\nrelated_exercises: []\ntopic_note: ""\n---\n'
        )
    return (
        f"---\ntitle: {quoted}\nsummary: {_yaml_text(PLACEHOLDER)}\nkind: {STARTER_KIND.value}\nwho: couple\n"
        "minutes: 20\nhow_often: Once or twice a week\nprerequisites: []\nrelated_articles: []\n"
        "safety:\n  - Do not use this exercise while either of you is afraid of the other.\n"
        f"tags: []\nkeywords: []\nlast_reviewed: {today}\ntracker: false\n---\n"
    )


ARTICLE_BODY = """
TODO: Start with one or two short lines that speak to the reader as "you".

## What this page is about

TODO: Write short sentences in plain words. Aim for about ten words in each one.
"""

SECTION_TEXT = {
    "purpose": "TODO: Say in two or three short lines what this exercise helps with.",
    "time": (
        "- **Time:** about 20 minutes.\n- **How often:** once or twice a week.\n- **Who:** both of you, at a calm time."
    ),
    "before": (
        "TODO: Say what to agree first, such as a time, a private place and a stop word.\n\n"
        "**Anyone may stop at any time, without giving a reason.**\n\n"
        '/// stop-signs\n- Either of you says the stop word, or simply "stop".\n'
        "- Pain, panic, or a memory that feels too close.\n///"
    ),
    "steps": "1. TODO: Write the first step.\n2. TODO: Write the next step.\n3. TODO: Say how to end.",
    "afterwards": "/// write-in | What did you notice?\n    lines: 4\n///",
    "hard": "TODO: Name a common problem, and say what helps.",
    "variations": (
        "- **Solo:** TODO: how to do it on your own.\n- **Same-sex couples:** TODO: what changes, if anything.\n"
        "- **Disability or chronic pain:** TODO: how to adapt it.\n- **Low energy:** TODO: a shorter version."
    ),
    "pause": (
        "Talk to your therapist if it keeps going wrong, or if anyone feels "
        "scared or in pain. If you are not safe, go to "
        "[Get help now](../help.md)."
    ),
}


def _exercise_body(words: dict) -> str:
    """Every section, headed in the site's language, with starter text for the author."""
    name = words["exercise_sections"]
    return "".join(f"\n## {name[key]}\n\n{SECTION_TEXT[key]}\n" for key in SECTION_KEYS)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _insert_after_block(lines: list[str], header: str, start: int, entry: str) -> list[str]:
    """Insert `entry` after the last line of the block under `header` (searched from `start`)."""
    try:
        at = next(i for i in range(start, len(lines)) if lines[i].rstrip() == header)
    except StopIteration:
        raise ScaffoldError(
            f"mkdocs.yml: no {header.strip()!r} section in the nav. Fix: add it, or add the page to the nav by hand"
        ) from None
    last = at
    for i in range(at + 1, len(lines)):
        if lines[i].strip() and _indent(lines[i]) <= _indent(header):
            break
        if lines[i].strip():
            last = i
    out = list(lines)
    if not out[last].endswith("\n"):
        out[last] += "\n"
    out.insert(last + 1, " " * (_indent(header) + 4) + f"- {entry}\n")
    return out


def add_to_nav(text: str, kind: str, slug: str, kind_label: str) -> str:
    """mkdocs.yml text with the new page appended to its nav section (edited as text: it has !ENV).

    An exercise goes under the nav section named like its kind (``kind_label``, from data/ui).
    """
    entry = f"{kind}s/{slug}.md"
    lines = text.splitlines(keepends=True)
    try:
        nav = next(i for i, line in enumerate(lines) if line.rstrip() == "nav:")
    except StopIteration:
        raise ScaffoldError("mkdocs.yml: there is no 'nav:'. Fix: add the nav back from git") from None
    if any(line.strip() == f"- {entry}" for line in lines[nav:]):
        return text
    if kind == "article":
        return "".join(_insert_after_block(lines, "  - More topics:", nav, entry))
    homework = next((i for i in range(nav, len(lines)) if lines[i].rstrip() == "  - Homework:"), None)
    if homework is None:
        raise ScaffoldError("mkdocs.yml: no 'Homework:' section in the nav. Fix: add it, or add the page by hand")
    return "".join(_insert_after_block(lines, f"      - {kind_label}:", homework, entry))


LOCAL = "data/site.local.yml"
LOCAL_SECTION = "Our pages"


def inline_items(line: str) -> tuple[str, list[str]]:
    """'    pages: [a, b]' -> ('    pages: ', ['a', 'b']): a YAML flow list on one line."""
    return line[: line.index("[")], [
        i.strip() for i in line[line.index("[") + 1 : line.rindex("]")].split(",") if i.strip()
    ]


def add_to_local_nav(text: str, uri: str, section: str = LOCAL_SECTION) -> str:
    """data/site.local.yml text with ``uri`` added to the ``local_nav`` section ``section``
    (made if missing), edited as text so the fork's comments stay."""
    lines = text.split("\n") if text else []
    if any(uri in line for line in lines):
        return text
    at = next((i for i, ln in enumerate(lines) if ln.startswith("local_nav:")), None)
    if at is None or lines[at].strip() == "local_nav: []":
        block = ["local_nav:", f"  - section: {section}", f"    pages: [{uri}]"]
        if at is None:
            body = "\n".join(lines).rstrip("\n")
            return (body + "\n" if body else "") + "\n".join(block) + "\n"
        return "\n".join([*lines[:at], *block, *lines[at + 1 :]])
    end = next(
        (i for i in range(at + 1, len(lines)) if lines[i].strip() and not lines[i].startswith((" ", "-"))), len(lines)
    )
    head = next(
        (i for i in range(at + 1, end) if lines[i].strip() in (f"- section: {section}", f'- section: "{section}"')),
        None,
    )
    if head is None:  # a new section at the end of local_nav
        last = max((i for i in range(at + 1, end) if lines[i].strip()), default=at)
        return "\n".join([*lines[: last + 1], f"  - section: {section}", f"    pages: [{uri}]", *lines[last + 1 :]])
    pages = next((i for i in range(head + 1, end) if lines[i].strip().startswith("pages:")), None)
    if pages is None:
        raise ScaffoldError(
            f"{LOCAL}:{head + 1}: local_nav: section '{section}' has no pages:. Fix: add the page by hand"
        )
    line = lines[pages]
    if "[" in line and line.rstrip().endswith("]"):
        head_text, items = inline_items(line)
        lines[pages] = head_text + "[" + ", ".join([*items, uri]) + "]"
        return "\n".join(lines)
    last = pages
    while (
        last + 1 < end
        and lines[last + 1].strip().startswith("- ")
        and not lines[last + 1].strip().startswith("- section:")
    ):
        last += 1
    indent = (
        " " * (len(lines[last]) - len(lines[last].lstrip()))
        if last > pages
        else " " * (len(line) - len(line.lstrip()) + 2)
    )
    return "\n".join([*lines[: last + 1], f"{indent}- {uri}", *lines[last + 1 :]])


def new_page(kind: str, title: str, root: Path = paths.ROOT, local: bool = False, section: str = LOCAL_SECTION) -> Path:
    """Write a starter page of `kind` ('exercise' or 'article') and add it to the nav. Returns its path.

    ``local`` (a fork): the page goes into a file upstream does not have (an article in
    docs/local/, an exercise in docs/exercises/) and into ``local_nav`` in data/site.local.yml,
    so mkdocs.yml is not touched and upstream's updates still merge cleanly.
    """
    if kind not in KINDS:
        raise ScaffoldError(f"kind: {kind!r} is not a page kind. Fix: use 'exercise' or 'article'")
    title = _check_title(title)
    slug = slugify(title)
    docs, config = Path(root) / "docs", Path(root) / "mkdocs.yml"
    for existing in sorted(docs.rglob("*.md")):
        if existing.stem.lower() == slug:
            name = existing.relative_to(root).as_posix()
            raise ScaffoldError(
                f"title: the slug '{slug}' is already used by {name}. Fix: pick another title, or edit {name}"
            )
    old_config = config.read_text(encoding="utf-8")
    from guide.data import ui

    language = re.search(r"^\s+language:\s*([\w-]+)", old_config, re.M)
    words = ui.load(Path(root), language.group(1) if language else "en")
    folder = "local" if local and kind == "article" else f"{kind}s"
    path = docs / folder / f"{slug}.md"
    if local:
        config = Path(root) / LOCAL
        old_config = config.read_text(encoding="utf-8") if config.exists() else ""
        new_config = add_to_local_nav(old_config, f"{folder}/{slug}.md", section)
    else:
        new_config = add_to_nav(old_config, kind, slug, words["kinds"][STARTER_KIND.value])
    body = ARTICLE_BODY if kind == "article" else _exercise_body(words)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(_front_matter(kind, title) + body, encoding="utf-8")
    config.write_text(new_config, encoding="utf-8")
    name = path.relative_to(root).as_posix()
    try:
        if local:
            from guide.site import Site

            _, problems = Site.load(Path(root), Path(root) / "mkdocs.yml")
        else:
            _, problems = content.check(docs)
        mine = [str(p) for p in problems if p.file in (name, LOCAL)]
    except Exception as exc:  # never leave a half-made page behind
        mine = [f"{name}: check: the content check failed ({exc})"]
    if mine:
        path.unlink(missing_ok=True)
        if local and not old_config:
            config.unlink(missing_ok=True)
        else:
            config.write_text(old_config, encoding="utf-8")
        raise ScaffoldError(
            f"{name}: the new page did not pass the checks, so it was removed. "
            "Fix: report this as a bug in guide.scaffold\n" + "\n".join(mine)
        )
    return path
