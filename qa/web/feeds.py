"""The Atom feeds of saved questions: `GET /feed.xml` (all watches), `/feed.xml?watch=ID`.

Read-only, behind the app's login when one is set. Watches and their webhooks are made on the
command line (`qa watch add`), never from the web page.
"""

from __future__ import annotations

from pathlib import Path

from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from qa.feed import atom_feed
from qa.web.sources import _logged_in
from qa.web.texts import say


def feed_route(index_dir: Path) -> Route:
    async def serve_feed(request: Request) -> Response:
        if not await _logged_in(request):
            return PlainTextResponse(say("error.login"), status_code=401)
        watch = request.query_params.get("watch") or None
        body = atom_feed(index_dir, str(request.base_url), watch)
        return Response(body, media_type="application/atom+xml; charset=utf-8")

    return Route("/feed.xml", serve_feed, methods=["GET", "HEAD"])
