"""Fonts and CSS for paper: the body font as TrueType, and the form-field font.

Form fields embed their whole font, so they use a small one: a subset of DejaVu Sans
(``fonts/form-sans-dejavu.ttf``, Latin-1, Latin Extended-A and typographic punctuation,
about 33 KB; made once with fontTools, see README, "Handouts"). Typed text such as
"I’m trying — café" keeps every letter.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from functools import lru_cache
from pathlib import Path

from guide.paths import CACHE, TEMPLATES

FONTS = Path(__file__).parent / "fonts"  # for the PDFs only: the web pages use system fonts
FORM_FONT = FONTS / "form-sans-dejavu.ttf"
# What the form font must cover (checked by a test): Latin-1, Latin Extended-A, “ ” ‘ ’ – — …
FORM_COVERAGE = (
    *range(0x20, 0x7F),
    *range(0xA1, 0xAD),
    *range(0xAE, 0x180),
    0x2013,
    0x2014,
    0x2018,
    0x2019,
    0x201C,
    0x201D,
    0x2026,
)


@lru_cache(maxsize=1)
def print_fonts() -> Path:
    """The body fonts as plain TrueType, converted once from the WOFF2 files.

    WeasyPrint would otherwise decompress the WOFF2 files for every PDF (about 0.1 s each).
    """
    from fontTools.ttLib import TTFont

    out_dir = CACHE / "handouts" / "fonts"
    out_dir.mkdir(parents=True, exist_ok=True)
    for source in sorted(FONTS.glob("*.woff2")):
        data = source.read_bytes()
        target = out_dir / f"{source.stem}-{hashlib.sha256(data).hexdigest()[:12]}.ttf"
        if not target.exists():
            font = TTFont(source)
            font.flavor = None
            tmp = target.with_suffix(f".{os.getpid()}.tmp")
            font.save(tmp)
            tmp.replace(target)  # atomic: the book process may convert at the same time
        link = out_dir / f"{source.stem}.ttf"
        if not link.exists() or link.read_bytes() != target.read_bytes():
            tmp = link.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(target, tmp)
            tmp.replace(link)
    return out_dir


def _css_text(text: str) -> str:
    """A CSS string holding ``text``."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def page_numbers(words: dict) -> str:
    """The footer's page counter in CSS, from the words: 'Page {page} of {pages}' becomes
    ``"Page " counter(page) " of " counter(pages)``."""
    parts = re.split(r"(\{pages?\})", words["page_of"])
    return " ".join(
        f"counter({part[1:-1]})" if part in ("{page}", "{pages}") else _css_text(part) for part in parts if part
    )


def print_css(name: str, words: dict, template: str = "handout.css") -> str:
    """A print template with its font folder, the site's name and its interface words (data/ui,
    paper) filled in, plus the form font."""
    css = (TEMPLATES / template).read_text(encoding="utf-8")
    css = css.replace("{{FONTS}}", print_fonts().as_uri()).replace("{{NAME}}", name.replace('"', ""))
    css = css.replace("{{PAGE_NUMBERS}}", page_numbers(words)).replace(
        "{{PROGRAMME_PACK}}", _css_text(words["programme_pack"])
    )
    return css + f'\n@font-face {{ font-family: "Form Sans"; src: url("{FORM_FONT.as_uri()}"); }}\n'
