"""Following minutes: what a meeting decided, a matter's history for a question, and saved
questions that report the cases new minutes bring, once, in `qa watch check`, in the Atom feed
and to a webhook."""

from __future__ import annotations

import json
import threading
from datetime import date
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import feedparser
import pytest
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.feed import atom_feed
from qa.follow import MeetingNotFoundError, find_history, follow_answer, meeting_decisions
from qa.indexing import update_index
from qa.retrieval import Filters, Searcher
from qa.store import IndexStore
from qa.watch import WatchError, WatchList
from tests.conftest import hash_searcher

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
UKRAINE = "Status på indsatsen for fordrevne fra Ukraine"


@pytest.fixture
def store(tmp_path) -> IndexStore:
    store = IndexStore(tmp_path / "index")
    update_index([CORPUS / "Aarhus"], store, HashingEncoder(), root=CORPUS)
    return store


@pytest.fixture
def searcher(store) -> Searcher:
    return hash_searcher(store)


def test_a_meeting_lists_its_cases_with_their_decisions(searcher):
    meeting = meeting_decisions(searcher, "Teknisk Udvalg", date(2025, 10, 1))

    assert meeting.decided
    records = meeting.records()
    assert [r["case_number"] for r in records] == [1, 2, 3, 4, 5, 6]
    assert records[5]["decision"] == "Sagen blev udsat uden behandling."
    assert all(r["citation"].startswith("Teknisk Udvalg, 01-10-2025, Sag nr.") for r in records)


def test_an_agenda_says_nothing_is_decided_yet(searcher):
    answer = follow_answer(
        searcher, "Hvad blev besluttet på mødet i Aarhus Byråd den 8. oktober 2025?"
    )

    assert answer.text.startswith("Mødet har kun en dagsorden; intet er besluttet endnu.")
    assert "Sag nr. 22 Udviklingsplan Aarhus Ø - endelig vedtagelse: endnu ikke behandlet [22]" in (
        answer.text
    )
    assert len(answer.hits) == 33


def test_a_meeting_question_keeps_to_the_filters_set(searcher):
    question = "Hvad blev besluttet på mødet i Teknisk Udvalg den 1. oktober 2025?"
    within = Filters(committees=("Teknisk Udvalg",), municipalities=("Aarhus",))
    assert follow_answer(searcher, question, within).status == "meeting"
    # The chat's filters leave that meeting out: it is not listed; the filtered search answers.
    assert follow_answer(searcher, question, Filters(committees=("Aarhus Byråd",))) is None
    assert follow_answer(searcher, question, Filters(date_to=date(2025, 9, 30))) is None


def test_a_meeting_that_did_not_take_place_names_the_nearest(searcher):
    with pytest.raises(MeetingNotFoundError, match="Nearest meetings: 2025-10-01"):
        meeting_decisions(searcher, "Teknisk Udvalg", date(2025, 10, 2))


def test_what_happened_is_answered_newest_decision_first_each_step_cited(searcher):
    answer = follow_answer(searcher, "Hvad er der sket med sagen om udviklingsplanen for Aarhus Ø?")

    assert answer.status == "history"
    first, second = answer.text.splitlines()[1:]
    assert first.startswith("Aarhus Byråd (dagsorden), 08-10-2025, Sag nr. 22: endnu ikke")
    assert first.endswith("[1]") and second.endswith("[2]")
    assert second.startswith("Teknisk Udvalg, 01-10-2025, Sag nr. 2: Et flertal i udvalget")
    assert [h.chunk.case_number for h in answer.hits] == [22, 2]


def test_other_questions_are_left_to_the_ordinary_answer(searcher):
    assert follow_answer(searcher, "Hvad koster byggemodningen i Trige?") is None


def test_history_json_is_ask_records_with_a_decision(store, monkeypatch):
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    result = CliRunner().invoke(cli, ["history", "udviklingsplanen for Aarhus Ø", "--json"])

    assert result.exit_code == 0, result.output
    records = json.loads(result.output)
    assert [r["meeting_date"] for r in records] == ["2025-10-01", "2025-10-08"]
    assert records[1]["decision"] is None and records[0]["decision"].startswith("Et flertal")
    assert {"citation", "chunk_id", "source", "kind"} <= set(records[0])


def test_find_history_skips_procedural_hits(searcher):
    history, hits = find_history(searcher, "Godkendelse af dagsorden")

    assert all("dagsorden" not in h.chunk.title.casefold() for h in hits)


# --- saved questions ------------------------------------------------------------------------


