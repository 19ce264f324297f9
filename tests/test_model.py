"""Unit tests for the content model."""

import datetime as dt

import pytest
from pydantic import ValidationError

from guide.model import ArticleMeta, ExerciseMeta, ProgrammeMeta

EXERCISE = {
    "title": "Sensate focus, stage 1",
    "summary": "Take turns touching for your own interest, with no goal.",
    "kind": "sensual",
    "who": "couple",
    "minutes": 30,
    "how_often": "Twice a week",
    "safety": ["Not while either of you is afraid of the other."],
    "last_reviewed": "2026-11-25",
}


def test_valid_exercise_parses_with_types():
    meta = ExerciseMeta.model_validate(EXERCISE)
    assert meta.minutes == 30 and meta.kind.value == "sensual"
    assert meta.last_reviewed == dt.date(2026, 11, 25)
    assert meta.prerequisites == [] and meta.tracker is False


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"colour": "red"}, "colour", "Extra inputs"),
        ({"minutes": "half an hour"}, "minutes", "valid integer"),
        ({"kind": "romantic"}, "kind", "communication"),
        ({"who": "everyone"}, "who", "couple"),
        ({"minutes": 0}, "minutes", "greater than or equal to 1"),
        ({"tags": ["spicy"]}, "tags", "unknown tag"),
        ({"prerequisites": ["Not A Slug"]}, "prerequisites", "pattern"),
        ({"summary": "Too short"}, "summary", "at least 10"),
        ({"safety": []}, "safety", "at least 1"),
    ],
)
def test_exercise_rejects_bad_values(change, field, words):
    with pytest.raises(ValidationError) as exc:
        ExerciseMeta.model_validate({**EXERCISE, **change})
    errors = exc.value.errors()
    assert errors[0]["loc"][0] == field
    assert words in errors[0]["msg"]


def test_missing_field_is_named():
    data = dict(EXERCISE)
    del data["who"]
    with pytest.raises(ValidationError) as exc:
        ExerciseMeta.model_validate(data)
    assert [e["loc"][0] for e in exc.value.errors()] == ["who"]


def test_article_requires_description_and_date():
    with pytest.raises(ValidationError) as exc:
        ArticleMeta.model_validate({"title": "Flooding"})
    assert {e["loc"][0] for e in exc.value.errors()} == {"description", "last_reviewed"}


def test_programme_weeks_need_exercises():
    with pytest.raises(ValidationError):
        ProgrammeMeta.model_validate(
            {
                "title": "Plan",
                "description": "A plan for some weeks of work.",
                "who": "couple",
                "last_reviewed": "2026-11-25",
                "weeks": [{"week": "1", "focus": "Start", "exercises": []}],
            }
        )
