"""Benchmark helpers: project-tree copies, config variants and the scale section.

Used by ``tools.bench.bench``. Nothing here touches the real project: every tree,
config and site is written under the benchmark's temporary folder.
"""

from __future__ import annotations

import gzip
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import yaml

from guide.config import load_config  # noqa: F401 (re-exported for tools.bench.bench)
from guide.paths import ROOT

HANDOUT_HOOK = "overrides/hooks/build_handouts.py"
TEMPLATE_EXERCISE = "exercises/break-plan.md"


# --- config variants ---------------------------------------------------------------------------

def write_config(cfg: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(cfg, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def ours_config(base: dict, handouts: bool = True) -> dict:
    """Our config, optionally without the handout hook (GUIDE_SKIP_HANDOUTS does not exist)."""
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


# --- trees -------------------------------------------------------------------------------------

def copy_tree(dest: Path) -> Path:
    """A copy of the project's content and config (as the bad-input tests make)."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in ("docs", "data", "includes", "overrides"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    return dest


def add_exercises(tree: Path, cfg: dict, total: int) -> int:
    """Add copies of the template exercise until the tree holds ``total`` exercises; nav them."""
    exercises = tree / "docs" / "exercises"
    existing = [p for p in exercises.glob("*.md") if p.name != "index.md"]
    text = (exercises.parent / TEMPLATE_EXERCISE).read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.M).group(1)
    added = []
    for i in range(1, max(0, total - len(existing)) + 1):
        slug = f"bench-exercise-{i:04d}"
        body = re.sub(r"^title: .+$", f"title: {title} {i}", text, count=1, flags=re.M)
        (exercises / f"{slug}.md").write_text(body, encoding="utf-8")
        added.append(f"exercises/{slug}.md")
    for section in cfg["nav"]:
        if isinstance(section, dict) and "Homework" in section:
            section["Homework"].append({"Synthetic exercises": added})
            break
    else:
        raise RuntimeError("mkdocs.yml nav has no 'Homework' section")
    return len(existing) + len(added)


def count_pages(docs: Path) -> int:
    return sum(1 for _ in docs.rglob("*.md"))


# --- running builds ----------------------------------------------------------------------------

def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(cmd: list[str], env: dict[str, str], cwd: Path = ROOT,
              timeout: float = 900) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return wall seconds, CPU seconds (it and its children) and the process."""
    cpu0, start = _child_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    seconds, cpu = time.perf_counter() - start, _child_cpu() - cpu0
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr + proc.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... failed ({proc.returncode}):\n{tail}")
    return seconds, cpu, proc


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GUIDE_ROOT", "GUIDE_CACHE", "GUIDE_SKIP_HANDOUTS")}
    env.update(extra)
    return env


def ours_cmd(site: Path, config: Path, extra: list[str] | None = None) -> list[str]:
    return [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site), "--config", str(config),
            *(extra or [])]


def stock_cmd(site: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


# --- section 2: scale --------------------------------------------------------------------------

def _prepare(tmp: Path, base: dict, size: int) -> dict:
    tree = copy_tree(tmp / f"scale-{size}")
    ours_cfg = ours_config(base, handouts=False)
    ours_cfg["nav"] = yaml.safe_load(yaml.safe_dump(base["nav"]))
    exercises = add_exercises(tree, ours_cfg, size)
    return {"tree": tree, "exercises": exercises, "pages": count_pages(tree / "docs"),
            "ours_file": write_config(ours_cfg, tree / "mkdocs.yml"),
            "stock_file": write_config(stock_config(ours_cfg, tree / "includes"), tree / "mkdocs-stock.yml"),
            "env": base_env(GUIDE_ROOT=str(tree), GUIDE_CACHE=str(tmp / "scale-cache")),
            "ours": [], "stock": [], "ours_cpu": [], "stock_cpu": []}


def _guess(size: int, done: dict) -> float | None:
    """Seconds for one ours + stock pair at ``size``, with 15% slack.

    Per-page cost grows with the site (every page renders the whole nav), so with two sizes
    measured the per-page cost is extrapolated along the line through them.
    """
    measured = sorted((d for d in done.values() if d["ours"]), key=lambda d: d["pages"])
    if not measured:
        return None
    other = measured[0]["pages"] - measured[0]["exercises"]
    pages = size + other
    per_page = [(d["pages"], (med(d["ours"]) + med(d["stock"])) / d["pages"]) for d in measured]
    if len(per_page) >= 2:
        (p0, c0), (p1, c1) = per_page[-2], per_page[-1]
        cost = c1 + max(0.0, (c1 - c0) / (p1 - p0)) * (pages - p1)
    else:
        cost = per_page[-1][1] * (1.5 if pages > per_page[-1][0] else 1.0)
    return 1.15 * cost * pages


def scale(tmp: Path, sizes: list[int], runs: int, deadline: float, log, first_guess: float = 0) -> dict:
    """Our build (no handout hook) against stock Material on synthetic sites of ``sizes`` exercises.

    Breadth first: one run of every size (smallest first), then more runs while time is left, so a
    short budget costs repeats before it costs sizes. The largest size (1000+) gets one run.
    """
    base, done, skipped = load_config(), {}, []
    for round_ in range(runs):
        for size in sizes:
            if size in skipped or round_ >= (1 if size >= 1000 else runs):
                continue
            guess = _guess(size, done) or first_guess * size / 100
            if time.monotonic() + guess > deadline:
                log(f"  scale {size}: {'skipped' if not round_ else f'run {round_ + 1} skipped'}, "
                    f"about {guess:.0f} s needed and the time budget would run out")
                if not round_:
                    skipped.append(size)
                continue
            d = done.get(size) or done.setdefault(size, _prepare(tmp, base, size))
            tree = d["tree"]
            for label, cmd, env in (("ours", ours_cmd(tree / "site-ours", d["ours_file"], ["--no-downloads"]), d["env"]),
                                    ("stock", stock_cmd(tree / "site-stock", d["stock_file"]), base_env())):
                seconds, cpu_s, _ = run_timed(cmd, env, cwd=tree)
                d[label].append(seconds), d[f"{label}_cpu"].append(cpu_s)
                index = tree / f"site-{label}" / "search" / "search_index.json"
                if label == "ours" and index.exists():  # the search download at this size (gzip)
                    d["search_index_gz"] = len(gzip.compress(index.read_bytes(), 9))
                shutil.rmtree(tree / f"site-{label}", ignore_errors=True)
                log(f"  scale {size} exercises ({d['pages']} pages) {label} run {round_ + 1}: {seconds:.1f} s")
    rows = []
    for size in sorted(done):
        d = done[size]
        shutil.rmtree(d["tree"], ignore_errors=True)
        o, st = med(d["ours"]), med(d["stock"])
        rows.append({"exercises": d["exercises"], "pages": d["pages"], "runs": len(d["ours"]), "ours_s": o,
                     "stock_s": st, "ours_runs": d["ours"], "stock_runs": d["stock"], "ours_cpu_s": med(d["ours_cpu"]),
                     "stock_cpu_s": med(d["stock_cpu"]), "ratio": o / st,
                     "ours_ms_per_page": 1000 * o / d["pages"], "stock_ms_per_page": 1000 * st / d["pages"],
                     "search_index_gz": d.get("search_index_gz")})
    return {"rows": rows, "skipped": skipped, "growth": growth(rows)}


def med(values):
    """Median of the values that were measured (None for none)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def growth(rows: list[dict]) -> dict:
    """Per-page ms at the largest size over the smallest, and the marginal ms per added page."""
    if len(rows) < 2:
        return {}
    lo, hi = rows[0], rows[-1]
    out = {"from_pages": lo["pages"], "to_pages": hi["pages"]}
    for who in ("ours", "stock"):
        out[f"{who}_per_page_ratio"] = hi[f"{who}_ms_per_page"] / lo[f"{who}_ms_per_page"]
        out[f"{who}_marginal_ms"] = [1000 * (b[f"{who}_s"] - a[f"{who}_s"]) / (b["pages"] - a["pages"])
                                     for a, b in zip(rows, rows[1:], strict=False)]
    return out
