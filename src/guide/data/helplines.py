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
from guide.paths import DATA, rel
from guide.problems import ContentError, Problem

STALE_AFTER_DAYS = 183
MARKER = re.compile(r"\[\[(?P<form>helpline|phone):(?P<id>[^\]\s]*)\]\]")
Topic = Literal["emergency", "suicide-and-crisis", "domestic-abuse", "sexual-violence", "lgbtq",
                "people-who-harm", "young-people", "medical"]
TOPICS: tuple[str, ...] = Topic.__args__
# <!-- helplines: sexual-violence -->: the lines for one topic, on any page, home region first.
TOPIC_MARKER = re.compile(r"<!--\s*helplines:\s*(?P<topic>[\w-]*)\s*-->")
ANY_MARKER = re.compile(r"\[\[(?P<form>[a-z-]+):[^\]]*\]\]")

# Phone-like: 5+ digits in a run that may hold spaces, dots or dashes, or a short
# number right after a verb that dials it ("call 116", "text 88788").
_LONG = re.compile(r"(?<![\w/.#:-])\+?\d(?:[\d \u00a0.\-‑]{3,}\d)(?![\w/])")
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


def load(path: str | None = None) -> dict[str, Helpline]:
    """Every help line by ID; raises ContentError with one line per problem in the file."""
    file = Path(path) if path else DATA / "helplines.yml"
    name = rel(file)
    entries = load_data(file, name, TypeAdapter(list[Helpline]))
    result: dict[str, Helpline] = {}
    problems = []
    for n, entry in enumerate(entries):
        if entry.id in result:
            problems.append(Problem(name, None, f"{n}.id", f"the id {entry.id!r} is listed twice",
                                    "give each help line its own id"))
        result[entry.id] = entry
    if problems:
        raise ContentError(problems)
    return result


_KNOWN: dict[int, tuple[dict, frozenset[str]]] = {}


def known_numbers(lines: dict[str, Helpline]) -> frozenset[str]:
    """The listed numbers as digits, worked out once per loaded data file."""
    hit = _KNOWN.get(id(lines))
    if hit is None or hit[0] is not lines:
        hit = (lines, frozenset(digits(r.number) for h in lines.values() for r in h.reach if r.number))
        _KNOWN[id(lines)] = hit
    return hit[1]


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


def unlisted_numbers(text: str, lines: dict[str, Helpline]) -> list[str]:
    known = known_numbers(lines)
    return [n for n in phone_like(text) if digits(n) not in known]
