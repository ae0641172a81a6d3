"""The source documents behind the citations, served by the web app: only corpus files, read-only.

A card links to `kilde/<source>` (a PDF at its page, `#page=N`). The path a browser sends is
resolved inside the corpus directory and refused when it leads anywhere else (`..`, an absolute
path, a symlink out, a hidden upload in progress, a file type the corpus does not hold).
"""

from __future__ import annotations

import inspect
from pathlib import Path
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import FileResponse, PlainTextResponse, Response
from starlette.routing import Route

from qa.ingest import supported_extensions

ROUTE = "kilde"
MEDIA_TYPES = {
    ".pdf": "application/pdf",
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".xml": "text/xml",  # a publishing export (eDoc, Acadre): shown as the browser shows XML
}
# Served documents come from uploads: an HTML file's scripts must not run as the app.
SANDBOX = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:"


def source_url(source: str, page: int | None = None) -> str:
    """The link to a corpus file, relative to the chat page (so it works behind a path prefix)."""
    url = f"{ROUTE}/{quote(source)}"
    return f"{url}#page={page}" if page else url


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
            return PlainTextResponse("Log ind først.", status_code=401)
        path = resolve_source(corpus_dir, request.path_params["path"])
        if path is None:
            return PlainTextResponse("Ingen sådan fil i referaterne.", status_code=404)
        media_type = MEDIA_TYPES.get(path.suffix.lower(), "application/octet-stream")
        headers = {"X-Content-Type-Options": "nosniff"}
        if path.suffix.lower() != ".pdf":  # the browser's PDF viewer does not run in a sandbox
            headers["Content-Security-Policy"] = SANDBOX
        return FileResponse(path, media_type=media_type, headers=headers)

    return Route(f"/{ROUTE}/{{path:path}}", serve_source, methods=["GET", "HEAD"])


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
