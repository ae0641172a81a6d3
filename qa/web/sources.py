"""The source documents behind the citations, served by the web app: only corpus files, read-only.

A card links to `kilde/<source>` (a PDF at its page, `#page=N`; a web page at its case,
`#sag-N`, restyled to be read: `qa.web.source_pages`). The path a browser sends is
resolved inside the corpus directory and refused when it leads anywhere else (`..`, an absolute
path, a symlink out, a hidden upload in progress, a file type the corpus does not hold).
"""

from __future__ import annotations

import inspect
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from qa.ingest import supported_extensions
from qa.web.source_pages import case_anchor, readable_html
from qa.web.texts import say

ROUTE = "kilde"
HTML = (".html", ".htm")
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "text/xml",  # a publishing export (eDoc, Acadre): shown as the browser shows XML
}
# Served documents come from uploads: an HTML file's scripts must not run as the app.
SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def source_url(source: str, page: int | None = None, case_number: int | None = None) -> str:
    """The link to a corpus file, relative to the chat page (so it works behind a path prefix):
    a PDF at its page, a web page at its case."""
    url = f"{ROUTE}/{quote(source)}"
    if page:
        return f"{url}#page={page}"
    if case_number is not None and Path(source).suffix.lower() in HTML:
        return f"{url}#{case_anchor(case_number)}"
    return url


def resolve_source(corpus_dir: Path, requested: str) -> Path | None:
    """The corpus file `requested` names, or None when it is not one the app may serve."""
    root = Path(corpus_dir).resolve()
    parts = Path(requested).parts
    if not parts or Path(requested).is_absolute() or any(p.startswith(".") for p in parts):
        return None
    path = (root / requested).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        return None
    if path.suffix.lower() not in supported_extensions():
        return None
    return path


def source_route(corpus_dir: Path) -> Route:
    """A Starlette route for Gradio's app: `GET /kilde/<path>`, behind the app's login if any."""

    async def serve_source(request: Request) -> Response:
        if not await _logged_in(request):
            return PlainTextResponse(say("error.login"), status_code=401)
        requested = request.path_params["path"]
        path = resolve_source(corpus_dir, requested)
        if path is None:
            return PlainTextResponse(say("error.no_such_file"), status_code=404)
        media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        headers = {"X-Content-Type-Options": "nosniff"}
        if path.suffix.lower() != ".pdf":  # the browser's PDF viewer does not run in a sandbox
            headers["Content-Security-Policy"] = SANDBOX
        if path.suffix.lower() in HTML:
            stat = path.stat()
            page = _readable(path, stat.st_size, stat.st_mtime_ns, requested)
            return Response(page, media_type=media_type, headers=headers)
        return FileResponse(path, media_type=media_type, headers=headers)

    return Route(f"/{ROUTE}/{{path:path}}", serve_source, methods=["GET", "HEAD"])


@lru_cache(maxsize=16)
def _readable(path: Path, size: int, mtime_ns: int, source: str) -> bytes:
    """A web page made readable, kept while the file is unchanged (a big page takes a moment)."""
    return readable_html(path.read_bytes(), source)


async def _logged_in(request: Request) -> bool:
    """The same check as Gradio's own file routes: no login configured, or a valid session cookie."""
    app = request.app
    if getattr(app, "auth", None) is None and getattr(app, "auth_dependency", None) is None:
        return True
    if app.auth_dependency is not None:
        user = app.auth_dependency(request)
        return (await user if inspect.isawaitable(user) else user) is not None
    cookie_id = app.cookie_id
    token = request.cookies.get(f"access-token-{cookie_id}") or request.cookies.get(
        f"access-token-unsecure-{cookie_id}"
    )
    return app.tokens.get(token) is not None
