"""The benchmark: build time against stock Material, scale, page weight, Lighthouse, handouts.

Run with ``make bench`` (``python -m tools.bench.run``). Everything is measured in one run,
side by side, in temporary folders; timings are medians. Writes BENCHMARKS.md and benchmarks.json
at the project root. Budgets are reported as PASS or FAIL and never fail the process.
"""

from __future__ import annotations

import datetime as dt
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from guide.paths import ROOT
from tools.bench import bench_search
from tools.bench.bench_scale import (
    base_env,
    load_config,
    med,
    ours_cmd,
    ours_config,
    run_timed,
    scale,
    stock_cmd,
    stock_config,
    write_config,
)

TEMPLATES = {"home": "", "article": "articles/flooding/", "exercise": "exercises/break-plan/",
             "catalog": "exercises/", "help": "help/"}
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CHROME = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift",
           "speed-index", "total-byte-weight")
PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "Markdown", "Jinja2", "pydantic", "weasyprint",
            "pydyf", "fonttools", "segno", "PyYAML")
HANDOUT_SCRIPT = r"""
import json, sys, time
from pathlib import Path
from guide.print import handouts
from guide.site import Site
from guide.print.pdf import render_pdf
site, url, mode, repeat = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
c, _ = Site.load()
if mode == "again":  # the handout step against a filled cache: first into an empty site folder, then no change at all
    runs = []
    for _ in range(repeat + 1):
        t = time.perf_counter(); s = handouts.build_all(c, site, url, quiet=True); runs.append(time.perf_counter() - t)
        assert s["rendered"] == 0, s
    print(json.dumps({"first_s": runs[0], "again_s": runs[1:]}))
else:  # one handout and one pack rendered in this process (one core), after a warm-up render
    jobs = {j.out_name: j for j in handouts.jobs(c, url)}
    out = Path(site) / "one.pdf"
    Path(site).mkdir(parents=True, exist_ok=True)
    result = {}
    for name in (mode + "-a4.pdf", sorted(n for n in jobs if n.startswith("pack-") and n.endswith("-a4.pdf"))[0]):
        render_pdf(jobs[name].htmls, out, jobs[name].title, jobs[name].max_pages)
        runs = []
        for _ in range(repeat):
            t = time.perf_counter(); render_pdf(jobs[name].htmls, out, jobs[name].title, jobs[name].max_pages)
            runs.append(time.perf_counter() - t)
        result[name] = runs
    print(json.dumps(result))
"""


def log(msg: str) -> None:
    print(msg, flush=True)


# --- machine -----------------------------------------------------------------------------------

def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _cmd_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "missing"


def machine() -> dict:
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    lh = ROOT / "node_modules" / "lighthouse" / "package.json"
    versions["lighthouse"] = json.loads(lh.read_text())["version"] if lh.exists() else "missing"
    versions["node"] = _cmd_version(["node", "--version"])
    versions["chromium"] = _cmd_version([CHROME, "--version"])
    return {"cpu": cpu.group(1).strip() if cpu else platform.processor() or "unknown",
            "cores": os.cpu_count(), "cores_usable": len(os.sched_getaffinity(0)),
            "ram_gib": round(int(mem.group(1)) / 1024 ** 2, 1) if mem else None,
            "os": platform.platform(), "python": platform.python_version(), "packages": versions,
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "load_average_start": list(os.getloadavg())}


# --- section 1: build --------------------------------------------------------------------------

def _hook_seconds(stderr: str) -> float | None:
    found = re.findall(r"^handouts: .* ([\d.]+) s$", stderr, re.M)
    return float(found[-1]) if found else None


def _rendered(stderr: str) -> int | None:
    found = re.findall(r"^handouts: (\d+) rendered", stderr, re.M)
    return int(found[-1]) if found else None


def no_pdf_config(tmp: Path) -> Path:
    """Our mkdocs.yml without the handout hook, with absolute paths so it can live in ``tmp``."""
    cfg = ours_config(load_config(), handouts=False)
    cfg["docs_dir"] = str(ROOT / cfg.get("docs_dir", "docs"))
    cfg["theme"] = {**cfg["theme"], "custom_dir": str(ROOT / cfg["theme"]["custom_dir"])}
    cfg["hooks"] = [str(ROOT / h) for h in cfg.get("hooks", [])]
    cfg["watch"] = [str(ROOT / w) for w in cfg.get("watch", [])]
    return write_config(cfg, tmp / "mkdocs-no-pdfs.yml")


