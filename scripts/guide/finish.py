"""Tidy stock Material markup that the Nu Html Checker rejects.

Material 9.8 writes ``tabindex=""`` on navigation labels and
``autocomplete="off"`` on its checkbox toggles; both are invalid HTML.
Fixing them here avoids copying whole theme templates (which drift).
"""

from __future__ import annotations

import re
from pathlib import Path

EMPTY_TABINDEX = ' tabindex=""'  # as Material's nav-item.html writes it for section labels
CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input\b[^>]*type="checkbox"[^>]*?)\s+autocomplete="off"')


def tidy(html: str) -> str:
    html = html.replace(EMPTY_TABINDEX, "")
    return CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)


def tidy_site(site_dir: str | Path) -> int:
    changed = 0
    for path in Path(site_dir).rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        new = tidy(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed += 1
    return changed
