"""Write data/reader_questions.yml: the real questions of the search tuning sets, by page.

    .venv-test/bin/python tools/reader_questions.py          # write the file
    .venv-test/bin/python tools/reader_questions.py --check  # exit 1 if the file is out of date

Each non-safety question in the tuning sets (``lay``, ``heldout-tune`` and the extra tune sets,
see tools/search_eval.py) is filed under its first expected page that exists: the page that
answers it best.
The search index adds them to the page's hidden keys (guide.web.search_engine). Questions of the
report-only sets (``heldout-report``, the blind sets) never go in, not even when a tuning set
holds the same words: those sets measure how the search does on questions it has not seen.
Safety questions are left out too: help and safety come first for them by rule, not by words.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from search_eval import EXTRA, REPORT_ONLY, ROOT, query_sets  # noqa: E402

OUT = ROOT / "data" / "reader_questions.yml"
TUNE = ("lay", "heldout-tune", *EXTRA)
HEADER = """\
# Questions real readers asked, each filed under the page that answers it best. The search
# index adds them to the page's hidden keys: indexed, never shown on the site.
# WRITTEN BY tools/reader_questions.py from the search tuning sets in tests/data (never from the
# report-only sets, and no safety questions). Do not edit by hand: add a question to a tuning
# set, then run the tool. A fork may delete a page's list; a page it hides is skipped.
"""


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _exists(address: str) -> bool:
    docs = ROOT / "docs"
    stem = address.rstrip("/")
    return (
        (docs / f"{stem}.md").exists()
        or (docs / stem / "index.md").exists()
        or (not stem and (docs / "index.md").exists())
    )


def questions() -> dict[str, list[str]]:
    sets = query_sets()
    held_out = {e["query"].strip().lower() for name in REPORT_ONLY if name in sets for e in sets[name]}
    out: dict[str, list[str]] = {}
    for name in TUNE:
        for entry in sets[name]:
            text = " ".join(entry["query"].split()).lower()
            if entry.get("safety") or text in held_out or not entry["expected"]:
                continue
            # The best page that this tree has (a fork or a maintainer may have removed one).
            page = next((p for p in entry["expected"] if _exists(p)), None)
            if page is None:
                continue
            if text not in out.setdefault(page, []):
                out[page].append(text)
    return {page: sorted(qs) for page, qs in sorted(out.items())}


def render() -> str:
    lines = [HEADER]
    for page, qs in questions().items():
        lines.append(f"{_quote(page)}:" if not page else f"{page}:")
        lines += [f"  - {_quote(q)}" for q in qs]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if data/reader_questions.yml is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            raise SystemExit("data/reader_questions.yml is out of date: run tools/reader_questions.py")
        print("data/reader_questions.yml is up to date")
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}: {sum(len(q) for q in questions().values())} questions")
