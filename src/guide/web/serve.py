"""`make serve`: build the site once, serve ``site/``, and rebuild when a source changes.

Each rebuild is the real strict build (``scripts/build_site.py``) in a fresh process, so
edited help lines, identity and tags show at once, a broken edit prints its lines and keeps
the last good site, and handouts come from their cache (only the changed ones render).
The browser reloads after each good rebuild through a small script that only this server
adds to the pages it sends.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from guide.paths import ROOT, SITE

WATCHED = ("docs", "data", "includes", "overrides", "mkdocs.yml", "src/guide")
RELOAD_JS = (Path(__file__).parent / "serve_assets" / "reload.js").read_bytes()
RELOAD_TAG = b'<script src="/__serve/reload.js"></script>'


def snapshot(root: Path = ROOT) -> dict[str, float]:
    """Modification time of every watched file (a few hundred: a scan takes milliseconds)."""
    found: dict[str, float] = {}
    for name in WATCHED:
        top = root / name
        paths = [top] if top.is_file() else (p for p in top.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        for path in paths:
            with contextlib.suppress(OSError):
                found[str(path)] = path.stat().st_mtime
    return found


def build(site: Path) -> bool:
    """The strict build in its own process; it prints its own progress and problems."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "guide.build", "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml")]
    return subprocess.run(cmd, cwd=ROOT, env=env).returncode == 0


class State:
    def __init__(self) -> None:
        self.version = str(time.time())


def handler_for(site: Path, state: State, reload: bool):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802 (the standard library's name)
            if self.path == "/__serve/version":
                return self._send(state.version.encode(), "text/plain")
            if self.path == "/__serve/reload.js":
                return self._send(RELOAD_JS, "text/javascript")
            url_path = self.path.split("?", 1)[0].split("#", 1)[0]
            target = Path(self.translate_path(url_path))
            if target.is_dir() and url_path.endswith("/"):
                target = target / "index.html"
            if reload and target.suffix == ".html" and target.is_file():
                body = target.read_bytes().replace(b"</body>", RELOAD_TAG + b"</body>", 1)
                return self._send(body, "text/html; charset=utf-8")
            return super().do_GET()

        def _send(self, body: bytes, kind: str):
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

    return Handler


def watch(site: Path, state: State, interval: float = 1.0) -> None:
    previous = snapshot()
    while True:
        time.sleep(interval)
        current = snapshot()
        if current == previous:
            continue
        time.sleep(0.3)  # let an editor finish writing
        current = snapshot()
        changed = sorted(k for k in current.keys() | previous.keys() if current.get(k) != previous.get(k))
        previous = current
        names = ", ".join(os.path.relpath(c, ROOT) for c in changed[:3]) + (" ..." if len(changed) > 3 else "")
        print(f"\nchanged: {names}; rebuilding...", flush=True)
        if build(site):
            state.version = str(time.time())
            print("rebuilt; the browser reloads.", flush=True)
        else:
            print("The last good site is still being served. Fix the lines above and save again.", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1:8000", help="address:port to serve on")
    parser.add_argument("--site-dir", type=Path, default=SITE)
    parser.add_argument("--no-build", action="store_true", help="serve what is in site/ (no first build)")
    parser.add_argument("--no-watch", action="store_true", help="do not rebuild on changes")
    args = parser.parse_args(argv)
    host, _, port = args.host.rpartition(":")
    site = args.site_dir.resolve()
    if not args.no_build:
        print(
            "Building the site and its handouts. The first time takes a minute or two "
            "(every handout is rendered); later builds reuse them.",
            flush=True,
        )
        if not build(site) and not (site / "index.html").exists():
            print(
                "The first build failed and there is no earlier site to serve. Fix the lines above, then run "
                "`make serve` again.",
                file=sys.stderr,
            )
            return 1
    state = State()
    server = http.server.ThreadingHTTPServer(
        (host or "127.0.0.1", int(port or 8000)), handler_for(site, state, reload=not args.no_watch)
    )
    url = f"http://{server.server_address[0]}:{server.server_address[1]}/"
    print(f"Serving {os.path.relpath(site, ROOT)}/ at {url}  (open it in your browser; Ctrl+C stops)", flush=True)
    if not args.no_watch:
        threading.Thread(target=watch, args=(site, state), daemon=True).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped.")
    finally:
        server.server_close()
    return 0
