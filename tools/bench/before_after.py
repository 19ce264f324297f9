"""Before and after the consolidation, side by side in one run (issue #15).

    python -m tools.bench.before_after [--rounds 3] [--with-tests] [--before de75c26] [--after HEAD]

Two clean git worktrees in a temporary folder, each set up by its own Makefile; then every
measure alternates (before, after, before, after, ...) for ``--rounds`` rounds and the medians
are compared. Times are whole-process wall times of the command a developer runs. The figures
go into benchmarks.json ("before_after") and BENCHMARKS.md is written again.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

from guide.paths import ROOT
from tools.bench import before_after_trees as trees
from tools.bench import report
from tools.bench.common import log, med, run_timed
from tools.bench.machine import machine

BEFORE = "de75c26"  # the tree before the consolidation (3087689, "One load, engine at the edge")
CASES = ("cold", "no_change", "web", "web_no_hook", "nav_fail", "test_fast", "test")


def _case(name: str, tree: trees.Tree, scratch: Path) -> tuple[list[str], dict, bool] | str:
    """(command, extra environment, whether it must fail), or why it cannot run in this tree."""
    if name in ("cold", "no_change"):
        return ["make", "build"], {}, False
    if name == "web":
        return tree.build_cmd("--no-downloads", "--site-dir", "site-web"), {}, False
    if name == "web_no_hook":
        config = trees.no_handout_hook_config(tree)
        if config is None:  # since the consolidation the handouts are a build step: --web-only skips them
            if "--web-only" in (tree.path / "src" / "guide" / "build.py").read_text(encoding="utf-8"):
                return tree.build_cmd("--web-only", "--site-dir", "site-web"), {}, False
            return "no such mode: the handouts are a build step, not a hook, and the build has no switch to skip them"
        return tree.build_cmd("--no-downloads", "--site-dir", "site-web", "--config", config.name), {}, False
    if name == "nav_fail":
        config = trees.nav_fail_config(tree)
        cache = scratch / f"navfail-cache-{tree.side}"  # empty: shows whether PDFs are rendered before failing
        shutil.rmtree(cache, ignore_errors=True)
        return tree.build_cmd("--site-dir", "site-navfail", "--config", config.name), {"GUIDE_CACHE": str(cache)}, True
    return ["make", name.replace("_", "-")], {}, False


def _summary(name: str, output: str, scratch: Path, side: str) -> dict:
    """What a run showed besides its time: test counts, the failure, the PDFs it rendered."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    out: dict = {}
    pages = re.findall(r"^built (\d+) pages", output, re.M)
    handouts = re.findall(r"^handouts: (\d+) rendered, (\d+) cached", output, re.M)
    if pages:
        out["pages"] = int(pages[-1])
    if handouts:
        out["handouts_rendered"], out["handouts"] = int(handouts[-1][0]), sum(map(int, handouts[-1]))
    if name.startswith("test"):
        found = [line for line in lines if re.search(r"\b(passed|failed|error)s?\b.* in [\d.]+s", line)]
        out["tests"] = found[-1].strip("= ") if found else (lines[-1] if lines else "")
    if name == "nav_fail":
        cache = scratch / f"navfail-cache-{side}"
        out["pdfs_rendered"] = sum(1 for _ in cache.rglob("*.pdf")) if cache.exists() else 0
        out["names_page"] = trees.NAV_PAGE.removesuffix(".md") in output
        found = [line for line in lines if re.search(r"not (included in|in the nav)", line)]
        found += [line for line in lines if line.lower().startswith(("error", "aborted"))] + lines[-1:]
        out["message"] = (found[0] if found else "")[:300]
        shutil.rmtree(cache, ignore_errors=True)
    return out


