"""The benchmark's synthetic minutes parse like real ones, so bench/run.py measures real ingestion."""

import pytest

from bench.synthetic import SentencePool, write_corpus
from qa.ingest import load_corpus
from qa.minutes import SECTION_HEADINGS
from tests.conftest import RODOVRE


@pytest.fixture(scope="module")
def pool():
    return SentencePool.from_corpus(RODOVRE)


def test_synthetic_minutes_parse_cleanly(tmp_path, pool):
    paths = write_corpus(tmp_path, target_chunks=300, chars_per_chunk=500, pool=pool, seed=1)
    corpus = load_corpus([tmp_path])

    assert not corpus.errors and not corpus.duplicates
    assert len(corpus.meetings) == len(paths) > 1
    assert len({m.committee for m in corpus.meetings}) > 1
    for meeting in corpus.meetings:
        assert not meeting.warnings  # case numbers match the header's "Sager N - M"
        assert 1 <= len(meeting.cases) <= 12
        for case in meeting.cases:
            assert case.title and case.sections
            assert {s.heading for s in case.sections} <= set(SECTION_HEADINGS)


def test_same_seed_same_corpus(tmp_path, pool):
    first = write_corpus(tmp_path / "a", 100, 500, pool, seed=3)
    second = write_corpus(tmp_path / "b", 100, 500, pool, seed=3)
    assert [p.read_text() for p in first] == [p.read_text() for p in second]
