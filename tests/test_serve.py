"""`make serve` as an author meets it: edit a data file, and the served page shows the edit."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from guide.paths import ROOT

pytestmark = pytest.mark.slow


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            value = predicate()
            if value:
                return value
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"timed out waiting for {what}")


def test_serve_shows_an_edited_help_line_and_reloads(tree, site):
    # `site`: after the run's shared build, whose book and offline edition (the same sources) are
    # in the cache by then, so the server's first build renders no PDF a second time.
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "GUIDE_ROOT": str(tree), "GUIDE_CACHE": str(ROOT / ".cache"), "SITE_URL": "http://127.0.0.1/"}
    proc = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "serve.py"),
            "--host",
            f"127.0.0.1:{port}",
            "--site-dir",
            str(tree / "site"),
        ],
        cwd=tree,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        page = _wait_for(lambda: _get(base + "help/"), 240, "the first build")
        assert '<script src="/__serve/reload.js"></script></body>' in page  # live reload, only when served
        assert "/__serve/" not in (tree / "site" / "help" / "index.html").read_text(encoding="utf-8")
        version = _get(base + "__serve/version")
        data = tree / "data" / "helplines.yml"
        text = data.read_text(encoding="utf-8")
        old = "  for: Suicidal thoughts or an emotional crisis\n"
        assert old in text
        data.write_text(
            text.replace(old, "  for: Thoughts of suicide, or any emotional crisis, edited\n", 1), encoding="utf-8"
        )
        # us-988 is printed on no sheet of this UK site, so no handout renders again (see handouts._printed_lines).
        _wait_for(lambda: _get(base + "__serve/version") != version, 420, "the rebuild")
        assert "Thoughts of suicide, or any emotional crisis, edited" in _get(base + "help/")
        # The quick rebuild carried the book and the offline edition over (they rebuild in the
        # background): the download buttons still work and give their sizes.
        sizes = re.findall(r'<span class="filesize" data-file="([^"]+)">([^<]*)</span>', _get(base + "downloads/"))
        assert len(sizes) == 3, sizes
        for name, label in sizes:
            assert (tree / "site" / name).is_file() and label.endswith(("KB", "MB")), (name, label)
    finally:
        proc.terminate()
        out = proc.communicate(timeout=60)[0]
    assert "Serving" in out and "rebuilding" in out, out
    assert "kept from the last full build" in out and "rebuilding in the background" in out, out
    leftovers = [p.name for p in tree.iterdir() if p.name.startswith(".site-new-")]
    assert leftovers == [], leftovers  # the background build was stopped cleanly, with the server
