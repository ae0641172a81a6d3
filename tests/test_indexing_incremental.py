"""Updating a big index costs what changed: unchanged files are not read, new cases go into a new
segment, and the rest of the snapshot is shared with the one before by hard links. The result
searches exactly like an index built from scratch."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest

import qa.errors
import qa.indexing
from embeddings.model import HashingEncoder
from qa.indexing import update_index
from qa.store import MAX_SEGMENTS, IndexStore
from tests.conftest import CORPUS, FIXTURES, ROOT, CountingEncoder, hash_searcher
from tests.test_reliability import consistent, kill_when, synthetic_corpus

OCTOBER = "beskaeftigelsesudvalget_2024-10-08.txt"
MAY = "beskaeftigelsesudvalget_2023-05-16.txt"
QUESTIONS = [
    "fordrevne fra Ukraine",
    "Netværk Rødovre deltagere",
    "trivsel blandt unge",
    "budget og økonomi",
    "kultur og fritid i marts",
]


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """The files update_index parses, in order."""
    seen: list[str] = []
    real = qa.indexing.read_file

    def counting(file):
        seen.append(file.source)
        return real(file)

    monkeypatch.setattr(qa.indexing, "read_file", counting)
    return seen


def contents(store: IndexStore) -> dict[tuple[str, str], np.ndarray]:
    """Every chunk of the live index (case, text) with its vector."""
    snapshot = store.load()
    vectors = snapshot.dense.vectors(range(len(snapshot.chunks)))
    return {
        (str(c.case_key), c.embedding_text): vectors[row] for row, c in enumerate(snapshot.chunks)
    }


def results(store: IndexStore, modes=("dense", "bm25", "hybrid")) -> list[tuple[list[float], set]]:
    """Each question's scores in every mode, and its hits that rank above the last one's score
    (hits tied with the last may be any of the tied rows, in an index of any row order)."""
    searcher = hash_searcher(store)
    found = []
    for question in QUESTIONS:
        for mode in modes:
            hits = searcher.search(question, k=5, mode=mode)
            scores = [round(h.score, 5) for h in hits]
            above = {
                (str(h.chunk.case_key), h.chunk.text)
                for h in hits
                if round(h.score, 5) > scores[-1]
            }
            found.append((scores, above))
    return found


def assert_same_as_a_rebuild(
    store: IndexStore, corpus, tmp_path, modes=("dense", "bm25", "hybrid")
):
    fresh = IndexStore(tmp_path / "fresh")
    shutil.rmtree(fresh.directory, ignore_errors=True)
    update_index([corpus], fresh, HashingEncoder())
    mine, theirs = contents(store), contents(fresh)
    assert mine.keys() == theirs.keys()
    assert all(np.allclose(mine[key], theirs[key], atol=1e-6) for key in mine)
    assert results(store, modes) == results(fresh, modes)
    assert store.load().manifest["cases"].keys() == fresh.load().manifest["cases"].keys()


def test_added_changed_and_removed_cases_search_as_a_rebuild_would(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", tmp_path)
    update_index([corpus_copy], store, HashingEncoder())

    shutil.copy(tmp_path / "kultur_2025-03-04.txt", corpus_copy)  # a meeting added
    assert len(update_index([corpus_copy], store, HashingEncoder()).added) == 3
    assert len(store.load().manifest["segments"]) == 2
    assert_same_as_a_rebuild(store, corpus_copy, tmp_path)

    path = corpus_copy / OCTOBER  # a case changed
    path.write_text(path.read_text().replace("omkring 25 deltagere", "omkring 40 deltagere"))
    assert len(update_index([corpus_copy], store, HashingEncoder()).updated) == 1
    assert_same_as_a_rebuild(store, corpus_copy, tmp_path)

    (corpus_copy / MAY).unlink()  # a meeting removed
    assert len(update_index([corpus_copy], store, HashingEncoder()).removed) == 6
    assert_same_as_a_rebuild(store, corpus_copy, tmp_path)
    assert consistent(store) == 9


def test_an_update_shares_the_unchanged_segments_by_hard_link(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    (corpus_copy / MAY).rename(tmp_path / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    first = store.directory / store.current_name()
    (tmp_path / MAY).rename(corpus_copy / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    second = store.directory / store.current_name()
    for name in ("dense.faiss", "chunks.jsonl", "cases.jsonl", "bm25/terms.json"):
        assert (second / name).stat().st_ino == (first / name).stat().st_ino
    [segment] = [p for p in second.iterdir() if p.name.startswith("seg-")]
    assert {c.meeting_date.isoformat() for c in store.load().chunks} == {
        "2023-05-16",
        "2024-10-08",
    }
    assert (segment / "chunks.jsonl").read_text().count("\n") == sum(
        1 for c in store.load().chunks if c.meeting_date.isoformat() == "2023-05-16"
    )


def test_a_run_with_nothing_new_reads_no_file(corpus_copy, tmp_path, reads):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    assert sorted(reads) == [MAY, OCTOBER]
    reads.clear()
    before = store.current_name()
    report = update_index([corpus_copy], store, HashingEncoder())
    assert reads == [] and report.unchanged == 12 and not report.changed
    assert store.current_name() == before


def test_a_touched_but_unchanged_file_is_neither_parsed_nor_embedded(corpus_copy, tmp_path, reads):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    reads.clear()
    os.utime(corpus_copy / OCTOBER, ns=(1_700_000_000_000_000_000,) * 2)
    encoder = CountingEncoder()
    report = update_index([corpus_copy], store, encoder)
    assert reads == [] and encoder.embedded == 0 and not report.changed
    # Its new times are recorded: the run after does not read it either.
    assert store.load().manifest["files"][str(corpus_copy / OCTOBER)][1] == (
        1_700_000_000_000_000_000
    )
    assert update_index([corpus_copy], store, encoder).unchanged == 12 and reads == []


def test_a_file_rewritten_with_the_same_size_and_time_right_after_a_scan_is_still_seen(
    corpus_copy, tmp_path
):
    """Within one tick of the clock a file can change without its mtime changing: a file
    recorded that close to its scan is checked by its content next time."""
    store = IndexStore(tmp_path / "index")
    path = corpus_copy / OCTOBER
    path.write_text(path.read_text())  # modified now, just before the scan
    update_index([corpus_copy], store, HashingEncoder())
    stat = path.stat()
    path.write_text(path.read_text().replace("omkring 25", "omkring 26"))  # same size
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert len(update_index([corpus_copy], store, HashingEncoder()).updated) == 1


def test_many_small_updates_are_merged_without_rewriting_the_big_segment(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    base = (store.directory / store.current_name() / "dense.faiss").stat().st_ino
    big = synthetic_corpus(tmp_path / "more", MAX_SEGMENTS + 1)
    meetings = sorted(big.iterdir())
    counts = []
    for meeting in meetings:  # one meeting per run, as a municipality adds them
        meeting.rename(corpus_copy / meeting.name)
        update_index([corpus_copy], store, HashingEncoder())
        counts.append(len(store.read_manifest()["segments"]))
    assert counts == [2, 3, 4, 5, 6, 7, 8, 2, 3]  # the 8th update merged the seven small ones
    assert (store.directory / store.current_name() / "dense.faiss").stat().st_ino == base
    assert consistent(store) == 12 + 6 * len(meetings)
    # These meetings repeat one text: its rows tie, and reciprocal rank fusion ranks tied rows
    # in row order, which differs between the two indexes; each ranking alone must agree.
    assert_same_as_a_rebuild(store, corpus_copy, tmp_path, modes=("dense", "bm25"))


def test_an_update_killed_while_writing_leaves_the_previous_index(tmp_path, monkeypatch):
    corpus = synthetic_corpus(tmp_path / "corpus", 60)
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, HashingEncoder())
    first = store.current_name()
    files = sorted(p.name for p in (store.directory / first).rglob("*"))
    monkeypatch.setenv("QA_MODEL", "hash")
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    synthetic_corpus(tmp_path / "new", 61)  # meeting_0060: one new meeting
    shutil.copy(tmp_path / "new" / "meeting_0060.txt", corpus)
    command = [sys.executable, "-m", "qa", "index", str(corpus)]

    assert kill_when(lambda *_: any(store.directory.glob(".tmp-snap-*")), command)
    assert store.current_name() == first and consistent(store) == 6 * 60
    assert sorted(p.name for p in (store.directory / first).rglob("*")) == files

    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert consistent(store) == 6 * 61
    assert not list(store.directory.glob(".tmp-*"))


def test_a_damaged_shared_segment_is_reported_before_anything_is_written(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    (corpus_copy / MAY).rename(tmp_path / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    (tmp_path / MAY).rename(corpus_copy / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    live = store.directory / store.current_name()
    [segment] = [p for p in live.iterdir() if p.name.startswith("seg-")]
    (segment / "bm25" / "tf.npy").write_bytes(b"")
    with pytest.raises(qa.errors.IndexMismatchError, match="Nothing was changed"):
        update_index([corpus_copy], store, HashingEncoder())
    assert store.directory / store.current_name() == live


def as_written_before_segments(snapshot) -> None:
    """Turn a snapshot into one of the format before segments: bm25s scores, no file table."""
    import bm25s

    from qa.keyword import tokenize

    manifest = json.loads((snapshot / "manifest.json").read_text())
    for key in ("segments", "files", "reader"):
        del manifest[key]
    for info in manifest["cases"].values():
        del info["segment"], info["rows"]
    chunks = IndexStore(snapshot.parent).load().chunks
    (snapshot / "manifest.json").write_text(json.dumps(manifest))
    shutil.rmtree(snapshot / "bm25")
    bm25 = bm25s.BM25()
    bm25.index(tokenize([c.embedding_text for c in chunks]), show_progress=False)
    bm25.save(str(snapshot / "bm25"), show_progress=False)


def test_an_index_written_before_segments_is_read_and_converted_on_the_next_update(
    corpus_copy, tmp_path
):
    store = IndexStore(tmp_path / "index")
    update_index([corpus_copy], store, HashingEncoder())
    expected = results(store)
    as_written_before_segments(store.directory / store.current_name())
    assert "segments" not in store.read_manifest()
    assert results(store) == expected
    report = update_index([corpus_copy], store, HashingEncoder())
    assert not report.changed and report.unchanged == 12
    assert "segments" in store.read_manifest() and results(store) == expected
    assert (store.directory / store.current_name() / "bm25" / "terms.json").exists()


def test_compacting_writes_one_segment_without_embedding_again(corpus_copy, tmp_path):
    store = IndexStore(tmp_path / "index")
    (corpus_copy / MAY).rename(tmp_path / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    (tmp_path / MAY).rename(corpus_copy / MAY)
    update_index([corpus_copy], store, HashingEncoder())
    path = corpus_copy / OCTOBER
    path.write_text(path.read_text().replace("omkring 25 deltagere", "omkring 40 deltagere"))
    update_index([corpus_copy], store, HashingEncoder())
    assert len(store.read_manifest()["segments"]) == 3
    encoder = CountingEncoder()
    report = update_index([corpus_copy], store, encoder, compact=True)
    assert not report.changed and encoder.embedded == 0
    [segment] = store.read_manifest()["segments"]
    assert segment["deleted"] == [] and segment["rows"] == report.chunk_count
    assert_same_as_a_rebuild(store, corpus_copy, tmp_path)


def test_the_municipalities_listed_follow_the_cases_of_each_update(tmp_path):
    corpus = shutil.copytree(CORPUS, tmp_path / "corpus")
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, HashingEncoder(), root=corpus)
    everyone = store.read_manifest()["municipalities"]
    assert everyone == sorted(p.name for p in CORPUS.iterdir() if p.is_dir())
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus / "Rødovre")
    update_index([corpus], store, HashingEncoder(), root=corpus)
    assert store.read_manifest()["municipalities"] == everyone
    shutil.rmtree(corpus / "Aarhus")
    update_index([corpus], store, HashingEncoder(), root=corpus)
    assert store.read_manifest()["municipalities"] == [m for m in everyone if m != "Aarhus"]


def test_qa_index_with_nothing_new_does_not_load_the_model(corpus_copy, monkeypatch):
    from click.testing import CliRunner

    import qa.encoders
    from qa.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    loads = []
    real_load = qa.encoders.load_encoder

    def counting(*args, **kwargs):
        loads.append(args)
        return real_load(*args, **kwargs)

    monkeypatch.setattr(qa.encoders, "load_encoder", counting)  # as `qa index` gets it
    result = runner.invoke(cli, ["index", str(corpus_copy)])
    assert result.exit_code == 0 and "0 added" in result.output and loads == []
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus_copy)
    result = runner.invoke(cli, ["index", str(corpus_copy)])
    assert result.exit_code == 0 and "3 added" in result.output and len(loads) == 1


def test_qa_index_with_nothing_new_leaves_the_sentence_vectors_alone(corpus_copy, monkeypatch):
    """Storing the answer's sentence vectors loads the whole index: not when nothing is new."""
    from click.testing import CliRunner

    import qa.indexing
    from qa.cli import cli

    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    stored = []
    real_store = qa.indexing.store_sentence_vectors

    def counting(*args, **kwargs):
        stored.append(args)
        return real_store(*args, **kwargs)

    monkeypatch.setattr(qa.indexing, "store_sentence_vectors", counting)
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    assert stored == []
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus_copy)
    assert runner.invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    assert len(stored) == 1
