"""The help-line data file: valid entries, stale-date warning, phone-number detection."""

import datetime as dt

from guide.checks import content
from guide.data import helplines


def test_every_entry_has_source_and_date():
    lines = helplines.load()
    assert {"uk-samaritans", "us-988", "au-lifeline", "nl-113", "emergency-uk"} <= set(lines)
    for entry in lines.values():
        assert entry.source.startswith("https://") and entry.verified <= dt.date.today()


def test_entry_older_than_six_months_is_stale_and_warned(monkeypatch):
    entry = helplines.load()["uk-samaritans"]
    assert not entry.is_stale(entry.verified + dt.timedelta(days=180))
    assert entry.is_stale(entry.verified + dt.timedelta(days=200))
    monkeypatch.setattr(helplines.Helpline, "is_stale", lambda self, today=None: self.id == "uk-samaritans")
    checked, problems = content.check()
    assert problems == []
    assert any("uk-samaritans" in w and "over 6 months" in w for w in checked.warnings)


def test_phone_like_strings():
    lines = helplines.load()
    assert helplines.unlisted_numbers("Call 0800 123 4567 or text 85258.", lines) == ["0800 123 4567", "85258"]
    assert helplines.unlisted_numbers("Call 116 123 or 1-800-799-7233.", lines) == []
    assert helplines.unlisted_numbers("Published 2013, pages 915–933, vol. 382(9907), 1.28 per 500,000.", lines) == []
