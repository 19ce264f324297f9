"""Benchmark helpers: project-tree copies, config variants and the scale section.

Used by ``guide.bench``. Nothing here touches the real project: every tree,
config and site is written under the benchmark's temporary folder.
"""

from __future__ import annotations

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

from .paths import ROOT

HANDOUT_HOOK = "overrides/hooks/build_handouts.py"
TEMPLATE_EXERCISE = "exercises/break-plan.md"


# --- config variants ---------------------------------------------------------------------------

class _Loader(yaml.SafeLoader):
    """A safe loader that resolves MkDocs' ``!ENV`` tag the way MkDocs does."""


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


_Loader.add_constructor("!ENV", _env_tag)


def load_config(path: Path = ROOT / "mkdocs.yml") -> dict:
    with open(path, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_Loader)  # noqa: S506 (a SafeLoader subclass)


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


def ours_cmd(site: Path, config: Path) -> list[str]:
    return [sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site), "--config", str(config)]


def stock_cmd(site: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


# --- section 2: scale --------------------------------------------------------------------------

def scale(tmp: Path, sizes: list[int], runs: int, deadline: float, log) -> dict:
    """Our build (no handout hook) against stock Material on synthetic sites of ``sizes`` exercises."""
    base = load_config()
    rows, skipped = [], []
    for size in sizes:
        want = 1 if size >= 1000 else runs
        if rows:  # predict from the last size (per page, both builds, with 15% slack)
            last = rows[-1]
            guess = 1.15 * want * (last["ours_s"] + last["stock_s"]) / last["pages"] * (size + last["pages"] - last["exercises"])
            if time.monotonic() + guess > deadline:
                log(f"  scale {size}: skipped, about {guess:.0f} s needed and the time budget would run out")
                skipped.append(size)
                continue
        tree = copy_tree(tmp / f"scale-{size}")
        ours_cfg = ours_config(base, handouts=False)
        ours_cfg["nav"] = yaml.safe_load(yaml.safe_dump(base["nav"]))
        exercises = add_exercises(tree, ours_cfg, size)
        stock_cfg = stock_config(ours_cfg, tree / "includes")
        ours_file = write_config(ours_cfg, tree / "mkdocs.yml")
        stock_file = write_config(stock_cfg, tree / "mkdocs-stock.yml")
        pages = count_pages(tree / "docs")
        env_ours = base_env(GUIDE_ROOT=str(tree), GUIDE_CACHE=str(tmp / "scale-cache"))
        ours, stock, cpu = [], [], {"ours": [], "stock": []}
        for i in range(want):
            if i and time.monotonic() > deadline:
                log(f"  scale {size}: time budget reached, {i} run(s) only")
                break
            for label, cmd, env, times in (("ours", ours_cmd(tree / f"site-ours-{i}", ours_file), env_ours, ours),
                                           ("stock", stock_cmd(tree / f"site-stock-{i}", stock_file), base_env(), stock)):
                seconds, cpu_s, _ = run_timed(cmd, env, cwd=tree)
                times.append(seconds)
                cpu[label].append(cpu_s)
                log(f"  scale {size} exercises ({pages} pages) {label} run {i + 1}: {seconds:.1f} s")
            for name in (f"site-ours-{i}", f"site-stock-{i}"):
                shutil.rmtree(tree / name, ignore_errors=True)
        shutil.rmtree(tree, ignore_errors=True)
        o, st = statistics.median(ours), statistics.median(stock)
        rows.append({"exercises": exercises, "pages": pages, "runs": len(ours), "ours_s": o, "stock_s": st,
                     "ours_runs": ours, "stock_runs": stock, "ours_cpu_s": statistics.median(cpu["ours"]),
                     "stock_cpu_s": statistics.median(cpu["stock"]), "ratio": o / st,
                     "ours_ms_per_page": 1000 * o / pages, "stock_ms_per_page": 1000 * st / pages})
    return {"rows": rows, "skipped": skipped, "growth": growth(rows)}


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
