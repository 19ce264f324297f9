"""Benchmark the build, scale, page weight, Lighthouse scores, handouts and search, in one run.

Writes BENCHMARKS.md and benchmarks.json at the project root. Budgets are reported
as PASS or FAIL; they never fail the command (it exits 1 only if a section crashed).
The before-and-after comparison is its own job (tools.bench.before_after); its figures in
benchmarks.json are kept.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
import traceback
from pathlib import Path

from guide.paths import ROOT
from tools.bench import report, search
from tools.bench.build_times import BuildSection, reserve
from tools.bench.common import log
from tools.bench.handouts import handouts_section
from tools.bench.lighthouse import LighthouseSection
from tools.bench.machine import machine
from tools.bench.page_weight import weight_section
from tools.bench.scale import scale

KEPT = ("before_after",)  # figures of other jobs, carried over from the last benchmarks.json


def _steps(tmp: Path, runs: int, lighthouse: bool, results: dict, state: dict) -> tuple[list, list]:
    """The first run of every measurement, then the repeats by priority: (key, title, step)."""

    def setup():
        state["build"] = BuildSection(tmp)
        state["lh"] = LighthouseSection(tmp, tmp / "warm-site-0", tmp / "stock-site-0") if lighthouse else None

    def save(key, fn):
        return lambda: results.__setitem__(key, fn())

    build = lambda name, i: lambda: getattr(state["build"], name)(i)  # noqa: E731
    lh = lambda i: lambda: state["lh"] and state["lh"].round(i)  # noqa: E731
    first = [("build", "1. build: setting up the stock copy", setup), ("build", "1. build: ours cold, run 1", build("cold", 0)),
             ("build", "1. build: ours warm, web only, stock, run 1", build("warm", 0)),
             ("handouts", "5. handouts", save("handouts", lambda: handouts_section(tmp, tmp / "cold-site-0", tmp / "cache-0", runs))),
             ("weight", "3. page weight", save("weight", lambda: weight_section(tmp / "warm-site-0", tmp / "stock-site-0"))),
             ("lighthouse", "4. lighthouse, round 1", lh(0)),
             ("search", "6. search, before and after", save("search", lambda: search.section(tmp)))]  # fmt: skip
    repeats = ([("build", f"1. build: ours warm, web only, stock, run {i + 1}", build("warm", i)) for i in range(1, runs)]
               + [("lighthouse", f"4. lighthouse, round {i + 1}", lh(i)) for i in range(1, runs) if lighthouse]
               + [("build", f"1. build: ours cold, run {i + 1}", build("cold", i)) for i in range(1, runs)])  # fmt: skip
    return first, repeats


def _attempt(results: dict, key: str, step) -> None:
    try:
        step()
    except Exception as exc:  # report it, keep going: one broken section must not hide the rest
        results["errors"][key] = "".join(traceback.format_exception_only(exc)).strip()
        log(f"  ERROR: {results['errors'][key]}")
        traceback.print_exc()


def run(runs: int = 3, budget_s: float = 480, lighthouse: bool = True, sizes: tuple[int, ...] = (100, 300, 1000),
        keep: bool = False, out_dir: Path = ROOT) -> int:  # fmt: skip
    """One run of every measurement first, then the repeats by priority while the time budget lasts,
    then the scale section (breadth first) in what is left. Medians are of the runs that were made."""
    start = time.monotonic()
    deadline = start + budget_s
    tmp = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    results: dict = {"machine": machine(), "runs": runs, "budget_s": budget_s, "errors": {}, "cut": [],
                     "section_seconds": {}}  # fmt: skip
    log(f"benchmark on {results['machine']['cpu']}, {results['machine']['cores']} cores; temp {tmp}")
    state: dict = {"build": None, "lh": None}
    first, repeats = _steps(tmp, runs, lighthouse, results, state)
    last: dict[str, float] = {}  # the last duration of each kind of step, to predict the next
    try:
        for n, (key, title, step) in enumerate(first + repeats):
            kind = title.rsplit(",", 1)[0]
            if key in results["errors"]:
                continue
            if n >= len(first) and time.monotonic() + 1.1 * last.get(kind, 0) + reserve(state["build"]) > deadline:
                results["cut"].append(f"{title} (about {last.get(kind, 0):.0f} s)")
                log(f"{title}: skipped, the time budget would run out")
                continue
            log(f"{title} ...")
            t = time.monotonic()
            _attempt(results, key, step)
            last[kind] = time.monotonic() - t
            results["section_seconds"][key] = results["section_seconds"].get(key, 0) + last[kind]
        build, lh = state["build"], state["lh"]
        if lh:
            lh.close()
            results["lighthouse"] = lh.result()
        elif not lighthouse:
            results["lighthouse"] = {"skipped": "switched off (--no-lighthouse)"}
        if build and build.out["cold"] and build.out["stock"]:
            results["build"] = build.result()
        log("2. scale ...")
        t = time.monotonic()
        _attempt(results, "scale", lambda: results.__setitem__("scale", scale(tmp, list(sizes), runs, deadline, log,
                                                                               reserve(build))))  # fmt: skip
        results["section_seconds"]["scale"] = time.monotonic() - t
    finally:
        if state["lh"]:
            state["lh"].close()
        results["machine"]["load_average_end"] = list(os.getloadavg())
        results["total_seconds"] = time.monotonic() - start
        results.update({k: v for k, v in report.load(out_dir).items() if k in KEPT})
        report.write(results, out_dir)
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    log(report.console(results))
    log(f"wrote {out_dir / 'BENCHMARKS.md'} and {out_dir / 'benchmarks.json'} in {results['total_seconds']:.0f} s")
    return 1 if results["errors"] else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median); default 3")
    parser.add_argument("--budget", type=float, default=480,
                        help="seconds for the whole run; repeats and scale sizes are cut to fit (default 480, "
                             "so make bench stays under 10 minutes with its set-up)")  # fmt: skip
    parser.add_argument("--sizes", default="100,300,1000", help="scale sizes, in exercises (default 100,300,1000)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse section")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (sites, reports)")
    parser.add_argument("--out-dir", type=Path, default=ROOT, help="where to write BENCHMARKS.md and benchmarks.json")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite BENCHMARKS.md from the existing benchmarks.json")  # fmt: skip
    args = parser.parse_args()
    if args.report_only:
        sys.exit(report.rewrite_report(args.out_dir.resolve()))
    sys.exit(run(runs=max(1, args.runs), budget_s=args.budget, lighthouse=not args.no_lighthouse,
                 sizes=tuple(int(s) for s in args.sizes.split(",") if s.strip()), keep=args.keep,
                 out_dir=args.out_dir.resolve()))  # fmt: skip
