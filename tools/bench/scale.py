"""Section 2, scale: our build without downloads against stock Material on synthetic sites.

Every tree, config and site is written under the benchmark's temporary folder.
"""

from __future__ import annotations

import gzip
import re
import shutil
import time
from pathlib import Path

import yaml

from guide.paths import ROOT
from tools.bench.common import base_env, fmt, med, ours_cmd, run_timed, stock_cmd, table
from tools.bench.configs import load_config, ours_config, stock_config, write_config

TEMPLATE_EXERCISE = "exercises/break-plan.md"


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


def _prepare(tmp: Path, base: dict, size: int) -> dict:
    tree = copy_tree(tmp / f"scale-{size}")
    ours_cfg = ours_config(base, handouts=False)
    ours_cfg["nav"] = yaml.safe_load(yaml.safe_dump(base["nav"]))
    exercises = add_exercises(tree, ours_cfg, size)
    return {"tree": tree, "exercises": exercises, "pages": count_pages(tree / "docs"),
            "ours_file": write_config(ours_cfg, tree / "mkdocs.yml"),
            "stock_file": write_config(stock_config(ours_cfg, tree / "includes"), tree / "mkdocs-stock.yml"),
            "env": base_env(GUIDE_ROOT=str(tree), GUIDE_CACHE=str(tmp / "scale-cache")),
            "ours": [], "stock": [], "ours_cpu": [], "stock_cpu": []}  # fmt: skip


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


def _run_pair(d: dict, size: int, round_: int, log) -> None:
    tree = d["tree"]
    for label, cmd, env in (("ours", ours_cmd(tree / "site-ours", d["ours_file"], ["--web-only"]), d["env"]),
                            ("stock", stock_cmd(tree / "site-stock", d["stock_file"]), base_env())):  # fmt: skip
        seconds, cpu_s, _ = run_timed(cmd, env, cwd=tree)
        d[label].append(seconds), d[f"{label}_cpu"].append(cpu_s)
        index = tree / f"site-{label}" / "search" / "guide_index.json"
        if label == "ours" and index.exists():  # the search download at this size (gzip)
            d["search_index_gz"] = len(gzip.compress(index.read_bytes(), 9))
        shutil.rmtree(tree / f"site-{label}", ignore_errors=True)
        log(f"  scale {size} exercises ({d['pages']} pages) {label} run {round_ + 1}: {seconds:.1f} s")


def scale(tmp: Path, sizes: list[int], runs: int, deadline: float, log, first_guess: float = 0) -> dict:
    """Our build (`--web-only`) against stock Material on synthetic sites of ``sizes`` exercises.

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
                    f"about {guess:.0f} s needed and the time budget would run out")  # fmt: skip
                if not round_:
                    skipped.append(size)
                continue
            _run_pair(done.get(size) or done.setdefault(size, _prepare(tmp, base, size)), size, round_, log)
    rows = []
    for size in sorted(done):
        d = done[size]
        shutil.rmtree(d["tree"], ignore_errors=True)
        o, st = med(d["ours"]), med(d["stock"])
        rows.append({"exercises": d["exercises"], "pages": d["pages"], "runs": len(d["ours"]), "ours_s": o,
                     "stock_s": st, "ours_runs": d["ours"], "stock_runs": d["stock"], "ours_cpu_s": med(d["ours_cpu"]),
                     "stock_cpu_s": med(d["stock_cpu"]), "ratio": o / st,
                     "ours_ms_per_page": 1000 * o / d["pages"], "stock_ms_per_page": 1000 * st / d["pages"],
                     "search_index_gz": d.get("search_index_gz")})  # fmt: skip
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
                                     for a, b in zip(rows, rows[1:], strict=False)]  # fmt: skip
    return out


def markdown(r: dict) -> list[str]:
    sc = r.get("scale")
    out = ["", "## 2. Scale: synthetic sites", ""]
    if not sc:
        return out
    # fmt: off
    out += ["Copies of `docs/exercises/break-plan.md` with new slugs and titles, in a copied tree, listed in the nav "
            "under Homework. Ours runs " + ("without PDFs, as in the budget above (no handout hook, `--no-downloads`)"
                                            if (r.get("build") or {}).get("web_handout_hook_dropped", True) else
                                            "without PDFs, as in the budget above (`--web-only`: no handouts, book "
                                            "or offline edition)")
            + ", against stock Material. Sizes run "
            "breadth first: one run of each, then repeats while the time budget lasts (the largest gets one run); "
            "the Runs column says how many each median is of.", ""]
    out += table(["Exercises", "Pages", "Runs", "Ours (s)", "Stock (s)", "Ours / stock", "Ours ms/page", "Stock ms/page",
                  "Ours CPU (s)", "Stock CPU (s)"],
                 [[x["exercises"], x["pages"], x["runs"], fmt(x["ours_s"], 1), fmt(x["stock_s"], 1), f"{x['ratio']:.2f}x",
                   f"{x['ours_ms_per_page']:.0f}", f"{x['stock_ms_per_page']:.0f}", fmt(x["ours_cpu_s"], 1),
                   fmt(x["stock_cpu_s"], 1)] for x in sc["rows"]])
    g = sc.get("growth")
    if g:
        verdict = lambda q: "about linear" if q <= 1.25 else "faster than linear"  # noqa: E731
        out += ["", f"Growth from {g['from_pages']} to {g['to_pages']} pages: per-page time x{g['ours_per_page_ratio']:.2f} "
                f"for ours ({verdict(g['ours_per_page_ratio'])}), x{g['stock_per_page_ratio']:.2f} for stock "
                f"({verdict(g['stock_per_page_ratio'])}). Marginal cost per added page: ours "
                + ", ".join(f"{v:.0f}" for v in g["ours_marginal_ms"]) + " ms; stock "
                + ", ".join(f"{v:.0f}" for v in g["stock_marginal_ms"]) + " ms (between successive sizes)."]
    # fmt: on
    if sc.get("skipped"):
        out += ["", f"Skipped for lack of time: {', '.join(map(str, sc['skipped']))} exercises."]
    return out


def console(r: dict) -> list[str]:
    sc = r.get("scale") or {}
    lines = [f"scale {x['exercises']} exercises: ours {x['ours_s']:.1f} s, stock {x['stock_s']:.1f} s "
             f"({x['ours_ms_per_page']:.0f} / {x['stock_ms_per_page']:.0f} ms per page)" for x in sc.get("rows", [])]  # fmt: skip
    return lines
