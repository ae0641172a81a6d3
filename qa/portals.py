"""Minutes published on the web: FirstAgenda Publication portals and kk.dk.

FirstAgenda Publication (the portals many municipalities publish on, e.g. Aarhus) lists every
committee and meeting as JSON at `/api/agenda/udvalgsliste` once the portal's front page has
handed out its anonymous session cookie; each meeting's page is `/vis?id=<meeting id>`. Where
that page holds the agenda (its items are `tr.punktrow` rows, as on Aarhus's portal) it is stored
as it is. Where it is only the shell of the portal's single-page app (as on Hvidovre's), the
agenda is read from the JSON the app reads, `/api/agenda/dagsorden/<meeting id>`: kept as fetched
(`*.json.orig`, never indexed) and written as one page, its items under "Punkt N: <title>"
headings with their case number (sagsnummer) and case presentation. A meeting's own address
(`/vis?id=...`) fetches that meeting alone.

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
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

from bs4 import BeautifulSoup

from qa.downloads import Download, FetchReport, SourceError, safe_name, store_downloads, store_file
from qa.http import FetchError, Page, PoliteClient
from qa.origins import Origin, read_origins

FIRSTAGENDA_CATALOG = "/api/agenda/udvalgsliste"
FIRSTAGENDA_AGENDA = "/api/agenda/dagsorden/"
MAX_LISTING_PAGES = 200

_KK_MEETING = re.compile(
    r"/dagsordener-og-referater/(?P<committee>[^/]+)/m(?:ø|%C3%B8|o)de-(?P<day>\d{8})/(?P<kind>referat|dagsorden)/?$",
    re.IGNORECASE,
)
_KK_ITEM = re.compile(r"/punkt-(?P<number>\d+)/?$")
_KK_COMMITTEE = re.compile(r"/dagsordener-og-referater/(?P<committee>[^/?#]+)/?$")
_GUID = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")


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
            raise SourceError(
                f"{url}: a {kind} export is read from a folder, not a web address",
                code="source_export_url",
                source=url,
                kind=kind,
            )
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
        raise SourceError(str(exc), code=exc.code, **exc.fields) from exc


def detect_portal(url: str, first: Page, client: PoliteClient) -> tuple[str, dict | None]:
    """ "kk" when the page links meetings as kk.dk does, "firstagenda" (with its committee
    list) when the site serves FirstAgenda's committee list; SourceError otherwise."""
    if _is_html(first) and (kk_meeting_at(first.url) or kk_meetings(first) or kk_committees(first)):
        return "kk", None
    if (catalog := _try_catalog(url, client)) is not None:
        return "firstagenda", catalog
    if urlsplit(url).path not in ("", "/"):
        # The portal hands out its anonymous session cookie on the front page: a meeting's own
        # address (`/vis?id=...`) asked first may not have set it.
        try:
            client.get(urljoin(url, "/"))
        except FetchError:
            pass
        else:
            if (catalog := _try_catalog(url, client)) is not None:
                return "firstagenda", catalog
    raise SourceError(
        f"{url}: not a source minutes-qa knows (no FirstAgenda committee list at "
        f"{FIRSTAGENDA_CATALOG}, no meeting links like kk.dk's Dagsordener og referater)",
        code="source_unknown_site",
        source=url,
    )


