"""Load every page, check it against the content model, and report problems.

``load()`` returns the whole site's content as typed objects; it raises
``ContentError`` listing every problem, one line each.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from guide.checks import citations, nocode
from guide.checks import hidden as hidden_pages
from guide.checks.body import (
    block_problems,
    code_free_lines,
    exercise_problems,
    headings,
    helpline_problems,
    link_problems,
    rel_key,
)
from guide.checks.frontmatter import Source, read
from guide.data import glossary, helplines
from guide.model import ArticleMeta, ExerciseMeta, ProgrammeMeta
from guide.paths import DOCS, rel
from guide.problems import ContentError, Problem


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
        docs = self.source.base / "docs" if self.source.base else DOCS
        return self.path.relative_to(docs).as_posix()


@dataclass
class Content:
    articles: dict[str, Page] = field(default_factory=dict)
    exercises: dict[str, Page] = field(default_factory=dict)
    programmes: dict[str, Page] = field(default_factory=dict)
    other: dict[str, Page] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _uris: dict[str, Page] = field(default_factory=dict, repr=False)  # by_uri's index, made on first use

    def by_uri(self, src_uri: str) -> Page | None:
        """The page at a docs-relative path ('articles/flooding.md'), if it is a checked page."""
        pages = self.all_pages()
        if len(self._uris) != len(pages):  # pages are added while the content is checked
            self._uris = {page.src_uri: page for page in pages}
        return self._uris.get(src_uri)

    def all_pages(self) -> list[Page]:
        return [*self.other.values(), *self.articles.values(), *self.exercises.values(), *self.programmes.values()]


def model_for(path: Path, docs: Path):
    parts = path.relative_to(docs).parts
    if len(parts) == 2 and parts[1] != "index.md":
        return {"articles": ArticleMeta, "exercises": ExerciseMeta, "programmes": ProgrammeMeta}.get(
            parts[0], ArticleMeta
        )
    return ArticleMeta


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
            out.append(
                Problem(
                    src.name, line, name, "unknown field", "remove it, or check its spelling against CONTRIBUTING.md"
                )
            )
        elif kind == "missing":
            out.append(Problem(src.name, 2, name, "required field is missing", f"add '{loc[0]}:' to the front matter"))
        elif kind == "string_pattern_mismatch" and loc[0] in PATTERN_HINTS:
            problem, fix = PATTERN_HINTS[loc[0]]
            out.append(Problem(src.name, line, name, problem, fix))
        else:
            msg = err["msg"].removeprefix("Value error, ")
            out.append(Problem(src.name, line, name, msg, "correct the value (see CONTRIBUTING.md or schemas/)"))
    return out


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
                "Fix: re-check it against its source and update 'verified'."
            )
    anchors: dict[str, set[str]] = {}
    sources: list[Source] = []
    slugs: dict[str, str] = {}
    broken: set[str] = set()
    hidden = set(data.identity.hide_pages)  # a fork's hidden pages are not read at all
    problems += hidden_pages.problems(data.identity.hide_pages, docs)
    for path in sorted(docs.rglob("*.md")):
        key = rel_key(path, docs)
        if key in hidden:
            continue
        src, errs = read(path, docs.parent)
        problems += errs
        if src is not None and hidden:
            hidden_pages.unlink(src, hidden, docs)
        if src is None:
            anchors[key] = None  # exists, but unreadable: don't report links to it as well
            broken.add(path.stem)
            continue
        anchors[key] = {a for *_, a in headings(src.body)} | set(re.findall(r'id="([\w-]+)"', src.body))
        sources.append(src)
        if path.stem != "index":
            lowered = path.stem.lower()
            if lowered in slugs:
                problems.append(
                    Problem(
                        src.name,
                        None,
                        "slug",
                        f"the slug '{path.stem}' is also used by {slugs[lowered]}",
                        "rename one of the files; slugs must be unique across the site",
                    )
                )
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
            problems.append(
                Problem(
                    src.name, src.body_line, "body", "the page has no text", "write the page below the front matter"
                )
            )
        for n, level, text, _ in headings(src.body):
            if level == 1:
                problems.append(
                    Problem(
                        src.name,
                        src.body_line + n,
                        "heading",
                        f"level-one heading '# {text}'",
                        "remove it: the title comes from the front matter; start sections with '##'",
                    )
                )
        problems += block_problems(src)
        content.warnings += [
            f"{src.name}:{n}: TODO: placeholder text is still on the page. Fix: write it, or remove the line"
            for n, line in code_free_lines(src.body, src.body_line)
            if "TODO" in line
        ]
        problems += nocode.value_problems(src.name, src.meta, src.node, first_line=2)
        problems += nocode.body_problems(src.name, src.body, src.body_line)
        problems += helpline_problems(src, lines)
        if meta is None:
            continue
        page = Page(src, meta)
        problems += citations.footnote_problems(src)
        found, warned = citations.review_problems(src, meta.last_reviewed, today or dt.date.today())
        problems += found
        content.warnings += warned
        if isinstance(meta, ExerciseMeta):
            problems += exercise_problems(src, meta, data.ui)
            content.exercises[src.slug] = page
        elif isinstance(meta, ProgrammeMeta):
            content.programmes[src.slug] = page
        elif src.path.parent == docs / "articles":
            content.articles[src.slug] = page
        else:
            content.other[rel_key(src.path, docs)] = page
    for page in content.all_pages():
        problems += link_problems(page.source, anchors, docs)
        problems += [p for p in _reference_problems(page, content) if not any(f"'{b}'" in p.message for b in broken)]
    problems += data.glossary_problems
    from guide.web import reader_questions
    from guide.web.fragments import page_url

    every_page = {page_url(rel_key(path, docs)) for path in docs.rglob("*.md")}  # hidden ones too
    problems += reader_questions.page_problems(data.questions, data.question_lines, every_page)
    return content, problems


@dataclass
class Data:
    """The data files, each read and checked once: what pages are checked against and rendered with."""

    helplines: dict
    identity: object
    tags: tuple[str, ...]
    synonyms: list[list[str]]
    search: object  # data/search.yml (guide.web.search_engine.SearchSettings)
    questions: dict[str, list[str]]  # data/reader_questions.yml: page address -> readers' questions
    question_lines: dict[str, int | None]
    ui: dict  # data/ui/<language>.yml: interface words
    glossary: dict[str, str]
    glossary_problems: list[Problem]


def load_data(root: Path, language: str = "en") -> tuple[Data | None, list[Problem]]:
    """Every data file once; each broken one gives its own lines."""
    from guide.checks.readfile import load_data as load_file
    from guide.data import identity, ui
    from guide.model import Taxonomy
    from guide.web import reader_questions, search_engine, search_index

    found: dict[str, object] = {}
    problems: list[Problem] = []
    jobs = {
        "helplines": lambda: helplines.load(str(root / "data" / "helplines.yml")),
        "identity": lambda: identity.load(identity.identity_path(root)),
        "tags": lambda: tuple(load_file(root / "data" / "taxonomy.yml", "data/taxonomy.yml", Taxonomy).tags),
        "synonyms": lambda: search_index.synonym_groups(root / "data" / "search_synonyms.yml"),
        "search": lambda: search_engine.settings(root / "data" / "search.yml"),
        "ui": lambda: ui.load(root, language),
        "questions": lambda: reader_questions.load(root / "data" / "reader_questions.yml"),
    }
    for name, job in jobs.items():
        try:
            found[name] = job()
        except ContentError as exc:
            problems += exc.problems
    if "questions" in found:
        found["questions"], found["question_lines"] = found["questions"]
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
            out.append(
                Problem(
                    src.name,
                    src.key_lines.get("prerequisites"),
                    "prerequisites",
                    "an exercise cannot be its own prerequisite",
                    "remove it from the list",
                )
            )
    if isinstance(meta, ArticleMeta):
        refs += [("related_exercises", s, content.exercises) for s in meta.related_exercises]
    if isinstance(meta, ProgrammeMeta):
        refs += [("weeks", s, content.exercises) for w in meta.weeks for s in w.exercises]
    for field_name, slug, pool in refs:
        if slug not in pool:
            kind = "exercise" if pool is content.exercises else "article"
            out.append(
                Problem(
                    src.name,
                    src.key_lines.get(field_name),
                    field_name,
                    f"no {kind} with the slug '{slug}'",
                    f"use an existing {kind} slug (a file name in docs/{kind}s/ without .md)",
                )
            )
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
    print(
        f"content ok: {len(content.articles)} articles, {len(content.exercises)} exercises, "
        f"{len(content.programmes)} programmes, {len(content.other)} other pages ({rel(DOCS)})"
    )
    return 0
