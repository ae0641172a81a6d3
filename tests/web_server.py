"""A small web site on 127.0.0.1 for the fetch tests: recorded pages served with ETags.

Each route answers a fixed body with an ETag and Last-Modified, and 304 to a matching
conditional request. A route can be made to fail with 503 a number of times first, or to hold
its answer until released. Every request is logged with its headers.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    failures: int = 0  # answers of `failure_status` before the real one
    failure_status: int = 503
    failure_headers: dict[str, str] = field(default_factory=dict)
    hold: threading.Event | None = None  # wait for this before answering
    headers: dict[str, str] = field(default_factory=dict)
    needs_cookie: str | None = None  # answer 401 unless the request carries this cookie

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest() + '"'


@dataclass
class Site:
    routes: dict[str, Route] = field(default_factory=dict)  # by path and query, unquoted
    log: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def add(self, path: str, body: bytes | str, **options) -> Route:
        route = Route(body.encode("utf-8") if isinstance(body, str) else body, **options)
        self.routes[unquote(path)] = route
        return route

    def requests(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.log if p == unquote(path)]


def _handler(site: Site):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            path = unquote(self.path)
            site.log.append((path, dict(self.headers)))
            route = site.routes.get(path)
            if route is None:
                self._answer(404, b"<html><body>Siden findes ikke</body></html>", "text/html")
                return
            if route.hold is not None:
                route.hold.wait(timeout=60)
            if route.failures > 0:
                route.failures -= 1
                self._answer(route.failure_status, b"busy", "text/plain", route.failure_headers)
                return
            if route.needs_cookie and route.needs_cookie not in self.headers.get("Cookie", ""):
                self._answer(401, b"log in", "text/plain")
                return
            if route.status == 200 and self.headers.get("If-None-Match") == route.etag:
                self._answer(304, b"", None, {"ETag": route.etag})
                return
            headers = {
                "ETag": route.etag,
                "Last-Modified": "Wed, 01 Oct 2025 12:00:00 GMT",
                **route.headers,
            }
            self._answer(route.status, route.body, route.content_type, headers)

        def _answer(self, status, body, content_type, headers=None):
            self.send_response(status)
            if content_type:
                self.send_header("Content-Type", content_type)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


@contextlib.contextmanager
def serving(site: Site):
    """The site's base URL while it is served from a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(site))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        for route in site.routes.values():
            if route.hold is not None:
                route.hold.set()
        server.shutdown()
        server.server_close()
