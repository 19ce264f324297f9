"""A static server for a built site that gzips text, as GitHub Pages does (for Lighthouse)."""

from __future__ import annotations

import functools
import gzip
import http.server
import threading
from pathlib import Path

SERVED = "http.server on 127.0.0.1, gzip for text (as GitHub Pages)"


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
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
    """Serve ``site`` on a free port in a daemon thread; returns the server and its address."""
    handler = type("Handler", (_GzipHandler,), {"cache": {}})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/"
