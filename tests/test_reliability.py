"""The index on disk is never lost or corrupted: killed rebuilds, a second writer, readers
during a rebuild, damaged or mismatched indexes. Bad input is in test_bad_input.py."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from embeddings.index import DenseIndex
from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.errors import IndexBusyError
from qa.indexing import update_index
from qa.retrieval import Filters, Searcher
from qa.store import IndexStore
from tests.conftest import RODOVRE, ROOT, hash_searcher

OCTOBER = RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt"
QA = [sys.executable, "-m", "qa"]


def synthetic_corpus(directory: Path, meetings: int) -> Path:
    """Many meetings made from a real one: the same text under other dates."""
    directory.mkdir(parents=True, exist_ok=True)
    text = OCTOBER.read_text(encoding="utf-8")
    for n in range(meetings):
        day, month, year = 1 + n % 28, 1 + (n // 28) % 12, 2000 + n // 336
        (directory / f"meeting_{n:04d}.txt").write_text(
            text.replace("08-10-2024", f"{day:02d}-{month:02d}-{year}"), encoding="utf-8"
        )
    return directory


def consistent(store: IndexStore) -> int:
    """Load the live snapshot, check it against its manifest, ask it something; its case count."""
    snapshot = store.load("hash", 384)
    assert len(snapshot.chunks) == len(snapshot.dense) == snapshot.manifest["chunk_count"]
    assert {str(c.case_key) for c in snapshot.chunks} == set(snapshot.manifest["cases"])
    assert {str(k) for k in snapshot.cases} == set(snapshot.manifest["cases"])
    hits = hash_searcher(store).search("fordrevne fra Ukraine", k=3)
    assert hits and hits[0].chunk.case_number == 39
    return len(snapshot.manifest["cases"])


def kill_when(moment: Callable[[bytes, float], bool], command: list[str]) -> float | None:
    """Start `command`, SIGKILL it once `moment(stderr so far, seconds)` holds.

    Returns the seconds it ran, or None if it finished before the moment came.
    """
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    os.set_blocking(process.stderr.fileno(), False)
    stderr = b""
    try:
        while not moment(stderr, time.monotonic() - started):
            if process.poll() is not None:
                assert process.returncode == 0, stderr.decode()[-500:]
                return None
            stderr += process.stderr.read() or b""
            time.sleep(0.001)
        process.send_signal(signal.SIGKILL)
        return time.monotonic() - started
    finally:
        process.kill()
        process.wait()
        process.stderr.close()


# --- a rebuild killed part-way -------------------------------------------------------------


def test_a_rebuild_killed_while_embedding_or_writing_leaves_the_previous_index(
    tmp_path, monkeypatch
):
    store = IndexStore(tmp_path / "index")
    update_index([RODOVRE], store, HashingEncoder())
    first = store.current_name()
    assert consistent(store) == 12
    big = synthetic_corpus(tmp_path / "big", 100)
    grown = 12 + 100 * 6
    monkeypatch.setenv("QA_MODEL", "hash")  # the subprocesses inherit both
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    command = [*QA, "index", str(RODOVRE), str(big)]

    # While embedding: the progress bar has started, no snapshot folder yet.
    assert kill_when(lambda stderr, _: b"Embedding" in stderr, command)
    assert not list(store.directory.glob(".tmp-snap-*"))
    assert consistent(store) == 12 and store.current_name() == first

    # While writing the new snapshot: its folder is there, half-written, and nobody reads it.
    write_starts = kill_when(lambda *_: any(store.directory.glob(".tmp-snap-*")), command)
    assert write_starts and list(store.directory.glob(".tmp-snap-*"))
    assert consistent(store) == 12 and store.current_name() == first

    # At random moments up to just past the start of the write (parse, embed, write, swap; a
    # run may even finish): the live index is always one complete build, the old or the new.
    rng = random.Random(7)
    for delay in sorted(rng.uniform(0.2, write_starts * 1.2) for _ in range(3)):
        kill_when(lambda _, seconds, delay=delay: seconds > delay, command)
        assert consistent(store) in (12, grown)

    # The next rebuild gets the lock (the kernel released it), finishes, and clears leftovers.
    meeting = big / "meeting_0000.txt"
    meeting.write_text(meeting.read_text().replace("omkring 25", "omkring 26"))
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert consistent(store) == grown
    assert not list(store.directory.glob(".tmp-*")) and not list(store.directory.glob(".CURRENT.*"))
    snapshots = {p.name for p in store.directory.glob("snap-*")}
    assert store.current_name() in snapshots and len(snapshots) == 2  # the live one, the one before


def test_leftovers_are_cleared_even_by_a_rebuild_with_nothing_to_do(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    (store.directory / ".tmp-snap-20250101T000000-dead0001").mkdir()
    (store.directory / ".tmp-snap-20250101T000000-dead0001" / "dense.faiss").write_bytes(b"\0")
    (store.directory / ".CURRENT.dead0001").write_text("snap-20250101T000000-dead0001\n")
    report = update_index([corpus_copy], store, HashingEncoder())
    assert not report.changed
    assert sorted(p.name for p in store.directory.iterdir()) == [
        ".lock",
        "CURRENT",
        store.current_name(),
    ]


def test_a_snapshot_never_made_live_is_removed_and_the_previous_kept(corpus_copy, tmp_path):
    """A rebuild killed between renaming its snapshot into place and moving CURRENT leaves a
    complete snapshot nobody reads; it must not push out the previous one readers may hold."""
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    previous = store.current_name()
    orphan = store.directory / "snap-29991231T235959-0e0e0e0e"
    shutil.copytree(store.directory / previous, orphan)
    assert store.load().name == previous  # readers follow CURRENT, not the newest folder

    path = corpus_copy / OCTOBER.name
    path.write_text(path.read_text().replace("omkring 25", "omkring 26"))
    update_index([corpus_copy], store, HashingEncoder())
    assert {p.name for p in store.directory.glob("snap-*")} == {previous, store.current_name()}


# --- one writer at a time; readers are never stopped ---------------------------------------


def test_a_second_qa_index_is_refused_while_a_rebuild_holds_the_lock(tmp_path):
    store = IndexStore(tmp_path / "index")
    update_index([RODOVRE], store, HashingEncoder())
    before = store.current_name()
    env = {**os.environ, "QA_INDEX_DIR": str(store.directory)}
    with store.writer():
        result = subprocess.run(
            [*QA, "index", "--rebuild", str(RODOVRE)], env=env, cwd=ROOT, capture_output=True
        )
        with pytest.raises(IndexBusyError, match="rebuilding"):
            update_index([RODOVRE], store, HashingEncoder(), rebuild=True)
    stderr = result.stderr.decode()
    assert result.returncode == 1
    assert "Another process is rebuilding the index" in stderr and "try again" in stderr
    assert "Traceback" not in stderr
    assert store.current_name() == before
    # Once the lock is free, the same command works.
    assert subprocess.run(result.args, env=env, cwd=ROOT, capture_output=True).returncode == 0


class GatedEncoder(HashingEncoder):
    """Embeds passages only once the test opens the gate: a rebuild caught half-way."""

    def __init__(self):
        super().__init__()
        self.started, self.gate = threading.Event(), threading.Event()

    def encode_passages(self, texts, batch_size=32, progress=None):
        self.started.set()
        assert self.gate.wait(10)
        return super().encode_passages(texts, batch_size, progress)


def test_readers_answer_from_the_old_index_during_a_rebuild_then_switch(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    searcher = hash_searcher(store)
    before = searcher.search("Netværk Rødovre deltagere", k=1)[0]
    path = corpus_copy / OCTOBER.name
    path.write_text(path.read_text().replace("omkring 25 deltagere", "omkring 40 deltagere"))

    encoder = GatedEncoder()
    rebuild = threading.Thread(target=update_index, args=([corpus_copy], store, encoder))
    rebuild.start()
    assert encoder.started.wait(10)
    during = searcher.search("Netværk Rødovre deltagere", k=1)[0]
    assert during.chunk.text == before.chunk.text and "omkring 25" in during.chunk.text
    encoder.gate.set()
    rebuild.join(10)
    after = searcher.search("Netværk Rødovre deltagere", k=1)[0]
    assert "omkring 40 deltagere" in after.chunk.text


def test_a_search_under_way_keeps_its_snapshot_whole_while_another_reader_reloads(
    tmp_path, monkeypatch
):
    """A reload between a search taking its snapshot and reading the rows' committees and dates
    must not hand that search the new index's rows (which the old vectors do not have)."""
    small = tmp_path / "small"
    small.mkdir()
    shutil.copy(OCTOBER, small)
    store = IndexStore(tmp_path / "index")
    update_index([small], store, HashingEncoder())
    searcher = hash_searcher(store)
    old = searcher.snapshot()

    took_snapshot, reloaded = threading.Event(), threading.Event()
    real_snapshot = Searcher.snapshot

    def snapshot_then_pause(self):
        snapshot = real_snapshot(self)
        if threading.current_thread().name == "search":  # pause the search right after
            took_snapshot.set()
            assert reloaded.wait(10)
        return snapshot

    monkeypatch.setattr(Searcher, "snapshot", snapshot_then_pause)
    outcome = {}

    def search():
        try:
            outcome["hits"] = searcher.search(
                "fordrevne fra Ukraine", k=3, filters=Filters(date_from=date(2000, 1, 1))
            )
        except Exception as exc:  # reported below, with what it was
            outcome["error"] = exc

    thread = threading.Thread(target=search, name="search")
    thread.start()
    assert took_snapshot.wait(10)
    update_index([small, synthetic_corpus(tmp_path / "big", 30)], store, HashingEncoder())
    assert searcher.snapshot() is not old  # another question meanwhile loads the new index
    reloaded.set()
    thread.join(10)

    assert "error" not in outcome, repr(outcome.get("error"))
    assert [h.chunk.case_number for h in outcome["hits"]][:1] == [39]
    assert {h.chunk.meeting_date for h in outcome["hits"]} == {date(2024, 10, 8)}  # the old index