def test_a_watch_reports_the_matching_cases_of_new_minutes_once(store):
    watches = WatchList(store.directory)
    watch = watches.add(UKRAINE)

    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)
    first = watches.check()

    assert [m.watch for m in first] == [watch.id] * len(first)
    assert "rødovre|beskæftigelsesudvalget|2024-10-08|referat|39" in {m.case_key for m in first}
    assert all(m.hit["weak"] is False and m.hit["citation"] for m in first)
    assert watches.check() == []

    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)
    assert watches.check() == []  # nothing new indexed, nothing new reported


def test_a_watch_added_after_minutes_were_indexed_does_not_report_them(store):
    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)
    watches = WatchList(store.directory)
    watches.add(UKRAINE)

    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)

    assert watches.check() == []


def test_a_watch_narrowed_to_another_municipality_reports_nothing(store):
    watches = WatchList(store.directory)
    watches.add(UKRAINE, municipalities=["Aarhus"])

    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)

    assert watches.check() == []


def test_watch_commands(store, monkeypatch):
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    runner = CliRunner()

    added = runner.invoke(cli, ["watch", "add", UKRAINE, "--committee", "Beskæftigelsesudvalget"])
    assert added.exit_code == 0, added.output
    watch_id = added.output.split()[1].rstrip(":")
    assert UKRAINE in runner.invoke(cli, ["watch", "list"]).output

    assert runner.invoke(cli, ["index", str(CORPUS / "Rødovre")]).exit_code == 0
    checked = json.loads(runner.invoke(cli, ["watch", "check", "--json"]).output)
    assert checked and {c["watch"] for c in checked} == {UKRAINE}
    assert {"id", "hit"} <= set(checked[0]) and checked[0]["hit"][
        "committee"
    ] == "Beskæftigelsesudvalget"
    assert json.loads(runner.invoke(cli, ["watch", "check", "--json"]).output) == []

    assert runner.invoke(cli, ["watch", "remove", watch_id]).exit_code == 0
    missing = runner.invoke(cli, ["watch", "remove", watch_id])
    assert missing.exit_code == 1 and "No watch" in missing.output


def test_a_bad_webhook_or_empty_question_is_refused(tmp_path):
    with pytest.raises(WatchError, match="http"):
        WatchList(tmp_path).add(UKRAINE, webhook="file:///etc/passwd")
    with pytest.raises(WatchError, match="empty"):
        WatchList(tmp_path).add("   ")
    assert WatchList(tmp_path).watches() == []


def test_the_atom_feed_reads_in_a_feed_parser(store):
    watches = WatchList(store.directory)
    watch = watches.add(UKRAINE)
    update_index([CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS)

    feed = feedparser.parse(atom_feed(store.directory, "http://127.0.0.1:7860/", watch.id))

    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == f"Referater: {UKRAINE}"
    titles = [e.title for e in feed.entries]
    assert any("Sag nr. 39: Status på indsatsen for fordrevne fra Ukraine" in t for t in titles)
    assert all(e.link.startswith("http://127.0.0.1:7860/kilde/") for e in feed.entries)
    other = feedparser.parse(atom_feed(store.directory, "http://127.0.0.1:7860/", "nosuch"))
    assert not other.bozo and other.entries == []


class _Hook(BaseHTTPRequestHandler):
    received: list = []
    fail_first = 1

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if _Hook.fail_first:
            _Hook.fail_first -= 1
            self.send_response(503)
        else:
            _Hook.received.append(body)
            self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_a_webhook_gets_each_match_as_json_after_a_failed_try(store, monkeypatch):
    monkeypatch.setattr("qa.watch.WEBHOOK_BACKOFF", 0.01)
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hook.received, _Hook.fail_first = [], 1
    try:
        url = f"http://127.0.0.1:{server.server_port}/hook"
        WatchList(store.directory).add(UKRAINE, webhook=url)
        report = update_index(
            [CORPUS / "Aarhus", CORPUS / "Rødovre"], store, HashingEncoder(), root=CORPUS
        )
    finally:
        server.shutdown()

    assert len(_Hook.received) == len(report.watch_matches) > 0
    assert {r["watch"] for r in _Hook.received} == {UKRAINE}
    assert all(r["hit"]["citation"] for r in _Hook.received)
    assert all(m.delivered for m in WatchList(store.directory).matches())


def test_an_unreachable_webhook_is_recorded_not_fatal(store, monkeypatch):
    monkeypatch.setattr("qa.watch.WEBHOOK_BACKOFF", 0.01)
    WatchList(store.directory).add(UKRAINE, webhook="http://127.0.0.1:9/hook")

    report = update_index(
        [CORPUS / "Rødovre", CORPUS / "Aarhus"], store, HashingEncoder(), root=CORPUS
    )

    assert report.watch_matches
    assert all(
        m.delivered is False and m.delivery_error for m in WatchList(store.directory).matches()
    )
