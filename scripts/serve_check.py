"""The README's first command, checked as a new user meets it (`make serve-check`).

Starts the real server (scripts/serve.py) on a free port, serving the site that
`make build` has just made; fetches the home page, one exercise page and one handout
PDF over HTTP; checks status, content type and content; stops the server by its
process id. Exits non-zero with one line per failure.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHECKS = [
    ("", "text/html", b"Sex therapy"),
    ("exercises/break-plan/", "text/html", b"break plan"),
    ("handouts/break-plan-a4.pdf", "application/pdf", b"%PDF-"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> tuple[int, str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as r:  # noqa: S310 (our own local server)
        return r.status, r.headers.get("Content-Type", ""), r.read()


def main() -> int:
    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    cmd = [sys.executable, str(ROOT / "scripts" / "serve.py"), "--no-build", "--host", f"127.0.0.1:{port}"]
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(f"serve-check: started the server (pid {server.pid}) at {base}")
    failures: list[str] = []
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                fetch(base)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    print(f"serve-check: the server did not answer at {base}", file=sys.stderr)
                    print(server.stdout.read() if server.poll() is not None else "", file=sys.stderr)
                    return 1
                time.sleep(0.2)
        for path, kind, expect in CHECKS:
            try:
                status, got_kind, body = fetch(base + path)
            except OSError as exc:
                failures.append(f"/{path}: {exc}")
                continue
            ok = status == 200 and got_kind.startswith(kind) and expect.lower() in body.lower()
            print(f"serve-check: /{path} -> {status} {got_kind}, {len(body):,} bytes{'' if ok else '  FAILED'}")
            if not ok:
                failures.append(f"/{path}: wanted 200 {kind} holding {expect!r}, got {status} {got_kind}")
    finally:
        os.kill(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.kill(server.pid, signal.SIGKILL)
        print(f"serve-check: stopped the server (pid {server.pid})")
    for failure in failures:
        print(f"serve-check: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
