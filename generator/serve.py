"""A local server for a built site that answers like Netlify would: the headers and redirects
of netlify.toml, 404.html for what is missing. For previews and the browser tests; with
`builds`, it also reloads open pages after each rebuild (generator/preview.py)."""

from __future__ import annotations

import functools
import io
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.netlify import NetlifyConfig
from generator.preview import RELOAD_SCRIPT, Builds, with_reload_script


class _Handler(SimpleHTTPRequestHandler):
    netlify: NetlifyConfig
    site: Path
    builds: Builds | None = None

    def log_message(self, format: str, *args) -> None:
        pass

    def _exists(self, path: str) -> bool:
        local = self.site / path.lstrip("/")
        return local.is_file() or (local / "index.html").is_file()

    def send_head(self):
        path = unquote(urlsplit(self.path).path)
        if self.builds is not None and path.startswith("/__live/"):
            return self._live(path)
        if not self._exists(path):
            redirect = self.netlify.redirect_for(path)
            if redirect and redirect[1] in (301, 302):
                self.send_response(redirect[1])
                self.send_header("Location", redirect[0])
                self.end_headers()
                return None
            return self._not_found()
        local = self.site / path.lstrip("/")
        page = local / "index.html" if local.is_dir() else local
        if self.builds is not None and page.suffix == ".html" and path.endswith(("/", ".html")):
            body = with_reload_script(page.read_bytes())
            return self._send(200, "text/html; charset=utf-8", body)
        return super().send_head()

    def _send(self, status: int, kind: str, body: bytes):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        return io.BytesIO(body)

    def _live(self, path: str):
        """The reload script, or the stream of finished builds it listens to."""
        assert self.builds is not None
        if path == "/__live/reload.js":
            return self._send(200, "text/javascript", RELOAD_SCRIPT)
        if path != "/__live/events":
            return self._not_found()
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        number = self.builds.number
        try:
            while True:
                self.wfile.write(f"data: {number}\n\n".encode())
                self.wfile.flush()
                number = self.builds.wait_after(number, timeout=15)
        except (BrokenPipeError, ConnectionResetError):
            return None

    def _not_found(self):
        page = self.site / "404.html"
        body = page.read_bytes() if page.exists() else b"Not found"
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        return None

    def end_headers(self) -> None:
        for name, value in self.netlify.headers_for(urlsplit(self.path).path).items():
            self.send_header(name, value)
        super().end_headers()


def make_server(
    site: Path,
    netlify_toml: Path,
    port: int = 8000,
    host: str = "127.0.0.1",
    builds: Builds | None = None,
):
    """A server for `site` on host:port (port 0 picks a free one); call serve_forever()."""
    handler = type(
        "Handler",
        (_Handler,),
        {"netlify": NetlifyConfig.load(netlify_toml), "site": site, "builds": builds},
    )
    return ThreadingHTTPServer((host, port), functools.partial(handler, directory=str(site)))


def serve_in_background(site: Path, netlify_toml: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port in a thread; returns it and its base URL."""
    server = make_server(site, netlify_toml, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"
