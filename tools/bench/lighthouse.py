"""Section 4, Lighthouse: mobile scores and metrics for each page template, ours and stock.

Each round audits every page once in one Node process with one Chrome (lighthouse_runner.mjs),
round-robin, so drift in the machine's load hits all pages alike.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import div, fmt, get, kb, log, med, table
from tools.bench.machine import CHROME
from tools.bench.page_weight import TEMPLATES
from tools.bench.static_server import SERVED, serve

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
RUNNER = Path(__file__).resolve().parent / "lighthouse_runner.mjs"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = (
    "first-contentful-paint",
    "largest-contentful-paint",
    "total-blocking-time",
    "cumulative-layout-shift",
    "speed-index",
    "total-byte-weight",
)


def lighthouse_round(jobs: list[tuple[str, Path]]) -> list[dict]:
    """One Lighthouse run per (url, report path), in one Node process with one Chrome (see RUNNER)."""
    spec = {"chromeFlags": CHROME_FLAGS.split(), "categories": list(CATEGORIES), "skipAudits": ["bf-cache"],
            "jobs": [{"url": url, "out": str(out)} for url, out in jobs]}  # fmt: skip
    spec_file = jobs[0][1].with_suffix(".spec.json")
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run(["node", str(RUNNER), str(spec_file)], env={**os.environ, "CHROME_PATH": CHROME},
                          capture_output=True, text=True, timeout=120 * len(jobs))  # fmt: skip
    done = {json.loads(line)["out"]: json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")}
    results = []
    for url, out in jobs:
        if not out.exists() or "error" in done.get(str(out), {}):
            why = done.get(str(out), {}).get("error") or proc.stderr.strip()[-400:]
            raise RuntimeError(f"lighthouse {url} failed: {why}")
        results.append(_parse(json.loads(out.read_text()), done.get(str(out), {}).get("seconds")))
    return results


def _parse(report: dict, seconds: float | None) -> dict:
    audits = report["audits"]
    failing = sorted({f"{cat}:{ref['id']}" for cat in CATEGORIES for ref in report["categories"][cat]["auditRefs"]
                      if ref["weight"] and (audits[ref["id"]].get("score") or 0) < 1
                      and audits[ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
                      and (cat != "performance" or (audits[ref["id"]].get("score") or 0) < 0.9)})  # fmt: skip
    transfer: dict[str, int] = {}
    for item in get(report, "audits", "network-requests", "details", "items") or []:
        search = any(
            s in item["url"] for s in ("search_index.json", "guide_index.json", "/workers/search", "/js/search/")
        )
        kind = "search" if search else (item.get("resourceType") or "Other")
        transfer[kind] = transfer.get(kind, 0) + (item.get("transferSize") or 0)
    metrics = {m: audits[m].get("numericValue") for m in METRICS}
    metrics["transfer-no-search"] = sum(v for k, v in transfer.items() if k != "search") if transfer else None
    return {"scores": {c: report["categories"][c]["score"] for c in CATEGORIES}, "metrics": metrics,
            "transfer": transfer, "failing": failing, "warnings": report.get("runWarnings", []), "seconds": seconds,
            "form_factor": get(report, "configSettings", "formFactor"),
            "throttling": get(report, "configSettings", "throttlingMethod")}  # fmt: skip


class LighthouseSection:
    """Section 4 in rounds: each round audits every page once (round-robin, so drift hits all alike)."""

    def __init__(self, tmp: Path, ours: Path, stock: Path):
        self.tmp, self.sites, self.servers = tmp, {"ours": ours, "stock": stock}, {}
        self.targets = [("ours", name, page) for name, page in TEMPLATES.items()] + [("stock", "home", "")]
        self.raw: dict[str, list] = {f"{who}/{name}": [] for who, name, _ in self.targets}
        missing = [str(p) for p in (LIGHTHOUSE, Path(CHROME), RUNNER) if not p.exists()]
        missing += [] if shutil.which("node") else ["node"]
        self.skipped = f"not found: {', '.join(missing)}" if missing else None

    def round(self, i: int) -> None:
        if self.skipped:
            return
        for who, site in self.sites.items():
            if who not in self.servers:
                self.servers[who] = serve(site)
        jobs = [
            (self.servers[who][1] + page, self.tmp / f"lh-{who}-{name}-{i}.json") for who, name, page in self.targets
        ]
        for (who, name, _), result in zip(self.targets, lighthouse_round(jobs), strict=True):
            self.raw[f"{who}/{name}"].append(result)
            log(f"  lighthouse {who} {name} run {i + 1} ({result['seconds'] or 0:.0f} s): "
                + " ".join(fmt(v) for v in result["scores"].values()))  # fmt: skip

    def close(self) -> None:
        for httpd, _ in self.servers.values():
            httpd.shutdown()
        self.servers = {}

    def result(self) -> dict:
        if self.skipped:
            return {"skipped": self.skipped}
        summary = {}
        for key, results in self.raw.items():
            if results:
                summary[key] = {"scores": {c: med([r["scores"][c] for r in results]) for c in CATEGORIES},
                                "metrics": {m: med([r["metrics"][m] for r in results]) for m in (*METRICS, "transfer-no-search")},
                                "failing": sorted({f for r in results for f in r["failing"]}), "runs": len(results)}  # fmt: skip
        return {"summary": summary, "raw": self.raw, "served": SERVED}


def budgets(r: dict, add) -> None:
    for name in TEMPLATES:
        for cat, limit in zip(CATEGORIES, (0.95, 1.0, 1.0, 1.0), strict=True):
            add("4", f"lighthouse {cat}, {name}", get(r, "lighthouse", "summary", f"ours/{name}", "scores", cat), ">=", limit)  # fmt: skip


def markdown(r: dict) -> list[str]:
    lh, version = r.get("lighthouse"), r["machine"]["packages"]["lighthouse"]
    out = ["", "## 4. Lighthouse", ""]
    if lh and "skipped" in lh:
        return out + [f"Skipped: {lh['skipped']}."]
    if not lh:
        return out
    # fmt: off
    out += [f"Lighthouse {version}, mobile preset (simulated throttling), medians of the runs shown; "
            f"{lh['served']}. Each round runs every page once in one Node process and one Chrome "
            "(`tools/bench/lighthouse_runner.mjs`); Lighthouse clears the page's storage and cache before each run. "
            "Full-page screenshot and the zero-weight bf-cache audit are off to save time. Failing audits lists "
            "accessibility, best-practice and SEO audits below 1 and performance metrics below 0.9. "
            "Transfer is what Chrome fetched (Lighthouse `total-byte-weight`); the last column leaves out the "
            "search worker and index, as the page-weight budget does. It counts only the font faces a page used.", ""]
    out += table(["Page", "Runs", "Perf", "A11y", "Best pr.", "SEO", "FCP (s)", "LCP (s)", "TBT (ms)", "CLS",
                  "Transfer (KB)", "Transfer, no search (KB)", "Failing audits"],
                 [[k, x["runs"], *(fmt(x["scores"][c]) for c in CATEGORIES),
                   fmt(div(x["metrics"]["first-contentful-paint"], 1000)), fmt(div(x["metrics"]["largest-contentful-paint"], 1000)),
                   fmt(x["metrics"]["total-blocking-time"], 0), fmt(x["metrics"]["cumulative-layout-shift"], 3),
                   kb(x["metrics"]["total-byte-weight"]), kb(x["metrics"]["transfer-no-search"]), ", ".join(x["failing"]) or "none"]
                  for k, x in lh["summary"].items()])
    # fmt: on
    return out
