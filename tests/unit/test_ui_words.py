"""Interface words live in data/ui/<language>.yml: the groundwork for another language."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml

from guide.data import ui
from guide.paths import ROOT
from guide.problems import ContentError

ENGLISH = yaml.safe_load((ROOT / "data" / "ui" / "en.yml").read_text(encoding="utf-8"))
CODE = [*(ROOT / "src" / "guide").rglob("*.py"), *(ROOT / "src" / "guide" / "templates").glob("*"),
        ROOT / "overrides" / "main.html", *(ROOT / "overrides" / "hooks").glob("*.py")]
# Words the site used to keep in templates and Python; now each comes from the words file.
MOVED = ["Leave this site", "Homework sheet\"", "In danger now? Call", "Open index.html in this folder",
         "Stop signs: stop at once", "Nothing you type or tick", "Next in the journey", "Last reviewed:",
         "Full handout (", "Emergency exit", "Help lines by country",
         "This is a general guide", "in the EU and many other countries"]


def test_moved_words_are_nowhere_in_the_code():
    found = [f"{path.relative_to(ROOT)}: {word!r}" for path in CODE if path.is_file()
             for word in MOVED if word in path.read_text(encoding="utf-8")]
    assert found == []


def test_every_word_the_templates_use_is_in_the_file():
    used = set()
    for path in CODE:
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            used |= set(re.findall(r"\bui\.(web|helplines|blocks|exercise|paper|kinds|who)\.(\w+)", text))
            used |= set(re.findall(r"ui\[\"(web|helplines|blocks|exercise|paper|downloads)\"\]\[['\"](\w+)['\"]\]", text))
    assert used, "the scan found no uses: it is looking in the wrong place"
    missing = sorted(f"{section}.{key}" for section, key in used if key not in ENGLISH[section])
    assert missing == []


def test_a_translation_must_have_every_word(tmp_path):
    (tmp_path / "data" / "ui").mkdir(parents=True)
    shutil.copy(ROOT / "data" / "ui" / "en.yml", tmp_path / "data" / "ui" / "en.yml")
    dutch = dict(ENGLISH)
    dutch["web"] = {k: v for k, v in ENGLISH["web"].items() if k != "exit"}
    (tmp_path / "data" / "ui" / "nl.yml").write_text(yaml.safe_dump(dutch, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ContentError) as exc:
        ui.load(tmp_path, "nl")
    assert [str(p) for p in exc.value.problems] == [
        "data/ui/nl.yml: web.exit: this word is missing. Fix: add it, translated from data/ui/en.yml"]
    with pytest.raises(ContentError) as exc:
        ui.load(tmp_path, "fr")
    assert "there are no interface words for language 'fr'" in str(exc.value)
