"""The library of what is indexed: `qa meetings` lists it, `qa remove` takes files out of it."""

import json
import shutil

import pytest
from click.testing import CliRunner

from qa.cli import cli
from qa.errors import IndexBusyError
from qa.indexing import update_index
from qa.library import RemoveError, list_meetings, remove_sources
from qa.store import IndexStore
from tests.conftest import CORPUS, RODOVRE

OCTOBER = "Rødovre/beskaeftigelsesudvalget_2024-10-08.txt"
MAY = "Rødovre/beskaeftigelsesudvalget_2023-05-16.txt"


@pytest.fixture
def qa():
    runner = CliRunner()
    return lambda *args: runner.invoke(cli, list(args), catch_exceptions=False)


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    """Two municipalities' minutes in their folders, indexed with the hashing encoder."""
    root = tmp_path / "corpus"
    shutil.copytree(RODOVRE, root / "Rødovre")
    shutil.copytree(CORPUS / "Aarhus", root / "Aarhus")
    monkeypatch.setenv("QA_CORPUS_DIR", str(root))
    return root


@pytest.fixture
def store(corpus, tmp_path, hash_encoder):
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, hash_encoder, root=corpus)
    return store


def test_meetings_lists_each_indexed_document(qa, store):
    result = qa("meetings", "--json")
    assert result.exit_code == 0, result.output
    meetings = json.loads(result.output)
    assert set(meetings[0]) == {
        "municipality", "committee", "meeting_date", "kind", "cases", "source", "origin",
    }  # fmt: skip
    rodovre = [m for m in meetings if m["municipality"] == "Rødovre"]
    assert [(m["meeting_date"], m["source"], m["cases"]) for m in rodovre] == [
        ("2024-10-08", OCTOBER, 6),
        ("2023-05-16", MAY, 6),
    ]
    assert rodovre[0]["committee"] == "Beskæftigelsesudvalget" and rodovre[0]["kind"] == "referat"
    assert {m["municipality"] for m in meetings} == {"Aarhus", "Rødovre"}
    assert any(m["kind"] == "dagsorden" for m in meetings)  # the Aarhus agenda

    text = qa("meetings").output
    assert f"Rødovre · Beskæftigelsesudvalget, 08-10-2024 (referat, 6 cases)  {OCTOBER}" in text


def test_remove_takes_the_file_out_of_corpus_and_index(qa, store, corpus):
    before = len(store.read_manifest()["cases"])
    result = qa("remove", OCTOBER)
    assert result.exit_code == 0, result.output
    assert f"Removed {OCTOBER}: 6 cases out of the index, 1 files deleted" in result.output
    assert not (corpus / OCTOBER).exists() and (corpus / MAY).exists()
    assert list(corpus.rglob(".removing-*")) == []
    manifest = store.read_manifest()
    assert len(manifest["cases"]) == before - 6
    assert all(info["source"] != OCTOBER for info in manifest["cases"].values())
    sources = [m.source for m in list_meetings(store, corpus)]
    assert OCTOBER not in sources and MAY in sources
    # The removed cases are gone from what searches read, and the next index run agrees.
    snapshot = store.load()
    assert all(chunk.source != OCTOBER for chunk in snapshot.chunks)
    again = qa("index", str(corpus))
    assert "0 added, 0 updated, 0 removed" in again.output


def test_remove_accepts_the_path_of_the_file(qa, store, corpus):
    result = qa("remove", "--json", str(corpus / MAY))
    assert json.loads(result.output)["removed"] == [MAY]
    assert not (corpus / MAY).exists()


def test_removing_a_municipality_leaves_it_out_of_the_filters(store, corpus):
    aarhus = [m.source for m in list_meetings(store, corpus) if m.municipality == "Aarhus"]
    remove_sources(store, corpus, aarhus)
    assert store.read_manifest()["municipalities"] == ["Rødovre"]
    assert store.load().rows.municipality_names == ["Rødovre"]