class BuildSection:
    """Section 1 in steps, so the run can order them by priority: ours cold; then ours warm (full),
    ours without PDFs and stock Material, interleaved so load drift hits all alike."""

    KINDS = ("cold", "warm", "web", "stock")

    def __init__(self, tmp: Path):
        self.tmp, self.config = tmp, ROOT / "mkdocs.yml"
        self.out: dict = {k: [] for k in self.KINDS} | {f"{k}_cpu": [] for k in self.KINDS}
        self.out.update({"cold_hook_s": [], "warm_hook_s": [], "warm_rendered": []})
        self.stock_tree = tmp / "stock-tree"
        shutil.copytree(ROOT / "docs", self.stock_tree / "docs")
        self.stock_file = write_config(stock_config(load_config(), ROOT / "includes"), self.stock_tree / "mkdocs.yml")
        self.no_pdf_file = no_pdf_config(tmp)

    def _record(self, kind: str, cmd: list[str], env: dict, cwd: Path = ROOT) -> subprocess.CompletedProcess:
        wall, cpu, proc = run_timed(cmd, env, cwd=cwd)
        self.out[kind].append(wall), self.out[f"{kind}_cpu"].append(cpu)
        log(f"  {kind:5} run {len(self.out[kind])}: {wall:.1f} s")
        return proc

    def cold(self, i: int) -> None:  # a fresh, empty cache (handouts, book) each time
        env = base_env(GUIDE_CACHE=str(self.tmp / f"cache-{i}"))
        proc = self._record("cold", ours_cmd(self.tmp / f"cold-site-{i}", self.config), env)
        self.out["cold_hook_s"].append(_hook_seconds(proc.stderr))
        if i:
            shutil.rmtree(self.tmp / f"cold-site-{i}", ignore_errors=True)
            shutil.rmtree(self.tmp / f"cache-{i}", ignore_errors=True)

    def warm(self, i: int) -> None:
        env = base_env(GUIDE_CACHE=str(self.tmp / "cache-0"))  # filled by the first cold run
        proc = self._record("warm", ours_cmd(self.tmp / f"warm-site-{i}", self.config), env)
        self.out["warm_hook_s"].append(_hook_seconds(proc.stderr)), self.out["warm_rendered"].append(_rendered(proc.stderr))
        self._record("web", ours_cmd(self.tmp / f"web-site-{i}", self.no_pdf_file, ["--no-downloads"]), env)
        self._record("stock", stock_cmd(self.tmp / f"stock-site-{i}", self.stock_file), base_env(), cwd=self.stock_tree)
        if i:
            for name in ("warm", "web", "stock"):
                shutil.rmtree(self.tmp / f"{name}-site-{i}", ignore_errors=True)

    def result(self) -> dict:
        out = dict(self.out)
        for key in self.KINDS:
            out[f"{key}_s"], out[f"{key}_cpu_s"] = med(out[key]), med(out[f"{key}_cpu"])
        clean = [i for i, n in enumerate(out["warm_rendered"]) if not n]  # a warm run that rendered is not warm
        if clean and len(clean) < len(out["warm"]):
            out["warm_s"], out["warm_cpu_s"] = med([out["warm"][i] for i in clean]), med([out["warm_cpu"][i] for i in clean])
            out["warm_hook_s"] = [out["warm_hook_s"][i] for i in clean]
        out["warm_hook_median_s"] = med(out["warm_hook_s"])
        out["ratio"] = out["web_s"] / out["stock_s"] if out["web_s"] and out["stock_s"] else None
        out["cpu_ratio"] = out["web_cpu_s"] / out["stock_cpu_s"] if out["web_cpu_s"] and out["stock_cpu_s"] else None
        out["warm_ratio"] = out["warm_s"] / out["stock_s"] if out["warm_s"] and out["stock_s"] else None
        out["pair_ratios"] = [w / st for w, st in zip(out["web"], out["stock"], strict=False)]
        out["stock_config"] = self.stock_file.read_text()
        return out


# --- section 5: handouts -----------------------------------------------------------------------

def _spread(values: list[float]) -> dict:
    return {"n": len(values), "min": min(values), "median": statistics.median(values), "max": max(values)} if values else {}


def _handout_script(tmp: Path, name: str, mode: str, repeat: int, cache: Path) -> dict:
    site_url = load_config().get("site_url") or ""
    cmd = [sys.executable, "-c", HANDOUT_SCRIPT, str(tmp / f"{name}-site"), site_url, mode, str(repeat)]
    _, _, proc = run_timed(cmd, base_env(GUIDE_CACHE=str(cache)))
    return json.loads(proc.stdout.strip().splitlines()[-1])


def handouts_section(tmp: Path, cold_site: Path, cache: Path, runs: int) -> dict:
    """Sizes from the first cold build's handouts; render times as that build's workers measured them."""
    pdfs = sorted((cold_site / "handouts").glob("*.pdf"))
    kb = {p.name: p.stat().st_size / 1024 for p in pdfs}
    rendered = json.loads((cache / "handouts" / "last-render.json").read_text(encoding="utf-8"))
    times = rendered["times"]
    again = _handout_script(tmp, "handouts-again", "again", runs, cache)
    single = _handout_script(tmp, "handouts-one", "break-plan", runs, cache)
    one = next(v for k, v in single.items() if not k.startswith("pack-"))
    pack = next(v for k, v in single.items() if k.startswith("pack-"))
    log(f"  handout step, no change: {med(again['again_s']):.3f} s; one handout on one core: {med(one):.2f} s")
    is_pack = lambda n: n.startswith("pack-")  # noqa: E731
    return {"count": len(pdfs), "fresh_wall_s": rendered["seconds"], "summary": {k: v for k, v in rendered.items() if k != "times"},
            "times": times, "into_empty_site_s": again["first_s"],
            "no_change_runs": again["again_s"], "no_change_s": med(again["again_s"]),
            "single": single, "single_s": med(one), "single_spread": _spread(one), "pack_single_s": med(pack),
            "time_exercise": _spread([t for n, t in times.items() if not is_pack(n)]),
            "time_pack": _spread([t for n, t in times.items() if is_pack(n)]),
            "size_exercise_kb": _spread([v for n, v in kb.items() if not is_pack(n)]),
            "size_pack_kb": _spread([v for n, v in kb.items() if is_pack(n)]),
            "largest_exercise": max((n for n in kb if not is_pack(n)), key=kb.get, default=None), "sizes_kb": kb,
            "downloads_kb": {p.name: p.stat().st_size / 1024 for p in sorted((cold_site / "downloads").glob("*.*"))
                             if p.suffix != ".html"}}