def _measure(name: str, tree: trees.Tree, scratch: Path, record: dict) -> None:
    case = _case(name, tree, scratch)
    side = record.setdefault(tree.side, {"runs": [], "cpu": [], "rc": [], "details": []})
    if isinstance(case, str):
        side["not_measured"] = case
        return
    cmd, extra, must_fail = case
    if name == "cold":
        tree.clean()
    if name == "no_change" and not tree.built:  # e.g. with --only no_change: the full build to repeat
        run_timed(cmd, trees.env(), cwd=tree.path, timeout=1200)
    timeout = 3600 if name == "test" else 1200
    wall, cpu, proc = run_timed(cmd, trees.env(**extra), cwd=tree.path, timeout=timeout, check=False)
    details = _summary(name, proc.stdout + "\n" + proc.stderr, scratch, tree.side)
    ok = (proc.returncode != 0) if must_fail else (proc.returncode == 0)
    side["runs"].append(wall), side["cpu"].append(cpu), side["rc"].append(proc.returncode)
    side["details"].append(details)
    tree.built = tree.built or (name in ("cold", "no_change") and ok)
    flag = (
        "" if ok else f"  (unexpected exit {proc.returncode}: {' '.join(proc.stderr.strip().splitlines()[-2:])[:300]})"
    )
    log(f"  {name:11} {tree.side:6} {wall:7.1f} s  {details.get('tests') or details.get('message') or ''}{flag}")


def measure(rounds: int, with_tests: bool, before: str, after: str, work: Path | None, only: tuple[str, ...]) -> dict:
    started, start = dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), time.monotonic()
    keep = work is not None
    work = (work or Path(tempfile.mkdtemp(prefix="guide-before-after-"))).resolve()
    work.mkdir(parents=True, exist_ok=True)
    commits = {"before": trees.resolve(before), "after": trees.resolve(after)}
    result: dict = {"date": started, "rounds": rounds, "with_tests": with_tests, "commits": commits,
                    "load_average_start": list(os.getloadavg()), "cores": os.cpu_count(), "cases": {}}  # fmt: skip
    cases = [c for c in CASES if (c != "test" or with_tests) and (not only or c in only)]
    pair: list[trees.Tree] = []
    try:
        log(f"before and after: worktrees in {work}")
        pair = [trees.checkout(work, side, commits[side]) for side in ("before", "after")]
        result["setup_s"] = {t.side: trees.set_up(t, with_tests, work) for t in pair}  # pip compiles the bytecode
        for i in range(rounds):
            log(f"round {i + 1} of {rounds}")
            for name in cases:
                for tree in pair:
                    _measure(name, tree, work, result["cases"].setdefault(name, {}))
    finally:
        for tree in pair if not keep else []:
            trees.remove(tree)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)
    for record in result["cases"].values():
        for side in record.values():
            side["median_s"], side["cpu_median_s"] = med(side["runs"]), med(side["cpu"])
    result["load_average_end"] = list(os.getloadavg())
    result["seconds"] = time.monotonic() - start
    return result


def save(result: dict, out_dir: Path) -> None:
    """Into benchmarks.json beside the other sections' figures, and BENCHMARKS.md again."""
    results = report.load(out_dir)
    if "machine" not in results:  # no full run yet: a report with only this section
        results = {"machine": machine(), "runs": result["rounds"], "errors": {}, "cut": [], "section_seconds": {}}
    results["before_after"] = result
    report.write(results, out_dir)
    log(f"wrote {out_dir / 'BENCHMARKS.md'} and {out_dir / 'benchmarks.json'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds; each measure's median is of these (default 3)")
    parser.add_argument("--with-tests", action="store_true", help="also the whole `make test` (about 15 min a side)")
    parser.add_argument("--before", default=BEFORE, help=f"the commit before (default {BEFORE})")
    parser.add_argument("--after", default="HEAD", help="the commit after (default HEAD)")
    parser.add_argument("--work-dir", type=Path, help="where the worktrees go; kept, and reused by the next run")
    parser.add_argument("--only", default="", help=f"some of the measures, comma-separated: {', '.join(CASES)}")
    parser.add_argument("--out-dir", type=Path, default=ROOT, help="where benchmarks.json and BENCHMARKS.md are")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so the worktrees are removed on the way out
    only = tuple(c.strip() for c in args.only.split(",") if c.strip())
    unknown = [c for c in only if c not in CASES]
    if unknown:
        parser.error(f"--only: unknown measure {', '.join(unknown)}; known: {', '.join(CASES)}")
    result = measure(max(1, args.rounds), args.with_tests, args.before, args.after, args.work_dir, only)
    save(result, args.out_dir.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main())
