"""A local server for a built site that answers like Netlify would: the headers and redirects
of netlify.toml, 404.html for what is missing. For previews and the browser tests; with
`builds`, it also reloads open pages after each rebuild (commands/preview.py)."""

from __future__ import annotations

import functools
import io
import re
import socket
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.commands.netlify import NetlifyConfig
from generator.commands.preview import RELOAD_SCRIPT, Builds, with_reload_script

# Host names a browser on this machine uses; anything else is refused unless the server was
# bound to an address of the maintainer's choice, so that a page elsewhere cannot reach the
# server through a name of its own (DNS rebinding).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
LONGEST_PATH = 2048  # longer addresses are answered 414, before any file is looked up
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class _Handler(SimpleHTTPRequestHandler):
    netlify: NetlifyConfig
    site: Path  # resolved: every file served is inside it
    builds: Builds | None = None
    any_host: bool = False
    path = "/"  # until a request line is read: an error answered before it has no path
    default_request_version = "HTTP/1.0"  # a garbled request line gets a status line too

    def log_message(self, format: str, *args) -> None:
        pass

    def _local(self, path: str) -> Path | None:
        """The file of the site a request path names, or None. Never a file outside the
        site: no `..`, and no link inside the site leading out of it."""
        if "\x00" in path or "\\" in path:
            return None
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if ".." in parts:
            return None
        try:
            local = self.site.joinpath(*parts).resolve()
            if local.is_dir():
                local = (local / "index.html").resolve()
            if not local.is_relative_to(self.site) or not local.is_file():
                return None
            return local
        except OSError:  # a name too long for the system, a loop of links
            return None

    def translate_path(self, path: str) -> str:
        local = self._local(unquote(urlsplit(path).path))
        return str(local) if local is not None else str(self.site / ".missing" / "missing")

    def send_head(self):
        if len(self.path) > LONGEST_PATH:
            self.send_error(414)
            return None
        if not self._host_allowed():
            return self._send(403, "text/plain; charset=utf-8", b"Host not allowed\n")
        path = unquote(urlsplit(self.path).path)
        if _CONTROL.search(path):  # no address of the site has one, and a header would
            return self._not_found()
        if self.builds is not None and path.startswith("/__live/"):
            return self._live(path)
        local = self._local(path)
        if local is None:
            redirect = self.netlify.redirect_for(path)
            if redirect and redirect[1] in (301, 302):
                self.send_response(redirect[1])
                self.send_header("Location", redirect[0])
                self.end_headers()
                return None
            return self._not_found()
        if self.builds is not None and local.suffix == ".html" and path.endswith(("/", ".html")):
            return self._send(
                200, "text/html; charset=utf-8", with_reload_script(local.read_bytes())
            )
        return super().send_head()

    def _host_allowed(self) -> bool:
        if self.any_host:
            return True
        host = (self.headers.get("Host") or "").strip().lower()
        if host.startswith("["):  # [::1]:8000
            name = host[1 : host.find("]")] if "]" in host else host
        else:
            name = host.rsplit(":", 1)[0] if host.count(":") == 1 else host
        return name in LOCAL_HOSTS

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
        """The site's 404 page, the same for everything missing, wherever it is asked for."""
        page = self.site / "404.html"
        body = page.read_bytes() if page.is_file() else b"Not found"
        return self._send(404, "text/html; charset=utf-8", body)

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
    any_host: bool = False,
):
    """A server for `site` on host:port (port 0 picks a free one); call serve_forever().
    `any_host`: answer whatever Host a request names (the maintainer bound the server to an
    address others reach it by), else only this machine's own names."""
    site = site.resolve()
    handler = type(
        "Handler",
        (_Handler,),
        {
            "netlify": NetlifyConfig.load(netlify_toml),
            "site": site,
            "builds": builds,
            "any_host": any_host,
        },
    )
    server = _IPv6Server if ":" in host else ThreadingHTTPServer
    return server((host, port), functools.partial(handler, directory=str(site)))


class _IPv6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def serve_in_background(site: Path, netlify_toml: Path) -> tuple[ThreadingHTTPServer, str]:
    """Start a server on a free port in a thread; returns it and its base URL."""
    server = make_server(site, netlify_toml, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"
