"""Broken bytes and hostile content: one line each (file, line, field, fix), never a traceback.

And content cannot carry code: every route a script could take into the built site is refused.
"""

from __future__ import annotations

import re

import pytest
from test_bad_input import ARTICLE, EXERCISE, _build, edit, only, problems

from guide.data import helplines, identity
from guide.problems import ContentError


def _write_bytes(tree, rel: str, transform) -> None:
    path = tree / "docs" / rel
    path.write_bytes(transform(path.read_bytes()))


def test_not_utf8_names_the_file_line_and_fix(tree):
    _write_bytes(tree, EXERCISE, lambda b: b.replace(b"Sometimes a row", b"Sometimes a \xffrow", 1))
    msg = only(tree)
    line = next(i for i, ln in enumerate((tree / "docs" / EXERCISE).read_bytes().split(b"\n"), 1) if b"\xff" in ln)
    assert msg == (
        f"docs/exercises/break-plan.md:{line}: encoding: byte 0xff is not UTF-8 text. "
        "Fix: save the file as UTF-8 (in most editors: Save with encoding, then UTF-8)"
    )


def test_byte_order_mark_and_crlf_are_accepted(tree):
    _write_bytes(tree, EXERCISE, lambda b: b"\xef\xbb\xbf" + b.replace(b"\n", b"\r\n"))
    _write_bytes(tree, ARTICLE, lambda b: b.replace(b"\n", b"\r\n"))
    assert problems(tree) == []


def test_empty_file(tree):
    (tree / "docs" / ARTICLE).write_bytes(b"")
    assert (
        only(tree) == "docs/articles/flooding.md:1: file: the file is empty. Fix: write its content, or delete the file"
    )


def test_unreadable_file(tree):
    path = tree / "docs" / ARTICLE
    path.unlink()
    path.mkdir()  # a folder named like a page: reading it fails
    (path / "x.txt").write_text("x")
    found = problems(tree)
    assert any(p.startswith("docs/articles/flooding.md: file: this is a folder") for p in found), found


def test_impossible_date_is_one_line_on_its_field(tree):
    path = tree / "docs" / ARTICLE
    path.write_text(re.sub(r"(?m)^last_reviewed: .*$", "last_reviewed: 2026-02-30", path.read_text()))
    msg = only(tree)
    line = int(msg.split(":")[1])
    assert path.read_text().splitlines()[line - 1] == "last_reviewed: 2026-02-30"
    assert ": last_reviewed: " in msg and "date" in msg and "Fix:" in msg


def test_duplicate_key_is_refused(tree):
    edit(tree, EXERCISE, "who: couple", "who: couple\nwho: individual")
    msg = only(tree)
    assert msg.startswith("docs/exercises/break-plan.md:6: who: 'who' is given twice (first on line 5)"), msg


def test_non_mapping_front_matter(tree):
    edit(tree, ARTICLE, "---\n", "---\n- just\n- a list\n", 1)
    path = tree / "docs" / ARTICLE
    path.write_text(path.read_text().split("---", 2)[0] + "---\n- a\n- b\n---\n\nText.\n")
    assert "front matter: the YAML block is not a set of 'field: value' lines" in only(tree)


# --- data files -------------------------------------------------------------------------------


def _data_problems(path, loader):
    with pytest.raises(ContentError) as exc:
        loader(path)
    return [str(p) for p in exc.value.problems]


def test_broken_yaml_in_a_data_file(tmp_path):
    path = tmp_path / "helplines.yml"
    path.write_text("- id: x\n  region: [UK\n")
    (msg,) = _data_problems(path, lambda p: helplines.load(str(p)))
    assert (
        msg.endswith(
            "helplines.yml:3: YAML: invalid YAML (expected ',' or ']', but got '<stream end>'). "
            "Fix: check the colons, quotes and indentation on this line"
        )
        or "invalid YAML" in msg
    )
    assert "helplines.yml:" in msg and "Fix:" in msg


