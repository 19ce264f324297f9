"""Benchmark the build, page weight, Lighthouse scores and handouts (see tools.bench.bench).

Writes BENCHMARKS.md and benchmarks.json at the project root. Budgets are reported
as PASS or FAIL; they never fail the command (it exits 1 only if a section crashed).
"""

import argparse
import sys
from pathlib import Path

from guide.paths import ROOT
from tools.bench.bench import rewrite_report, run

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median); default 3")
    parser.add_argument("--budget", type=float, default=480,
                        help="seconds for the whole run; repeats and scale sizes are cut to fit (default 480, "
                             "so make bench stays under 10 minutes with its set-up)")
    parser.add_argument("--sizes", default="100,300,1000", help="scale sizes, in exercises (default 100,300,1000)")
    parser.add_argument("--no-lighthouse", action="store_true", help="skip the Lighthouse section")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (sites, reports)")
    parser.add_argument("--out-dir", type=Path, default=ROOT, help="where to write BENCHMARKS.md and benchmarks.json")
    parser.add_argument("--report-only", action="store_true",
                        help="measure nothing: rewrite BENCHMARKS.md from the existing benchmarks.json")
    args = parser.parse_args()
    if args.report_only:
        sys.exit(rewrite_report(args.out_dir.resolve()))
    sys.exit(run(runs=max(1, args.runs), budget_s=args.budget, lighthouse=not args.no_lighthouse,
                 sizes=tuple(int(s) for s in args.sizes.split(",") if s.strip()), keep=args.keep,
                 out_dir=args.out_dir.resolve()))
