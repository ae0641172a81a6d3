"""`qa fetch` from the web: a FirstAgenda portal and kk.dk, served from recorded pages on 127.0.0.1.

The fetching is polite (robots.txt, a pause between requests, a User-Agent naming the project),
conditional (a page that has not changed is not downloaded again), retried on 5xx, and resumes
after a kill.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path
from urllib.parse import unquote

import pytest

from qa import http
from qa.fetch import SourceError, fetch
from qa.http import PoliteClient
from qa.ingest import load_corpus
from qa.origins import read_origins
from qa.portals import firstagenda_meetings
from tests.conftest import CORPUS, FIXTURES, ROOT
from tests.web_server import Site, serving

WEB = FIXTURES / "web"
TEKNISK = "0b7c9e1a-6d2f-4f3a-8b1c-2d3e4f5a6b71"  # Teknisk Udvalg 01-10-2025 (referat)
BYRAAD = "1c8daf2b-7e3a-4a4b-9c2d-3e4f5a6b7c82"  # Aarhus Byråd 08-10-2025 (dagsorden)
SINCE = date(2025, 1, 1)
KK_COMMITTEE = "/dagsordener-og-referater/%C3%98konomiudvalget"
KK_MEETING = KK_COMMITTEE + "/m%C3%B8de-{day}/referat"
HVIDOVRE = WEB / "firstagenda" / "hvidovre"
OEKONOMI = "0cad2b4d-c4a2-4583-a053-60704b2da0e5"  # Hvidovre, Økonomiudvalget 18-05-2026


def firstagenda_site() -> Site:
    site = Site()
    site.add("/robots.txt", "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
    site.add(
        "/",
        "<!DOCTYPE html><html><body><h1>Dagsordener og referater</h1></body></html>",
        headers={"Set-Cookie": "FirstAgenda.Anonymous=yes; Path=/"},
    )
    site.add(
        "/api/agenda/udvalgsliste",
        (WEB / "firstagenda" / "udvalgsliste.json").read_bytes(),
        content_type="application/json; charset=utf-8",
        needs_cookie="FirstAgenda.Anonymous=yes",  # handed out by the front page, as the portal does
    )
    aarhus = CORPUS / "Aarhus"
    site.add(
        f"/vis?id={TEKNISK}",
        (aarhus / "aarhus_teknisk_udvalg_2025-10-01_referat.html").read_bytes(),
    )
    site.add(f"/vis?id={BYRAAD}", (aarhus / "aarhus_byraad_2025-10-08_dagsorden.html").read_bytes())
    return site


def hvidovre_site() -> Site:
    """Hvidovre's portal as recorded: its committee list, and one meeting's agenda as the JSON its
    single-page app reads. The meeting page itself is only the app's shell (stood in for here)."""
    site = Site()
    site.add("/robots.txt", "User-agent: *\nDisallow: /admin/\n", content_type="text/plain")
    shell = '<!DOCTYPE html><html><body><div id="app"></div></body></html>'
    site.add("/", shell, headers={"Set-Cookie": "FirstAgenda.Anonymous=yes; Path=/"})
    site.add(
        "/api/agenda/udvalgsliste",
        (HVIDOVRE / "udvalgsliste.json").read_bytes(),
        content_type="application/json; charset=utf-8",
        needs_cookie="FirstAgenda.Anonymous=yes",
    )
    site.add(f"/vis?id={OEKONOMI}", shell)
    site.add(
        f"/api/agenda/dagsorden/{OEKONOMI}",
        (HVIDOVRE / f"dagsorden_{OEKONOMI}.json").read_bytes(),
        content_type="application/json; charset=utf-8",
    )
    return site


