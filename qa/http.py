"""A polite, robust web client for fetching minutes.

Polite: robots.txt is honoured, one request at a time with a pause between requests to the same
host, and a User-Agent that names the project. Robust: conditional requests (ETag,
Last-Modified), so a page that has not changed is not downloaded again, and retries with
exponential backoff on timeouts, dropped connections, 5xx and 429 answers, waiting longer when
the server's Retry-After asks for it (tenacity).
"""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import httpx
from tenacity import (
    RetryError,
    retry,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential,
)

from qa.errors import QAError

USER_AGENT = "minutes-qa/0.1 (fetches published council minutes; one request at a time)"
DEFAULT_DELAY = 1.0  # seconds between two requests to the same host
DEFAULT_TIMEOUT = 30.0
DEFAULT_ATTEMPTS = 4
MAX_WAIT = 120.0  # seconds: the longest pause before a retry, whatever Retry-After asks


class FetchError(QAError):
    """A web page could not be fetched (refused by robots.txt, an HTTP error, no answer).

    `code` says which (`fetch_robots`, `fetch_http`, `fetch_http_retries`, `fetch_no_answer`),
    with the url, status and attempts among its fields, for a UI's own words."""

    def __init__(
        self, url: str, reason: str, status: int | None = None, *, code: str | None = None, **fields
    ):
        self.url = url
        self.reason = reason
        self.status = status
        if status is not None:
            fields.setdefault("status", status)
        super().__init__(f"{url}: {reason}", code=code, url=url, **fields)


class _Retryable(Exception):
    """A 5xx or 429 answer: worth asking again after a pause."""

    def __init__(self, response: httpx.Response):
        self.response = response


@dataclass(frozen=True)
class Page:
    """An answer: the content (None when the server said it has not changed since)."""

    url: str  # after redirects
    status: int
    content: bytes | None
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass
class PoliteClient:
    """One request at a time, robots.txt first, a pause between requests to a host."""

    delay: float = DEFAULT_DELAY
    timeout: float = DEFAULT_TIMEOUT
    attempts: int = DEFAULT_ATTEMPTS
    user_agent: str = USER_AGENT
    transport: httpx.BaseTransport | None = None
    requests: int = 0  # requests made, robots.txt included
    downloads: int = 0  # answers that carried a body (not 304)
    _robots: dict[str, urllib.robotparser.RobotFileParser] = field(default_factory=dict)
    _last: dict[str, float] = field(default_factory=dict)
    _client: httpx.Client | None = None

    def __enter__(self) -> PoliteClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None

    @property
    def client(self) -> httpx.Client:
        if self._client is None:
            self._client = httpx.Client(
                headers={"User-Agent": self.user_agent},
                timeout=self.timeout,
                follow_redirects=True,
                transport=self.transport,
            )
        return self._client

    def get(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Page:
        """GET `url`, conditionally when validators are given; FetchError unless 2xx or 304."""
        if not self.allowed(url):
            raise FetchError(
                url, "robots.txt does not allow minutes-qa to fetch this page", code="fetch_robots"
            )
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        response = self._request(url, headers)
        if response.status_code == 304:
            return Page(str(response.url), 304, None, etag=etag, last_modified=last_modified)
        if not response.is_success:
            raise FetchError(
                url, f"HTTP {response.status_code}", response.status_code, code="fetch_http"
            )
        self.downloads += 1
        return Page(
            url=str(response.url),
            status=response.status_code,
            content=response.content,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
        )

    def allowed(self, url: str) -> bool:
        """Whether the site's robots.txt lets our User-Agent fetch `url` (read once per site).

        No robots.txt (404) allows everything; 401 or 403, or a robots.txt that keeps failing
        (5xx), allows nothing (RFC 9309). A site that does not answer at all is a FetchError.
        """
        parts = urlsplit(url)
        site = f"{parts.scheme}://{parts.netloc}"
        robots = self._robots.get(site)
        if robots is None:
            robots = urllib.robotparser.RobotFileParser(urljoin(site, "/robots.txt"))
            try:
                response = self._request(urljoin(site, "/robots.txt"), {})
            except FetchError as exc:
                if exc.status is None:
                    raise FetchError(
                        url, exc.reason, code=exc.code, attempts=self.attempts
                    ) from exc
                robots.disallow_all = True
            else:
                if response.status_code in (401, 403):
                    robots.disallow_all = True
                elif response.is_success:
                    robots.parse(response.text.splitlines())
                else:
                    robots.allow_all = True
            self._robots[site] = robots
        return robots.can_fetch(self.user_agent, url)

    def _request(self, url: str, headers: dict[str, str]) -> httpx.Response:
        backoff = wait_exponential(multiplier=max(self.delay, 0.01), max=MAX_WAIT)

        def wait(state) -> float:
            """Exponential backoff, or longer when the server says when to come back."""
            failure = state.outcome.exception() if state.outcome else None
            asked = _retry_after(failure.response) if isinstance(failure, _Retryable) else None
            return max(backoff(state), min(asked or 0, MAX_WAIT))

        @retry(
            retry=retry_if_exception_type(
                (httpx.TimeoutException, httpx.TransportError, _Retryable)
            ),
            stop=stop_after_attempt(self.attempts),
            wait=wait,
            reraise=False,
        )
        def attempt() -> httpx.Response:
            self._pause(url)
            self.requests += 1
            response = self.client.get(url, headers=headers)
            if response.status_code >= 500 or response.status_code == 429:
                raise _Retryable(response)
            return response

        try:
            return attempt()
        except RetryError as exc:
            last = exc.last_attempt.exception()
            if isinstance(last, _Retryable):
                status = last.response.status_code
                raise FetchError(
                    url,
                    f"HTTP {status} after {self.attempts} attempts",
                    status,
                    code="fetch_http_retries",
                    attempts=self.attempts,
                ) from None
            raise FetchError(
                url,
                f"no answer after {self.attempts} attempts ({type(last).__name__}: {last})",
                code="fetch_no_answer",
                attempts=self.attempts,
            ) from last

    def _pause(self, url: str) -> None:
        host = urlsplit(url).netloc
        if (last := self._last.get(host)) is not None:
            wait = self.delay - (time.monotonic() - last)
            if wait > 0:
                time.sleep(wait)
        self._last[host] = time.monotonic()


def _retry_after(response: httpx.Response) -> float | None:
    """Retry-After in seconds (a number of seconds or an HTTP date), if the answer has one."""
    value = (response.headers.get("retry-after") or "").strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
