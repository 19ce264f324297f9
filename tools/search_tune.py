"""Tune the search weights on the tune sets (never the report-only ones), and print them.

    python tools/search_tune.py SITE_DIR

Runs tools/search_tune.js over the built site's index with ``lay``, ``heldout-tune`` and the
extra tune sets. It prints the weights to copy into ``weights:`` in data/search.yml, and the tune
sets' figures before and after. The report-only sets (heldout-report, blind sets) are not
passed, so tuning cannot see them; measure them afterwards with tools/search_eval.py --report.

The tune sets' questions are in the index (data/reader_questions.yml), so each set is scored
cross-validated, as tools/search_cv.py does: on an index with that set's own questions taken
out and every other set's left in. Weights tuned on the sets' own questions would only learn
to find questions the index already holds.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
from pathlib import Path

from search_cv import without
from search_eval import EXTRA, REPORT_ONLY, ROOT, query_sets

from guide.web.search_engine import read_index

TUNE = ("lay", "heldout-tune", *EXTRA)

if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    args = parser.parse_args()
    sets = {name: entries for name, entries in query_sets().items() if name in TUNE}
    assert not set(sets) & set(REPORT_ONLY)
    index = read_index(args.site)
    held_out = {}
    for name, entries in sets.items():
        own = without(index, {" ".join(e["query"].split()).lower() for e in entries})
        held_out[name] = {
            "entries": [{"query": e["query"], "expected": e["expected"]} for e in entries],
            "config": own.get("config", {}),
            "docs": own["docs"],
        }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(held_out, f)
    out = subprocess.run(["node", str(ROOT / "tools" / "search_tune.js"), f.name], capture_output=True, text=True)
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
