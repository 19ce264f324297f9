"""Time the handout step alone, in a fresh process (run by tools.bench.handouts, never imported).

    python -m tools.bench.handout_probe SITE URL again REPEAT
        the handout step against a filled cache (GUIDE_CACHE): first into an empty site folder,
        then REPEAT times with no change at all
    python -m tools.bench.handout_probe SITE URL SLUG REPEAT
        one exercise handout (SLUG) and the first programme pack rendered in this process (one
        core), REPEAT times each after a warm-up render

Prints one JSON line of seconds.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from guide.print import handouts
from guide.print.pdf import render_pdf
from guide.site import Site


def again(site: Site, out: str, url: str, repeat: int) -> dict:
    runs = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        summary = handouts.build_all(site, out, url, quiet=True)
        runs.append(time.perf_counter() - start)
        if summary["rendered"]:
            raise RuntimeError(f"the handout cache was not filled: {summary}")
    return {"first_s": runs[0], "again_s": runs[1:]}


def single(site: Site, out: str, url: str, slug: str, repeat: int) -> dict:
    jobs = {j.out_name: j for j in handouts.jobs(site, url)}
    pdf = Path(out) / "one.pdf"
    Path(out).mkdir(parents=True, exist_ok=True)
    pack = sorted(n for n in jobs if n.startswith("pack-") and n.endswith("-a4.pdf"))[0]
    result = {}
    for name in (slug + "-a4.pdf", pack):
        job = jobs[name]
        render_pdf(job.htmls, pdf, job.title, job.max_pages)  # the warm-up
        runs = []
        for _ in range(repeat):
            start = time.perf_counter()
            render_pdf(job.htmls, pdf, job.title, job.max_pages)
            runs.append(time.perf_counter() - start)
        result[name] = runs
    return result


def main(argv: list[str]) -> int:
    out, url, mode, repeat = argv[0], argv[1], argv[2], int(argv[3])
    site, _ = Site.load()
    result = again(site, out, url, repeat) if mode == "again" else single(site, out, url, mode, repeat)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