def kk_site() -> Site:
    site = Site()
    kk = WEB / "kk"
    site.add("/robots.txt", "User-agent: *\nDisallow: /search\n", content_type="text/plain")
    site.add(KK_COMMITTEE, (kk / "oekonomiudvalget.html").read_bytes())
    site.add(f"{KK_COMMITTEE}?page=0", (kk / "oekonomiudvalget.html").read_bytes())
    site.add(f"{KK_COMMITTEE}?page=1", (kk / "oekonomiudvalget-page-1.html").read_bytes())
    for day, number, page in (
        ("11062019", 3, "punkt-3_2019-06-11"),
        ("23082017", 4, "punkt-4_2017-08-23"),
    ):
        meeting = KK_MEETING.format(day=day)
        site.add(meeting, (kk / f"moede-{day}.html").read_bytes())
        site.add(f"{meeting}/punkt-{number}", (kk / f"{page}.html").read_bytes())
    return site


def _client() -> PoliteClient:
    return PoliteClient(delay=0)


def _stored(corpus: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in corpus.rglob("*") if p.is_file()}


# FirstAgenda ---------------------------------------------------------------------------------


def test_a_firstagenda_portal_brings_each_meeting_page_under_its_committee(tmp_path):
    site = firstagenda_site()
    with serving(site) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert report.kind == "firstagenda"
    assert sorted(report.new) == [
        f"Aarhus/Aarhus Byråd/2025-10-08_{BYRAAD}.html",
        f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html",
    ]
    assert report.failed == [] and report.downloads == 2
    corpus = load_corpus([tmp_path], tmp_path)
    assert corpus.errors == []
    assert {(m.committee, m.meeting_date, m.kind) for m in corpus.meetings} == {
        ("Teknisk Udvalg", date(2025, 10, 1), "referat"),
        ("Aarhus Byråd", date(2025, 10, 8), "dagsorden"),
    }
    origin = read_origins(tmp_path).origin(f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html")
    assert origin.origin == f"{base}/vis?id={TEKNISK}" and origin.etag and origin.last_modified
    # Polite: robots.txt first, and every request names the project.
    assert site.log[0][0] == "/robots.txt"
    assert all("minutes-qa" in headers["User-Agent"] for _, headers in site.log)
    assert not site.requests("/vis?id=2d9eb03c-8f4b-4b5c-8d3e-4f5a6b7c8d93")  # supplementary
    assert not site.requests("/vis?id=3e0fc14d-9a5c-4c6d-8e4f-5a6b7c8d9ea4")  # not released yet


def test_a_second_run_asks_conditionally_and_downloads_nothing(tmp_path):
    site = firstagenda_site()
    with serving(site) as base, _client() as client:
        fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)
        before = _stored(tmp_path)
        again = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert again.new == [] and again.changed == [] and len(again.unchanged) == 2
    assert again.downloads == 0 and again.written == 0
    assert "nothing new" in again.summary()
    assert site.requests(f"/vis?id={TEKNISK}")[-1]["If-None-Match"]  # asked conditionally
    assert _stored(tmp_path) == before


def test_a_page_that_changed_is_fetched_again_and_replaces_the_old(tmp_path):
    site = firstagenda_site()
    with serving(site) as base, _client() as client:
        fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)
        page = site.routes[f"/vis?id={TEKNISK}"]
        page.body += b"<!-- republished -->"
        again = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    stored = f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html"
    assert again.changed == [stored] and again.downloads == 1
    assert (tmp_path / stored).read_bytes().endswith(b"<!-- republished -->")


def test_5xx_answers_are_retried_with_backoff(tmp_path):
    site = firstagenda_site()
    site.routes[f"/vis?id={TEKNISK}"].failures = 2
    with serving(site) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert len(report.new) == 2
    assert len(site.requests(f"/vis?id={TEKNISK}")) == 3


def test_a_page_that_keeps_failing_is_reported_and_the_others_are_stored(tmp_path):
    site = firstagenda_site()
    site.routes[f"/vis?id={TEKNISK}"].failures = 99
    with serving(site) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert report.new == [f"Aarhus/Aarhus Byråd/2025-10-08_{BYRAAD}.html"]
    [failure] = report.failed
    assert "Teknisk Udvalg 01-10-2025: HTTP 503 after 4 attempts" in failure


