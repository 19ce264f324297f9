"""The content model: the single source of truth for front matter.

The build, the checks, the catalog, the handouts, the scaffolding command and
the JSON Schema for editors all read these classes. Allowed tags live in
``data/taxonomy.yml``.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from guide.checks.readfile import load_data
from guide.paths import DATA

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
OneLine = Annotated[
    str, StringConstraints(min_length=10, max_length=160, pattern=r"^[^\n\"]+$")
]  # no straight double quotes: they break meta tags
Title = Annotated[str, StringConstraints(min_length=3, max_length=80, pattern=r"^[^\n#]+$")]


class Taxonomy(BaseModel):
    model_config = ConfigDict(extra="allow")
    tags: list[Annotated[str, StringConstraints(min_length=2, max_length=40, pattern=r"^[^<>]+$")]] = Field(
        min_length=1
    )


def allowed_tags() -> tuple[str, ...]:
    """Raises ContentError with one line per problem in data/taxonomy.yml."""
    return tuple(load_data(DATA / "taxonomy.yml", "data/taxonomy.yml", Taxonomy).tags)


class Kind(str, Enum):
    communication = "communication"
    connection = "connection"
    sensual = "sensual"
    individual = "individual"


class Who(str, Enum):
    couple = "couple"
    individual = "individual"
    either = "either"


class _Page(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    title: Title = Field(description="The page title, shown as the heading. No '#'.")
    tags: list[str] = Field(default_factory=list, description="Values from data/taxonomy.yml.")
    keywords: list[str] = Field(
        default_factory=list,
        description="Plain words a worried reader would type into search. They feed the index.",
    )
    last_reviewed: dt.date = Field(description="When the page was last checked, YYYY-MM-DD.")
    search_boost: float | None = Field(
        default=None, ge=0.5, le=10, description="Raise (>1) or lower (<1) the page in search."
    )

    @field_validator("tags")
    @classmethod
    def _known_tags(cls, tags: list[str], info: ValidationInfo) -> list[str]:
        allowed = (info.context or {}).get("tags") or allowed_tags()
        unknown = [t for t in tags if t not in allowed]
        if unknown:
            raise ValueError(f"unknown tag {unknown[0]!r}; allowed: {', '.join(allowed)}")
        return tags


class ArticleMeta(_Page):
    """Front matter of an article and of the single pages (home, help, FAQ)."""

    description: OneLine = Field(description="One sentence, under 160 characters: the meta description.")
    related_exercises: list[Slug] = Field(default_factory=list, description="Exercise slugs.")
    topic_note: str = Field(
        default="", max_length=120, description="A short, neutral note, e.g. 'This page talks about sexual pain.'"
    )


class ExerciseMeta(_Page):
    """Front matter of a homework exercise."""

    summary: OneLine = Field(description="One sentence: what the exercise is, for the catalog.")
    kind: Kind
    who: Who
    minutes: int = Field(ge=1, le=180, description="A typical session, in minutes.")
    how_often: Annotated[str, StringConstraints(min_length=3, max_length=120)]
    stage: int | None = Field(default=None, ge=1, le=10, description="Its place in a sequence.")
    prerequisites: list[Slug] = Field(default_factory=list, description="Exercise slugs to do first.")
    related_articles: list[Slug] = Field(default_factory=list, description="Article slugs.")
    safety: list[Annotated[str, StringConstraints(min_length=5)]] = Field(
        min_length=1, description="Short safety notes, shown in a box and on the handout."
    )
    tracker: bool = Field(default=False, description="True when the exercise has a '## Tracker' section.")


class ProgrammeWeek(BaseModel):
    model_config = ConfigDict(extra="forbid")

    week: Annotated[str, StringConstraints(min_length=1, max_length=20)] = Field(
        description="'1' or a range such as '2-3'."
    )
    focus: Annotated[str, StringConstraints(min_length=3, max_length=160)]
    exercises: list[Slug] = Field(min_length=1)


class ProgrammeMeta(_Page):
    """Front matter of a programme: a week-by-week plan of exercises."""

    description: OneLine
    who: Who
    weeks: list[ProgrammeWeek] = Field(min_length=1)


# The sections of an exercise page, in order, by key; their headings are interface words
# (data/ui/<language>.yml `exercise_sections`), so a translated page has translated headings.
SECTION_KEYS = ("purpose", "time", "before", "steps", "afterwards", "hard", "variations", "pause")


def exercise_headings(words: dict, tracker: bool = False) -> list[str]:
    """The H2 headings an exercise page must have, in order ("tracker" before "hard" if it has one)."""
    keys = list(SECTION_KEYS)
    if tracker:
        keys.insert(keys.index("hard"), "tracker")
    return [words["exercise_sections"][k] for k in keys]