@pytest.mark.parametrize(
    "sources, message",
    [
        ([OCTOBER, "Rødovre/no_such_file.txt"], "Not in the index: Rødovre/no_such_file.txt"),
        (["Rødovre"], "Not in the index: Rødovre."),
    ],
)
def test_an_unknown_source_is_a_clear_error_and_changes_nothing(
    qa, store, corpus, sources, message
):
    current = store.current_name()
    result = CliRunner().invoke(cli, ["remove", *sources])
    assert result.exit_code == 1
    assert message in result.output and "Nothing was removed" in result.output
    assert "Traceback" not in result.output
    assert store.current_name() == current
    assert (corpus / OCTOBER).exists()


def test_removing_everything_is_refused(store, corpus):
    every = [m.source for m in list_meetings(store, corpus)]
    with pytest.raises(RemoveError, match="leave the index empty"):
        remove_sources(store, corpus, every)
    assert [m.source for m in list_meetings(store, corpus)] == every
    assert all((corpus / source).exists() for source in every)


def test_a_failed_write_puts_the_files_back(store, corpus, monkeypatch):
    current = store.current_name()

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(IndexStore, "append", broken)
    monkeypatch.setattr(IndexStore, "write", broken)
    with pytest.raises(OSError, match="disk full"):
        remove_sources(store, corpus, [OCTOBER])
    assert (corpus / OCTOBER).exists()
    assert list(corpus.rglob(".removing-*")) == []
    assert store.current_name() == current
    assert len(list_meetings(store, corpus)) == len(list(corpus.rglob("*.*")))


def test_a_removal_waits_for_no_rebuild_and_changes_nothing_during_one(store, corpus):
    with store.writer(), pytest.raises(IndexBusyError):
        remove_sources(store, corpus, [OCTOBER])
    assert (corpus / OCTOBER).exists()


def test_removal_from_a_whole_written_index(store, corpus, monkeypatch):
    """An index that cannot take a segment of deletions (HNSW, many deleted rows) is written
    whole, from the vectors it holds."""
    monkeypatch.setattr("qa.library.can_append", lambda previous, rows: False)
    remove_sources(store, corpus, [MAY])
    snapshot = store.load()
    assert {c.source for c in snapshot.chunks} == {m.source for m in list_meetings(store, corpus)}
    assert MAY not in {c.source for c in snapshot.chunks}
    assert len(snapshot.chunks) == len(snapshot.dense) == snapshot.manifest["chunk_count"]


def test_meetings_name_where_a_file_came_from_and_remove_forgets_it(qa, store, corpus):
    from qa.origins import Origin, read_origins, record_origins

    url = "https://dagsordener.example.dk/rodovre/2024-10-08"
    record_origins(corpus, [Origin(OCTOBER, url, "2026-12-01T10:00:00+00:00", "ab" * 32)])
    meetings = {m["source"]: m for m in json.loads(qa("meetings", "--json").output)}
    assert meetings[OCTOBER]["origin"] == url and meetings[MAY]["origin"] is None
    assert f"from {url}" in qa("meetings").output
    qa("remove", OCTOBER)
    assert read_origins(corpus).origin(OCTOBER) is None


def test_a_removal_killed_before_its_snapshot_is_undone_by_the_next_one(store, corpus):
    """Killed after hiding the file, before the snapshot without it went live: the index still
    holds the meeting, so the next removal puts the file back."""
    hidden = corpus / "Rødovre" / ".removing-0badf00d-beskaeftigelsesudvalget_2024-10-08.txt"
    (corpus / OCTOBER).rename(hidden)
    remove_sources(store, corpus, [MAY])
    assert (corpus / OCTOBER).exists() and not hidden.exists()
    assert OCTOBER in {m.source for m in list_meetings(store, corpus)}


def test_a_removal_killed_after_its_snapshot_is_finished_by_the_next_one(store, corpus):
    """Killed after the snapshot without the meeting went live, before the file was deleted."""
    remove_sources(store, corpus, [OCTOBER])
    leftover = corpus / "Rødovre" / ".removing-0badf00d-beskaeftigelsesudvalget_2024-10-08.txt"
    leftover.write_bytes((RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_bytes())
    remove_sources(store, corpus, [MAY])
    assert not leftover.exists() and not (corpus / OCTOBER).exists()
