"""Config variants the benchmark builds with: ours, ours without the handout hook, stock Material.

Each is written as a new file under the benchmark's temporary folder; the project's own
mkdocs.yml is only read.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from guide.config import load_config
from guide.paths import ROOT

__all__ = ["HANDOUT_HOOK", "load_config", "no_pdf_config", "ours_config", "stock_config", "write_config"]

HANDOUT_HOOK = "overrides/hooks/build_handouts.py"


def write_config(cfg: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def ours_config(base: dict, handouts: bool = True) -> dict:
    """Our config, optionally without the handout hook (GUIDE_SKIP_HANDOUTS does not exist).

    Since the consolidation the handouts are a build step, not a hook, so this drops nothing
    from today's config; it still matters for a tree from before (tools.bench.before_after).
    """
    cfg = dict(base)
    if not handouts:
        cfg["hooks"] = [h for h in cfg.get("hooks", []) if Path(h).as_posix() != HANDOUT_HOOK]
    return cfg


def stock_config(base: dict, includes: Path) -> dict:
    """Stock Material on the same Markdown: theme defaults, no hooks, no guide.* extensions, no strict."""
    exts = []
    for ext in base.get("markdown_extensions", []):
        name, opts = (ext, None) if isinstance(ext, str) else next(iter(ext.items()))
        if name.startswith("guide."):
            continue
        if name == "pymdownx.snippets":
            opts = {k: v for k, v in (opts or {}).items() if k != "auto_append"}
            opts["base_path"] = [str(includes)]
        exts.append({name: opts} if opts else name)
    keep = ("site_name", "site_description", "site_url", "site_author", "plugins", "nav")
    cfg = {k: base[k] for k in keep if k in base}
    cfg.update({"theme": {"name": "material"}, "markdown_extensions": exts})
    return cfg


def no_pdf_config(tmp: Path) -> Path:
    """Our mkdocs.yml without the handout hook, with absolute paths so it can live in ``tmp``."""
    cfg = ours_config(load_config(), handouts=False)
    cfg["docs_dir"] = str(ROOT / cfg.get("docs_dir", "docs"))
    cfg["theme"] = {**cfg["theme"], "custom_dir": str(ROOT / cfg["theme"]["custom_dir"])}
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg["watch"] = [str(ROOT / w) for w in cfg.get("watch", [])]
    return write_config(cfg, tmp / "mkdocs-no-pdfs.yml")
