"""Minutes published on the web: FirstAgenda Publication portals and kk.dk.

FirstAgenda Publication (the portals many municipalities publish on, e.g. Aarhus) lists every
committee and meeting as JSON at `/api/agenda/udvalgsliste` once the portal's front page has
handed out its anonymous session cookie; each meeting's page is `/vis?id=<meeting id>`, a page the
HTML format reads (its items are `tr.punktrow` rows). The meeting page is stored as it is.

kk.dk ("Dagsordener og referater") links each meeting as
`/dagsordener-og-referater/<Udvalg>/møde-DDMMYYYY/referat` (or `/dagsorden`) and each item as
`.../punkt-N` on a page of its own. The item pages are kept as fetched (`*.html.orig`, never
indexed), and the meeting is written as one page, its items under "Punkt N: <title>" headings,
which the HTML format reads like any other minutes page.

A source is recognised by what it serves: meeting links of kk.dk's shape, or the FirstAgenda
JSON. Anything else is one clear error, and nothing in the corpus changes.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from qa.downloads import Download, FetchReport, SourceError, safe_name, store_downloads, store_file
from qa.http import FetchError, Page, PoliteClient
from qa.origins import Origin, read_origins

FIRSTAGENDA_CATALOG = "/api/agenda/udvalgsliste"
MAX_LISTING_PAGES = 200

_KK_MEETING = re.compile(
    r"/dagsordener-og-referater/(?P<committee>[^/]+)/m(?:ø|%C3%B8|o)de-(?P<day>\d{8})/(?P<kind>referat|dagsorden)/?$",
    re.IGNORECASE,
)
_KK_ITEM = re.compile(r"/punkt-(?P<number>\d+)/?$")
_KK_COMMITTEE = re.compile(r"/dagsordener-og-referater/(?P<committee>[^/?#]+)/?$")


def fetch_portal(
    url: str,
    corpus_dir: Path,
    *,
    kind: str | None = None,
    municipality: str | None = None,
    since: date | None = None,
    client: PoliteClient | None = None,
    on_meeting=None,
) -> FetchReport:
    own = client is None
    client = client or PoliteClient()
    try:
        first = _get(client, url)
        catalog = None
        if kind is None:
            kind, catalog = detect_portal(url, first, client)
        report = FetchReport(url, kind, municipality, on_meeting=on_meeting)
        if kind == "firstagenda":
            _fetch_firstagenda(report, url, catalog, corpus_dir, municipality, since, client)
        elif kind == "kk":
            _fetch_kk(report, url, first, corpus_dir, municipality or "København", since, client)
        else:
            raise SourceError(f"{url}: a {kind} export is read from a folder, not a web address")
        return report
    finally:
        if own:
            client.close()


def _get(client: PoliteClient, url: str, known: Origin | None = None) -> Page:
    try:
        return client.get(
            url, known.etag if known else None, known.last_modified if known else None
        )
    except FetchError as exc:
        raise SourceError(str(exc)) from exc


def detect_portal(url: str, first: Page, client: PoliteClient) -> tuple[str, dict | None]:
    """ "kk" when the page links meetings as kk.dk does, "firstagenda" (with its committee
    list) when the site serves FirstAgenda's committee list; SourceError otherwise."""
    if _is_html(first) and (kk_meeting_at(first.url) or kk_meetings(first) or kk_committees(first)):
        return "kk", None
    try:
        page = client.get(urljoin(url, FIRSTAGENDA_CATALOG))
    except FetchError:
        page = None
    if page is not None and (catalog := _catalog(page)) is not None:
        return "firstagenda", catalog
    raise SourceError(
        f"{url}: not a source minutes-qa knows (no FirstAgenda committee list at "
        f"{FIRSTAGENDA_CATALOG}, no meeting links like kk.dk's Dagsordener og referater)"
    )


def _is_html(page: Page) -> bool:
    head = (page.content or b"")[:2048].lstrip().lower()
    return "html" in page.content_type or head.startswith((b"<!doctype html", b"<html"))


def _catalog(page: Page) -> dict | None:
    try:
        data = json.loads(page.content or b"")
    except (ValueError, UnicodeDecodeError):
        return None
    if isinstance(data, dict) and isinstance(data.get("Udvalg"), dict):
        return data
    return None


def _known_by_origin(corpus_dir: Path, url: str) -> Origin | None:
    """The corpus file fetched from `url` before, if any: the file read as minutes rather than a
    page kept as fetched (`*.orig`) when both came from it."""
    found = [o for o in read_origins(corpus_dir).files.values() if o.origin == url]
    found.sort(key=lambda o: o.source.endswith(".orig"))
    return found[0] if found else None


# FirstAgenda ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PortalMeeting:
    committee: str
    meeting_id: str
    meeting_date: date


