"""The index is never lost or corrupted: crashes, a second writer, damaged files, bad input."""

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.errors import IndexBusyError, MinutesError
from qa.indexing import update_index
from qa.ingest import add_to_corpus
from qa.retrieval import Searcher
from qa.store import IndexStore
from tests.conftest import CORPUS, ROOT

OCTOBER = CORPUS / "beskaeftigelsesudvalget_2024-10-08.txt"


def synthetic_corpus(directory: Path, meetings: int) -> Path:
    """Many meetings made from the real ones: the same text under other dates."""
    directory.mkdir(parents=True, exist_ok=True)
    text = OCTOBER.read_text(encoding="utf-8")
    for n in range(meetings):
        day, month, year = 1 + n % 28, 1 + (n // 28) % 12, 2000 + n // 336
        meeting_date = f"{day:02d}-{month:02d}-{year}"
        (directory / f"meeting_{n:04d}.txt").write_text(
            text.replace("08-10-2024", meeting_date).replace("omkring 25", f"omkring {n}"),
            encoding="utf-8",
        )
    return directory


def consistent(store: IndexStore) -> int:
    """Load the live snapshot, check it against its manifest, ask it something; its case count."""
    snapshot = store.load("hash", 384)
    assert len(snapshot.chunks) == len(snapshot.dense) == snapshot.manifest["chunk_count"]
    assert {c.case_key for c in snapshot.chunks} == set(snapshot.manifest["cases"])
    hits = Searcher(store, HashingEncoder()).search("fordrevne fra Ukraine", k=3)
    assert hits and hits[0].chunk.case_number == 39
    return len(snapshot.manifest["cases"])


def variant_of_first_meeting(store: IndexStore) -> str:
    """Which version of meeting_0000 the live snapshot holds: all of one build, never a mix."""
    texts = [c.text for c in store.load().chunks if c.source == "meeting_0000.txt"]
    variants = {v for v in ("220 personer", "221 personer") for t in texts if v in t}
    assert len(variants) == 1
    return variants.pop()


def test_a_rebuild_killed_at_any_moment_leaves_the_previous_index(tmp_path):
    store = IndexStore(tmp_path / "index")
    update_index([CORPUS], store, HashingEncoder())
    assert consistent(store) == 12
    big = synthetic_corpus(tmp_path / "big", 400)
    env = {**os.environ, "QA_INDEX_DIR": str(store.directory), "QA_MODEL": "hash"}
    command = [sys.executable, "-m", "qa", "index", str(big)]

    started = time.monotonic()
    subprocess.run(command, env=env, check=True, capture_output=True, cwd=ROOT)
    full_run = time.monotonic() - started
    grown = consistent(store)
    assert grown == 12 + 400 * 6

    # Kill rebuilds at random moments (parsing, embedding, writing); each time the live index
    # must load, match its manifest and answer, with all cases of one complete build.
    changed = big / "meeting_0000.txt"
    changed.write_text(changed.read_text().replace("220 personer", "221 personer"))
    rng = random.Random(7)
    for delay in [rng.uniform(0.05, full_run) for _ in range(4)] + [full_run * 0.9]:
        process = subprocess.Popen(
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT
        )
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        assert consistent(store) == grown
        assert variant_of_first_meeting(store) in ("220 personer", "221 personer")

    # The next rebuild takes the lock (released by the kernel), finishes and clears leftovers.
    result = subprocess.run(command, env=env, capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert consistent(store) == grown
    assert variant_of_first_meeting(store) == "221 personer"
    assert not list(store.directory.glob(".tmp-*"))
    assert len(list(store.directory.glob("snap-*"))) <= 2


def test_a_second_writer_is_told_a_rebuild_is_running(tmp_path, monkeypatch):
    store = IndexStore(tmp_path / "index")
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    with store.writer():
        result = CliRunner().invoke(cli, ["index", str(CORPUS)])
        assert result.exit_code == 1
        assert "Another process is rebuilding the index" in result.output
        with pytest.raises(IndexBusyError):
            update_index([CORPUS], store, HashingEncoder())
    assert CliRunner().invoke(cli, ["index", str(CORPUS)]).exit_code == 0


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
    searcher = Searcher(store, HashingEncoder())
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


def damage(snapshot: Path, how: str) -> None:
    manifest = snapshot / "manifest.json"
    if how == "missing vectors":
        (snapshot / "dense.faiss").unlink()
    elif how == "truncated chunks":
        data = (snapshot / "chunks.jsonl").read_bytes()
        (snapshot / "chunks.jsonl").write_bytes(data[: len(data) // 2])
    elif how == "chunks cut at a line end":
        lines = (snapshot / "chunks.jsonl").read_text().splitlines(keepends=True)
        (snapshot / "chunks.jsonl").write_text("".join(lines[:-3]))
    elif how == "corrupt manifest":
        manifest.write_text("{not json")
    elif how == "older format":
        record = json.loads(manifest.read_text())
        manifest.write_text(json.dumps({**record, "format_version": 0}))
    elif how == "missing keyword index":
        shutil.rmtree(snapshot / "bm25")


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("missing vectors", "is damaged"),
        ("truncated chunks", "is damaged"),
        ("chunks cut at a line end", "is inconsistent"),
        ("corrupt manifest", "no readable manifest"),
        ("older format", "format version 0"),
        ("missing keyword index", "is damaged"),
    ],
)
def test_a_damaged_index_is_reported_with_the_fix(corpus_copy, tmp_path, monkeypatch, how, message):
    store = IndexStore(tmp_path / "index")
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    update_index([corpus_copy], store, HashingEncoder())
    damage(store.directory / store.current_name(), how)
    result = CliRunner().invoke(cli, ["ask", "Netværk Rødovre"])
    assert result.exit_code == 1
    assert message in result.output and "qa index --rebuild" in result.output
    assert "Traceback" not in result.output
    # The fix works.
    assert CliRunner().invoke(cli, ["index", "--rebuild", str(corpus_copy)]).exit_code == 0
    assert CliRunner().invoke(cli, ["ask", "Netværk Rødovre"]).exit_code == 0


@pytest.mark.parametrize(
    ("model", "message"),
    [("hash:256", "holds 384-dimensional vectors"), ("hash:384x", None)],
)
def test_an_index_of_another_model_is_refused(corpus_copy, tmp_path, monkeypatch, model, message):
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "index"))
    CliRunner().invoke(cli, ["index", str(corpus_copy)])
    if message is None:  # not a model at all: a clear error, no traceback
        result = CliRunner().invoke(cli, ["ask", "Netværk", "--model", model])
        assert result.exit_code == 1 and "Traceback" not in result.output
        return
    result = CliRunner().invoke(cli, ["ask", "Netværk", "--model", model])
    assert result.exit_code == 1
    assert "built with the model 'hash'" in result.output and "--rebuild" in result.output