def _try_catalog(url: str, client: PoliteClient) -> dict | None:
    try:
        return _catalog(client.get(urljoin(url, FIRSTAGENDA_CATALOG)))
    except FetchError:
        return None


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
    agendas (published as meetings of their own, flagged `IsSupplementaryAgenda` or, as Hvidovre's
    portal lists them with the flag false, named "Tillægsdagsorden") and meetings not yet released
    left out."""
    found = []
    for committees in catalog["Udvalg"].values():
        for committee in committees if isinstance(committees, list) else []:
            name = " ".join(str(committee.get("Navn") or "").split())
            for meeting in committee.get("Moeder") or []:
                if not isinstance(meeting, dict) or _supplementary(meeting):
                    continue
                if not _released(meeting):
                    continue
                when = str(meeting.get("Dato") or meeting.get("MeetingBeginUtc") or "")[:10]
                meeting_id = str(meeting.get("Id") or "")
                try:
                    day = date.fromisoformat(when)
                except ValueError:
                    continue
                if _GUID.fullmatch(meeting_id):
                    found.append(PortalMeeting(name, meeting_id.lower(), day))
    return found


def _supplementary(meeting: dict) -> bool:
    name = str(meeting.get("Navn") or "").strip().lower()
    return bool(meeting.get("IsSupplementaryAgenda")) or name.startswith("tillæg")


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
        raise SourceError(
            f"{url}{FIRSTAGENDA_CATALOG}: not FirstAgenda's committee list (JSON)",
            code="source_no_committee_list",
            source=urljoin(url, FIRSTAGENDA_CATALOG),
        )
    if (single := firstagenda_meeting_at(url)) is not None:  # a meeting's own address
        _fetch_firstagenda_meeting(report, url, single, None, corpus_dir, municipality, client)
        return
    for meeting in firstagenda_meetings(catalog):
        if since and meeting.meeting_date < since:
            continue
        _fetch_firstagenda_meeting(
            report, url, meeting.meeting_id, meeting, corpus_dir, municipality, client, since
        )


def firstagenda_meeting_at(url: str) -> str | None:
    """The meeting id a FirstAgenda meeting address names (`/vis?id=<meeting id>`), if any."""
    parts = urlsplit(url)
    if parts.path.rstrip("/").lower() != "/vis":
        return None
    found = [v for v in parse_qs(parts.query).get("id", []) if _GUID.fullmatch(v.strip())]
    return found[0].strip().lower() if found else None


def _fetch_firstagenda_meeting(
    report, url, meeting_id, meeting, corpus_dir, municipality, client, since=None
) -> None:
    """The meeting's page when it holds the agenda; else the agenda the portal's app reads (and
    when the portal serves no such agenda, the page as it is)."""
    page_url = urljoin(url, f"/vis?id={meeting_id}")
    agenda_url = urljoin(url, f"{FIRSTAGENDA_AGENDA}{meeting_id}")
    label = (
        f"{meeting.committee} {meeting.meeting_date:%d-%m-%Y}" if meeting else f"møde {meeting_id}"
    )
    known_agenda = _known_by_origin(corpus_dir, agenda_url)
    page, failure = None, None
    if known_agenda is None:
        known = _known_by_origin(corpus_dir, page_url)
        try:
            page = client.get(page_url, *(_validators(known)))
        except FetchError as exc:
            failure = f"{label}: {exc.reason} ({page_url})"
            if exc.status != 404:
                report.add("failed", failure)
                return
        if page is not None and page.not_modified and known is not None:
            report.add("unchanged", known.source)
            return
        if page is not None and b"punktrow" in (page.content or b""):
            _store_firstagenda_page(
                report, url, page, meeting, meeting_id, corpus_dir, municipality, since
            )
            return
    try:
        answer = client.get(agenda_url, *(_validators(known_agenda)))
    except FetchError as exc:
        if page is not None:
            _store_firstagenda_page(
                report, url, page, meeting, meeting_id, corpus_dir, municipality, since
            )
        else:
            report.add("failed", failure or f"{label}: {exc.reason} ({agenda_url})")
        return
    if answer.not_modified and known_agenda is not None:
        report.add("unchanged", known_agenda.source.removesuffix(".json.orig") + ".html")
        return
    report.downloads += 1
    try:
        agenda = firstagenda_agenda(answer.content or b"", page_url)
    except SourceError as exc:
        report.add("failed", f"{label}: {exc} ({agenda_url})")
        return
    stem = f"{agenda.meeting_date.isoformat()}_{meeting_id}"
    downloads = [
        Download(f"{stem}.html", agenda.page().encode("utf-8"), page_url),
        Download(
            f"{stem}.json.orig", answer.content, agenda_url, answer.etag, answer.last_modified
        ),
    ]
    committee = meeting.committee if meeting else agenda.committee
    store_downloads(
        report,
        corpus_dir,
        "firstagenda",
        municipality,
        since,
        None,
        downloads,
        url,
        main=f"{stem}.html",
        committee=committee,
    )


def _store_firstagenda_page(
    report, url, page, meeting, meeting_id, corpus_dir, municipality, since
):
    report.downloads += 1
    name = (
        f"{meeting.meeting_date.isoformat()}_{meeting_id}.html" if meeting else f"{meeting_id}.html"
    )
    page_url = urljoin(url, f"/vis?id={meeting_id}")
    download = Download(name, page.content, page_url, page.etag, page.last_modified)
    store_downloads(
        report, corpus_dir, "firstagenda", municipality, since, None, [download], url, main=name
    )


@dataclass(frozen=True)
class AgendaItem:
    number: int
    title: str
    case_number: str  # the municipality's journal number (sagsnummer), e.g. "25/26257"
    closed: bool
    body: str  # the case presentation as the portal renders it (HTML)


@dataclass(frozen=True)
class FirstAgendaAgenda:
    """One meeting as `/api/agenda/dagsorden/<id>` serves it."""

    url: str
    committee: str
    meeting_date: date
    kind: str  # "referat" or "dagsorden"
    items: tuple[AgendaItem, ...]

    def page(self) -> str:
        """The meeting as one page the HTML format reads: each item under "Punkt N: <title>",
        its case number first, then its case presentation (the sections one level below)."""
        items = []
        for item in self.items:
            lines = [f"<p>Sagsnr.: {html.escape(item.case_number)}</p>"] if item.case_number else []
            if item.closed:
                lines.append("<p>Lukket punkt.</p>")
            lines.append(_agenda_body(item.body))
            items.append((item.number, item.title, "\n".join(lines)))
        return meeting_page(self.committee, self.meeting_date, self.kind, self.url, items)


def firstagenda_agenda(data: bytes, url: str) -> FirstAgendaAgenda:
    """The agenda in FirstAgenda's JSON: committee (`Udvalg.Navn`), date (`Moede.Dato`), and
    each item (`Dagsordenpunkter`: `Punktnummer`, `Navn`, `SagsNummer`, `Felter[].Html`)."""
    try:
        payload = json.loads(data)
    except (ValueError, UnicodeDecodeError) as exc:
        raise SourceError("not FirstAgenda's agenda (JSON)") from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("Dagsordenpunkter"), list):
        raise SourceError("not FirstAgenda's agenda (no Dagsordenpunkter)")
    committee = " ".join(str((payload.get("Udvalg") or {}).get("Navn") or "").split())
    meeting = payload.get("Moede") or {}
    when = str(meeting.get("Dato") or meeting.get("MeetingBeginUtc") or "")[:10]
    try:
        day = date.fromisoformat(when)
    except ValueError as exc:
        raise SourceError(f"the agenda has no meeting date ({when or 'none'})") from exc
    if not committee:
        raise SourceError("the agenda names no committee (Udvalg.Navn)")
    name = str(meeting.get("Navn") or "").strip().lower()
    kind = "referat" if "referat" in name else "dagsorden"
    items = []
    for position, entry in enumerate(payload["Dagsordenpunkter"], start=1):
        if not isinstance(entry, dict):
            continue
        number = str(entry.get("Punktnummer") or entry.get("Number") or "").strip()
        title = " ".join(str(entry.get("Navn") or entry.get("Caption") or "").split())
        fields = [f for f in entry.get("Felter") or [] if isinstance(f, dict)]
        items.append(
            AgendaItem(
                number=int(number) if number.isdigit() else position,
                title=title or f"Punkt {number or position}",
                case_number=str(entry.get("SagsNummer") or entry.get("CaseNumber") or "").strip(),
                closed=entry.get("IsOpen") is False,
                body="".join(str(f.get("Html") or "") for f in fields),
            )
        )
    if not items:
        raise SourceError("the agenda has no items")
    return FirstAgendaAgenda(url, committee, day, kind, tuple(items))


def _agenda_body(fragment: str) -> str:
    """An item's case presentation without the page furniture Aspose's export leaves in it
    (`<meta>`, `<title>`), its headings one level below the item's."""
    soup = BeautifulSoup(fragment, "lxml")
    for tag in soup(["script", "style", "meta", "title", "link"]):
        tag.decompose()
    root = soup.body or soup
    for level in ("h1", "h2", "h3", "h4"):
        for tag in root.find_all(level):
            tag.name = "h3" if level in ("h1", "h2", "h3") else "h4"
    return "".join(str(child) for child in root.children)


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
        raise SourceError(
            f"{url}: no meetings linked (kk.dk's Dagsordener og referater)",
            code="source_no_meeting_links",
            source=url,
        )
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
    parts = [(number, *_kk_item(data, number)) for number, data in items]
    return meeting_page(meeting.committee, meeting.meeting_date, meeting.kind, meeting.url, parts)


def meeting_page(
    committee: str, day: date, kind: str, url: str, items: list[tuple[int, str, str]]
) -> str:
    """A meeting written as one page the HTML format reads: committee, kind and date on top,
    then each item's (number, title, body HTML) under "Punkt N: <title>"."""
    when = f"{day:%d.%m.%Y}"
    kind = "Referat" if kind == "referat" else "Dagsorden"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="da"><head><meta charset="utf-8">',
        f"<title>{html.escape(committee)} - {kind} {when}</title>",
        f'<link rel="canonical" href="{html.escape(url)}">',
        "</head><body><main>",
        f"<h1>{html.escape(committee)}</h1>",
        f"<p>{kind} for mødet {when}</p>",
        f"<p>Mødedato: {when}</p>",
    ]
    for number, title, body in items:
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
