"""The corpus's origins file: where each file came from and when each source was last synced."""

from __future__ import annotations

import json
import multiprocessing

import pytest

from qa.ingest import minutes_files
from qa.origins import (
    ORIGINS_FILE,
    Origin,
    OriginsError,
    SourceSync,
    forget_origins,
    origin_of,
    read_origins,
    record_origins,
    record_sync,
    sha256_bytes,
    sync_times,
)


def _origin(source: str, data: bytes = b"x", **extra) -> Origin:
    return Origin(
        source=source,
        origin=f"https://example.invalid/{source}",
        fetched="2026-01-05T06:00:00+00:00",
        sha256=sha256_bytes(data),
        size=len(data),
        **extra,
    )


def test_an_empty_corpus_has_no_origins(tmp_path):
    assert read_origins(tmp_path).files == {}
    assert sync_times(tmp_path) == []
    assert origin_of(tmp_path, "Aarhus/referat.html") is None


def test_origins_are_kept_per_file_and_read_back(tmp_path):
    one = _origin("Aarhus/2025/referat.html", b"one", etag='"abc"', kind="firstagenda")
    two = _origin("Ballerup/møde/eDocAgendaPublishing.xml", b"two", kind="edoc")
    record_origins(tmp_path, [one, two])

    assert origin_of(tmp_path, "Aarhus/2025/referat.html") == one
    assert read_origins(tmp_path).by_sha256(sha256_bytes(b"two")) == [two]
    # Stored in the corpus root as readable JSON, keyed by the file's path under the root.
    stored = json.loads((tmp_path / ORIGINS_FILE).read_text(encoding="utf-8"))
    assert stored["files"]["Aarhus/2025/referat.html"]["etag"] == '"abc"'


def test_a_new_origin_replaces_the_old_one_and_others_stay(tmp_path):
    record_origins(tmp_path, [_origin("A/x.pdf", b"1"), _origin("A/y.pdf", b"2")])
    record_origins(tmp_path, [_origin("A/x.pdf", b"changed")])

    assert origin_of(tmp_path, "A/x.pdf").sha256 == sha256_bytes(b"changed")
    assert origin_of(tmp_path, "A/y.pdf").sha256 == sha256_bytes(b"2")


def test_forgetting_a_folder_drops_every_file_under_it(tmp_path):
    record_origins(
        tmp_path,
        [_origin("Ballerup/m1/a.pdf"), _origin("Ballerup/m1/b.pdf"), _origin("Ballerup/m10/a.pdf")],
    )

    dropped = forget_origins(tmp_path, ["Ballerup/m1"])

    assert sorted(dropped) == ["Ballerup/m1/a.pdf", "Ballerup/m1/b.pdf"]
    assert list(read_origins(tmp_path).files) == ["Ballerup/m10/a.pdf"]


def test_a_failed_sync_keeps_when_the_source_last_worked(tmp_path):
    url = "https://example.invalid/dagsordener"
    record_sync(tmp_path, SourceSync(url, "kk", "København", "2026-01-05T06:00:00+00:00", new=3))
    failed = record_sync(
        tmp_path,
        SourceSync(url, "kk", "København", "2026-01-06T06:00:00+00:00", error="HTTP 503"),
    )

    assert not failed.ok
    assert failed.succeeded == "2026-01-05T06:00:00+00:00"
    [stored] = sync_times(tmp_path)
    assert stored == failed
    assert stored.as_record()["ok"] is False


def test_the_ingester_never_reads_the_origins_file(tmp_path):
    (tmp_path / "Aarhus").mkdir()
    (tmp_path / "Aarhus" / "referat.txt").write_text("Byrådet\n01-02-2025\n", encoding="utf-8")
    record_origins(tmp_path, [_origin("Aarhus/referat.txt")])

    assert [f.source for f in minutes_files([tmp_path], tmp_path)] == ["Aarhus/referat.txt"]


def test_a_damaged_origins_file_is_a_clear_error_and_is_not_overwritten(tmp_path):
    (tmp_path / ORIGINS_FILE).write_text("{not json", encoding="utf-8")

    with pytest.raises(OriginsError, match="cannot be read"):
        read_origins(tmp_path)
    with pytest.raises(OriginsError):
        record_origins(tmp_path, [_origin("A/x.pdf")])
    assert (tmp_path / ORIGINS_FILE).read_text(encoding="utf-8") == "{not json"


def _record_many(corpus_dir, prefix):
    for n in range(25):
        record_origins(corpus_dir, [_origin(f"{prefix}/{n}.pdf")])


def test_writers_in_two_processes_lose_nothing(tmp_path):
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_record_many, args=(tmp_path, p)) for p in ("A", "B")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()

    assert len(read_origins(tmp_path).files) == 50
