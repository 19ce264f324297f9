"""The built site's scripts are minified (guide.web.finish.minify_js); the sources are not."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from guide.paths import DOCS
from guide.web import finish


def test_scripts_shrink_keep_licences_and_still_run(tmp_path):
    js = tmp_path / "assets" / "js"
    shutil.copytree(DOCS / "assets" / "js", js)
    (js / "vendor" / "x.min.js").write_text("var  a = 1; /* keep me as I am */\n")
    (js / "lib.js").write_text("/*! Licence: keep */\n/* a note */\nvar  total = 1 +\n  2;  // a comment\n")
    before = {p: p.stat().st_size for p in js.rglob("*.js")}
    assert finish.minify_js(tmp_path) >= 5
    assert (js / "vendor" / "x.min.js").read_text() == "var  a = 1; /* keep me as I am */\n"
    small = (js / "lib.js").read_text()
    assert "Licence: keep" in small and "a note" not in small and "a comment" not in small
    engine = js / "vendor" / "minisearch.js"
    assert engine.stat().st_size < before[engine] / 2
    assert finish.minify_js(tmp_path) == 0  # twice gives the same text
    if not shutil.which("node"):
        pytest.fail("node is needed to run the minified engine")
    script = (
        "const [ms, stem, eng] = process.argv.slice(1);"
        "const G = require(eng)(require(ms), require(stem)).create({config: {safety: {pages: ['help/']}},"
        " docs: [{location: 'a/', title: 'Flooding', text: 'When your body takes over.'}]});"
        "console.log(G.search('flooding').items[0][0].location);"
    )
    out = subprocess.run(
        ["node", "-e", script, str(engine), str(js / "search" / "stem.js"), str(js / "search" / "engine.js")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert out.stdout.strip() == "a/"
