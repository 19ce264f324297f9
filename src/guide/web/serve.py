"""`make serve`: build the site once, serve ``site/``, and rebuild when a source changes.

Each rebuild is the real strict build (``python -m guide.build``) in a fresh process, so
edited help lines, identity and tags show at once, a broken edit prints its lines and keeps
the last good site, and handouts come from their cache (only the changed ones render).
The browser reloads after each good rebuild through a small script that only this server
adds to the pages it sends.

A rebuild on save comes in two steps. First the pages and handouts, with the book PDFs and the
offline edition carried over from the last build (``--no-downloads --keep-downloads``): the edit
shows in seconds. Then, in the background, the whole build again, which brings the book and the
offline edition up to date (they take a minute or two to render). A new edit stops a background
build that is still running; so does stopping the server.
"""

from __future__ import annotations

import argparse
import contextlib
import http.server
import os
import shutil
import signal
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


def _command(site: Path, *flags: str) -> list[str]:
    return [sys.executable, "-m", "guide.build", "--site-dir", str(site), "--config", str(ROOT / "mkdocs.yml"), *flags]


def build(site: Path, *flags: str) -> bool:
    """The strict build in its own process; it prints its own progress and problems."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(_command(site, *flags), cwd=ROOT, env=env).returncode == 0


class Background:
    """The whole build, run after a quick rebuild to bring the book and offline edition up to date."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self.site: Path | None = None

    def start(self, site: Path) -> None:
        self.stop()
        self.site = site
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen(
            _command(site), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        threading.Thread(target=self._report, args=(self.proc,), daemon=True).start()

    def _report(self, proc: subprocess.Popen) -> None:
        out = proc.communicate()[0].decode("utf-8", "replace")
        if proc.returncode == 0:
            print("the book PDFs and the offline edition are up to date.", flush=True)
        elif proc is self.proc and proc.returncode > 0:  # not stopped by us: a real failure, say why
            print(out.rstrip(), flush=True)

    def stop(self) -> None:
        """Stop a running build the way Ctrl+C would, so it cleans up its temporary folder.

        On a busy machine the build may not finish cleaning up in time (or is killed), so the
        half-built folder it leaves next to the site is removed here: only this server builds
        there, and a stopped build's folder is never used again."""
        proc, self.proc = self.proc, None
        if proc is None:
            return
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if self.site is not None:
            for left in self.site.parent.glob(f".{self.site.name}-new-*"):
                shutil.rmtree(left, ignore_errors=True)


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


def watch(site: Path, state: State, background: Background, interval: float = 1.0) -> None:
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
        background.stop()
        if build(site, "--no-downloads", "--keep-downloads"):
            state.version = str(time.time())
            print(
                "rebuilt; the browser reloads. The book PDFs and the offline edition are rebuilding in the "
                "background (a minute or two).",
                flush=True,
            )
            background.start(site)
        else:
            print("The last good site is still being served. Fix the lines above and save again.", flush=True)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt


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
    background = Background()
    if not args.no_watch:
        threading.Thread(target=watch, args=(site, state, background), daemon=True).start()
    signal.signal(signal.SIGTERM, _stop)  # a terminated server stops its background build too
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("\nstopped.")
    finally:
        background.stop()
        server.server_close()
    return 0
