"""Section 6, search: before (Material's lunr) and after (our engine), side by side.

The measuring is in tools/search_bench.py (run as a separate process, so benchmark code stays
out of the product); this module runs it and turns its figures into budgets and a report.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import fmt, kb, table

SETS = [
    ("lay", "Lay queries (tests/data/search_queries.yml)"),
    ("heldout-tune", "Held-out real questions, tune half"),
    ("heldout-report", "Held-out real questions, report half (never tuned on)"),
    ("heldout-all", "Held-out real questions, all"),
    ("extra-tune", "More real questions, tuning only (tests/data/search_tune_extra.yml)"),
    ("extra2-tune", "More real questions no. 2, tuning only (tests/data/search_tune_extra2.yml)"),
    ("extra3-tune", "More real questions no. 3, tuning only (tests/data/search_tune_extra3.yml)"),
    ("extra4-tune", "More real questions no. 4, tuning only (tests/data/search_tune_extra4.yml)"),
    ("extra5-tune", "More real questions no. 5, tuning only (tests/data/search_tune_extra5.yml)"),
    ("extra6-tune", "More real questions no. 6 (the therapy itself), tuning only (tests/data/search_tune_extra6.yml)"),
    ("extra7-tune", "More real questions no. 7 (the problems), tuning only (tests/data/search_tune_extra7.yml)"),
    ("extra8-tune", "More real questions no. 8 (the body), tuning only (tests/data/search_tune_extra8.yml)"),
    ("extra9-tune", "More real questions no. 9 (the relationship), tuning only (tests/data/search_tune_extra9.yml)"),
    ("extra10-tune", "More real questions no. 10 (US and Canada), tuning only (tests/data/search_tune_extra10.yml)"),
    (
        "extra11-tune",
        "More real questions no. 11 (outside the US and Canada), tuning only (tests/data/search_tune_extra11.yml)",
    ),
    ("blind2", "Blind set 2, report only (tests/data/search_blind2.yml; safety phrases added after it)"),
    ("blind3", "Blind set 3, report only (tests/data/search_blind3.yml; two safety rules added after it)"),
    ("blind4", "Blind set 4, report only (tests/data/search_blind4.yml)"),
    ("blind5", "Blind set 5, report only (tests/data/search_blind5.yml; safety phrases added after it)"),
]
ENGINES = [("before", "Before: Material lunr"), ("lunr_new_index", "Lunr, new index"), ("after", "After: our engine")]


def section(tmp: Path, browser: bool = True) -> dict:
    out = tmp / "search.json"
    cmd = [sys.executable, str(ROOT / "tools" / "search_bench.py"), "--out", str(out)] + (
        ["--browser"] if browser else []
    )
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, check=False)
    if proc.returncode:
        raise RuntimeError(f"tools/search_bench.py failed: {(proc.stderr or proc.stdout).strip()[-800:]}")
    return json.loads(out.read_text(encoding="utf-8"))


def _pct(x) -> float | None:
    return None if x is None else 100 * x


def budgets(r: dict, add) -> None:
    s = r.get("search") or {}
    after = s.get("after") or {}
    add(
        "6",
        "search recall@3, held-out report half",
        _pct((after.get("heldout-report") or {}).get("recall@3")),
        ">=",
        90,
        "%",
    )
    add(
        "6",
        "search: safety questions (every set) with help or safety in the top 2",
        _pct((after.get("safety_all") or after.get("safety") or {}).get("top2")),
        ">=",
        100,
        "%",
    )
    size = (after.get("size") or {}).get("total_gz")
    add("6", "search index + engine (gzip)", size / 1024 if size else None, "<=", 200, "KB")
    b = s.get("browser") or {}
    worst = max(
        [v for v in (b.get("max_ms"), (b.get("engine_main_thread") or {}).get("max_ms")) if v is not None], default=None
    )
    add("6", "search: last keystroke to first result at 4x CPU throttling (worst)", worst, "<=", 100, "ms")


def _cell(m: dict | None) -> str:
    if not m:
        return "n/a"
    return f"{100 * m['recall@1']:.0f}% / {100 * m['recall@3']:.0f}% / {m['mrr']:.2f}"


def markdown(r: dict) -> list[str]:
    s = r.get("search")
    if not s:
        return []
    out = [
        "## 6. Search",
        "",
        "The site's own search, measured outside in: each engine's real worker file runs under Node on the index "
        "its build ships (`tools/search_run.js`), fed the same messages as the search box. Before = Material's lunr "
        "worker and the index as the former hook enriched it; after = our worker (MiniSearch 7.2.0 and our "
        "question handling). Cells: recall@1 / recall@3 / MRR. A held-out hit needs one of the entry's expected "
        "pages in the top 3; some expected pages are still being written, so the right column counts only "
        "entries whose pages exist.",
        "",
    ]
    rows = []
    for key, label in SETS:
        n = (s["after"].get(key) or {}).get("n")
        if n is None:  # a set the measured run did not have yet
            continue
        existing = (s["after"].get(key) or {}).get("existing")
        later = (s["after"].get(key) or {}).get("with_later")
        rows.append(
            [
                f"{label} (n={n})",
                *[_cell(s[e].get(key)) for e, _ in ENGINES],
                _cell(existing) + (f" (n={existing['n']})" if existing else ""),
                _cell(later),
            ]
        )
    out += table(
        ["Query set", *[label for _, label in ENGINES], "After, existing pages only", "After, with later pages"], rows
    )
    out += [
        "",
        "With later pages: the entry's `expected` pages plus its `also_answers`, pages added to the site after the "
        "set was written that a judge who saw no search results found also answer it. `expected` itself is never "
        "changed.",
    ]
    cv = s["after"].get("cross_validated")
    if cv:
        out += [
            "",
            "Since 2026-12-03 the tuning sets' questions are in the index (`data/reader_questions.yml`, hidden), so "
            "their rows above only say that the index holds them. Cross-validated (`tools/search_cv.py`), each "
            "tuning set is measured with its own questions taken out of the index, the others' left in:",
            "",
        ]
        out += table(["Tuning set", "After, cross-validated"], [[f"{k} (n={v['n']})", _cell(v)] for k, v in cv.items()])
    safety = [[label, f"{100 * s[e]['safety']['top2']:.0f}% of {s[e]['safety']['n']}"] for e, label in ENGINES]
    out += ["", "Safety questions (held-out, `safety: true`): help or safety page in the top 2.", ""]
    out += table(["Engine", "Safety top 2"], safety)
    every = s["after"].get("safety_all")
    if every:
        out += ["", f"Every set's safety questions ({every['n']}), after: {100 * every['top2']:.0f}% in the top 2."]
    sb, sa = s["before"]["size"], s["after"]["size"]
    out += ["", "Download for search (gzip):", ""]
    out += table(
        ["", "Engine (KB)", "Index (KB)", "Total (KB)", "Index per page (KB)"],
        [
            [label, kb(x["engine_gz"]), kb(x["index_gz"]), f"**{kb(x['total_gz'])}**", kb(x["index_gz_per_page"])]
            for label, x in (("Before", sb), ("After", sa))
        ],
    )
    scale_rows = (r.get("scale") or {}).get("rows") or []
    measured = [x for x in scale_rows if x.get("search_index_gz")]
    grow = (
        f" The scale site ({measured[-1]['pages']} pages of copied exercises, which gzip well) measured "
        f"{kb(measured[-1]['search_index_gz'])} KB of index."
        if measured
        else ""
    )
    out += [
        "",
        f"At 1,000 pages of ordinary text the index grows linearly, to about "
        f"{kb(sa['at_1000_pages_linear_gz'])} KB with the engine (index per page x 1,000).{grow} Past a few hundred "
        "pages the index should be split and loaded per section, or searched on a server.",
        "",
    ]
    b = s.get("browser")
    if b:
        e = b.get("engine_main_thread") or {}
        out += [
            f"Latency, Chromium at {b['cpu_throttling']}x CPU throttling: last keystroke to first result "
            f"median {fmt(b['median_ms'], 0)} ms, worst {fmt(b['max_ms'], 0)} ms over {len(b['queries'])} queries; "
            f"the engine alone on the throttled main thread: index set-up {fmt(e.get('setup_ms'), 0)} ms once, "
            f"queries median {fmt(e.get('median_ms'), 0)} ms, worst {fmt(e.get('max_ms'), 0)} ms.",
            "",
        ]
    out += ["Misses of the after engine (not in the top 3), report half:", ""]
    out += [
        f"- `{m['query']}`: got {', '.join(p or '/' for p in m['got']) or 'nothing'}; "
        f"want {', '.join(p or '/' for p in m['want'])}"
        for m in s["after"]["heldout-report"]["misses"]
    ]
    out += ["", "Misses, tune half and lay set: in `benchmarks.json` (`search.after.*.misses`).", ""]
    return out
