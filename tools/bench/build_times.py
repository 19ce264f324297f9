"""Section 1, build time: ours (cold, warm, without downloads) against stock Material."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import base_env, fmt, log, med, ours_cmd, run_timed, stock_cmd, table
from tools.bench.configs import HANDOUT_HOOK, load_config, no_pdf_config, stock_config, write_config

# "Ours without PDFs": before the consolidation the handouts were a hook that a config could drop;
# since, they are a build step that `--web-only` leaves out (with the book and the offline edition).
WEB_ROW = {True: "no handout hook, `--no-downloads` (no book, no offline edition)",
           False: "`--web-only` (no handouts, no book, no offline edition)"}  # fmt: skip
WEB_TEXT = {True: "runs the engine alone (`--no-downloads`, no handout step)",
            False: "runs the engine and the web file steps alone (`--web-only`: no handouts, book or offline "
                   "edition)"}  # fmt: skip


def _hook_seconds(stderr: str) -> float | None:
    found = re.findall(r"^handouts: .* ([\d.]+) s$", stderr, re.M)
    return float(found[-1]) if found else None


def _rendered(stderr: str) -> int | None:
    found = re.findall(r"^handouts: (\d+) rendered", stderr, re.M)
    return int(found[-1]) if found else None


class BuildSection:
    """Section 1 in steps, so the run can order them by priority: ours cold; then ours warm (full),
    ours without PDFs and stock Material, interleaved so load drift hits all alike."""

    KINDS = ("cold", "warm", "web", "stock")

    def __init__(self, tmp: Path):
        self.tmp, self.config = tmp, ROOT / "mkdocs.yml"
        self.out: dict = {k: [] for k in self.KINDS} | {f"{k}_cpu": [] for k in self.KINDS}
        self.out.update({"cold_hook_s": [], "warm_hook_s": [], "warm_rendered": []})
        self.stock_tree = tmp / "stock-tree"
        shutil.copytree(ROOT / "docs", self.stock_tree / "docs")
        self.stock_file = write_config(stock_config(load_config(), ROOT / "includes"), self.stock_tree / "mkdocs.yml")
        self.hook_dropped = HANDOUT_HOOK in load_config().get("hooks", [])  # false since the consolidation
        # Since the consolidation the config's folder is the project (data/ is read beside it), so a copy in
        # tmp cannot build; with no hook to drop, the web build runs on mkdocs.yml itself.
        self.no_pdf_file = no_pdf_config(tmp) if self.hook_dropped else self.config

    def _record(self, kind: str, cmd: list[str], env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        wall, cpu, proc = run_timed(cmd, env, cwd=cwd)
        self.out[kind].append(wall), self.out[f"{kind}_cpu"].append(cpu)
        log(f"  {kind:5} run {len(self.out[kind])}: {wall:.1f} s")
        return proc

    def cold(self, i: int) -> None:  # a fresh, empty cache (handouts, book) each time
        env = base_env(GUIDE_CACHE=str(self.tmp / f"cache-{i}"))
        proc = self._record("cold", ours_cmd(self.tmp / f"cold-site-{i}", self.config), env)
        self.out["cold_hook_s"].append(_hook_seconds(proc.stderr))
        if i:
            shutil.rmtree(self.tmp / f"cold-site-{i}", ignore_errors=True)
            shutil.rmtree(self.tmp / f"cache-{i}", ignore_errors=True)

    def warm(self, i: int) -> None:
        env = base_env(GUIDE_CACHE=str(self.tmp / "cache-0"))  # filled by the first cold run
        proc = self._record("warm", ours_cmd(self.tmp / f"warm-site-{i}", self.config), env)
        self.out["warm_hook_s"].append(_hook_seconds(proc.stderr))
        self.out["warm_rendered"].append(_rendered(proc.stderr))
        web = ["--no-downloads"] if self.hook_dropped else ["--web-only"]
        self._record("web", ours_cmd(self.tmp / f"web-site-{i}", self.no_pdf_file, web), env)
        self._record("stock", stock_cmd(self.tmp / f"stock-site-{i}", self.stock_file), base_env(), cwd=self.stock_tree)
        if i:
            for name in ("warm", "web", "stock"):
                shutil.rmtree(self.tmp / f"{name}-site-{i}", ignore_errors=True)

    def result(self) -> dict:
        out = dict(self.out)
        for key in self.KINDS:
            out[f"{key}_s"], out[f"{key}_cpu_s"] = med(out[key]), med(out[f"{key}_cpu"])
        clean = [i for i, n in enumerate(out["warm_rendered"]) if not n]  # a warm run that rendered is not warm
        if clean and len(clean) < len(out["warm"]):
            out["warm_s"] = med([out["warm"][i] for i in clean])
            out["warm_cpu_s"] = med([out["warm_cpu"][i] for i in clean])
            out["warm_hook_s"] = [out["warm_hook_s"][i] for i in clean]
        out["warm_hook_median_s"] = med(out["warm_hook_s"])
        ratio = lambda a, b: out[a] / out[b] if out[a] and out[b] else None  # noqa: E731
        out["ratio"], out["cpu_ratio"] = ratio("web_s", "stock_s"), ratio("web_cpu_s", "stock_cpu_s")
        out["warm_ratio"] = ratio("warm_s", "stock_s")
        out["pair_ratios"] = [w / st for w, st in zip(out["web"], out["stock"], strict=False)]
        out["stock_config"], out["web_handout_hook_dropped"] = self.stock_file.read_text(), self.hook_dropped
        return out


def reserve(build: BuildSection | None) -> float:
    """Seconds to keep for one scale run at the smallest size (about 2.5 times the real site's pages)."""
    out = build.out if build else {}
    web, stock = med(out.get("web") or out.get("warm") or []), med(out.get("stock") or [])
    return 2.5 * (web + stock) if web and stock else 60.0


def budgets(r: dict, add) -> None:
    add("1", "build overhead: ours without PDFs / stock Material", (r.get("build") or {}).get("ratio"), "<=", 1.5, "x")


def markdown(r: dict) -> list[str]:
    b = r.get("build")
    out = ["", "## 1. Build time: ours against stock Material", ""]
    if not b:
        return out
    runs = lambda k: ", ".join(f"{x:.1f}" for x in b[k])  # noqa: E731
    hook = b.get("web_handout_hook_dropped", True)  # figures from before the consolidation do not say
    out += table(["Build", "Wall, median (s)", "Runs (s)", "CPU, median (s)"], [
        ["Ours, cold: empty cache, so every handout PDF and the book are rendered; offline edition zipped",
         fmt(b["cold_s"], 1), runs("cold"), fmt(b["cold_cpu_s"], 1)],
        ["Ours, warm: the same full build with the PDF cache filled (PDFs copied, not rendered)",
         fmt(b["warm_s"], 1), runs("warm"), fmt(b["warm_cpu_s"], 1)],
        [f"**Ours without PDFs**: {WEB_ROW[hook]}",
         fmt(b["web_s"], 2), runs("web"), fmt(b["web_cpu_s"], 2)],
        ["Stock Material, same Markdown", fmt(b["stock_s"], 2), runs("stock"), fmt(b["stock_cpu_s"], 2)]])  # fmt: skip
    out += ["", f"**Overhead ratio, ours without PDFs / stock: {fmt(b['ratio'])}x** (budget 1.5x; run by run: "
            + ", ".join(f"{x:.2f}x" for x in b["pair_ratios"]) + f"). CPU ratio: {fmt(b['cpu_ratio'])}x. "
            f"The full warm build (PDFs copied, book, offline edition) / stock: {fmt(b['warm_ratio'])}x.", ""]  # fmt: skip
    if any(b.get("warm_rendered") or []):
        out += [f"Warning: warm runs re-rendered handouts (per run: {', '.join(map(str, b['warm_rendered']))}), so "
                "the project changed during the run. The warm median leaves those runs out when a clean run exists.", ""]  # fmt: skip
    out += [
        f"The handout step inside the build, as the hook reports it: cold {fmt(med(b['cold_hook_s']), 1)} s, "
        f"warm {fmt(b['warm_hook_median_s'], 2)} s (median). In a cold build the book renders in its own "
        "process beside the web build and the handouts.", "",
        "Ours is `python scripts/build_site.py` (`guide.build.build`: content check, strict MkDocs build in the "
        "same process with our hooks, phone-number check on the built pages, then the downloads, then the swap "
        "into place), each run in a fresh process with `GUIDE_CACHE` set to a temp folder. \"without PDFs\" "
        f"{WEB_TEXT[hook]}. Stock is "
        "`python -m mkdocs build -q` on a copy of `docs/` with this config (theme defaults, no hooks, no "
        "`guide.*` extensions, not strict):",
        "", "<details><summary>Stock config</summary>", "", "```yaml", b["stock_config"].rstrip(), "```", "",
        "</details>"]  # fmt: skip
    return out


def console(r: dict) -> list[str]:
    b = r.get("build")
    if not b:
        return []
    return ["", f"build: cold {b['cold_s']:.1f} s, warm {b['warm_s']:.1f} s, without PDFs {b['web_s']:.2f} s, "
            f"stock {b['stock_s']:.2f} s, ratio {fmt(b['ratio'])}x"]  # fmt: skip
