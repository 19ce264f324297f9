"""Interface words, from data/ui/<language>.yml (the language is mkdocs.yml's theme.language).

The templates, the Markdown blocks, the handouts, the book and the offline README take their
words from here, so a translation is one file. A translation must have every key English has.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from guide.checks.readfile import load_data, read_yaml
from guide.problems import ContentError, Problem

SECTIONS = (
    "web",
    "helplines",
    "blocks",
    "kinds",
    "who",
    "paper",
    "paper_sizes",
    "catalog",
    "pack",
    "programme",
    "book",
    "downloads",
    "exercise",
    "exercise_sections",
    "exercise_stop",
)


class ExerciseSections(BaseModel):
    """The headings of an exercise page, by key (guide.model.SECTION_KEYS gives their order)."""

    model_config = ConfigDict(extra="forbid")
    purpose: str
    time: str
    before: str
    steps: str
    afterwards: str
    tracker: str
    hard: str
    variations: str
    pause: str


class ExerciseStop(BaseModel):
    model_config = ConfigDict(extra="forbid")
    stop: list[str] = Field(min_length=1)
    any_time: list[str] = Field(min_length=1)


class Words(BaseModel):
    model_config = ConfigDict(extra="forbid")
    locale: str
    web: dict[str, str]
    helplines: dict[str, str]
    blocks: dict[str, str]
    kinds: dict[str, str]
    who: dict[str, str]
    paper: dict[str, str]
    paper_sizes: dict[str, str]
    catalog: dict[str, str]
    pack: dict[str, str]
    programme: dict[str, str]
    book: dict[str, str]
    downloads: dict[str, str]
    exercise: dict[str, str]
    exercise_sections: ExerciseSections
    exercise_stop: ExerciseStop


def load(root: Path, language: str = "en") -> dict:
    """The words as a dict of sections; raises ContentError with one line per problem."""
    path = root / "data" / "ui" / f"{language}.yml"
    name = f"data/ui/{language}.yml"
    if not path.exists():
        raise ContentError(
            [
                Problem(
                    name,
                    None,
                    "file",
                    f"there are no interface words for language '{language}'",
                    "copy data/ui/en.yml to this name and translate its values",
                )
            ]
        )
    words = load_data(path, name, Words).model_dump()
    if language != "en":
        english, _ = read_yaml(root / "data" / "ui" / "en.yml", "data/ui/en.yml")
        missing = [f"{s}.{k}" for s in SECTIONS for k in english.get(s, {}) if k not in words[s]]
        if missing:
            raise ContentError(
                [
                    Problem(name, None, key, "this word is missing", "add it, translated from data/ui/en.yml")
                    for key in missing
                ]
            )
    return words


def lang(words: dict) -> str:
    """The language for a paper document's <html lang> (and so its PDF's /Lang), from the
    locale: en_GB -> en, as Material writes it on the web pages."""
    return words["locale"].split("_")[0]


def date(value, words: dict) -> str:
    """A date in the words' language, e.g. '1 December 2026'."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=words["locale"])
