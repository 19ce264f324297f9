"""Cross-validated search figures for the tuning sets, now that their questions are in the index.

    .venv-test/bin/python tools/search_cv.py SITE

data/reader_questions.yml puts the tuning sets' questions in the index, so a tuning set's own
figures only say that the index holds its questions. This measures each tuning set as if it were
new: for each set in turn, its questions are taken out of the built index (every other set's
stay in) and the set is scored on that index. Report-only sets are not touched: they are
measured on the real index by tools/search_eval.py --report.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import reader_questions  # noqa: E402
from search_eval import OUR_WORKER, query_sets, run_worker, score  # noqa: E402

from guide.web.search_engine import pack, read_index  # noqa: E402

INDEX = "search/guide_index.json"


def without(index: dict, drop: set[str]) -> dict:
    out = json.loads(json.dumps(index))
    for doc in out["docs"]:
        if "asked" in doc:
            doc["asked"] = " | ".join(k for k in doc["asked"].split(" | ") if k not in drop)
    return out


def cross_validate(site: Path) -> dict:
    index = read_index(site)
    sets = query_sets()
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy)
        for name in reader_questions.TUNE:
            entries = sets[name]
            drop = {" ".join(e["query"].split()).lower() for e in entries}
            (copy / INDEX).write_text(json.dumps(pack(without(index, drop))), encoding="utf-8")
            run = run_worker(copy, OUR_WORKER, sorted({e["query"] for e in entries}))
            results = {r["query"]: r["pages"] for r in run["results"]}
            out[name] = score(entries, results)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--misses", action="store_true", help="print each tuning set's misses at 3")
    args = parser.parse_args()
    total = {"n": 0, "at1": 0.0, "at3": 0.0}
    for name, s in cross_validate(args.site).items():
        print(
            f"{name:15} n={s['n']:3}  @1 {s['recall@1']:.1%}  @3 {s['recall@3']:.1%}  MRR {s['mrr']:.3f}  (cross-validated)"
        )
        total["n"] += s["n"]
        total["at1"] += s["recall@1"] * s["n"]
        total["at3"] += s["recall@3"] * s["n"]
        if args.misses:
            for m in s["misses"]:
                print(f"    {m['query']!r}: got {m['got']}, want {m['want']}")
    print(f"{'all tuning':15} n={total['n']:3}  @1 {total['at1'] / total['n']:.1%}  @3 {total['at3'] / total['n']:.1%}")
