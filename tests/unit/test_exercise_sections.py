"""An exercise page's headings are interface words: a translated site checks and prints
translated headings, and the check still finds what each section must hold."""

from __future__ import annotations

import copy

from guide.checks.body import exercise_problems
from guide.checks.frontmatter import read
from guide.data import ui
from guide.model import ExerciseMeta, exercise_headings
from guide.paths import ROOT
from guide.print.sheets import sections

ENGLISH = ui.load(ROOT)
DUTCH = {
    "purpose": "Waar het voor is",
    "time": "Tijd, hoe vaak en wie",
    "before": "Voor je begint",
    "steps": "Stappen",
    "afterwards": "Daarna",
    "tracker": "Bijhouden",
    "hard": "Als het moeilijk is",
    "variations": "Varianten",
    "pause": "Wanneer je stopt en met je therapeut praat",
}


def _page(tmp_path, name="break-plan"):
    src, problems = read(ROOT / "docs" / "exercises" / f"{name}.md", ROOT)
    assert src is not None and problems == []
    return src, ExerciseMeta(**src.meta)


def _translated(src, words):
    text = src.body
    for key, english in ENGLISH["exercise_sections"].items():
        text = text.replace(f"\n## {english}\n", f"\n## {words['exercise_sections'][key]}\n")
    out = copy.copy(src)
    out.body = text
    return out


def _dutch_words():
    words = copy.deepcopy(ENGLISH)
    words["exercise_sections"] = DUTCH
    words["exercise_stop"] = {"stop": ["stop", "stoppen"], "any_time": ["op elk moment", "altijd"]}
    return words


def test_the_english_pages_pass_with_the_english_words(tmp_path):
    src, meta = _page(tmp_path)
    assert meta.tracker
    assert exercise_problems(src, meta, ENGLISH) == []
    assert [h for h in sections(src.body) if h in exercise_headings(ENGLISH, True)] == exercise_headings(ENGLISH, True)


def test_a_translated_page_passes_with_its_own_words_and_not_with_english(tmp_path):
    src, meta = _page(tmp_path)
    words = _dutch_words()
    dutch = _translated(src, words)
    dutch.body = dutch.body.replace("at any moment", "op elk moment")
    assert exercise_problems(dutch, meta, words) == []
    found = exercise_problems(dutch, meta, ENGLISH)
    assert [p.message for p in found][:2] == [
        "missing section '## What it is for'",
        "missing section '## Time, frequency and who'",
    ]
    assert exercise_headings(words, True)[5] == "Bijhouden"


def test_the_stop_at_any_time_check_uses_the_words_file(tmp_path):
    src, meta = _page(tmp_path)
    words = _dutch_words()
    dutch = _translated(src, words)  # still says "stop ... at any time" in English
    found = exercise_problems(dutch, meta, words)
    assert [p.message for p in found] == ["'## Voor je begint' does not say that anyone may stop at any time"]
