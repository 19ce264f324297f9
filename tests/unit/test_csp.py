"""The CSP allows only inline scripts of a known shape; anything else stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide.problems import ContentError
from guide.web import csp

SCOPE = (
    '__md_scope=new URL("{base}",location),__md_hash=e=>[...e].reduce(((e,_)=>(e<<5)-e+_.charCodeAt(0)),0),'
    '__md_get=(e,_=localStorage,t=__md_scope)=>JSON.parse(_.getItem(t.pathname+"."+e)),'
    '__md_set=(e,_,t=localStorage,a=__md_scope)=>{{try{{t.setItem(a.pathname+"."+e,JSON.stringify(_))}}catch(e){{}}}}'
)


def page(*scripts: str) -> str:
    return (
        "<html><head><title>x</title></head><body>"
        + "".join(f"<script>{s}</script>" for s in scripts)
        + "</body></html>"
    )


def test_material_scope_script_is_known_at_any_depth():
    texts = {Path("a.html"): page(SCOPE.format(base=".")), Path("b/c.html"): page(SCOPE.format(base="../.."))}
    done = csp.with_policy(texts)
    policy = done[Path("a.html")]
    assert policy.count("'sha256-") == 2  # one hash per depth, on every page
    assert done[Path("b/c.html")].count("'sha256-") == 2


@pytest.mark.parametrize("smuggled", ["alert(1)", SCOPE.format(base=".") + ";alert(1)", "fetch('//evil.example')"])
def test_unknown_inline_script_stops_the_build(smuggled):
    with pytest.raises(ContentError) as exc:
        csp.with_policy({Path("site/x.html"): page(SCOPE.format(base="."), smuggled)}, Path("site"))
    (problem,) = exc.value.problems
    assert str(problem).startswith("site/x.html:1: script: an inline script that no template")


def test_json_and_external_scripts_are_not_hashed():
    text = '<head></head><script type="application/json">{"a": 1}</script><script src="x.js"></script>'
    assert csp.inline_scripts(text) == []
    assert "script-src 'self' ;" in csp.with_policy({Path("a.html"): text})[Path("a.html")]
