"""Help lines: the one data file that may hold phone numbers.

Pages show a number with ``[[helpline:ID]]`` or ``[[phone:ID]]``. A check fails
when a page holds a phone-like string that is not in ``data/helplines.yml``.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from guide.checks.readfile import load_data
from guide.paths import DATA, data_name
from guide.problems import ContentError, Problem

STALE_AFTER_DAYS = 183
MARKER = re.compile(r"\[\[(?P<form>helpline|phone):(?P<id>[^\]\s]*)\]\]")
Topic = Literal[
    "emergency",
    "suicide-and-crisis",
    "domestic-abuse",
    "sexual-violence",
    "lgbtq",
    "people-who-harm",
    "young-people",
    "medical",
]
TOPICS: tuple[str, ...] = Topic.__args__
# <!-- helplines: sexual-violence -->: the lines for one topic, on any page, home region first.
TOPIC_MARKER = re.compile(r"<!--\s*helplines:\s*(?P<topic>[\w-]*)\s*-->")
ANY_MARKER = re.compile(r"\[\[(?P<form>[a-z-]+):[^\]]*\]\]")

# Phone-like: 5+ digits in a run that may hold spaces, dots or dashes, or a short
# number right after a verb that dials it ("call 116", "text 88788").
_LONG = re.compile(
    r"(?<![\w/.#:(-])(?:\(\d{2,5}\)[ \u00a0]?)?\+?\d(?:[\d \u00a0.\-‑]{3,}\d)(?![\w/])"
)  # "(503) 555-0148" too
_DIGIT = re.compile(r"\d")
_SHORT = re.compile(r"\b(?:call|dial|ring|text|phone)\s+(?:us\s+on\s+|on\s+)?(\d[\d \-]{1,}\d)\b", re.I)


class Reach(BaseModel):
    model_config = ConfigDict(extra="forbid")

    how: Literal["call", "text", "chat", "TTY", "SMS", "video"]
    number: str | None = None
    url: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_target(self):
        if bool(self.number) == bool(self.url):
            raise ValueError("give exactly one of 'number' or 'url'")
        return self


class Helpline(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]
    region: str
    service: str
    for_: str = Field(alias="for")
    topics: list[Topic] = Field(min_length=1, description="What the line is for, so pages can list the lines that fit.")
    reach: list[Reach] = Field(min_length=1)
    hours: str
    cost: str
    source: Annotated[str, StringConstraints(pattern=r"^https://")]
    verified: dt.date

    @property
    def main_number(self) -> str | None:
        return next((r.number for r in self.reach if r.number), None)

    def is_stale(self, today: dt.date | None = None) -> bool:
        return ((today or dt.date.today()) - self.verified).days > STALE_AFTER_DAYS


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


class LocalLines(BaseModel):
    """data/helplines.local.yml: a fork's own lines, added, and upstream lines hidden, by ID."""

    model_config = ConfigDict(extra="forbid")
    add: list[Helpline] = Field(default_factory=list)
    hide: list[str] = Field(default_factory=list)


def load(path: str | None = None) -> dict[str, Helpline]:
    """Every help line by ID (with helplines.local.yml applied); raises ContentError, one line per problem."""
    file = Path(path) if path else DATA / "helplines.yml"
    name = data_name(file)
    entries = load_data(file, name, TypeAdapter(list[Helpline]))
    result: dict[str, Helpline] = {}
    problems = []
    for n, entry in enumerate(entries):
        if entry.id in result:
            problems.append(
                Problem(name, None, f"{n}.id", f"the id {entry.id!r} is listed twice", "give each help line its own id")
            )
        result[entry.id] = entry
    local = file.with_name("helplines.local.yml")
    if local.exists():
        local_name = str(Path(name).with_name(local.name))
        extra = load_data(local, local_name, LocalLines)
        for n, hid in enumerate(extra.hide):
            if result.pop(hid, None) is None:
                problems.append(
                    Problem(
                        local_name,
                        None,
                        f"hide.{n}",
                        f"there is no help line {hid!r} to hide",
                        f"use an id from {name}",
                    )
                )
        for n, entry in enumerate(extra.add):
            if entry.id in result:
                problems.append(
                    Problem(
                        local_name,
                        None,
                        f"add.{n}.id",
                        f"the id {entry.id!r} is already used",
                        "give your own line its own id (hide the upstream one first to replace it)",
                    )
                )
            result[entry.id] = entry
    if problems:
        raise ContentError(problems)
    return result


def known_numbers(lines: dict[str, Helpline], extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The listed numbers (and ``extra``, e.g. the practice's own phone) as digits."""
    return frozenset(
        [*(digits(r.number) for h in lines.values() for r in h.reach if r.number), *(digits(n) for n in extra if n)]
    )


def phone_like(text: str) -> list[str]:
    """Phone-like strings in plain text (dates and years are not phone-like)."""
    found: list[str] = []
    if not _DIGIT.search(text):
        return found
    for m in _LONG.finditer(text):
        value = m.group(0).strip()
        d = digits(value)
        if len(d) < 5 or re.fullmatch(r"\d{4}[-–]\d{2,4}", value) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            continue
        if re.fullmatch(r"\d{1,3}(,\d{3})+", value) or re.fullmatch(r"\d+\.\d+", value):
            continue
        found.append(value)
    found += [n for n in (m.group(1).strip() for m in _SHORT.finditer(text)) if not any(n in f for f in found)]
    return found


def unlisted_numbers(text: str, lines: dict[str, Helpline], extra: tuple[str, ...] = ()) -> list[str]:
    found = phone_like(text)
    if not found:  # most lines have no number: skip building the set of listed ones
        return []
    known = known_numbers(lines, extra)
    return [n for n in found if digits(n) not in known]
