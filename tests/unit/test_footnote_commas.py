"""Footnote numbers side by side get a comma between them; notes with words between get none."""

import markdown

EXTENSIONS = ["footnotes", "guide.markdown.footnote_commas"]


def render(text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(text)


NOTES = "\n\n[^a]: A. <https://example.org/a>\n[^b]: B. <https://example.org/b>\n[^c]: C. <https://example.org/c>\n"


def test_notes_side_by_side_get_one_comma():
    html = render("Two sources agree.[^a][^b] A third.[^c]" + NOTES)
    assert html.count('<sup class="fn-sep">,</sup>') == 1
    assert '</sup><sup class="fn-sep">,</sup><sup id="fnref:b">' in html


def test_notes_with_words_between_get_none():
    html = render("One claim.[^a] Then more words, and another claim.[^b]" + NOTES)
    assert "fn-sep" not in html


def test_three_in_a_row_read_1_2_3():
    html = render("All three.[^a][^b][^c]" + NOTES)
    assert html.count("fn-sep") == 2