# --- section 3: page weight --------------------------------------------------------------------

class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.config, self._in_config = "", False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        rel = (a.get("rel") or "").lower().split()
        if tag == "link" and "stylesheet" in rel and a.get("href"):
            self.found.append(("css", a["href"]))
        elif tag == "link" and "icon" in rel and a.get("href"):
            self.found.append(("images", a["href"]))
        elif tag == "script" and a.get("src"):
            self.found.append(("js", a["src"]))
        elif tag == "img" and a.get("src"):
            self.found.append(("images", a["src"]))
        self._in_config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data):
        if self._in_config:
            self.config += data

    def handle_endtag(self, tag):
        self._in_config = False


ORIGIN = "http://site.invalid/"
CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""")
FONT_FACE = re.compile(r"@font-face\s*{([^}]*)}", re.S)
CSS_URL = re.compile(r"""url\(\s*["']?([^"')]+)["']?\s*\)""")


@functools.cache
def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6, mtime=0))


def _local(site: Path, url: str) -> Path | None:
    parts = urlsplit(url)
    if parts.scheme == "data" or f"{parts.scheme}://{parts.netloc}/" != ORIGIN:
        return None
    path = site / unquote(parts.path).lstrip("/")
    return path / "index.html" if parts.path.endswith("/") else path


def page_weight(site: Path, page: str) -> dict:
    url = urljoin(ORIGIN, page)
    html = _local(site, url)
    parser = _Assets()
    parser.feed(html.read_text(encoding="utf-8"))
    queue = [(kind, urljoin(url, ref)) for kind, ref in parser.found]
    seen, external, files = set(), [], {"html": [html]}
    while queue:
        kind, ref = queue.pop(0)
        if ref in seen:
            continue
        seen.add(ref)
        path = _local(site, ref)
        if path is None:
            external.append(ref) if not ref.startswith("data:") else None
            continue
        files.setdefault(kind, []).append(path)
        if kind == "css" and path.exists():
            text = path.read_text(encoding="utf-8", errors="replace")
            queue += [("css", urljoin(ref, u)) for u in CSS_IMPORT.findall(text)]
            queue += [("fonts", urljoin(ref, u)) for block in FONT_FACE.findall(text) for u in CSS_URL.findall(block)]
    by_type = {k: sum(gz(p) for p in v if p.exists()) for k, v in files.items()}
    missing = [str(p.relative_to(site)) for v in files.values() for p in v if not p.exists()]
    config = json.loads(parser.config or "{}")
    search = {}
    if config.get("search"):
        worker = _local(site, urljoin(url, config.get("base", ".").rstrip("/") + "/" + config["search"]))
        search = {"worker": gz(worker) if worker and worker.exists() else None,
                  "index": gz(site / "search" / "search_index.json")}
    return {"by_type": by_type, "total": sum(by_type.values()), "files": {k: len(v) for k, v in files.items()},
            "search": search, "external": external, "missing": missing}


def weight_section(ours: Path, stock: Path) -> dict:
    return {"ours": {name: page_weight(ours, page) for name, page in TEMPLATES.items()},
            "stock": {name: page_weight(stock, page) for name, page in TEMPLATES.items()}}


# --- section 4: Lighthouse ---------------------------------------------------------------------

class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """A static server that gzips text, as GitHub Pages does."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")
    cache: dict = {}

    def log_message(self, *args):
        pass

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path = path / "index.html"
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in self.TEXT or not path.is_file():
            return super().do_GET()
        body = self.cache.get(path) or self.cache.setdefault(path, gzip.compress(path.read_bytes(), 6, mtime=0))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = type("Handler", (_GzipHandler,), {"cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"


RUNNER = Path(__file__).resolve().parent / "lighthouse_runner.mjs"


def lighthouse_round(jobs: list[tuple[str, Path]]) -> list[dict]:
    """One Lighthouse run per (url, report path), in one Node process with one Chrome (see RUNNER)."""
    spec = {"chromeFlags": CHROME_FLAGS.split(), "categories": list(CATEGORIES), "skipAudits": ["bf-cache"],
            "jobs": [{"url": url, "out": str(out)} for url, out in jobs]}
    spec_file = jobs[0][1].with_suffix(".spec.json")
    spec_file.write_text(json.dumps(spec), encoding="utf-8")
    proc = subprocess.run(["node", str(RUNNER), str(spec_file)], env={**os.environ, "CHROME_PATH": CHROME},
                          capture_output=True, text=True, timeout=120 * len(jobs))
    done = {json.loads(line)["out"]: json.loads(line) for line in proc.stdout.splitlines() if line.startswith("{")}
    results = []
    for url, out in jobs:
        if not out.exists() or "error" in done.get(str(out), {}):
            why = done.get(str(out), {}).get("error") or proc.stderr.strip()[-400:]
            raise RuntimeError(f"lighthouse {url} failed: {why}")
        results.append(_parse(json.loads(out.read_text()), done.get(str(out), {}).get("seconds")))
    return results


def _parse(report: dict, seconds: float | None) -> dict:
    failing = sorted({f"{cat}:{ref['id']}" for cat in CATEGORIES for ref in report["categories"][cat]["auditRefs"]
                      if ref["weight"] and (report["audits"][ref["id"]].get("score") or 0) < 1
                      and report["audits"][ref["id"]].get("scoreDisplayMode") in ("binary", "numeric")
                      and (cat != "performance" or (report["audits"][ref["id"]].get("score") or 0) < 0.9)})
    transfer: dict[str, int] = {}
    for item in _get(report, "audits", "network-requests", "details", "items") or []:
        search = "search_index.json" in item["url"] or "/workers/search" in item["url"]
        kind = "search" if search else (item.get("resourceType") or "Other")
        transfer[kind] = transfer.get(kind, 0) + (item.get("transferSize") or 0)
    metrics = {m: report["audits"][m].get("numericValue") for m in METRICS}
    metrics["transfer-no-search"] = sum(v for k, v in transfer.items() if k != "search") if transfer else None
    return {"scores": {c: report["categories"][c]["score"] for c in CATEGORIES}, "metrics": metrics, "transfer": transfer,
            "failing": failing, "warnings": report.get("runWarnings", []), "seconds": seconds,
            "form_factor": _get(report, "configSettings", "formFactor"),
            "throttling": _get(report, "configSettings", "throttlingMethod")}


class LighthouseSection:
    """Section 4 in rounds: each round audits every page once (round-robin, so drift hits all alike)."""

    def __init__(self, tmp: Path, ours: Path, stock: Path):
        self.tmp, self.sites, self.servers = tmp, {"ours": ours, "stock": stock}, {}
        self.targets = [("ours", name, page) for name, page in TEMPLATES.items()] + [("stock", "home", "")]
        self.raw: dict[str, list] = {f"{who}/{name}": [] for who, name, _ in self.targets}
        missing = [str(p) for p in (LIGHTHOUSE, Path(CHROME), RUNNER) if not p.exists()] + ([] if shutil.which("node") else ["node"])
        self.skipped = f"not found: {', '.join(missing)}" if missing else None

    def round(self, i: int) -> None:
        if self.skipped:
            return
        for who, site in self.sites.items():
            if who not in self.servers:
                self.servers[who] = serve(site)
        jobs = [(self.servers[who][1] + page, self.tmp / f"lh-{who}-{name}-{i}.json") for who, name, page in self.targets]
        for (who, name, _), result in zip(self.targets, lighthouse_round(jobs), strict=True):
            self.raw[f"{who}/{name}"].append(result)
            log(f"  lighthouse {who} {name} run {i + 1} ({result['seconds'] or 0:.0f} s): "
                + " ".join(f"{v:.2f}" for v in result["scores"].values()))

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
                                "failing": sorted({f for r in results for f in r["failing"]}), "runs": len(results)}
        return {"summary": summary, "raw": self.raw,
                "served": "http.server on 127.0.0.1, gzip for text (as GitHub Pages)"}


def _scale_reserve(build: BuildSection | None) -> float:
    """Seconds to keep for one scale run at the smallest size (about 2.5 times the real site's pages)."""
    out = build.out if build else {}
    web, stock = med(out.get("web") or out.get("warm") or []), med(out.get("stock") or [])
    return 2.5 * (web + stock) if web and stock else 60.0


# --- the run -----------------------------------------------------------------------------------

def run(runs: int = 3, budget_s: float = 480, lighthouse: bool = True, sizes: tuple[int, ...] = (100, 300, 1000),
        keep: bool = False, out_dir: Path = ROOT) -> int:
    """One run of every measurement first, then the repeats by priority while the time budget lasts,
    then the scale section (breadth first) in what is left. Medians are of the runs that were made."""
    start = time.monotonic()
    deadline = start + budget_s
    tmp = Path(tempfile.mkdtemp(prefix="guide-bench-"))
    results: dict = {"machine": machine(), "runs": runs, "budget_s": budget_s, "errors": {}, "cut": [],
                     "section_seconds": {}}
    log(f"benchmark on {results['machine']['cpu']}, {results['machine']['cores']} cores; temp {tmp}")
    build, lh = None, None

    def setup():
        nonlocal build, lh
        build = BuildSection(tmp)
        lh = LighthouseSection(tmp, tmp / "warm-site-0", tmp / "stock-site-0") if lighthouse else None

    def save(key, fn):
        return lambda: results.__setitem__(key, fn())

    first = [("build", "1. build: setting up the stock copy", setup), ("build", "1. build: ours cold, run 1", lambda: build.cold(0)),
             ("build", "1. build: ours warm, web only, stock, run 1", lambda: build.warm(0)),
             ("handouts", "5. handouts", save("handouts", lambda: handouts_section(tmp, tmp / "cold-site-0", tmp / "cache-0", runs))),
             ("weight", "3. page weight", save("weight", lambda: weight_section(tmp / "warm-site-0", tmp / "stock-site-0"))),
             ("lighthouse", "4. lighthouse, round 1", lambda: lh and lh.round(0)),
             ("search", "6. search, before and after", save("search", lambda: bench_search.section(tmp)))]
    repeats = ([("build", f"1. build: ours warm, web only, stock, run {i + 1}", functools.partial(lambda i: build.warm(i), i))
                for i in range(1, runs)]
               + [("lighthouse", f"4. lighthouse, round {i + 1}", functools.partial(lambda i: lh and lh.round(i), i))
                  for i in range(1, runs) if lighthouse]
               + [("build", f"1. build: ours cold, run {i + 1}", functools.partial(lambda i: build.cold(i), i))
                  for i in range(1, runs)])
    last: dict[str, float] = {}  # the last duration of each kind of step, to predict the next
    try:
        for n, (key, title, step) in enumerate(first + repeats):
            kind = title.rsplit(",", 1)[0]
            if key in results["errors"]:
                continue
            if n >= len(first):
                guess = 1.1 * last.get(kind, 0) + _scale_reserve(build)
                if time.monotonic() + guess > deadline:
                    results["cut"].append(f"{title} (about {last.get(kind, 0):.0f} s)")
                    log(f"{title}: skipped, the time budget would run out")
                    continue
            log(f"{title} ...")
            t = time.monotonic()
            try:
                step()
            except Exception as exc:  # report it, keep going: one broken section must not hide the rest
                results["errors"][key] = "".join(traceback.format_exception_only(exc)).strip()
                log(f"  ERROR: {results['errors'][key]}")
                traceback.print_exc()
            last[kind] = time.monotonic() - t
            results["section_seconds"][key] = results["section_seconds"].get(key, 0) + last[kind]
        if lh:
            lh.close()
            results["lighthouse"] = lh.result()
        elif not lighthouse:
            results["lighthouse"] = {"skipped": "switched off (--no-lighthouse)"}
        if build and build.out["cold"] and build.out["stock"]:
            results["build"] = build.result()
        log("2. scale ...")
        t = time.monotonic()
        try:
            results["scale"] = scale(tmp, list(sizes), runs, deadline, log, _scale_reserve(build))
        except Exception as exc:
            results["errors"]["scale"] = "".join(traceback.format_exception_only(exc)).strip()
            traceback.print_exc()
        results["section_seconds"]["scale"] = time.monotonic() - t
    finally:
        if lh:
            lh.close()
        results["machine"]["load_average_end"] = list(os.getloadavg())
        results["total_seconds"] = time.monotonic() - start
        results["budgets"] = budgets(results)
        (out_dir / "benchmarks.json").write_text(json.dumps(results, indent=2, default=str) + "\n", encoding="utf-8")
        (out_dir / "BENCHMARKS.md").write_text(markdown(results), encoding="utf-8")
        if not keep:
            shutil.rmtree(tmp, ignore_errors=True)
    log(console(results))
    log(f"wrote {out_dir / 'BENCHMARKS.md'} and {out_dir / 'benchmarks.json'} in {results['total_seconds']:.0f} s")
    return 1 if results["errors"] else 0


# --- budgets and report ------------------------------------------------------------------------

def rewrite_report(out_dir: Path = ROOT) -> int:
    """BENCHMARKS.md again from benchmarks.json (after a change to the report's wording)."""
    results = json.loads((out_dir / "benchmarks.json").read_text(encoding="utf-8"))
    results["budgets"] = budgets(results)
    (out_dir / "BENCHMARKS.md").write_text(markdown(results), encoding="utf-8")
    log(f"wrote {out_dir / 'BENCHMARKS.md'} from {out_dir / 'benchmarks.json'}")
    return 0


def _get(data, *keys):
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def budgets(r: dict) -> list[dict]:
    out = []

    def add(section, name, value, op, limit, unit=""):
        ok = None if value is None else (value <= limit if op == "<=" else value >= limit)
        out.append({"section": section, "name": name, "value": value, "op": op, "limit": limit, "unit": unit,
                    "pass": ok})

    add("1", "build overhead: ours without PDFs / stock Material", _get(r, "build", "ratio"), "<=", 1.5, "x")
    for name in TEMPLATES:
        total = _get(r, "weight", "ours", name, "total")
        add("3", f"page weight, {name} (gzip, no search index)", total / 1024 if total is not None else None, "<=", 120, "KB")
    for name in TEMPLATES:
        for cat, limit in zip(CATEGORIES, (0.95, 1.0, 1.0, 1.0), strict=True):
            add("4", f"lighthouse {cat}, {name}", _get(r, "lighthouse", "summary", f"ours/{name}", "scores", cat), ">=", limit)
    add("5", "handout step with no changes (second build_all)", _get(r, "handouts", "no_change_s"), "<=", 1.0, "s")
    add("5", "largest fillable handout", _get(r, "handouts", "size_exercise_kb", "max"), "<=", 100, "KB")
    bench_search.budgets(r, add)
    return out


def _fmt(value, digits=2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def _verdict(b: dict) -> str:
    return "n/a" if b["pass"] is None else ("PASS" if b["pass"] else "FAIL")


def _budget_line(b: dict) -> str:
    return f"{_verdict(b):4}  {b['name']}: {_fmt(b['value'])}{b['unit']} ({b['op']} {b['limit']}{b['unit']})"


def _table(head: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]


def _kb(n) -> str:
    return "n/a" if n is None else f"{n / 1024:.1f}"


def markdown(r: dict) -> str:  # noqa: C901 (a report, read top to bottom)
    m = r["machine"]
    out = ["# Benchmarks", "",
         f"Made by `make bench` (`python -m tools.bench.run`) on {m['date']}, in {r.get('total_seconds', 0):.0f} s. "
         f"Everything below was measured in that one run, side by side. Timings are medians of up to {r['runs']} runs "
         "(each table lists or counts the runs made). Raw figures: `benchmarks.json`.", "", "## Machine", ""]
    out += _table(["", ""], [["CPU", m["cpu"]], ["Cores", f"{m['cores']} ({m['cores_usable']} usable)"],
                           ["RAM", f"{m['ram_gib']} GiB"], ["OS", m["os"]], ["Python", m["python"]],
                           ["Load average (1, 5, 15 min) at start", ", ".join(f"{x:.2f}" for x in m["load_average_start"])],
                           ["Load average at end", ", ".join(f"{x:.2f}" for x in m.get("load_average_end", []))]]
                    + [[k, v] for k, v in m["packages"].items()])
    if max(m["load_average_start"][:2]) > (m["cores"] or 1):
        out += ["", "**The machine was busy with other work when the run started** (load above the core count): "
              "wall-clock times are inflated. CPU seconds are given too; they suffer less from sharing."]
    out += ["", "## Budgets", ""]
    out += _table(["Section", "Budget", "Measured", "Limit", "Result"],
                [[b["section"], b["name"], f"{_fmt(b['value'])} {b['unit']}".strip(), f"{b['op']} {b['limit']} {b['unit']}".strip(),
                  f"**{_verdict(b)}**"] for b in r["budgets"]])
    b = r.get("build")
    out += ["", "## 1. Build time: ours against stock Material", ""]
    if b:
        runs = lambda k: ", ".join(f"{x:.1f}" for x in b[k])  # noqa: E731
        out += _table(["Build", "Wall, median (s)", "Runs (s)", "CPU, median (s)"], [
            ["Ours, cold: empty cache, so every handout PDF and the book are rendered; offline edition zipped",
             _fmt(b["cold_s"], 1), runs("cold"), _fmt(b["cold_cpu_s"], 1)],
            ["Ours, warm: the same full build with the PDF cache filled (PDFs copied, not rendered)",
             _fmt(b["warm_s"], 1), runs("warm"), _fmt(b["warm_cpu_s"], 1)],
            ["**Ours without PDFs**: no handout hook, `--no-downloads` (no book, no offline edition)",
             _fmt(b["web_s"], 2), runs("web"), _fmt(b["web_cpu_s"], 2)],
            ["Stock Material, same Markdown", _fmt(b["stock_s"], 2), runs("stock"), _fmt(b["stock_cpu_s"], 2)]])
        out += ["", f"**Overhead ratio, ours without PDFs / stock: {_fmt(b['ratio'])}x** (budget 1.5x; run by run: "
                + ", ".join(f"{x:.2f}x" for x in b["pair_ratios"]) + f"). CPU ratio: {_fmt(b['cpu_ratio'])}x. "
                f"The full warm build (PDFs copied, book, offline edition) / stock: {_fmt(b['warm_ratio'])}x.", ""]
        if any(b.get("warm_rendered") or []):
            out += [f"Warning: warm runs re-rendered handouts (per run: {', '.join(map(str, b['warm_rendered']))}), so "
                    "the project changed during the run. The warm median leaves those runs out when a clean run exists.", ""]
        out += [
              f"The handout step inside the build, as the hook reports it: cold {_fmt(med(b['cold_hook_s']), 1)} s, "
              f"warm {_fmt(b['warm_hook_median_s'], 2)} s (median). In a cold build the book renders in its own "
              "process beside the web build and the handouts.", "",
              "Ours is `python scripts/build_site.py` (`guide.build.build`: content check, strict MkDocs build in the "
              "same process with our hooks, phone-number check on the built pages, then the downloads, then the swap "
              "into place), each run in a fresh process with `GUIDE_CACHE` set to a temp folder. \"without PDFs\" "
              "runs the engine alone (`--no-downloads`, no handout step). Stock is "
              "`python -m mkdocs build -q` on a copy of `docs/` with this config (theme defaults, no hooks, no "
              "`guide.*` extensions, not strict):",
              "", "<details><summary>Stock config</summary>", "", "```yaml", b["stock_config"].rstrip(), "```", "",
              "</details>"]
    sc = r.get("scale")
    out += ["", "## 2. Scale: synthetic sites", ""]
    if sc:
        out += ["Copies of `docs/exercises/break-plan.md` with new slugs and titles, in a copied tree, listed in the nav "
              "under Homework. Ours runs without PDFs, as in the budget above (no handout hook, "
              "`--no-downloads`), against stock Material. Sizes run "
              "breadth first: one run of each, then repeats while the time budget lasts (the largest gets one run); "
              "the Runs column says how many each median is of.", ""]
        out += _table(["Exercises", "Pages", "Runs", "Ours (s)", "Stock (s)", "Ours / stock", "Ours ms/page", "Stock ms/page",
                     "Ours CPU (s)", "Stock CPU (s)"],
                    [[x["exercises"], x["pages"], x["runs"], _fmt(x["ours_s"], 1), _fmt(x["stock_s"], 1), f"{x['ratio']:.2f}x",
                      f"{x['ours_ms_per_page']:.0f}", f"{x['stock_ms_per_page']:.0f}", _fmt(x["ours_cpu_s"], 1),
                      _fmt(x["stock_cpu_s"], 1)] for x in sc["rows"]])
        g = sc.get("growth")
        if g:
            verdict = lambda q: "about linear" if q <= 1.25 else "faster than linear"  # noqa: E731
            out += ["", f"Growth from {g['from_pages']} to {g['to_pages']} pages: per-page time x{g['ours_per_page_ratio']:.2f} "
                  f"for ours ({verdict(g['ours_per_page_ratio'])}), x{g['stock_per_page_ratio']:.2f} for stock "
                  f"({verdict(g['stock_per_page_ratio'])}). Marginal cost per added page: ours "
                  + ", ".join(f"{v:.0f}" for v in g["ours_marginal_ms"]) + " ms; stock "
                  + ", ".join(f"{v:.0f}" for v in g["stock_marginal_ms"]) + " ms (between successive sizes)."]
        if sc.get("skipped"):
            out += ["", f"Skipped for lack of time: {', '.join(map(str, sc['skipped']))} exercises."]
    w = r.get("weight")
    out += ["", "## 3. Page weight of a first visit (gzip level 6)", ""]
    if w:
        for who, title in (("ours", "Ours"), ("stock", "Stock Material, for reference")):
            out += [f"**{title}** (KB = 1024 bytes)", ""]
            out += _table(["Template", "HTML", "CSS", "JS", "Fonts", "Images", "Total", "Search worker", "Search index",
                         "External requests"],
                        [[n, *(_kb(x["by_type"].get(k, 0)) for k in ("html", "css", "js", "fonts", "images")),
                          f"**{_kb(x['total'])}**", _kb(x["search"].get("worker")), _kb(x["search"].get("index")),
                          len(x["external"])] for n, x in w[who].items()])
            out += [""]
        out += ["Same-site files only: the page, its stylesheets (following `@import`), `script src`, images and icons, "
              "and every font named in an `@font-face` rule of those stylesheets (an upper bound: a browser fetches "
              "only the faces a page uses). The search worker and index load on every first visit but are reported "
              "apart and left out of the budget."]
        ext = sorted({e for x in w["stock"].values() for e in x["external"]} | {e for x in w["ours"].values() for e in x["external"]})
        if ext:
            out += ["", "External requests seen: " + ", ".join(f"`{e}`" for e in ext)]
    lh = r.get("lighthouse")
    out += ["", "## 4. Lighthouse", ""]
    if lh and "skipped" in lh:
        out += [f"Skipped: {lh['skipped']}."]
    elif lh:
        out += [f"Lighthouse {m['packages']['lighthouse']}, mobile preset (simulated throttling), medians of the runs shown; "
              f"{lh['served']}. Each round runs every page once in one Node process and one Chrome "
              "(`tools/bench/lighthouse_runner.mjs`); Lighthouse clears the page's storage and cache before each run. "
              "Full-page screenshot and the zero-weight bf-cache audit are off to save time. Failing audits lists "
              "accessibility, best-practice and SEO audits below 1 and performance metrics below 0.9. "
              "Transfer is what Chrome fetched (Lighthouse `total-byte-weight`); the last column leaves out the "
              "search worker and index, as the page-weight budget does. It counts only the font faces a page used.", ""]
        out += _table(["Page", "Runs", "Perf", "A11y", "Best pr.", "SEO", "FCP (s)", "LCP (s)", "TBT (ms)", "CLS",
                     "Transfer (KB)", "Transfer, no search (KB)", "Failing audits"],
                    [[k, x["runs"], *(_fmt(x["scores"][c]) for c in CATEGORIES),
                      _fmt(_div(x["metrics"]["first-contentful-paint"], 1000)), _fmt(_div(x["metrics"]["largest-contentful-paint"], 1000)),
                      _fmt(x["metrics"]["total-blocking-time"], 0), _fmt(x["metrics"]["cumulative-layout-shift"], 3),
                      _kb(x["metrics"]["total-byte-weight"]), _kb(x["metrics"]["transfer-no-search"]), ", ".join(x["failing"]) or "none"]
                     for k, x in lh["summary"].items()])
    h = r.get("handouts")
    out += ["", "## 5. Handouts", ""]
    if h:
        sp = lambda d, u, k=1: f"{_fmt(d.get('min'), k)} / {_fmt(d.get('median'), k)} / {_fmt(d.get('max'), k)} {u} (n={d.get('n', 0)})"  # noqa: E731
        out += _table(["Measure", "Min / median / max"], [
            ["Exercise handout size (fillable, A4 and Letter)", sp(h["size_exercise_kb"], "KB")],
            ["Programme pack size", sp(h["size_pack_kb"], "KB")],
            ["Exercise handout render time (cold build, 2 workers side by side)", sp(h["time_exercise"], "s", 2)],
            ["Pack render time (cold build, 2 workers side by side)", sp(h["time_pack"], "s", 2)],
            ["One exercise handout alone, one core, after a warm-up", sp(h["single_spread"], "s", 2)]])
        out += ["", f"- All {h['summary']['total']} handouts rendered in the first cold build: {h['fresh_wall_s']:.1f} s "
                "for the handout step (the book renders beside it).",
                f"- One programme pack alone, one core: {_fmt(h['pack_single_s'])} s (median).",
                f"- Handout step with no changes (`build_all` again, same process): {_fmt(h['no_change_s'], 3)} s median "
                f"(runs: {', '.join(f'{x:.3f}' for x in h['no_change_runs'])}); copying every PDF into an empty site "
                f"folder: {_fmt(h['into_empty_site_s'], 3)} s. Inside a real warm build, in a fresh process, the hook "
                f"reports {_fmt(_get(r, 'build', 'warm_hook_median_s'))} s.",
                f"- Largest exercise handout: `{h['largest_exercise']}`. Sizes are from the cold build's `handouts/`."]
        if h.get("downloads_kb"):
            out += ["- Downloads in the same build: " + ", ".join(f"`{n}` {v:.0f} KB" for n, v in h["downloads_kb"].items()
                                                             if not n.endswith(".html"))
                    + " (not budgeted)."]
    out += [""] + bench_search.markdown(r)
    secs = r.get("section_seconds", {})
    out += ["## The run", "", "Seconds per section: " + ", ".join(f"{k} {v:.0f}" for k, v in secs.items())
            + f"; {r.get('total_seconds', 0):.0f} s in all. Time budget {r.get('budget_s', 0):.0f} s: every "
            "measurement runs once first; then the repeats run by priority (warm and stock builds, Lighthouse "
            "rounds, cold builds) and the scale sizes take what is left, each only if it is predicted to fit. "
            "Re-run: `make bench`, or `.venv/bin/python -m tools.bench.run --help` (`--budget`, `--runs`)."]
    if r.get("cut"):
        out += ["", "**Left out to fit the time budget** (each median above is of the runs actually made): "
                + "; ".join(r["cut"]) + "."]
    if r.get("errors"):
        out += ["", "## Errors", ""] + [f"- {k}: `{v}`" for k, v in r["errors"].items()]
    return "\n".join(out) + "\n"


def _div(x, y):
    return None if x is None else x / y


def console(r: dict) -> str:
    lines = ["", "BUDGETS"] + ["  " + _budget_line(b) for b in r["budgets"]]
    b, h, sc = r.get("build"), r.get("handouts"), r.get("scale")
    if b:
        lines += ["", f"build: cold {b['cold_s']:.1f} s, warm {b['warm_s']:.1f} s, without PDFs {b['web_s']:.2f} s, "
                      f"stock {b['stock_s']:.2f} s, ratio {_fmt(b['ratio'])}x"]
    for x in (sc or {}).get("rows", []):
        lines.append(f"scale {x['exercises']} exercises: ours {x['ours_s']:.1f} s, stock {x['stock_s']:.1f} s "
                     f"({x['ours_ms_per_page']:.0f} / {x['stock_ms_per_page']:.0f} ms per page)")
    if h:
        lines.append(f"handouts: {h['count']} PDFs, fresh {h['fresh_wall_s']:.1f} s, no change {h['no_change_s']:.3f} s, "
                     f"one {h['single_s']:.2f} s, largest exercise {h['size_exercise_kb']['max']:.0f} KB")
    for x in (sc or {}).get("skipped", []):
        lines.append(f"scale {x} exercises: skipped (time budget)")
    for cut in r.get("cut", []):
        lines.append(f"left out (time budget): {cut}")
    for k, v in r.get("errors", {}).items():
        lines.append(f"ERROR in {k}: {v}")
    return "\n".join(lines)