# --- bad files: each reported with its reason; nothing already indexed is lost ---------------


def index(paths, store):
    return update_index(paths, store, HashingEncoder())


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "the file is empty"),
        ("shopping.txt", "Indkøbsliste\nmælk\n".encode(), "expected the committee name"),
        ("image.txt", bytes(range(256)) * 40, "not a format minutes-qa reads"),
        ("page.html", b"<html><body><p>Velkommen</p></body></html>", "no committee"),
    ],
)
def test_bad_files_are_reported_and_the_rest_indexed(corpus_copy, tmp_path, name, content, reason):
    (corpus_copy / name).write_bytes(content)
    report = index([corpus_copy], IndexStore(tmp_path / "index"))
    assert len(report.added) == 12
    [error] = report.errors
    assert error.source == name and reason in error.reason


def test_windows_1252_text_is_decoded(corpus_copy, tmp_path):
    (corpus_copy / OCTOBER.name).unlink()
    (corpus_copy / "old.txt").write_bytes(
        OCTOBER.read_text(encoding="utf-8").encode("cp1252", "replace")
    )
    store = IndexStore(tmp_path / "index")
    assert index([corpus_copy], store).errors == []
    titles = {c.title for c in store.load().chunks}
    assert "Understøttelse af iværksættermiljøet i Rødovre" in titles


def test_a_file_over_the_size_limit_is_refused_without_reading_it(corpus_copy, tmp_path):
    with open(corpus_copy / "huge.txt", "wb") as handle:
        handle.truncate(51 * 1024 * 1024)  # sparse: costs no disk or time
    report = index([corpus_copy], IndexStore(tmp_path / "index"))
    assert [e.source for e in report.errors] == ["huge.txt"]
    assert "over the 50 MB limit" in report.errors[0].reason and len(report.added) == 12


def test_case_numbers_that_disagree_with_the_header_are_indexed_with_a_warning(
    corpus_copy, tmp_path
):
    path = corpus_copy / OCTOBER.name
    path.write_text(path.read_text().replace("Sager 37 - 42", "Sager 37 - 44"))
    report = index([corpus_copy], IndexStore(tmp_path / "index"))
    assert len(report.added) == 12
    assert report.warnings == [
        f"{OCTOBER.name}: header says Sager 37 - 44, but cases 43, 44 are missing"
    ]


def test_a_file_that_turns_malformed_keeps_its_indexed_cases(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    index([corpus_copy], store)
    (corpus_copy / OCTOBER.name).write_bytes(b"\x00\x00half-written upload")
    report = index([corpus_copy], store)
    assert report.removed == [] and report.kept_from_failed_files == 6
    assert [e.source for e in report.errors] == [OCTOBER.name]
    assert len(store.load().manifest["cases"]) == 12


def test_an_empty_corpus_dir_does_not_wipe_the_index(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    index([corpus_copy], store)
    empty = tmp_path / "empty"
    empty.mkdir()
    report = index([empty], store)
    assert report.removed == [] and len(store.load().manifest["cases"]) == 12


# --- uploads ---------------------------------------------------------------------------------


def test_an_upload_name_can_never_leave_the_corpus_dir(tmp_path):
    corpus = tmp_path / "corpus"
    target, meeting = add_to_corpus(OCTOBER.read_bytes(), "../../etc/x.txt", corpus)
    assert target == corpus / "x.txt" and target.exists()
    assert not (tmp_path / "etc").exists()
    assert meeting.committee == "Beskæftigelsesudvalget"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("minutes.docx", b"PK\x03\x04", "unsupported file type"),
        ("notes.txt", "Indkøbsliste\nmælk\n".encode(), "expected the committee name"),
    ],
)
def test_uploads_that_are_not_minutes_are_refused_and_not_stored(tmp_path, name, data, reason):
    corpus = tmp_path / "corpus"
    with pytest.raises(MinutesError, match=reason):
        add_to_corpus(data, name, corpus)
    assert not corpus.exists() or not any(corpus.iterdir())


# --- questions -------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["Сколько беженцев из Украины?", "x" * 10_000])
def test_unusual_questions_are_answered_without_error(corpus_copy, tmp_path, question):
    store = IndexStore(tmp_path / "index")
    index([corpus_copy], store)
    hits = Searcher(store, HashingEncoder()).search(question, k=3)
    assert [h.rank for h in hits] == list(range(1, len(hits) + 1)) and len(hits) <= 3
