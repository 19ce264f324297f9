"""Section 7 of BENCHMARKS.md: the figures of tools.bench.before_after as one table."""

from __future__ import annotations

from tools.bench.before_after_trees import NAV_PAGE
from tools.bench.common import fmt, table

LABELS = {
    "cold": ("Cold build: `.cache/` and `site/` removed, so every PDF is rendered", "`make build`"),
    "no_change": ("No-change full build, right after a full build", "`make build`"),
    "web": ("Web build: no book, no offline edition; handouts copied from the filled cache",
            "`scripts/build_site.py --no-downloads`"),
    "web_no_hook": ("Web only, no handouts at all: before, mkdocs.yml copied without the handout hook; after, "
                    "`--web-only`", "`scripts/build_site.py --no-downloads --config <copy>` / `--web-only`"),
    "nav_fail": (f"A build that fails: `{NAV_PAGE}` left out of the nav (a copy of mkdocs.yml), empty PDF cache; "
                 "time to failure", "`scripts/build_site.py --config <copy>`"),
    "test_fast": ("Fast tests", "`make test-fast`"),
    "test": ("Every test", "`make test`"),
}  # fmt: skip
SHORT = {"cold": "the cold build", "no_change": "the no-change build", "web": "the web build",
         "web_no_hook": "the web build without handouts", "nav_fail": "the build that fails on the nav",
         "test_fast": "`make test-fast`", "test": "`make test`"}  # fmt: skip
MUST_FAIL = ("nav_fail",)


def _side(record: dict, side: str) -> dict:
    return record.get(side) or {}


def _cell(s: dict) -> str:
    return "not measured" if s.get("not_measured") or not s.get("runs") else f"{fmt(s['median_s'], 1)}"


def _notes(name: str, record: dict) -> str:
    notes = []
    for side in ("before", "after"):
        s = _side(record, side)
        if s.get("not_measured"):
            notes.append(f"{side}: {s['not_measured']}")
            continue
        bad = [rc for rc in s.get("rc", []) if (rc == 0) == (name in MUST_FAIL)]
        if bad:
            notes.append(f"{side}: unexpected exit code {', '.join(map(str, bad))}")
        last = (s.get("details") or [{}])[-1]
        if name == "nav_fail" and last:
            named = "names the page" if last.get("names_page") else "does not name the page"
            hook = f" ({last['handouts_rendered']} handouts by the hook)" if last.get("handouts_rendered") else ""
            notes.append(
                f"{side}: {last.get('pdfs_rendered', 0)} PDFs rendered before it failed{hook}; the error {named}"
            )
        if name in ("cold", "no_change", "web") and last.get("pages"):
            notes.append(f"{side}: {last['pages']} pages, {last.get('handouts_rendered', '?')} of "
                         f"{last.get('handouts', '?')} handouts rendered")  # fmt: skip
        if name.startswith("test") and last.get("tests"):
            notes.append(f"{side}: {last['tests']}")
    return "; ".join(notes)


def _row(name: str, record: dict) -> list:
    before, after = _side(record, "before"), _side(record, "after")
    b, a = before.get("median_s"), after.get("median_s")
    ratio = f"{a / b:.2f}x" if a and b and not before.get("not_measured") and not after.get("not_measured") else "n/a"
    runs = " / ".join(", ".join(f"{x:.1f}" for x in s.get("runs", [])) or "-" for s in (before, after))
    bc, ac = before.get("cpu_median_s"), after.get("cpu_median_s")
    cpu = f"{fmt(bc, 1)} / {fmt(ac, 1)}" + (f" ({ac / bc:.2f}x)" if ac and bc else "")
    label, command = LABELS[name]
    return [label, command, _cell(before), _cell(after), ratio, runs, cpu, _notes(name, record)]


def markdown(r: dict) -> list[str]:
    ba = r.get("before_after")
    if not ba:
        return []
    c = ba["commits"]
    loads = lambda key: ", ".join(f"{x:.2f}" for x in ba.get(key, []))  # noqa: E731
    # fmt: off
    out = ["## 7. Before and after the consolidation", "",
           f"Measured by `python -m tools.bench.before_after --rounds {ba['rounds']}"
           f"{' --with-tests' if ba['with_tests'] else ''}` on {ba['date']}, in {ba['seconds']:.0f} s: a run of its "
           "own, not the run the sections above come from. Before is `" + c["before"][:7] + "` (the tree before the "
           "consolidation), after is `" + c["after"][:7] + "`. Each is a clean git worktree in a temporary folder, "
           "its virtual environments made by its own Makefile, `node_modules` linked from this project. The "
           "measures alternate (before, after, before, after, ...), one round after another; each cell is the "
           "median of the rounds' whole-process wall times. After / before below 1 means the consolidation made it "
           f"faster. The after tree has more pages, handouts and tests than the before tree; the notes give the "
           f"counts. Load average at start {loads('load_average_start')}, at end {loads('load_average_end')}, on "
           f"{ba.get('cores')} cores.", ""]
    if max(ba.get("load_average_start", [0])[:2]) > (ba.get("cores") or 1):
        out += ["**The machine was busy with other work** (load above the core count), and the load changed during "
                "the run: runs of one measure differ by up to 3x, so read the run-by-run pairs beside the medians, and "
                "the CPU seconds (the process and its children, medians), which suffer less from sharing.", ""]
    out += table(["Measure", "Command", "Before (s)", "After (s)", "After / before", "Runs, before / after (s)",
                  "CPU, before / after (s)", "Notes"],
                 [_row(name, record) for name, record in ba["cases"].items()])
    missing = [SHORT[name] for name in LABELS if name not in ba["cases"]]
    if missing:
        out += ["", "**Not measured in this run:** " + ", ".join(missing)
                + (" (the whole `make test` takes about 15 minutes a side: `--with-tests`, or `make bench BENCH_TESTS=1`)"
                   if "test" not in ba["cases"] else "") + "."]
    # fmt: on
    return out + [""]