def firstagenda_meetings(catalog: dict) -> list[PortalMeeting]:
    """Every published meeting of every committee in FirstAgenda's committee list; supplementary
    agendas (published as meetings of their own) and meetings not yet released left out."""
    found = []
    for committees in catalog["Udvalg"].values():
        for committee in committees if isinstance(committees, list) else []:
            name = " ".join(str(committee.get("Navn") or "").split())
            for meeting in committee.get("Moeder") or []:
                if not isinstance(meeting, dict) or meeting.get("IsSupplementaryAgenda"):
                    continue
                if not _released(meeting):
                    continue
                when = str(meeting.get("Dato") or meeting.get("MeetingBeginUtc") or "")[:10]
                meeting_id = str(meeting.get("Id") or "")
                try:
                    day = date.fromisoformat(when)
                except ValueError:
                    continue
                if re.fullmatch(r"[0-9A-Fa-f-]{36}", meeting_id):
                    found.append(PortalMeeting(name, meeting_id.lower(), day))
    return found


def _released(meeting: dict) -> bool:
    """Whether the meeting's agenda is out: a meeting listed before its agenda is published has
    `ReleasedDate` null (or in the future) and no page yet."""
    if "ReleasedDate" not in meeting:
        return True  # a portal that does not say: try the page
    value = meeting["ReleasedDate"]
    if not value:
        return False
    try:
        released = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return True
    if released.tzinfo is None:
        released = released.replace(tzinfo=UTC)
    return released <= datetime.now(UTC)


def _fetch_firstagenda(report, url, catalog, corpus_dir, municipality, since, client) -> None:
    if catalog is None:
        catalog = _catalog(_get(client, urljoin(url, FIRSTAGENDA_CATALOG)))
    if catalog is None:
        raise SourceError(f"{url}{FIRSTAGENDA_CATALOG}: not FirstAgenda's committee list (JSON)")
    for meeting in firstagenda_meetings(catalog):
        if since and meeting.meeting_date < since:
            continue
        page_url = urljoin(url, f"/vis?id={meeting.meeting_id}")
        known = _known_by_origin(corpus_dir, page_url)
        label = f"{meeting.committee} {meeting.meeting_date:%d-%m-%Y}"
        try:
            page = client.get(page_url, *(_validators(known)))
        except FetchError as exc:
            report.add("failed", f"{label}: {exc.reason} ({page_url})")
            continue
        if page.not_modified and known is not None:
            report.add("unchanged", known.source)
            continue
        report.downloads += 1
        name = f"{meeting.meeting_date.isoformat()}_{meeting.meeting_id}.html"
        store_downloads(
            report,
            corpus_dir,
            "firstagenda",
            municipality,
            since,
            None,
            [Download(name, page.content, page_url, page.etag, page.last_modified)],
            url,
            main=name,
        )


def _validators(known: Origin | None) -> tuple[str | None, str | None]:
    return (known.etag, known.last_modified) if known else (None, None)


# kk.dk ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KKMeeting:
    url: str
    committee: str
    meeting_date: date
    kind: str


def _links(page: Page) -> list[str]:
    soup = BeautifulSoup(page.content or b"", "lxml")
    return [urljoin(page.url, a["href"]) for a in soup.find_all("a", href=True)]


def kk_meeting_at(link: str) -> KKMeeting | None:
    """The meeting a kk.dk address names (`.../<Udvalg>/møde-DDMMYYYY/referat`), if it is one."""
    path = unquote(urlsplit(link).path)
    match = _KK_MEETING.search(path)
    if not match:
        return None
    day = match["day"]
    try:
        when = date(int(day[4:]), int(day[2:4]), int(day[:2]))
    except ValueError:
        return None
    url = link.split("#")[0].split("?")[0].rstrip("/")
    return KKMeeting(url, unquote(match["committee"]), when, match["kind"].lower())


def kk_meetings(page: Page) -> list[KKMeeting]:
    """The meetings a kk.dk listing page links to, each once."""
    found: dict[str, KKMeeting] = {}
    for link in _links(page):
        if (meeting := kk_meeting_at(link)) is not None:
            found.setdefault(meeting.url, meeting)
    return list(found.values())


def kk_committees(page: Page) -> list[str]:
    """Committee pages linked from kk.dk's front page of "Dagsordener og referater"."""
    here = urlsplit(page.url).path.rstrip("/")
    found = []
    for link in _links(page):
        path = urlsplit(link).path
        if _KK_COMMITTEE.search(path) and path.rstrip("/") != here and link not in found:
            found.append(link.split("#")[0])
    return found


def _listing_pages(first: Page, client: PoliteClient) -> list[Page]:
    """The listing page and the further pages its pager links to (`?page=N`), one at a time."""
    pages, seen, queue = [first], {first.url}, []

    def pager(page: Page) -> list[str]:
        base = urlsplit(page.url).path
        return [
            link
            for link in _links(page)
            if urlsplit(link).path == base and re.search(r"[?&]page=\d+", link)
        ]

    queue.extend(pager(first))
    while queue and len(pages) < MAX_LISTING_PAGES:
        link = queue.pop(0)
        if link in seen:
            continue
        seen.add(link)
        page = _get(client, link)
        pages.append(page)
        queue.extend(pager(page))
    return pages


