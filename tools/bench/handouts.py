"""Section 5, handouts: sizes and render times from the cold build, and the handout step alone."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import base_env, fmt, get, log, med, run_timed, spread, table
from tools.bench.configs import load_config


def _probe(tmp: Path, name: str, mode: str, repeat: int, cache: Path) -> dict:
    site_url = load_config().get("site_url") or ""
    cmd = [sys.executable, "-m", "tools.bench.handout_probe", str(tmp / f"{name}-site"), site_url, mode, str(repeat)]
    _, _, proc = run_timed(cmd, base_env(GUIDE_CACHE=str(cache)), cwd=ROOT)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _is_pack(name: str) -> bool:
    return name.startswith("pack-")


def handouts_section(tmp: Path, cold_site: Path, cache: Path, runs: int) -> dict:
    """Sizes from the first cold build's handouts; render times as that build's workers measured them."""
    pdfs = sorted((cold_site / "handouts").glob("*.pdf"))
    sizes = {p.name: p.stat().st_size / 1024 for p in pdfs}
    rendered = json.loads((cache / "handouts" / "last-render.json").read_text(encoding="utf-8"))
    times = rendered["times"]
    again = _probe(tmp, "handouts-again", "again", runs, cache)
    single = _probe(tmp, "handouts-one", "break-plan", runs, cache)
    one = next(v for k, v in single.items() if not _is_pack(k))
    pack = next(v for k, v in single.items() if _is_pack(k))
    log(f"  handout step, no change: {med(again['again_s']):.3f} s; one handout on one core: {med(one):.2f} s")
    downloads = sorted((cold_site / "downloads").glob("*.*"))
    return {"count": len(pdfs), "fresh_wall_s": rendered["seconds"],
            "summary": {k: v for k, v in rendered.items() if k != "times"},
            "times": times, "into_empty_site_s": again["first_s"],
            "no_change_runs": again["again_s"], "no_change_s": med(again["again_s"]),
            "single": single, "single_s": med(one), "single_spread": spread(one), "pack_single_s": med(pack),
            "time_exercise": spread([t for n, t in times.items() if not _is_pack(n)]),
            "time_pack": spread([t for n, t in times.items() if _is_pack(n)]),
            "size_exercise_kb": spread([v for n, v in sizes.items() if not _is_pack(n)]),
            "size_pack_kb": spread([v for n, v in sizes.items() if _is_pack(n)]),
            "largest_exercise": max((n for n in sizes if not _is_pack(n)), key=sizes.get, default=None),
            "sizes_kb": sizes,
            "downloads_kb": {p.name: p.stat().st_size / 1024 for p in downloads if p.suffix != ".html"}}  # fmt: skip


def budgets(r: dict, add) -> None:
    add("5", "handout step with no changes (second build_all)", get(r, "handouts", "no_change_s"), "<=", 1.0, "s")
    add("5", "largest fillable handout", get(r, "handouts", "size_exercise_kb", "max"), "<=", 100, "KB")


def markdown(r: dict) -> list[str]:
    h = r.get("handouts")
    out = ["", "## 5. Handouts", ""]
    if not h:
        return out
    # fmt: off
    sp = lambda d, u, k=1: f"{fmt(d.get('min'), k)} / {fmt(d.get('median'), k)} / {fmt(d.get('max'), k)} {u} (n={d.get('n', 0)})"  # noqa: E731
    out += table(["Measure", "Min / median / max"], [
        ["Exercise handout size (fillable, A4 and Letter)", sp(h["size_exercise_kb"], "KB")],
        ["Programme pack size", sp(h["size_pack_kb"], "KB")],
        ["Exercise handout render time (cold build, 2 workers side by side)", sp(h["time_exercise"], "s", 2)],
        ["Pack render time (cold build, 2 workers side by side)", sp(h["time_pack"], "s", 2)],
        ["One exercise handout alone, one core, after a warm-up", sp(h["single_spread"], "s", 2)]])
    out += ["", f"- All {h['summary']['total']} handouts rendered in the first cold build: {h['fresh_wall_s']:.1f} s "
            "for the handout step (the book renders beside it).",
            f"- One programme pack alone, one core: {fmt(h['pack_single_s'])} s (median).",
            f"- Handout step with no changes (`build_all` again, same process): {fmt(h['no_change_s'], 3)} s median "
            f"(runs: {', '.join(f'{x:.3f}' for x in h['no_change_runs'])}); copying every PDF into an empty site "
            f"folder: {fmt(h['into_empty_site_s'], 3)} s. Inside a real warm build, in a fresh process, the hook "
            f"reports {fmt(get(r, 'build', 'warm_hook_median_s'))} s.",
            f"- Largest exercise handout: `{h['largest_exercise']}`. Sizes are from the cold build's `handouts/`."]
    if h.get("downloads_kb"):
        out += ["- Downloads in the same build: " + ", ".join(f"`{n}` {v:.0f} KB" for n, v in h["downloads_kb"].items()
                                                         if not n.endswith(".html"))
                + " (not budgeted)."]
    # fmt: on
    return out


def console(r: dict) -> list[str]:
    h = r.get("handouts")
    if not h:
        return []
    return [f"handouts: {h['count']} PDFs, fresh {h['fresh_wall_s']:.1f} s, no change {h['no_change_s']:.3f} s, "
            f"one {h['single_s']:.2f} s, largest exercise {h['size_exercise_kb']['max']:.0f} KB"]  # fmt: skip
