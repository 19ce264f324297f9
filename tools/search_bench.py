"""The search benchmark: before (Material's lunr) and after (our engine), in one run.

Builds the web site twice without handouts, from the same content: "before" as the site
was (Material's search worker, the index enriched as the former hook did, see
tools/search_legacy.py) and "after" as it is. Then, on each, runs that site's own worker
under Node (tools/search_run.js) on every query set, and also Material's lunr on our new
index (the "better index, same engine" option). Sizes are gzip bytes of what a reader
downloads for search. With --browser, Chromium measures the time from the last keystroke
to the first result at 4x CPU throttling (tools/search_latency.py).

    python tools/search_bench.py [--out search.json] [--browser] [--keep DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

TOOLS = Path(__file__).resolve().parent
ROOT = TOOLS.parent
sys.path.insert(0, str(TOOLS))
sys.path.insert(0, str(ROOT / "scripts"))

import search_eval  # noqa: E402
import search_legacy  # noqa: E402

from guide.config import load_config  # noqa: E402
from guide.site import Site  # noqa: E402
from guide.web import search_engine  # noqa: E402

OUR_FILES = [
    "assets/js/search/worker.js",
    "assets/js/search/engine.js",
    "assets/js/search/stem.js",
    "assets/js/vendor/minisearch.js",
]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def _absolute(cfg: dict) -> dict:
    """Config paths made absolute, so the file can live outside the project."""
    cfg = dict(cfg)
    cfg["docs_dir"] = str(ROOT / cfg.get("docs_dir", "docs"))
    cfg["theme"] = dict(cfg["theme"], custom_dir=str(ROOT / cfg["theme"]["custom_dir"]))
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", []) if not h.endswith("build_handouts.py")]
    cfg["watch"] = [str(ROOT / w) for w in cfg.get("watch", [])]
    return cfg


def build(cfg: dict, tmp: Path, name: str) -> tuple[Path, float]:
    config = tmp / f"mkdocs-{name}.yml"
    config.write_text(yaml.safe_dump(_absolute(cfg), sort_keys=False, allow_unicode=True), encoding="utf-8")
    site = tmp / name
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if proc.returncode:
        raise SystemExit(f"build {name} failed:\n{proc.stderr[-2000:]}")
    return site, time.perf_counter() - start


def lunr_on_new_index(after: Path, tmp: Path) -> Path:
    """A copy of the after site whose index has lunr's config (fields incl. the hidden keys)."""
    site = tmp / "lunr-new"
    (site / "search").mkdir(parents=True)
    shutil.copytree(after / "assets" / "javascripts", site / "assets" / "javascripts")
    index = search_engine.read_index(after)
    index["config"] = {
        "lang": ["en"],
        "separator": r"[\s\-]+",
        "pipeline": ["stopWordFilter"],
        "fields": {"title": {"boost": 10}, "text": {"boost": 1}, "keys": {"boost": 30}},
    }
    (site / "search" / "search_index.json").write_text(json.dumps(index), encoding="utf-8")
    for page in {d["location"].split("#")[0] for d in index["docs"]}:  # so "existing page" checks work
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").touch()
    return site


def sizes(site: Path, files: list[str]) -> dict:
    engine = sum(gz(site / f) for f in files)
    full = site / search_engine.FULL_INDEX  # what a reader downloads on opening search
    index = gz(full if full.exists() else site / "search" / "search_index.json")
    pages = len({d["location"].split("#")[0] for d in search_engine.read_index(site)["docs"]})
    return {
        "engine_gz": engine,
        "index_gz": index,
        "total_gz": engine + index,
        "pages": pages,
        "index_gz_per_page": index / pages,
    }


def run(browser: bool = False, keep: Path | None = None) -> dict:
    tmp = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="search-bench-"))
    tmp.mkdir(parents=True, exist_ok=True)
    base = load_config()
    before_site, before_s = build(search_legacy.before_config(base), tmp, "before")
    loaded, _ = Site.load()
    search_legacy.enrich(before_site, loaded.content, loaded.data.synonyms, True)
    after_site, after_s = build(base, tmp, "after")
    material = search_eval.material_worker(before_site)
    out = {
        "before": {
            "engine": "Material lunr (as shipped before)",
            "worker": material,
            **search_eval.evaluate(before_site, material),
            "size": sizes(before_site, [material]),
            "build_s": before_s,
        },
        "lunr_new_index": {
            "engine": "Material lunr on the new index (sections, hidden keys)",
            **search_eval.evaluate(lunr_on_new_index(after_site, tmp), material),
        },
        "after": {
            "engine": "MiniSearch 7.2.0 + our question handling",
            "worker": search_eval.OUR_WORKER,
            **search_eval.evaluate(after_site, search_eval.OUR_WORKER),
            "size": sizes(after_site, OUR_FILES),
            "build_s": after_s,
        },
    }
    # The tuning sets' questions are in the index (data/reader_questions.yml): their own figures
    # above only say so. Cross-validated, each set is measured with its own questions taken out.
    import search_cv

    out["after"]["cross_validated"] = {
        name: {k: v for k, v in s.items() if k != "misses"} for name, s in search_cv.cross_validate(after_site).items()
    }
    out["after"]["size"]["at_1000_pages_linear_gz"] = int(
        out["after"]["size"]["engine_gz"] + 1000 * out["after"]["size"]["index_gz_per_page"]
    )
    if browser:
        import search_latency

        out["browser"] = search_latency.measure(after_site)
    if not keep:
        shutil.rmtree(tmp, ignore_errors=True)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path)
    parser.add_argument("--browser", action="store_true")
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
    result = run(args.browser, args.keep)
    text = json.dumps(result, indent=1)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    for who in ("before", "lunr_new_index", "after"):
        r = result[who]
        print(
            who,
            {
                k: (f"@1 {v['recall@1']:.0%} @3 {v['recall@3']:.0%} mrr {v['mrr']:.2f}")
                for k, v in r.items()
                if isinstance(v, dict) and "recall@3" in v
            },
            "safety",
            f"{r['safety']['top2']:.0%}",
            r.get("size", ""),
        )