def _fetch_kk(report, url, first, corpus_dir, municipality, since, client) -> None:
    if (single := kk_meeting_at(first.url)) is not None:  # a meeting's own address
        meetings = [single]
    else:
        meetings = [m for page in _listing_pages(first, client) for m in kk_meetings(page)]
    if not meetings:
        for committee_url in kk_committees(first):
            listings = _listing_pages(_get(client, committee_url), client)
            meetings.extend(m for page in listings for m in kk_meetings(page))
    if not meetings:
        raise SourceError(f"{url}: no meetings linked (kk.dk's Dagsordener og referater)")
    seen = set()
    for meeting in meetings:
        if meeting.url in seen or (since and meeting.meeting_date < since):
            continue
        seen.add(meeting.url)
        _fetch_kk_meeting(report, meeting, corpus_dir, municipality, since, url, client)


def _fetch_kk_meeting(report, meeting: KKMeeting, corpus_dir, municipality, since, url, client):
    label = f"{meeting.committee} {meeting.meeting_date:%d-%m-%Y} ({meeting.kind})"
    known = _known_by_origin(corpus_dir, meeting.url)
    try:
        page = client.get(meeting.url, *_validators(known))
    except FetchError as exc:
        report.add("failed", f"{label}: {exc.reason} ({meeting.url})")
        return
    if page.not_modified and known is not None:
        report.add("unchanged", known.source)
        return
    report.downloads += 1
    items = sorted(
        {
            int(m["number"]): link.split("#")[0]
            for link in _links(page)
            if link.startswith(meeting.url + "/") and (m := _KK_ITEM.search(urlsplit(link).path))
        }.items()
    )
    if not items:
        report.add("failed", f"{label}: the meeting page links no items ({meeting.url})")
        return
    stem = f"{meeting.meeting_date.isoformat()}_{meeting.kind}"
    pages = f"{safe_name(municipality)}/{safe_name(meeting.committee)}/{stem}.pages"
    downloads = [
        Download(
            f"{stem}.pages/møde.html.orig", page.content, meeting.url, page.etag, page.last_modified
        )
    ]
    bodies = []
    for number, item_url in items:
        item_known = _known_by_origin(corpus_dir, item_url)
        try:
            item = client.get(item_url, *_validators(item_known))
        except FetchError as exc:
            report.add("failed", f"{label} punkt {number}: {exc.reason} ({item_url})")
            return
        if item.not_modified and item_known is not None:
            content = (corpus_dir / item_known.source).read_bytes()
            etag, last_modified = item_known.etag, item_known.last_modified
        else:
            report.downloads += 1
            content, etag, last_modified = item.content, item.etag, item.last_modified
        name = f"{stem}.pages/punkt-{number}.html.orig"
        download = Download(name, content, item_url, etag, last_modified)
        # Kept at once (never indexed): a run stopped midway asks for it conditionally next time.
        store_file(corpus_dir, f"{pages}/punkt-{number}.html.orig", download, "kk", url)
        downloads.append(download)
        bodies.append((number, content or b""))
    document = kk_meeting_page(meeting, bodies).encode("utf-8")
    downloads.insert(
        0, Download(f"{stem}.html", document, meeting.url, page.etag, page.last_modified)
    )
    store_downloads(
        report,
        corpus_dir,
        "kk",
        municipality,
        since,
        None,
        downloads,
        url,
        main=f"{stem}.html",
        committee=meeting.committee,
    )


def kk_meeting_page(meeting: KKMeeting, items: list[tuple[int, bytes]]) -> str:
    """One page for the meeting: its committee, date and kind on top, then each item's page
    content under "Punkt N: <title>" (the item's own headings one level below)."""
    day = f"{meeting.meeting_date:%d.%m.%Y}"
    kind = "Referat" if meeting.kind == "referat" else "Dagsorden"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="da"><head><meta charset="utf-8">',
        f"<title>{html.escape(meeting.committee)} - {kind} {day}</title>",
        f'<link rel="canonical" href="{html.escape(meeting.url)}">',
        "</head><body><main>",
        f"<h1>{html.escape(meeting.committee)}</h1>",
        f"<p>{kind} for mødet {day}</p>",
        f"<p>Mødedato: {day}</p>",
    ]
    for number, data in items:
        title, body = _kk_item(data, number)
        parts.append(f"<h2>Punkt {number}: {html.escape(title)}</h2>")
        parts.append(body)
    parts.append("</main></body></html>")
    return "\n".join(parts)


def _kk_item(data: bytes, number: int) -> tuple[str, str]:
    """An item page's title and content (its main part, without the site's furniture)."""
    soup = BeautifulSoup(data, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form", "svg"]):
        tag.decompose()
    main = soup.find("main") or soup.find("article") or soup.body or soup
    heading = main.find("h1")
    title = " ".join(heading.get_text(" ").split()) if heading else f"Punkt {number}"
    if heading:
        heading.decompose()
    for level in ("h2", "h3", "h4"):
        for tag in main.find_all(level):
            tag.name = "h3" if level == "h2" else "h4"
    # "Mødedato: ..." lines of each item would read as the meeting's header again.
    for tag in main.find_all(string=re.compile(r"^\s*Møde(dato|sted)\s*:")):
        tag.extract()
    return title, "".join(str(child) for child in main.children)