def test_impossible_date_and_duplicate_key_in_help_lines(tmp_path):
    from guide.paths import DATA

    text = (DATA / "helplines.yml").read_text(encoding="utf-8")
    path = tmp_path / "helplines.yml"
    path.write_text(text.replace("verified: 2026-11-25", "verified: 2026-13-01", 1), encoding="utf-8")
    (msg,) = _data_problems(path, lambda p: helplines.load(str(p)))
    line = int(msg.split(":")[1])
    assert path.read_text().splitlines()[line - 1].strip() == "verified: 2026-13-01"
    assert ": 0.verified: " in msg
    path.write_text(text.replace("  hours: 24/7\n", "  hours: 24/7\n  hours: never\n", 1), encoding="utf-8")
    (msg,) = _data_problems(path, lambda p: helplines.load(str(p)))
    assert ": hours: 'hours' is given twice" in msg


def test_site_yml_errors_have_lines(tmp_path):
    from guide.paths import DATA

    path = tmp_path / "site.yml"
    text = (DATA / "site.yml").read_text(encoding="utf-8")
    path.write_text(text.replace('primary: "#2f5d62"', 'primary: "teal"'), encoding="utf-8")
    (msg,) = _data_problems(path, lambda p: identity._load(str(p)))
    line = int(msg.split(":")[1])
    assert "primary:" in path.read_text().splitlines()[line - 1] and "colors.primary" in msg


# --- content cannot carry code ----------------------------------------------------------------


@pytest.mark.parametrize(
    "smuggled, expect",
    [
        ("<script>alert(1)</script>", "a <script> element is not allowed"),
        ("<SCRIPT src=x.js></SCRIPT>", "a <script> element is not allowed"),
        ("<style>body{display:none}</style>", "a <style> element is not allowed"),
        ('<img src="x.png" onerror="alert(1)">', "the event attribute 'onerror' runs code"),
        ('<a href="#" onclick=alert(1)>x</a>', "the event attribute 'onclick' runs code"),
        ("[click](javascript:alert(1))", "a 'javascript:' link"),
        ("[click](JaVaScRiPt&#58;alert(1))", "a 'javascript:' link"),
        ("[x]: javascript:alert(1)", "a 'javascript:' link"),
        ("<javascript:alert(1)>", "a 'javascript:' link"),
        ("![x](data:text/html;base64,PHNjcmlwdD4=)", "a 'data:' link"),
        ('<a href="data:text/html,x">x</a>', "a 'data:' link"),
        ('<iframe src="https://example.org"></iframe>', "a <iframe> element"),
        ('<object data="x.swf"></object>', "a <object> element"),
        ('<embed src="x.swf">', "a <embed> element"),
    ],
)
def test_code_in_a_page_is_refused_with_its_line(tree, smuggled, expect):
    edit(tree, ARTICLE, "\n\n", f"\n\n{smuggled}\n\n")
    found = [p for p in problems(tree) if expect in p]
    assert found, problems(tree)
    line = int(found[0].split(":")[1])
    assert smuggled in (tree / "docs" / ARTICLE).read_text().splitlines()[line - 1]


def test_code_in_code_is_just_text(tree):
    edit(tree, ARTICLE, "\n\n", "\n\nWrite `<script>` in code, or:\n\n```html\n<script>x()</script>\n```\n\n")
    assert problems(tree) == []


@pytest.mark.parametrize(
    "field, value",
    [
        ("title", "Flooding <script>alert(1)</script>"),
        ("description", "When feelings run high <img src=x onerror=alert(1)> and more."),
    ],
)
def test_markup_in_a_one_line_field_is_refused(tree, field, value):
    path = tree / "docs" / ARTICLE
    lines = path.read_text().splitlines()
    i = next(i for i, ln in enumerate(lines) if ln.startswith(f"{field}:"))
    lines[i] = f"{field}: '{value}'"
    path.write_text("\n".join(lines) + "\n")
    msg = only(tree)
    assert msg.startswith(f"docs/articles/flooding.md:{i + 1}: {field}: holds markup"), msg


