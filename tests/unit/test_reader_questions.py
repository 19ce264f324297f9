"""data/reader_questions.yml holds the tuning sets' questions, and never a question we report on."""

from __future__ import annotations

import sys

from guide.paths import ROOT
from guide.web import reader_questions as rq

sys.path.insert(0, str(ROOT / "tools"))
import reader_questions as tool  # noqa: E402
from search_eval import REPORT_ONLY, query_sets  # noqa: E402


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def test_the_file_is_what_the_tool_writes_from_the_tuning_sets():
    assert (ROOT / "data" / "reader_questions.yml").read_text(encoding="utf-8") == tool.render(), (
        "data/reader_questions.yml is out of date: run tools/reader_questions.py"
    )


def test_no_report_or_safety_question_is_in_the_index():
    sets = query_sets()
    filed = {_norm(q) for qs in rq.load()[0].values() for q in qs}
    reported = {_norm(e["query"]) for name in REPORT_ONLY if name in sets for e in sets[name]}
    safety = {_norm(e["query"]) for entries in sets.values() for e in entries if e.get("safety")}
    assert filed, "the file is empty"
    assert not filed & reported, sorted(filed & reported)[:5]
    assert not filed & safety, sorted(filed & safety)[:5]
    tuning = {_norm(e["query"]) for name in tool.TUNE for e in sets[name]}
    assert filed <= tuning
