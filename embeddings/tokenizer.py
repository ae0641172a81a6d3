"""The e5 tokenizer for exported models, quick to start for a question.

Building the `tokenizers` Unigram model of 250k pieces costs about 0.5 s of CPU, a third of a
cold `qa ask`. A Unigram tokenizer only ever uses pieces that are substrings of the words it
encodes, so a short text is tokenised by a tokenizer built from just those pieces: the same
normaliser, pre-tokeniser, scores and lowest score (which prices unknown characters), its ids
mapped back to the full vocabulary. The pieces are kept in a marshal file beside
`tokenizer.json`, written once. Long batches (indexing) load the whole tokenizer once.
"""

from __future__ import annotations

import copy
import json
import marshal
import os
import threading
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

PIECES_FILE = "tokenizer-pieces.marshal"
PIECES_VERSION = 1
# Texts up to this many characters in all are tokenised from the pieces they contain; past it,
# a batch has so many words that the whole tokenizer is worth loading.
SHORT_BATCH_CHARS = 20_000


class Tokenizer:
    """tokenizer.json with truncation to `max_tokens` and padding; `encode` gives model inputs."""

    def __init__(self, path: Path, max_tokens: int, pad_id: int):
        self.path = Path(path)
        self.max_tokens = max_tokens
        self.pad_id = pad_id
        self._full = None
        self._pieces: _Pieces | None = None
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """input_ids and attention_mask (int64), padded to the longest text."""
        texts = list(texts)
        if sum(map(len, texts)) <= SHORT_BATCH_CHARS:
            tokenizer, to_global = self.pieces().tokenizer_for(texts, self.max_tokens, self.pad_id)
        else:
            tokenizer, to_global = self.full(), None
        encodings = tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        return {
            "input_ids": to_global[ids] if to_global is not None else ids,
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
        }

    def full(self):
        """The whole tokenizer (loaded once), for long batches and counting tokens."""
        with self._lock:
            if self._full is None:
                self._full = _configured(
                    _tokenizers().Tokenizer.from_file(str(self.path)), self.max_tokens, self.pad_id
                )
            return self._full

    def pieces(self) -> _Pieces:
        with self._lock:
            if self._pieces is None:
                self._pieces = _Pieces.load(self.path)
            return self._pieces


class _Pieces:
    """Every piece with its score, and tokenizer.json without them."""

    def __init__(self, shell: dict, pieces: list[str], scores: list[float]):
        self.shell = shell
        self.pieces = pieces
        self.scores = scores
        self.ids = {piece: i for i, piece in enumerate(pieces)}
        self.longest = max(map(len, pieces))
        model = shell["model"]
        # Always kept: the lowest score sets the price of an unknown character.
        lowest = min(range(len(scores)), key=scores.__getitem__)
        special = [ids for token in _special_tokens(shell) for ids in token["ids"]]
        self.always = {model["unk_id"], lowest, *special}
        self._splitter = _tokenizers().Tokenizer.from_str(json.dumps(self._shell_for([0])))

    @classmethod
    def load(cls, path: Path) -> _Pieces:
        """From the marshal file beside tokenizer.json; made (once) when missing or stale."""
        cached = path.parent / PIECES_FILE
        stat = path.stat()
        stamp = [PIECES_VERSION, stat.st_size, stat.st_mtime_ns]
        try:
            saved_stamp, shell, pieces, scores = marshal.loads(cached.read_bytes())
            if saved_stamp == stamp:
                return cls(json.loads(shell), pieces, scores)
        except (OSError, ValueError, EOFError, TypeError):
            pass
        full = json.loads(path.read_text(encoding="utf-8"))
        vocab = full["model"].pop("vocab")
        pieces, scores = [p for p, _ in vocab], [float(s) for _, s in vocab]
        shell = json.dumps(full, ensure_ascii=False)
        tmp = cached.with_name(f".{PIECES_FILE}.{uuid.uuid4().hex[:8]}")
        try:  # a read-only cache only means the next start reads tokenizer.json again
            tmp.write_bytes(marshal.dumps([stamp, shell, pieces, scores]))
            os.replace(tmp, cached)
        except OSError:
            tmp.unlink(missing_ok=True)
        return cls(full, pieces, scores)

    def tokenizer_for(self, texts: Sequence[str], max_tokens: int, pad_id: int):
        """A tokenizer over the pieces these texts can use, and its ids in the full vocabulary."""
        used = set(self.always)
        used.add(pad_id)
        normalise, split = self._splitter.normalizer, self._splitter.pre_tokenizer
        for text in texts:
            for word, _ in split.pre_tokenize_str(normalise.normalize_str(text)):
                for start in range(len(word)):
                    for end in range(start + 1, min(len(word), start + self.longest) + 1):
                        if (i := self.ids.get(word[start:end])) is not None:
                            used.add(i)
        to_global = np.array(sorted(used), dtype=np.int64)
        tokenizer = _tokenizers().Tokenizer.from_str(json.dumps(self._shell_for(to_global)))
        local = {int(g): i for i, g in enumerate(to_global)}
        return _configured(tokenizer, max_tokens, local[pad_id]), to_global

    def _shell_for(self, ids: Sequence[int]) -> dict:
        """tokenizer.json holding only these pieces, renumbered in this order."""
        shell = copy.deepcopy(self.shell)
        local = {int(g): i for i, g in enumerate(ids)}
        shell["model"]["vocab"] = [[self.pieces[g], self.scores[g]] for g in ids]
        shell["model"]["unk_id"] = local.get(self.shell["model"]["unk_id"], 0)
        for token in _special_tokens(shell):
            token["ids"] = [local.get(i, 0) for i in token["ids"]]
        return shell


def _special_tokens(shell: dict) -> list[dict]:
    processor = shell.get("post_processor") or {}
    return list((processor.get("special_tokens") or {}).values())


def _configured(tokenizer, max_tokens: int, pad_id: int):
    tokenizer.enable_truncation(max_tokens)
    tokenizer.enable_padding(pad_id=pad_id, pad_token="<pad>")
    return tokenizer


def _tokenizers():
    import tokenizers

    return tokenizers
