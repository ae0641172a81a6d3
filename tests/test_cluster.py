"""`qa index --engine ray`: on a local two-worker Ray cluster the index comes out as one process
builds it, incremental runs send only new or changed cases, and a killed worker loses nothing."""

from __future__ import annotations

import json
import os
import shutil
import signal
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.cluster import ChunkEmbedder, ClusterError, RayEngine
from qa.indexing import update_index
from qa.ingest import load_corpus
from qa.retrieval import Searcher
from qa.store import IndexStore
from tests.conftest import CORPUS, FIXTURES, RODOVRE

pytestmark = pytest.mark.cluster
OCTOBER = Path("Rødovre") / "beskaeftigelsesudvalget_2024-10-08.txt"
QUESTIONS = ["fordrevne fra Ukraine", "Netværk Rødovre deltagere", "klimatilpasning", "budget"]


@pytest.fixture(scope="session")
def ray_cluster():
    """One local Ray of two CPUs for every test here: starting Ray costs seconds."""
    import ray

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield ray
    ray.shutdown()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The bundled corpus (Rødovre's text exports, Aarhus' web pages, Ballerup's PDF), writable."""
    return shutil.copytree(CORPUS, tmp_path / "corpus")


def two_workers(**kwargs) -> RayEngine:
    return RayEngine(workers=2, **kwargs)


def assert_same_index(ray_store: IndexStore, local_store: IndexStore, atol: float = 1e-6):
    """Same cases, chunks and citations in the same order, vectors equal within `atol`."""
    ray_snap, local_snap = ray_store.load(), local_store.load()
    drop = ("created",)
    assert {k: v for k, v in ray_snap.manifest.items() if k not in drop} == {
        k: v for k, v in local_snap.manifest.items() if k not in drop
    }
    assert ray_snap.chunks == local_snap.chunks
    assert [c.citation for c in ray_snap.chunks] == [c.citation for c in local_snap.chunks]
    assert ray_snap.cases == local_snap.cases
    rows = np.arange(len(local_snap.chunks))
    difference = np.abs(ray_snap.dense.vectors(rows) - local_snap.dense.vectors(rows)).max()
    assert difference <= atol


def case_count(folder: Path) -> int:
    """The cases the bundled corpus holds, as the reader finds them."""
    return sum(len(m.cases) for m in load_corpus([folder], root=folder).meetings)


def answers(store: IndexStore, encoder) -> list[list[tuple[str, str]]]:
    searcher = Searcher(store, encoder)
    return [[(h.chunk.chunk_id, h.chunk.text) for h in searcher.search(q, k=5)] for q in QUESTIONS]


def test_the_cluster_builds_and_updates_the_index_one_process_builds(ray_cluster, corpus, tmp_path):
    encoder = HashingEncoder()
    on_ray, local = IndexStore(tmp_path / "ray"), IndexStore(tmp_path / "local")
    with two_workers() as engine:
        built = update_index([corpus], on_ray, encoder, root=corpus, engine=engine)
    expected = update_index([corpus], local, encoder, root=corpus)
    assert built.added == expected.added and len(built.added) == case_count(CORPUS)
    assert built.embedded_chunks == expected.embedded_chunks == built.chunk_count
    assert_same_index(on_ray, local)
    assert answers(on_ray, encoder) == answers(local, encoder)

    # One changed case, one new file: only those cases go to the cluster.
    october = corpus / OCTOBER
    october.write_text(october.read_text().replace("omkring 25", "omkring 30"))
    shutil.copy(FIXTURES / "kultur_2025-03-04.txt", corpus / "Rødovre")
    with two_workers() as engine:
        updated = update_index([corpus], on_ray, encoder, root=corpus, engine=engine)
    expected = update_index([corpus], local, encoder, root=corpus)
    assert [str(key) for key in updated.updated] == [
        "rødovre|beskæftigelsesudvalget|2024-10-08|referat|38"
    ]
    assert len(updated.added) == 3 and updated.unchanged == case_count(CORPUS) - 1
    assert updated.embedded_chunks == expected.embedded_chunks < updated.chunk_count
    assert_same_index(on_ray, local)

    # Nothing new: no new snapshot.
    live = on_ray.current_name()
    with two_workers() as engine:
        assert not update_index([corpus], on_ray, encoder, root=corpus, engine=engine).changed
    assert on_ray.current_name() == live


def test_qa_index_engine_ray_reports_as_the_local_engine(ray_cluster, corpus, tmp_path):
    (corpus / "notes.txt").write_text("Indkøbsliste\nmælk\n")
    runner = CliRunner()
    local = runner.invoke(cli, ["index", "--json", "--index-dir", str(tmp_path / "l"), str(corpus)])
    command = ["index", "--json", "--engine", "ray", "--workers", "2"]
    on_ray = runner.invoke(cli, [*command, "--index-dir", str(tmp_path / "r"), str(corpus)])
    assert on_ray.exit_code == 0, on_ray.output
    report = json.loads(on_ray.output)
    assert report == json.loads(local.output)
    assert [e["file"] for e in report["errors"]] == ["notes.txt"] and len(
        report["added"]
    ) == case_count(CORPUS)
    asked = runner.invoke(cli, ["ask", "--json", "--index-dir", str(tmp_path / "r"), QUESTIONS[0]])
    assert json.loads(asked.output)[0]["case_number"] == 39


def dies_on_second_batch(marker: Path) -> type[ChunkEmbedder]:
    """A worker that SIGKILLs its own process on its second batch, once in the whole run."""

    class DiesOnce(ChunkEmbedder):
        batches = 0

        def __call__(self, batch):
            self.batches += 1
            if self.batches == 2 and not marker.exists():
                marker.write_text(str(os.getpid()))
                os.kill(os.getpid(), signal.SIGKILL)
            return super().__call__(batch)

    return DiesOnce


def test_a_worker_killed_mid_run_is_restarted_and_the_index_is_complete(
    ray_cluster, corpus, tmp_path
):
    encoder = HashingEncoder()
    on_ray, local = IndexStore(tmp_path / "ray"), IndexStore(tmp_path / "local")
    marker = tmp_path / "killed"
    with two_workers(embedder=dies_on_second_batch(marker)) as engine:
        report = update_index([corpus], on_ray, encoder, root=corpus, engine=engine)
    killed = int(marker.read_text())
    with pytest.raises(ProcessLookupError):
        os.kill(killed, 0)  # that worker is gone; its batch was done again by a restarted one
    update_index([corpus], local, encoder, root=corpus)
    assert len(report.added) == case_count(CORPUS)
    assert_same_index(on_ray, local)


class AlwaysDies(ChunkEmbedder):
    def __call__(self, batch):
        os.kill(os.getpid(), signal.SIGKILL)


def test_workers_that_keep_dying_fail_the_run_and_the_previous_index_stays(
    ray_cluster, corpus, tmp_path
):
    encoder = HashingEncoder()
    store = IndexStore(tmp_path / "index")
    update_index([RODOVRE], store, encoder)
    live = store.current_name()
    with two_workers(embedder=AlwaysDies) as engine, pytest.raises(ClusterError, match="left as"):
        update_index([corpus], store, encoder, root=corpus, engine=engine)
    assert store.current_name() == live and len(store.load().manifest["cases"]) == 12
    assert not list(store.directory.glob(".tmp-*"))


@pytest.mark.model
def test_the_real_model_gives_the_same_vectors_on_the_cluster(ray_cluster, real_encoder, tmp_path):
    on_ray, local = IndexStore(tmp_path / "ray"), IndexStore(tmp_path / "local")
    october = CORPUS / OCTOBER  # one file keeps it short
    with two_workers() as engine:
        update_index([october], on_ray, real_encoder, engine=engine)
    update_index([october], local, real_encoder)
    assert_same_index(on_ray, local, atol=1e-4)
    assert answers(on_ray, real_encoder) == answers(local, real_encoder)


def test_without_ray_the_error_names_the_pip_command(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_ray(name, *args, **kwargs):
        if name == "ray" or name.startswith("ray."):
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_ray)
    result = CliRunner().invoke(cli, ["index", "--engine", "ray", str(CORPUS)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert "pip install 'minutes-qa[cluster]'" in result.output
