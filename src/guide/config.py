"""Read mkdocs.yml without MkDocs: a safe YAML loader that resolves ``!ENV`` as MkDocs does."""

from __future__ import annotations

import os
from pathlib import Path

import yaml

from guide.paths import ROOT


class Loader(yaml.SafeLoader):
    """A safe loader that resolves MkDocs' ``!ENV`` tag (``!ENV NAME`` or ``!ENV [NAME, ..., default]``)."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node):
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1] if len(items) > 1 else items, items[-1] if len(items) > 1 else None
    for name in names:
        if os.environ.get(name):
            return os.environ[name]
    return default


Loader.add_constructor("!ENV", _env_tag)


def load_config(path: Path = ROOT / "mkdocs.yml", text: str | None = None) -> dict:
    """mkdocs.yml as a dict; ``text`` when the caller has already read the file."""
    if text is None:
        text = Path(path).read_text(encoding="utf-8")
    return yaml.load(text, Loader=Loader)  # noqa: S506 (a SafeLoader subclass)


def site_url(path: Path = ROOT / "mkdocs.yml") -> str:
    return load_config(path).get("site_url") or "https://example.org/"


# --- what the build puts on the engine's config, for every engine --------------------------
PAGE_PARTS = "guide.markdown.page_parts"


def extension_options(site, options: dict, directory_urls: bool = True) -> dict:
    """``options`` (extension name -> its settings in mkdocs.yml) with what our extensions take
    from the Site: glossary tooltips on every page (without appending the glossary to each
    page's Markdown), the help lines, the interface words, and the Site for the page parts."""

    def mine(name: str) -> dict:
        found = options.get(name)
        return dict(found) if isinstance(found, dict) else {}

    return {
        **options,
        "abbr": {**mine("abbr"), "glossary": dict(site.glossary)},
        "guide.markdown.helpline_links": {
            **mine("guide.markdown.helpline_links"),
            "lines": site.helplines,
            "region": site.identity.region,
            "words": site.ui["helplines"],
        },
        "guide.markdown.blocks": {**mine("guide.markdown.blocks"), "words": site.ui["blocks"]},
        PAGE_PARTS: {**mine(PAGE_PARTS), "site": site, "directory_urls": directory_urls},
    }


def theme_values(site) -> dict:
    """The identity as the theme reads it: top-level config values and ``extra``."""
    from html import escape

    identity = site.identity
    ident = identity.model_dump(mode="json")
    ident["header_dark"] = identity.colors.header_dark_or_primary
    contact = _footer_contact(identity) or escape(site.ui["web"]["general_guide"])
    values = {
        "site_name": identity.name,
        "site_author": identity.author_or_name,
        "copyright": f"{escape(identity.licence)} {contact}",
        "extra": {"identity": ident, "ui": site.ui},
        "theme": {},
    }
    for key in ("logo", "favicon"):
        if ident[key]:
            values["theme"][key] = ident[key]
    return values


def _footer_contact(identity) -> str:
    """The practice's own contact for the footer: text, then phone, email and web as links."""
    from html import escape

    c = identity.contact
    parts = [escape(c.text)] if c.text else []
    if c.phone:
        parts.append(f'<a class="contact-phone" href="{escape(c.tel)}">{escape(c.phone)}</a>')
    if c.email:
        parts.append(f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>')
    if c.web:
        parts.append(f'<a href="{escape(c.web)}" rel="noopener">{escape(c.web.split("//", 1)[-1].rstrip("/"))}</a>')
    return " · ".join(parts)
