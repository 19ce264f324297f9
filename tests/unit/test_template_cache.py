"""The theme's compiled templates are kept between builds, and an edited template is used at once."""

from __future__ import annotations

from jinja2 import Environment, FileSystemLoader

from guide.web import finish


def _render(folder, cache) -> str:
    env = Environment(loader=FileSystemLoader(str(folder)))
    finish.cache_templates(env)
    assert env.bytecode_cache is not None
    return env.get_template("page.html").render(name="reader")


def test_a_second_build_loads_compiled_templates_and_an_edit_is_compiled_again(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setattr(finish, "CACHE", cache)
    templates = tmp_path / "templates"
    templates.mkdir()
    page = templates / "page.html"
    page.write_text("Hello {{ name }}", encoding="utf-8")

    assert _render(templates, cache) == "Hello reader"
    stored = list((cache / "templates").iterdir())
    assert len(stored) == 1  # the compiled template, kept for the next build
    before = stored[0].read_bytes()

    assert _render(templates, cache) == "Hello reader"  # a new build (a new environment) loads it
    page.write_text("Welcome, {{ name }}", encoding="utf-8")
    assert _render(templates, cache) == "Welcome, reader"  # the edit shows: compiled again
    assert stored[0].read_bytes() != before


def test_a_cache_that_cannot_be_written_is_not_used(tmp_path, monkeypatch):
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    monkeypatch.setattr(finish, "CACHE", blocked)
    env = Environment()
    finish.cache_templates(env)
    assert env.bytecode_cache is None
