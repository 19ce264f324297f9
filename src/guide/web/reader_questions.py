"""Questions real readers asked, filed under the page that answers them (data/reader_questions.yml).

Each page's questions join its hidden ``keys`` in the search index (guide.web.search_engine):
indexed, never shown. A new reader's question shares words with the questions other readers
asked about the same thing ("he just walks off", "won't talk about it") more often than with
the page's own words. The file is written by tools/reader_questions.py from the search tuning
sets only (tests/data), never from the sets the search is reported on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import RootModel, StringConstraints, TypeAdapter, ValidationError

from guide.checks.readfile import node_line, read_yaml, validation_problems
from guide.paths import DATA
from guide.problems import ContentError, Problem

NAME = "data/reader_questions.yml"
Address = Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*$")]
Question = Annotated[str, StringConstraints(min_length=3, max_length=200, pattern=r"^[^<>\"`{}]+$")]


class ReaderQuestions(RootModel[dict[Address, list[Question]]]):
    pass


def load(path: Path | None = None) -> tuple[dict[str, list[str]], dict[str, int | None]]:
    """(questions by page address, the line of each address); raises ContentError."""
    value, node = read_yaml(path or DATA / "reader_questions.yml", NAME)
    try:
        found = TypeAdapter(ReaderQuestions).validate_python(value or {}).root
    except ValidationError as exc:
        raise ContentError(validation_problems(exc, NAME, node)) from None
    return found, {page: node_line(node, (page,)) for page in found}


def page_problems(questions: dict[str, list[str]], lines: dict[str, int | None], addresses: set[str]) -> list[Problem]:
    """One line for each address that is not a page of the site."""
    return [
        Problem(
            NAME,
            lines.get(page),
            page,
            "no page has this address",
            "use a page's address, like articles/flooding/, or remove it",
        )
        for page in questions
        if page not in addresses
    ]
