"""Content Security Policy for the built site: only our own origin.

Inline scripts are allowed by their SHA-256 hashes, but only the ones our templates and
the theme's (Material's, or Zensical's under GUIDE_ENGINE=zensical) emit, recognised by their known shape: the script's text with the page's base
path (which differs by page depth) replaced by ``BASE``. Any other inline script in the
built site stops the build, so a script smuggled in by content can never be allowed by
construction. Instant navigation runs a new page's scripts under the first page's policy,
so every page lists the hashes of every allowed inline script on the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from guide.problems import ContentError, Problem

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'
_BASE_PATH = re.compile(r'new URL\("[^"]*",location\)')

# SHA-256 of each allowed shape. After a Material upgrade, a build that stops here lists the
# pages; check that the new script comes from the theme (templates/base.html), then add its hash.
KNOWN_SHAPES = {
    "9e2703283f0df807387b5b1d4db3fd62df6ca101c78ef8cd4b96451e9587f552": "Material base.html: __md_scope, __md_get/__md_set",
    "0eb10c249dbdb0beef225a10ce5cbe55418cc4a7014cc208f8e7d6ed8f00906e": "Material base.html: restore the colour palette",
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f": "Material base.html: open the tab named in the URL",
    "f546b6fe39252e1e3e3245520ba488c461a232310583673047baebadca405a7f": "Zensical 0.0.73 partials/javascripts/base.html: "
    "__md_scope, __md_get/__md_set, data-platform",
}


def _executable(attrs: str) -> bool:
    return "src=" not in attrs and "application/json" not in attrs


def shape(body: str) -> str:
    """The script's text with the page's base path taken out."""
    return _BASE_PATH.sub('new URL("BASE",location)', body)


def shape_hash(body: str) -> str:
    return hashlib.sha256(shape(body).encode()).hexdigest()


def _hash(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"


def inline_scripts(html: str) -> list[str]:
    return [m.group("body") for m in INLINE_SCRIPT.finditer(html) if _executable(m.group("attrs"))]


def inline_hashes(html: str) -> set[str]:
    return {_hash(body) for body in inline_scripts(html)}


def policy(hashes: set[str]) -> str:
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' " + " ".join(sorted(hashes)),
            # Style attributes (e.g. write-in line counts) need inline styles; no third-party CSS is allowed.
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "worker-src 'self' blob:",
            "frame-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def with_policy(texts: dict[Path, str], site_dir: Path | None = None) -> dict[Path, str]:
    """Every page with the policy added; raises ContentError if a page has an inline script of unknown shape."""
    hashes: set[str] = set()
    problems: list[Problem] = []
    for path, text in texts.items():
        for body in inline_scripts(text):
            if shape_hash(body) in KNOWN_SHAPES:
                hashes.add(_hash(body))
            else:
                name = path.relative_to(site_dir).as_posix() if site_dir else str(path)
                line = text[: text.find(body)].count("\n") + 1
                problems.append(
                    Problem(
                        f"site/{name}",
                        line,
                        "script",
                        f"an inline script that no template of ours or Material's makes: {body.strip()[:60]!r}",
                        "find the page, template or data field that put it there and remove it",
                    )
                )
    if problems:
        raise ContentError(problems)
    meta = META.format(policy=policy(hashes))
    return {
        path: text
        if "Content-Security-Policy" in text or "<head>" not in text
        else text.replace("<head>", "<head>\n    " + meta, 1)
        for path, text in texts.items()
    }
