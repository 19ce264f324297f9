"""Content Security Policy for the built site: only our own origin.

Inline scripts are allowed by their SHA-256 hashes, computed from the built
pages. Material's inline scripts differ by page depth, and instant
navigation runs a new page's scripts under the first page's policy, so every
page lists the hashes of every inline script on the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
META = '<meta http-equiv="Content-Security-Policy" content="{policy}">'


def _executable(attrs: str) -> bool:
    return "src=" not in attrs and "application/json" not in attrs


def inline_hashes(html: str) -> set[str]:
    return {"'sha256-" + base64.b64encode(hashlib.sha256(m.group("body").encode()).digest()).decode() + "'"
            for m in INLINE_SCRIPT.finditer(html) if _executable(m.group("attrs"))}


def policy(hashes: set[str]) -> str:
    return "; ".join([
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
    ])


def with_policy(texts: dict[Path, str]) -> dict[Path, str]:
    """Every page with the policy added, from the hashes of every inline script on the site."""
    hashes: set[str] = set()
    for text in texts.values():
        hashes |= inline_hashes(text)
    meta = META.format(policy=policy(hashes))
    return {path: text if "Content-Security-Policy" in text or "<head>" not in text
            else text.replace("<head>", "<head>\n    " + meta, 1) for path, text in texts.items()}