def test_markup_in_keywords_and_glossary_is_refused(tree):
    edit(tree, ARTICLE, "keywords: [", "keywords: ['<b onmouseover=x>hi</b>', ")
    assert ": keywords.0: holds markup" in only(tree)
    edit(tree, ARTICLE, "keywords: ['<b onmouseover=x>hi</b>', ", "keywords: [")
    path = tree / "includes" / "glossary.md"
    path.write_text(path.read_text() + "*[Zzz]: Sleep <script>x()</script>\n")
    assert "glossary: 'Zzz' holds markup or code" in only(tree)


def test_markup_and_script_links_in_data_files_are_refused(tmp_path):
    from guide.paths import DATA

    path = tmp_path / "site.yml"
    text = (DATA / "site.yml").read_text(encoding="utf-8")
    name_line = next(ln for ln in text.splitlines() if ln.startswith("name:"))
    path.write_text(text.replace("\n" + name_line, '\nname: "Clinic <script>alert(1)</script>"'), encoding="utf-8")
    (msg,) = _data_problems(path, lambda p: identity._load(str(p)))
    assert ": name: holds markup" in msg
    hl = (
        (DATA / "helplines.yml")
        .read_text(encoding="utf-8")
        .replace('url: "https://988lifeline.org/"', 'url: "javascript:alert(1)"')
    )
    path = tmp_path / "helplines.yml"
    path.write_text(hl, encoding="utf-8")
    (msg,) = _data_problems(path, lambda p: helplines.load(str(p)))
    assert "reach.2.url: a 'javascript:' address can run or embed code" in msg


@pytest.mark.slow
def test_non_utf8_page_stops_the_build_and_keeps_the_last_good_site(tree):
    good = tree / "site"
    good.mkdir()
    (good / "index.html").write_text("the last good site")
    _write_bytes(tree, EXERCISE, lambda b: b.replace(b"Sometimes a row", b"Sometimes a \xffrow", 1))
    result = _build(tree)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert [ln for ln in lines if "break-plan.md" in ln] and len(lines) == 2, lines
    assert (good / "index.html").read_text() == "the last good site"


# --- sources stay traceable, pages stay reviewed -------------------------------------------------


def test_footnote_without_link_or_doi_is_refused(tree):
    path = tree / "docs" / ARTICLE
    path.write_text(path.read_text() + "\nA claim.[^book]\n\n[^book]: Someone (1999). *A Book*. Some Press.\n")
    msg = only(tree)
    line = int(msg.split(":")[1])
    assert path.read_text().splitlines()[line - 1].startswith("[^book]:")
    assert "footnote: [^book] gives no link or DOI" in msg


def test_footnote_with_doi_or_link_on_a_continuation_line_is_fine(tree):
    path = tree / "docs" / ARTICLE
    path.write_text(
        path.read_text() + "\nA.[^a] B.[^b]\n\n[^a]: Someone (1999). A paper. doi:10.1000/xyz123\n"
        "[^b]: Someone (2000). A page,\n    <https://example.org/page>\n"
    )
    assert problems(tree) == []


@pytest.mark.parametrize("days, expect", [(-1, "is in the future"), (400, "is more than a year ago")])
def test_review_date_in_the_future_or_over_a_year_old_is_refused(tree, days, expect):
    import datetime as dt

    from guide.checks import content

    path = tree / "docs" / ARTICLE
    reviewed = re.search(r"(?m)^last_reviewed: (\S+)$", path.read_text()).group(1)
    today = dt.date.fromisoformat(reviewed) + dt.timedelta(days=days)
    checked, found = content.check(tree / "docs", today=today)
    assert any(
        str(p).startswith("docs/articles/flooding.md:") and f"last_reviewed: {reviewed} {expect}" in str(p)
        for p in found
    ), found


def test_review_date_over_six_months_old_warns(tree):
    import datetime as dt

    from guide.checks import content

    path = tree / "docs" / ARTICLE
    reviewed = dt.date.fromisoformat(re.search(r"(?m)^last_reviewed: (\S+)$", path.read_text()).group(1))
    checked, found = content.check(tree / "docs", today=reviewed + dt.timedelta(days=200))
    assert not [p for p in found if "flooding.md" in str(p)]
    assert any(w.startswith("docs/articles/flooding.md:") and "over 6 months ago" in w for w in checked.warnings)
