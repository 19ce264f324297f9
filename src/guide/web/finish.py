"""Finish the built site in one pass: tidy, then the Content Security Policy (guide.web.csp);
and bundle the stylesheet.

Tidy: Material 9.8 writes ``tabindex=""`` on navigation labels and
``autocomplete="off"`` on its checkbox toggles; both are invalid HTML.
Fixing them here avoids copying whole theme templates (which drift).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from guide.paths import CACHE
from guide.web import csp

EMPTY_TABINDEX = ' tabindex=""'  # as Material's nav-item.html writes it for section labels
INPUT = re.compile(r"<input\b[^>]*>")
CHECKBOX_AUTOCOMPLETE = re.compile(r'\s+autocomplete="off"')


CANONICAL = re.compile(r'<link rel="canonical" href="[^"]*">')
PRINT_URL = re.compile(r'<p class="print-url">[^<]*</p>')  # overrides/main.html: the address on paper


def _drop(html: str, pattern: re.Pattern) -> str:
    r"""Remove each match and the whitespace before it. (A pattern that starts with ``\s*`` makes
    the regex engine try every space of the page: ten times slower on Material's indented HTML.)"""
    out, at = [], 0
    for m in pattern.finditer(html):
        out.append(html[at : m.start()].rstrip())
        at = m.end()
    return "".join(out) + html[at:] if out else html


def tidy(html: str, canonical: bool = True) -> str:
    """``canonical=False`` drops the canonical link and the printed address (a placeholder
    site_url would point at them)."""
    html = html.replace(EMPTY_TABINDEX, "")
    if not canonical:
        html = _drop(_drop(html, CANONICAL), PRINT_URL)
    return INPUT.sub(
        lambda m: CHECKBOX_AUTOCOMPLETE.sub("", m.group(0)) if 'type="checkbox"' in m.group(0) else m.group(0), html
    )


CSS_IMPORT = re.compile(r"""^@import\s+url\(\s*["']?(?P<href>[\w.-]+\.css)["']?\s*\);\s*$""", re.M)
CSS_ENTRY = "assets/css/site.css"


def bundle_css(site_dir: str | Path, entry: str = CSS_ENTRY) -> int:
    """Inline the entry file's ``@import`` lines (files in the same folder), so a first visit
    fetches one stylesheet instead of a chain: each @import costs a round trip before the
    first paint. The source stays split, one small file per component. Returns the files inlined.
    """
    path = Path(site_dir) / entry
    if not path.exists():
        return 0
    inlined = 0

    def inline(m: re.Match) -> str:
        nonlocal inlined
        part = path.parent / m.group("href")
        if not part.exists():
            raise FileNotFoundError(
                f"{entry}: @import '{m.group('href')}' does not exist. "
                f"Fix: add docs/assets/css/{m.group('href')} or remove the line"
            )
        inlined += 1
        return f"/* {m.group('href')} */\n" + part.read_text(encoding="utf-8").strip() + "\n"

    path.write_text(CSS_IMPORT.sub(inline, path.read_text(encoding="utf-8")), encoding="utf-8")
    return inlined


JS_DIR = "assets/js"


def minify_js(site_dir: str | Path) -> int:
    """Our scripts as readers download them: comments and spaces out (rjsmin keeps ``/*!``
    licence comments), so the sources in docs/assets/js stay readable. Files already named
    ``.min.js`` are left alone. Minifying twice gives the same text. Returns the files changed."""
    import rjsmin

    changed = 0
    for path in sorted((Path(site_dir) / JS_DIR).rglob("*.js")):
        if path.name.endswith(".min.js"):
            continue
        text = path.read_text(encoding="utf-8")
        small = rjsmin.jsmin(text, keep_bang_comments=True)
        if small != text:
            path.write_text(small, encoding="utf-8")
            changed += 1
    return changed


def finish_site(site_dir: str | Path, policy: bool = True, canonical: bool = True) -> int:
    """One pass over the built pages: tidy each, then (if ``policy``) add the Content Security
    Policy (guide.web.csp). Writes only the pages that changed; returns how many."""
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(Path(site_dir).rglob("*.html"))}
    done = {path: tidy(text, canonical) for path, text in texts.items()}
    if policy:
        done = csp.with_policy(done, Path(site_dir))
    changed = 0
    for path, text in done.items():
        if text != texts[path]:
            path.write_text(text, encoding="utf-8")
            changed += 1
    return changed


def cache_templates(env) -> None:
    """Keep the theme's compiled templates between builds, in ``.cache/templates``.

    Compiling Material's and our templates is about half a second of every build (60 of them);
    with Jinja's bytecode cache a build after the first loads them instead. Jinja checks each
    template's source, and its own version, before it uses a cached one, so an edited template
    is compiled again. A cache that cannot be written is simply not used.
    """
    from jinja2 import FileSystemBytecodeCache

    folder = CACHE / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return
    if os.access(folder, os.W_OK):
        env.bytecode_cache = FileSystemBytecodeCache(str(folder))
