"""The benchmark: measures the product side by side with stock Material. Not part of the product.

One job per file. ``run`` measures sections 1-6 in one run and ``report`` writes BENCHMARKS.md:

    run.py               the run: every section once, then repeats while the time budget lasts
    build_times.py       1. build time, ours against stock Material
    scale.py             2. synthetic sites of 100 to 1000 exercises
    page_weight.py       3. the bytes of a first visit
    lighthouse.py        4. Lighthouse scores (lighthouse_runner.mjs, static_server.py)
    handouts.py          5. handout sizes and render times (handout_probe.py times them alone)
    search.py            6. search before and after (tools/search_bench.py measures)
    before_after.py      7. this tree against the one before the consolidation (its own job)
    report.py            BENCHMARKS.md from benchmarks.json; each section writes its own part
    machine.py, configs.py, common.py    the machine, config variants, shared helpers
"""