def test_a_reader_that_loses_a_race_with_two_rebuilds_loads_the_newest(tmp_path, monkeypatch):
    """Old snapshots are removed two rebuilds later; a slow reader then reads the live one."""
    store = IndexStore(tmp_path / "index")
    update_index([RODOVRE], store, HashingEncoder())
    first = store.current_name()
    real_load = DenseIndex.load

    def load_slowly(cls, path: Path) -> DenseIndex:
        if path.parent.name == first:  # this reader is half-way through the first snapshot
            for _ in range(2):
                update_index([RODOVRE], store, HashingEncoder(), rebuild=True)
            assert not path.parent.exists()
        return real_load(path)

    monkeypatch.setattr(DenseIndex, "load", classmethod(load_slowly))
    hits = hash_searcher(store).search("fordrevne fra Ukraine", k=1)
    assert hits[0].chunk.case_number == 39


# --- damaged or mismatched indexes: the fix, never a traceback or wrong results -----------


def edit_manifest(snapshot: Path, **changes) -> None:
    manifest = json.loads((snapshot / "manifest.json").read_text())
    manifest.update(changes)
    (snapshot / "manifest.json").write_text(json.dumps(manifest))


def drop_key(snapshot: Path, key: str) -> None:
    manifest = json.loads((snapshot / "manifest.json").read_text())
    del manifest[key]
    (snapshot / "manifest.json").write_text(json.dumps(manifest))


def truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def drop_last_lines(path: Path) -> None:
    lines = path.read_text().splitlines(keepends=True)
    path.write_text("".join(lines[:-3]))


DAMAGES: dict[str, tuple[Callable[[Path], object], str]] = {
    "dense.faiss deleted": (lambda s: (s / "dense.faiss").unlink(), "is damaged"),
    "dense.faiss truncated": (lambda s: truncate(s / "dense.faiss"), "is damaged"),
    "chunks.jsonl truncated": (lambda s: truncate(s / "chunks.jsonl"), "is damaged"),
    "chunks.jsonl cut at a line end": (lambda s: drop_last_lines(s / "chunks.jsonl"), "45 chunks"),
    "cases.jsonl deleted": (lambda s: (s / "cases.jsonl").unlink(), "is damaged"),
    "bm25 deleted": (lambda s: shutil.rmtree(s / "bm25"), "is damaged"),
    "manifest corrupt": (lambda s: (s / "manifest.json").write_text("{not json"), "no readable"),
    "manifest a list": (lambda s: (s / "manifest.json").write_text("[]"), "no readable manifest"),
    "manifest without cases": (lambda s: drop_key(s, "cases"), "its manifest has no cases"),
    "older format": (lambda s: edit_manifest(s, format_version=0), "has format version 0"),
    "other model": (
        lambda s: edit_manifest(s, model="intfloat/multilingual-e5-small"),
        "built with the model 'intfloat/multilingual-e5-small', not 'hash'",
    ),
    "other dimension": (lambda s: edit_manifest(s, dimension=768), "holds 768-dimensional"),
    "snapshot deleted": (lambda s: shutil.rmtree(s), "CURRENT names snap-"),
}


@pytest.mark.parametrize("how", DAMAGES)
def test_a_damaged_or_mismatched_index_is_reported_with_the_fix(corpus_copy, how):
    damage, message = DAMAGES[how]
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    store = IndexStore(Path(os.environ["QA_INDEX_DIR"]))
    damage(store.directory / store.current_name())

    asked = runner.invoke(cli, ["ask", "Netværk Rødovre"])
    assert asked.exit_code == 1 and isinstance(asked.exception, SystemExit), asked.exception
    assert message in asked.output and "qa index --rebuild" in asked.output
    # An incremental update refuses too, and changes nothing.
    updated = runner.invoke(cli, ["index", str(corpus_copy)])
    assert updated.exit_code == 1 and isinstance(updated.exception, SystemExit)
    assert "Nothing was changed" in updated.output and "qa index --rebuild" in updated.output
    # The fix works.
    assert runner.invoke(cli, ["index", "--rebuild", str(corpus_copy)]).exit_code == 0
    fixed = runner.invoke(cli, ["ask", "fordrevne fra Ukraine", "--json"])
    assert json.loads(fixed.output)[0]["case_number"] == 39


def test_a_model_name_that_is_not_a_model_is_a_clear_error(corpus_copy):
    CliRunner().invoke(cli, ["index", str(corpus_copy)])
    result = CliRunner().invoke(cli, ["ask", "Netværk", "--model", "hash:384x"])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "hash:DIM" in result.output