def test_a_meeting_gone_from_the_portal_is_reported_not_fatal(tmp_path):
    """The older meeting in the list has no page (404): reported, the others stored."""
    with serving(firstagenda_site()) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", client=client)

    assert len(report.new) == 2
    assert report.failed == [
        f"Teknisk Udvalg 06-03-2019: HTTP 404 ({base}/vis?id=9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c62)"
    ]


def test_robots_txt_that_forbids_the_site_is_one_clear_error_and_changes_nothing(tmp_path):
    site = firstagenda_site()
    site.routes["/robots.txt"].body = b"User-agent: *\nDisallow: /\n"
    refused = pytest.raises(SourceError, match="robots.txt does not allow")
    with serving(site) as base, _client() as client, refused:
        fetch(base + "/", tmp_path, municipality="Aarhus", client=client)

    assert list(tmp_path.iterdir()) == []
    assert [path for path, _ in site.log] == ["/robots.txt"]


@pytest.mark.parametrize(
    ("change", "path", "message"),
    [
        (lambda s: None, "/nowhere", "HTTP 404"),
        (lambda s: s.routes.pop("/api/agenda/udvalgsliste"), "/", "not a source minutes-qa knows"),
        (  # HTML where FirstAgenda's JSON was expected
            lambda s: setattr(
                s.routes["/api/agenda/udvalgsliste"], "body", b"<html>Log ind</html>"
            ),
            "/",
            "not a source minutes-qa knows",
        ),
    ],
)
def test_a_web_source_that_cannot_be_read_is_one_clear_error(tmp_path, change, path, message):
    site = firstagenda_site()
    change(site)
    refused = pytest.raises(SourceError, match=message)
    with serving(site) as base, _client() as client, refused:
        fetch(base + path, tmp_path, municipality="Aarhus", client=client)

    assert list(tmp_path.iterdir()) == []


def test_requests_to_a_site_are_spaced_by_the_delay(tmp_path, monkeypatch):
    waits = []
    monkeypatch.setattr(http.time, "sleep", waits.append)
    with serving(firstagenda_site()) as base, PoliteClient(delay=5) as client:
        fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    # robots.txt, front page, committee list, two meetings: a pause before each but the first.
    assert len(waits) == 4 and all(0 < wait <= 5 for wait in waits)


