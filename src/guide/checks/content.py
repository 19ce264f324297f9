"""Load every page, check it against the content model, and report problems.

``load()`` returns the whole site's content as typed objects; it raises
``ContentError`` listing every problem, one line each.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify
from pydantic import ValidationError

from guide.checks import citations, nocode
from guide.checks.frontmatter import Source, read
from guide.data import glossary, helplines
from guide.markdown.blocks import ARGUMENT_REQUIRED, BLOCK_OPTIONS, LABELS, labels
from guide.model import EXERCISE_SECTIONS, TRACKER_SECTION, ArticleMeta, ExerciseMeta, ProgrammeMeta
from guide.paths import DOCS, rel
from guide.problems import ContentError, Problem

BLOCK_OPEN = re.compile(r"^/{3,}\s*(?P<name>[\w-]+)(?:\s*\|\s*(?P<arg>.*))?\s*$")
BLOCK_CLOSE = re.compile(r"^/{3,}\s*$")
OPTION = re.compile(r"^ {4}(?P<key>[\w-]+):\s*(?P<value>.*)$")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.+?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*$")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)")
FENCE = re.compile(r"^(```|~~~)")


@dataclass
class Page:
    source: Source
    meta: ArticleMeta | ExerciseMeta | ProgrammeMeta

    @property
    def slug(self) -> str:
        return self.source.slug

    @property
    def path(self) -> Path:
        return self.source.path

    @property
    def src_uri(self) -> str:
        return self.path.relative_to(DOCS).as_posix()


@dataclass
class Content:
    articles: dict[str, Page] = field(default_factory=dict)
    exercises: dict[str, Page] = field(default_factory=dict)
    programmes: dict[str, Page] = field(default_factory=dict)
    other: dict[str, Page] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def by_uri(self, src_uri: str) -> Page | None:
        """The page at a docs-relative path ('articles/flooding.md'), if it is a checked page."""
        for page in self.all_pages():
            if page.src_uri == src_uri:
                return page
        return None

    def all_pages(self) -> list[Page]:
        return [*self.other.values(), *self.articles.values(), *self.exercises.values(), *self.programmes.values()]


def model_for(path: Path, docs: Path):
    parts = path.relative_to(docs).parts
    if len(parts) == 2 and parts[1] != "index.md":
        return {"articles": ArticleMeta, "exercises": ExerciseMeta, "programmes": ProgrammeMeta}.get(parts[0], ArticleMeta)
    return ArticleMeta


def code_free_lines(body: str, first: int):
    """(line number, text) for lines outside fenced code."""
    in_fence = False
    for offset, line in enumerate(body.splitlines()):
        if FENCE.match(line.strip()):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield first + offset, line


def headings(body: str) -> list[tuple[int, int, str, str]]:
    """(line offset, level, text, anchor id) for every ATX heading outside code."""
    found = []
    for n, line in code_free_lines(body, 0):
        m = HEADING.match(line)
        if m:
            attrs = m.group("attrs") or ""
            explicit = re.search(r"#([\w-]+)", attrs)
            text = m.group("text").strip()
            found.append((n, len(m.group("level")), text, explicit.group(1) if explicit else slugify(text, "-")))
    return found


PATTERN_HINTS = {
    "description": ("has a straight double quote or a line break", "use curly quotes “ ” (or none), on one line"),
    "summary": ("has a straight double quote or a line break", "use curly quotes “ ” (or none), on one line"),
    "title": ("has a '#' or a line break", "write the title as plain words on one line"),
    "prerequisites": ("is not a slug", "use the exercise's file name without .md, e.g. break-plan"),
    "related_exercises": ("is not a slug", "use the exercise's file name without .md, e.g. break-plan"),
    "related_articles": ("is not a slug", "use the article's file name without .md, e.g. flooding"),
}


def _meta_problems(src: Source, exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors():
        loc = [str(x) for x in err["loc"]]
        name = ".".join(loc) or "front matter"
        line = src.key_lines.get(loc[0]) if loc else None
        kind = err["type"]
        if kind == "extra_forbidden":
            out.append(Problem(src.name, line, name, "unknown field", "remove it, or check its spelling against CONTRIBUTING.md"))
        elif kind == "missing":
            out.append(Problem(src.name, 2, name, "required field is missing", f"add '{loc[0]}:' to the front matter"))
        elif kind == "string_pattern_mismatch" and loc[0] in PATTERN_HINTS:
            problem, fix = PATTERN_HINTS[loc[0]]
            out.append(Problem(src.name, line, name, problem, fix))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            out.append(Problem(src.name, line, name, msg, "correct the value (see CONTRIBUTING.md or schemas/)"))
    return out


def _block_problems(src: Source) -> list[Problem]:
    out: list[Problem] = []
    lines = list(code_free_lines(src.body, src.body_line))
    depth = 0
    for i, (n, line) in enumerate(lines):
        if BLOCK_CLOSE.match(line):
            depth -= 1
            if depth < 0:
                out.append(Problem(src.name, n, "block", "'///' closes a block that was never opened", "remove it"))
                depth = 0
            continue
        m = BLOCK_OPEN.match(line)
        if not m:
            continue
        depth += 1
        name, arg = m.group("name"), (m.group("arg") or "").strip()
        if name not in BLOCK_OPTIONS:
            out.append(Problem(src.name, n, "block", f"unknown block '{name}'",
                               f"use one of: {', '.join(BLOCK_OPTIONS)}"))
            continue
        if name in ARGUMENT_REQUIRED and not arg:
            out.append(Problem(src.name, n, "block", f"'{name}' needs a question after '|'",
                               f"write '/// {name} | Your question?'"))
        if name == "stop-signs" and arg:
            out.append(Problem(src.name, n, "block", "'stop-signs' takes no title", "remove the text after '|'"))
        for n2, opt_line in lines[i + 1:]:
            om = OPTION.match(opt_line)
            if not om:
                break
            key, value = om.group("key"), om.group("value").strip()
            allowed = BLOCK_OPTIONS[name]
            if key not in allowed:
                fix = f"allowed: {', '.join(allowed)}" if allowed else f"'{name}' takes no options; remove the line"
                out.append(Problem(src.name, n2, "block", f"unknown option '{key}' for '{name}'", fix))
            elif allowed[key] == LABELS:
                found = labels(value)
                if not 2 <= len(found) <= 5 or any(len(label) > 20 for label in found):
                    out.append(Problem(src.name, n2, "block", f"'{key}' must be 2 to 5 short labels, separated by commas",
                                       f"write e.g. '{key}: Yes, Maybe, No'"))
            else:
                lo, hi = allowed[key]
                if not value.isdigit() or not lo <= int(value) <= hi:
                    out.append(Problem(src.name, n2, "block", f"'{key}' must be a whole number from {lo} to {hi}",
                                       f"write e.g. '{key}: {lo + 3 if hi > lo + 3 else lo}'"))
    if depth > 0:
        out.append(Problem(src.name, None, "block", "a block is never closed", "add a line with just '///' after it"))
    return out


def _helpline_problems(src: Source, lines: dict) -> list[Problem]:
    out = []
    for n, line in code_free_lines(src.body, src.body_line):
        if line.lstrip().startswith("[^"):
            pass  # footnotes may cite page ranges; they are still checked below
        for m in helplines.TOPIC_MARKER.finditer(line):
            if m.group("topic") not in helplines.TOPICS:
                out.append(Problem(src.name, n, "help line", f"no help-line topic '{m.group('topic')}'",
                                   f"use one of: {', '.join(helplines.TOPICS)}"))
        for m in helplines.ANY_MARKER.finditer(line):
            form = m.group("form")
            hm = helplines.MARKER.fullmatch(m.group(0))
            if form not in ("helpline", "phone") or not hm:
                out.append(Problem(src.name, n, "help line", f"unknown marker '{m.group(0)}'",
                                   "write [[helpline:ID]] or [[phone:ID]]"))
            elif hm.group("id") not in lines:
                out.append(Problem(src.name, n, "help line", f"no help line '{hm.group('id')}' in data/helplines.yml",
                                   f"use one of: {', '.join(sorted(lines))}"))
        text = helplines.ANY_MARKER.sub(" ", line)
        text = re.sub(r"\]\([^)]*\)|https?://\S+", " ", text)
        for number in helplines.unlisted_numbers(text, lines):
            out.append(Problem(src.name, n, "phone number", f"'{number}' is not in data/helplines.yml",
                               "add it there with its source, then write [[phone:ID]] instead"))
    return out


def _exercise_problems(src: Source, meta: ExerciseMeta) -> list[Problem]:
    out = []
    heads = [(src.body_line + n, text) for n, level, text, _ in headings(src.body) if level == 2]
    expected = list(EXERCISE_SECTIONS)
    if meta.tracker:
        expected.insert(expected.index("When it is hard"), TRACKER_SECTION)
    found = [t for _, t in heads]
    for name in expected:
        if name not in found:
            out.append(Problem(src.name, None, "section", f"missing section '## {name}'",
                               f"add it; exercise sections in order: {' / '.join(expected)}"))
    if not meta.tracker and TRACKER_SECTION in found:
        out.append(Problem(src.name, src.key_lines.get("tracker"), "tracker",
                           "the body has '## Tracker' but the front matter does not say tracker: true",
                           "add 'tracker: true'"))
    present = [t for t in found if t in expected]
    if not out and present != expected:
        out.append(Problem(src.name, None, "section", "sections are out of order",
                           f"put them in this order: {' / '.join(expected)}"))
    if out:
        return out
    starts = {t: n for n, t in heads}
    body_lines = src.body.splitlines()

    def section(name):
        start = starts[name] - src.body_line + 1
        later = [n - src.body_line for n, _ in heads if n - src.body_line >= start]
        return "\n".join(body_lines[start:(later[0] if later else len(body_lines))])

    checks = [
        ("Before you start", r"^/{3,}\s*stop-signs", "has no stop-signs block", "add a '/// stop-signs' block"),
        ("Before you start", r"(?i)stop\b.*\b(any time|at any moment|anytime|any point)|(any time|at any moment|anytime|any point).*\bstop",
         "does not say that anyone may stop at any time", "say plainly that either of you may stop at any time"),
        ("Steps", r"(?m)^1\.\s", "has no numbered steps", "write the steps as a numbered list (1. 2. 3.)"),
        ("Afterwards", r"(?m)^/{3,}\s*write-in", "has no write-in question", "add a '/// write-in | Question?' block"),
    ]
    if meta.tracker:
        checks.append((TRACKER_SECTION, r"(?m)^/{3,}\s*tracker", "has no tracker block", "add a '/// tracker' block"))
    for name, pattern, problem, fix in checks:
        if not re.search(pattern, section(name), re.M | re.S if "any time" in pattern else re.M):
            out.append(Problem(src.name, starts[name], "section", f"'## {name}' {problem}", fix))
    return out


def _link_problems(page: Page, anchors: dict[str, set[str]], docs: Path) -> list[Problem]:
    out = []
    src = page.source
    for n, line in code_free_lines(src.body, src.body_line):
        for m in LINK.finditer(line):
            target = m.group("target")
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                continue
            path_part, _, anchor = target.partition("#")
            if path_part.startswith("/"):
                out.append(Problem(src.name, n, "link", f"absolute link '{target}'",
                                   "use a relative link to the .md file, e.g. ../articles/flooding.md"))
                continue
            if path_part:
                resolved = Path(os.path.normpath(src.path.parent.absolute() / path_part))
                key = rel_key(resolved, docs)
                if not path_part.endswith(".md") and not resolved.exists():
                    out.append(Problem(src.name, n, "link", f"'{target}' does not exist",
                                       "link to an existing file, e.g. ../articles/flooding.md"))
                    continue
                if path_part.endswith(".md") and key not in anchors:
                    out.append(Problem(src.name, n, "link", f"'{target}' points to a page that does not exist",
                                       "check the file name in docs/, e.g. ../exercises/break-plan.md"))
                    continue
            else:
                key = rel_key(src.path, docs)
            if anchor and anchors.get(key) is not None and anchor not in anchors[key]:
                out.append(Problem(src.name, n, "link", f"'{target}': no heading with the anchor '#{anchor}'",
                                   f"use one of: {', '.join(sorted(anchors[key])[:8]) or 'no headings there'}"))
    return out


def rel_key(path: Path, docs: Path) -> str:
    """The path inside docs/ ('articles/flooding.md'), or the path itself if it is outside."""
    inside = os.path.relpath(os.path.normpath(path.absolute()), os.path.normpath(docs.absolute()))
    return str(path) if inside.startswith("..") else Path(inside).as_posix()


def check(docs: Path = DOCS, today: dt.date | None = None, data: Data | None = None) -> tuple[Content, list[Problem]]:
    """Read and check every page against the data files. Returns the content and every problem."""
    content = Content()
    problems: list[Problem] = []
    if data is None:
        data, data_problems = load_data(docs.parent)
        if data_problems:  # a broken data file stops everything: pages are checked against it
            return content, data_problems
    lines = data.helplines
    for entry in lines.values():
        if entry.is_stale():
            content.warnings.append(
                f"data/helplines.yml: {entry.id}: verified {entry.verified}, over 6 months ago. "
                "Fix: re-check it against its source and update 'verified'.")
    anchors: dict[str, set[str]] = {}
    sources: list[Source] = []
    slugs: dict[str, str] = {}
    broken: set[str] = set()
    for path in sorted(docs.rglob("*.md")):
        src, errs = read(path, docs.parent)
        problems += errs
        key = rel_key(path, docs)
        if src is None:
            anchors[key] = None  # exists, but unreadable: don't report links to it as well
            broken.add(path.stem)
            continue
        anchors[key] = {a for *_, a in headings(src.body)} | set(re.findall(r'id="([\w-]+)"', src.body))
        sources.append(src)
        if path.stem != "index":
            lowered = path.stem.lower()
            if lowered in slugs:
                problems.append(Problem(src.name, None, "slug", f"the slug '{path.stem}' is also used by {slugs[lowered]}",
                                        "rename one of the files; slugs must be unique across the site"))
            else:
                slugs[lowered] = src.name
    for src in sources:
        model = model_for(src.path, docs)
        try:
            meta = model.model_validate(src.meta, context={"tags": data.tags})
        except ValidationError as exc:
            problems += _meta_problems(src, exc)
            broken.add(src.slug)
            meta = None
        if not re.sub(r"<!--.*?-->", "", src.body, flags=re.S).strip():
            problems.append(Problem(src.name, src.body_line, "body", "the page has no text", "write the page below the front matter"))
        for n, level, text, _ in headings(src.body):
            if level == 1:
                problems.append(Problem(src.name, src.body_line + n, "heading", f"level-one heading '# {text}'",
                                        "remove it: the title comes from the front matter; start sections with '##'"))
        problems += _block_problems(src)
        problems += nocode.value_problems(src.name, src.meta, src.node, first_line=2)
        problems += nocode.body_problems(src.name, src.body, src.body_line)
        problems += _helpline_problems(src, lines)
        if meta is None:
            continue
        page = Page(src, meta)
        problems += citations.footnote_problems(src)
        found, warned = citations.review_problems(src, meta.last_reviewed, today or dt.date.today())
        problems += found
        content.warnings += warned
        if isinstance(meta, ExerciseMeta):
            problems += _exercise_problems(src, meta)
            content.exercises[src.slug] = page
        elif isinstance(meta, ProgrammeMeta):
            content.programmes[src.slug] = page
        elif src.path.parent == docs / "articles":
            content.articles[src.slug] = page
        else:
            content.other[rel_key(src.path, docs)] = page
    for page in content.all_pages():
        problems += _link_problems(page, anchors, docs)
        problems += [p for p in _reference_problems(page, content) if not any(f"'{b}'" in p.message for b in broken)]
    problems += data.glossary_problems
    return content, problems


@dataclass
class Data:
    """The data files, each read and checked once: what pages are checked against and rendered with."""

    helplines: dict
    identity: object
    tags: tuple[str, ...]
    synonyms: list[list[str]]
    glossary: dict[str, str]
    glossary_problems: list[Problem]


def load_data(root: Path) -> tuple[Data | None, list[Problem]]:
    """Every data file once; each broken one gives its own lines."""
    from guide.checks.readfile import load_data as load_file
    from guide.data import identity
    from guide.model import Taxonomy
    from guide.web import search_index

    found: dict[str, object] = {}
    problems: list[Problem] = []
    jobs = {
        "helplines": lambda: helplines.load(str(root / "data" / "helplines.yml")),
        "identity": lambda: identity.load(identity.identity_path(root)),
        "tags": lambda: tuple(load_file(root / "data" / "taxonomy.yml", "data/taxonomy.yml", Taxonomy).tags),
        "synonyms": lambda: search_index.synonym_groups(root / "data" / "search_synonyms.yml"),
    }
    for name, job in jobs.items():
        try:
            found[name] = job()
        except ContentError as exc:
            problems += exc.problems
    glossary_file = root / "includes" / "glossary.md"
    terms, glossary_problems = glossary.read(glossary_file, "includes/glossary.md")
    if problems:
        return None, problems
    return Data(glossary=terms, glossary_problems=glossary_problems, **found), []


def _reference_problems(page: Page, content: Content) -> list[Problem]:
    out = []
    src, meta = page.source, page.meta
    refs = []
    if isinstance(meta, ExerciseMeta):
        refs += [("prerequisites", s, content.exercises) for s in meta.prerequisites]
        refs += [("related_articles", s, content.articles) for s in meta.related_articles]
        if page.slug in meta.prerequisites:
            out.append(Problem(src.name, src.key_lines.get("prerequisites"), "prerequisites",
                               "an exercise cannot be its own prerequisite", "remove it from the list"))
    if isinstance(meta, ArticleMeta):
        refs += [("related_exercises", s, content.exercises) for s in meta.related_exercises]
    if isinstance(meta, ProgrammeMeta):
        refs += [("weeks", s, content.exercises) for w in meta.weeks for s in w.exercises]
    for field_name, slug, pool in refs:
        if slug not in pool:
            kind = "exercise" if pool is content.exercises else "article"
            out.append(Problem(src.name, src.key_lines.get(field_name), field_name,
                               f"no {kind} with the slug '{slug}'",
                               f"use an existing {kind} slug (a file name in docs/{kind}s/ without .md)"))
    return out


def load(docs: Path = DOCS) -> Content:
    content, problems = check(docs)
    if problems:
        raise ContentError(problems)
    return content


def main() -> int:
    import sys

    content, problems = check()
    for warning in content.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    for problem in sorted(problems, key=lambda p: (p.file, p.line or 0)):
        print(problem, file=sys.stderr)
    if problems:
        print(f"{len(problems)} problem(s) found; nothing was built.", file=sys.stderr)
        return 1
    print(f"content ok: {len(content.articles)} articles, {len(content.exercises)} exercises, "
          f"{len(content.programmes)} programmes, {len(content.other)} other pages ({rel(DOCS)})")
    return 0
