"""Tune the search weights on the tune sets (never the report-only ones), and print them.

    python tools/search_tune.py SITE_DIR

Runs tools/search_tune.js over the built site's index with ``lay``, ``heldout-tune`` and the
extra tune sets (``extra-tune``, ``extra2-tune``). It prints the weights to copy into ``weights:`` in data/search.yml, and the tune
sets' figures before and after. The report-only sets (heldout-report, blind sets) are not
passed, so tuning cannot see them; measure them afterwards with tools/search_eval.py --report.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from search_eval import EXTRA, REPORT_ONLY, ROOT, query_sets

TUNE = ("lay", "heldout-tune", *EXTRA)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    sets = {name: entries for name, entries in query_sets().items() if name in TUNE}
    assert not set(sets) & set(REPORT_ONLY)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump({n: [{"query": e["query"], "expected": e["expected"]} for e in es] for n, es in sets.items()}, f)
    out = subprocess.run(
        ["node", str(ROOT / "tools" / "search_tune.js"), str(args.site), f.name], capture_output=True, text=True
    )
    Path(f.name).unlink()
    if out.returncode:
        raise SystemExit(f"search_tune.js failed: {out.stderr.strip()[-500:]}")
    r = json.loads(out.stdout)
    for label in ("start", "best"):
        print(
            label,
            f"{r[label]['score']:.4f}",
            {n: f"@3 {v['recall3']:.1%} MRR {v['mrr']:.3f}" for n, v in r[label]["per"].items()},
        )
    for step in r["steps"]:
        print("  kept", step)
    print("weights:", json.dumps(r["weights"]))