def test_a_fetch_killed_midway_resumes_where_it_stopped(tmp_path):
    site = firstagenda_site()
    held = site.routes[f"/vis?id={BYRAAD}"]
    held.hold = threading.Event()
    corpus = tmp_path / "corpus"
    with serving(site) as base:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        command = [sys.executable, "-m", "qa", "fetch", base + "/", "--municipality", "Aarhus"]
        command += ["--since", "2025-01-01", "--delay", "0", "--corpus-dir", str(corpus)]
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            for _ in range(600):  # until it waits for the second meeting's page
                if site.requests(f"/vis?id={BYRAAD}"):
                    break
                time.sleep(0.05)
            assert site.requests(f"/vis?id={BYRAAD}"), "the fetch never reached the second meeting"
        finally:
            process.kill()
            process.wait()
        release, held.hold = held.hold, None
        release.set()

        stored = {p.relative_to(corpus).as_posix() for p in corpus.rglob("*.html")}
        assert stored == {f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html"}
        assert read_origins(corpus).origin(f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html")

        with _client() as client:
            resumed = fetch(base + "/", corpus, municipality="Aarhus", since=SINCE, client=client)

    assert resumed.new == [f"Aarhus/Aarhus Byråd/2025-10-08_{BYRAAD}.html"]
    assert resumed.unchanged == [f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html"]
    assert resumed.downloads == 1  # the first meeting was not downloaded again
    assert load_corpus([corpus], corpus).errors == []


def test_a_meeting_page_in_another_layout_is_stored_when_the_portal_has_no_agenda_json(tmp_path):
    """No `tr.punktrow` rows and no /api/agenda/dagsorden/<id> (404): the page as it is."""
    site = firstagenda_site()
    page = site.routes[f"/vis?id={TEKNISK}"]
    page.body = page.body.replace(b"punktrow", b"itemrow")
    with serving(site) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert f"Aarhus/Teknisk Udvalg/2025-10-01_{TEKNISK}.html" in report.new
    assert site.requests(f"/api/agenda/dagsorden/{TEKNISK}")  # asked for first
    assert not site.requests(f"/api/agenda/dagsorden/{BYRAAD}")  # its page holds the agenda


def test_hvidovres_committee_list_names_each_released_meeting_once():
    catalog = json.loads((HVIDOVRE / "udvalgsliste.json").read_bytes())
    meetings = firstagenda_meetings(catalog)

    assert {m.committee for m in meetings} == {
        "By- og Planudvalget",
        "Børne- og Uddannelsesudvalget",
        "Økonomiudvalget",
    }
    assert len(meetings) == 20
    # Hvidovre lists its supplementary agenda with IsSupplementaryAgenda false, named so instead.
    assert "4df7c4bd-60a1-4c28-b836-cef3222668b4" not in {m.meeting_id for m in meetings}
    assert ("By- og Planudvalget", date(2026, 5, 4)) in {
        (m.committee, m.meeting_date) for m in meetings
    }


def test_a_firstagenda_meeting_address_reads_the_agenda_json_the_portal_app_reads(tmp_path):
    site = hvidovre_site()
    with serving(site) as base, _client() as client:
        report = fetch(
            f"{base}/vis?id={OEKONOMI}", tmp_path, municipality="Hvidovre", client=client
        )

    stored = f"Hvidovre/Økonomiudvalget/2026-05-18_{OEKONOMI}.html"
    assert report.kind == "firstagenda" and report.new == [stored] and report.failed == []
    corpus = load_corpus([tmp_path], tmp_path)
    assert corpus.errors == []  # the agenda as fetched (*.json.orig) is kept, not indexed
    [meeting] = corpus.meetings
    assert (meeting.committee, meeting.meeting_date, meeting.kind) == (
        "Økonomiudvalget",
        date(2026, 5, 18),
        "dagsorden",
    )
    assert [c.case_number for c in meeting.cases] == [30, 31, 32, 33, 34]
    it29, eventuelt, *closed = meeting.cases
    assert it29.title == "Orientering - Samarbejde om etablering af it-serviceorganisation for IT29"
    assert eventuelt.title == "Eventuelt"
    assert closed[-1].title.startswith("Lukket: Beslutning - Tillægsaftale til delingsaftalen")
    assert "26/483" in it29.section("Sagsnummer")
    assert "125.099 kr." in it29.section("Indstilling")
    assert "3 mio. kr." in it29.section("Økonomiske konsekvenser")
    kept = tmp_path / f"Hvidovre/Økonomiudvalget/2026-05-18_{OEKONOMI}.json.orig"
    assert kept.read_bytes() == (HVIDOVRE / f"dagsorden_{OEKONOMI}.json").read_bytes()
    origins = read_origins(tmp_path)
    assert origins.origin(stored).origin == f"{base}/vis?id={OEKONOMI}"
    assert origins.origin(kept.relative_to(tmp_path).as_posix()).etag


def test_a_firstagenda_agenda_fetched_again_is_asked_for_conditionally(tmp_path):
    site = hvidovre_site()
    address = f"/vis?id={OEKONOMI}"
    with serving(site) as base, _client() as client:
        fetch(base + address, tmp_path, municipality="Hvidovre", client=client)
        before = _stored(tmp_path)
        again = fetch(base + address, tmp_path, municipality="Hvidovre", client=client)

    assert again.unchanged == [f"Hvidovre/Økonomiudvalget/2026-05-18_{OEKONOMI}.html"]
    assert again.downloads == 0 and again.written == 0
    assert site.requests(f"/api/agenda/dagsorden/{OEKONOMI}")[-1]["If-None-Match"]
    assert _stored(tmp_path) == before


def test_a_firstagenda_portal_whose_meeting_pages_are_the_app_shell_is_read_from_its_json(
    tmp_path,
):
    """Hvidovre's recorded list and agenda: the meeting page holds no items, so the agenda comes
    from /api/agenda/dagsorden/<id>. The list's other meetings of May 2026 have no recording here
    (404): reported, the recorded one stored."""
    site = hvidovre_site()
    with serving(site) as base, _client() as client:
        report = fetch(
            base + "/", tmp_path, municipality="Hvidovre", since=date(2026, 5, 1), client=client
        )

    assert report.kind == "firstagenda"
    assert report.new == [f"Hvidovre/Økonomiudvalget/2026-05-18_{OEKONOMI}.html"]
    assert sorted(report.failed) == [
        f"By- og Planudvalget 04-05-2026: HTTP 404 ({base}/vis?id=fd2d6261-1220-429e-9ed0-46db433c496c)",
        f"Børne- og Uddannelsesudvalget 04-05-2026: HTTP 404 ({base}/vis?id=3d842d1f-d285-4a36-8e60-28ee1555a4a7)",
    ]
    assert site.requests(f"/vis?id={OEKONOMI}") and site.requests(
        f"/api/agenda/dagsorden/{OEKONOMI}"
    )
    [meeting] = load_corpus([tmp_path], tmp_path).meetings
    assert (meeting.committee, meeting.meeting_date) == ("Økonomiudvalget", date(2026, 5, 18))
    assert [c.case_number for c in meeting.cases] == [30, 31, 32, 33, 34]


# kk.dk ---------------------------------------------------------------------------------------


def test_kk_dk_meetings_are_fetched_item_by_item_and_stored_as_one_page_each(tmp_path):
    site = kk_site()
    with serving(site) as base, _client() as client:
        report = fetch(base + KK_COMMITTEE, tmp_path, client=client)

    assert report.kind == "kk" and report.municipality == "København"
    assert report.new == [
        "København/Økonomiudvalget/2019-06-11_referat.html",
        "København/Økonomiudvalget/2017-08-23_referat.html",  # from the listing's second page
    ]
    corpus = load_corpus([tmp_path], tmp_path)
    assert corpus.errors == []  # the fetched item pages (*.html.orig) are kept, not indexed
    meetings = {m.meeting_date: m for m in corpus.meetings}
    budget = meetings[date(2019, 6, 11)]
    assert (budget.committee, budget.municipality, budget.kind) == (
        "Økonomiudvalget",
        "København",
        "referat",
    )
    [case] = budget.cases
    assert case.case_number == 3
    assert (
        case.title
        == "Redegørelse for udvalgenes budgetbidrag til budgetforslag 2020 (juni-indstillingen)"
    )
    assert "233,2 mio. kr." in case.section("Indstilling")
    assert [c.case_number for c in meetings[date(2017, 8, 23)].cases] == [4]
    kept = tmp_path / "København/Økonomiudvalget/2019-06-11_referat.pages/punkt-3.html.orig"
    assert kept.read_bytes() == (WEB / "kk" / "punkt-3_2019-06-11.html").read_bytes()


def test_kk_dk_since_and_a_second_run(tmp_path):
    site = kk_site()
    with serving(site) as base, _client() as client:
        first = fetch(base + KK_COMMITTEE, tmp_path, since=date(2018, 1, 1), client=client)
        again = fetch(base + KK_COMMITTEE, tmp_path, since=date(2018, 1, 1), client=client)

    assert first.new == ["København/Økonomiudvalget/2019-06-11_referat.html"]
    assert not site.requests(KK_MEETING.format(day="23082017"))  # before --since: not fetched
    assert again.unchanged == first.new and again.downloads == 0 and again.written == 0


def test_qa_fetch_a_url_prints_json_with_the_four_lists(tmp_path):
    from click.testing import CliRunner

    from qa.cli import cli

    corpus = tmp_path / "corpus"
    with serving(kk_site()) as base:
        args = ["fetch", base + KK_COMMITTEE, "--since", "2019-01-01", "--delay", "0"]
        result = CliRunner().invoke(cli, [*args, "--corpus-dir", str(corpus), "--json"])

    assert result.exit_code == 0, result.output
    record = json.loads(result.output)
    assert record["kind"] == "kk"
    assert record["new"] == ["København/Økonomiudvalget/2019-06-11_referat.html"]
    assert record["changed"] == record["unchanged"] == record["failed"] == []


def test_a_robots_txt_that_keeps_failing_allows_nothing(tmp_path):
    site = firstagenda_site()
    site.routes["/robots.txt"].failures = 99
    refused = pytest.raises(SourceError, match="robots.txt does not allow")
    with serving(site) as base, _client() as client, refused:
        fetch(base + "/", tmp_path, municipality="Aarhus", client=client)

    assert list(tmp_path.iterdir()) == []


def test_a_site_that_does_not_answer_is_one_clear_error(tmp_path):
    import socket

    with socket.socket() as closed:  # a port nothing listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    refused = pytest.raises(SourceError, match="no answer after 4 attempts")
    with _client() as client, refused:
        fetch(f"http://127.0.0.1:{port}/", tmp_path, client=client)

    assert list(tmp_path.iterdir()) == []


def test_too_many_requests_waits_as_long_as_retry_after_asks(tmp_path, monkeypatch):
    waits = []
    monkeypatch.setattr(http.time, "sleep", waits.append)
    site = firstagenda_site()
    busy = site.routes[f"/vis?id={TEKNISK}"]
    busy.failures, busy.failure_status, busy.failure_headers = 1, 429, {"Retry-After": "7"}
    with serving(site) as base, _client() as client:
        report = fetch(base + "/", tmp_path, municipality="Aarhus", since=SINCE, client=client)

    assert len(report.new) == 2
    assert 7 in waits  # the pause before asking again, though the client's own delay is 0


def test_a_kk_meeting_stopped_at_an_item_resumes_without_fetching_the_others_again(tmp_path):
    """Each item page is kept as soon as it is fetched; the next run asks for it conditionally."""
    site = kk_site()
    meeting = KK_MEETING.format(day="11062019")
    page = site.routes[unquote(meeting)]
    # A second item on the meeting (the recorded 2017 item's page stands in for it).
    page.body = page.body.replace(
        b"</table>",
        f'<tr><td>5.</td><td><a href="{meeting}/punkt-5">Andet punkt</a></td></tr></table>'.encode(),
    )
    second = site.add(f"{meeting}/punkt-5", (WEB / "kk" / "punkt-4_2017-08-23.html").read_bytes())
    second.failures = 99
    with serving(site) as base, _client() as client:
        stopped = fetch(base + KK_COMMITTEE, tmp_path, since=date(2019, 1, 1), client=client)
        second.failures = 0
        resumed = fetch(base + KK_COMMITTEE, tmp_path, since=date(2019, 1, 1), client=client)

    assert stopped.new == [] and "punkt 5: HTTP 503" in stopped.failed[0]
    kept = "København/Økonomiudvalget/2019-06-11_referat.pages/punkt-3.html.orig"
    assert read_origins(tmp_path).origin(kept)
    assert resumed.new == ["København/Økonomiudvalget/2019-06-11_referat.html"]
    assert site.requests(f"{meeting}/punkt-3")[-1].get("If-None-Match")  # asked, not downloaded
    assert resumed.downloads == 2  # the meeting page and the second item
    [budget] = load_corpus([tmp_path], tmp_path).meetings
    assert [c.case_number for c in budget.cases] == [3, 5]


def test_a_kk_meeting_address_fetches_that_meeting(tmp_path):
    site = kk_site()
    with serving(site) as base, _client() as client:
        report = fetch(base + KK_MEETING.format(day="23082017"), tmp_path, client=client)

    assert report.kind == "kk"
    assert report.new == ["København/Økonomiudvalget/2017-08-23_referat.html"]
    assert not site.requests(KK_COMMITTEE)  # no listing crawled
