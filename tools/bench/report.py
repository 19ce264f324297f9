"""BENCHMARKS.md from the figures in benchmarks.json: the budgets, then each section's own report.

    python -m tools.bench.report [--out-dir DIR]    rewrite BENCHMARKS.md from DIR/benchmarks.json

Each section module writes its own part (``markdown``) and adds its own budgets; this module
puts them in order and writes the two files.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from guide.paths import ROOT
from tools.bench import before_after_report, build_times, handouts, lighthouse, machine, page_weight, scale, search
from tools.bench.common import fmt, log, table

SECTIONS = (build_times, scale, page_weight, lighthouse, handouts)  # in the report's order; search follows


def budgets(r: dict) -> list[dict]:
    out = []

    def add(section, name, value, op, limit, unit=""):
        ok = None if value is None else (value <= limit if op == "<=" else value >= limit)
        out.append({"section": section, "name": name, "value": value, "op": op, "limit": limit, "unit": unit,
                    "pass": ok})  # fmt: skip

    for module in (build_times, page_weight, lighthouse, handouts, search):
        module.budgets(r, add)
    return out


def _verdict(b: dict) -> str:
    return "n/a" if b["pass"] is None else ("PASS" if b["pass"] else "FAIL")


def _budget_line(b: dict) -> str:
    return f"{_verdict(b):4}  {b['name']}: {fmt(b['value'])}{b['unit']} ({b['op']} {b['limit']}{b['unit']})"


def markdown(r: dict) -> str:
    m = r["machine"]
    # fmt: off
    out = ["# Benchmarks", "",
           f"Made by `make bench` (`python -m tools.bench.run`) on {m['date']}, in {r.get('total_seconds', 0):.0f} s. "
           f"Everything below was measured in that one run, side by side. Timings are medians of up to {r['runs']} runs "
           "(each table lists or counts the runs made). Raw figures: `benchmarks.json`.", ""]
    out += machine.markdown(m)
    out += ["", "## Budgets", ""]
    out += table(["Section", "Budget", "Measured", "Limit", "Result"],
                 [[b["section"], b["name"], f"{fmt(b['value'])} {b['unit']}".strip(), f"{b['op']} {b['limit']} {b['unit']}".strip(),
                   f"**{_verdict(b)}**"] for b in r["budgets"]])
    for module in SECTIONS:
        out += module.markdown(r)
    out += [""] + search.markdown(r) + before_after_report.markdown(r)
    secs = r.get("section_seconds", {})
    out += ["## The run", "", "Seconds per section: " + ", ".join(f"{k} {v:.0f}" for k, v in secs.items())
            + f"; {r.get('total_seconds', 0):.0f} s in all. Time budget {r.get('budget_s', 0):.0f} s: every "
            "measurement runs once first; then the repeats run by priority (warm and stock builds, Lighthouse "
            "rounds, cold builds) and the scale sizes take what is left, each only if it is predicted to fit. "
            "Re-run: `make bench`, or `.venv/bin/python -m tools.bench.run --help` (`--budget`, `--runs`)."]
    if r.get("cut"):
        out += ["", "**Left out to fit the time budget** (each median above is of the runs actually made): "
                + "; ".join(r["cut"]) + "."]
    # fmt: on
    if r.get("errors"):
        out += ["", "## Errors", ""] + [f"- {k}: `{v}`" for k, v in r["errors"].items()]
    return "\n".join(out) + "\n"


def console(r: dict) -> str:
    lines = ["", "BUDGETS"] + ["  " + _budget_line(b) for b in r["budgets"]]
    lines += build_times.console(r) + scale.console(r) + handouts.console(r)
    lines += [f"scale {x} exercises: skipped (time budget)" for x in (r.get("scale") or {}).get("skipped", [])]
    lines += [f"left out (time budget): {cut}" for cut in r.get("cut", [])]
    lines += [f"ERROR in {k}: {v}" for k, v in r.get("errors", {}).items()]
    return "\n".join(lines)


def write(results: dict, out_dir: Path = ROOT) -> None:
    """benchmarks.json and BENCHMARKS.md, from ``results`` (its budgets worked out afresh)."""
    results["budgets"] = budgets(results)
    (out_dir / "benchmarks.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
    (out_dir / "BENCHMARKS.md").write_text(markdown(results), encoding="utf-8")


def load(out_dir: Path = ROOT) -> dict:
    path = out_dir / "benchmarks.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def rewrite_report(out_dir: Path = ROOT) -> int:
    """BENCHMARKS.md again from benchmarks.json (after a change to the report's wording)."""
    results = load(out_dir)
    results["budgets"] = budgets(results)
    (out_dir / "BENCHMARKS.md").write_text(markdown(results), encoding="utf-8")
    log(f"wrote {out_dir / 'BENCHMARKS.md'} from {out_dir / 'benchmarks.json'}")
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=ROOT, help="where benchmarks.json and BENCHMARKS.md are")
    sys.exit(rewrite_report(parser.parse_args().out_dir.resolve()))
