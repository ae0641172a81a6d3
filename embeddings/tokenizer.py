"""The e5 tokenizer for exported models, quick to start for a question.

Building the `tokenizers` Unigram model of 250k pieces costs about 0.5 s of CPU, a third of a
cold `qa ask`. A Unigram tokenizer only ever uses pieces that are substrings of the words it
encodes, so a short text is tokenised by a tokenizer built from just those pieces: the same
normaliser, pre-tokeniser, scores and lowest score (which prices unknown characters), its ids
mapped back to the full vocabulary. The pieces are kept as arrays beside `tokenizer.json`,
written once. Long batches (indexing) load the whole tokenizer once.
"""

from __future__ import annotations

import copy
import json
import os
import threading
import uuid
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np

PIECES_FILE = "tokenizer-pieces.npz"
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
        self._counting = None
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

    def counting(self):
        """The whole tokenizer without truncation or padding, to count a text's tokens.

        A tokenizer of its own: switching the shared one's truncation off and on again for a
        count would let a batch encoded meanwhile in another thread come out untruncated.
        """
        with self._lock:
            if self._counting is None:
                self._counting = _tokenizers().Tokenizer.from_file(str(self.path))
                self._counting.no_truncation()
                self._counting.no_padding()
            return self._counting

    def pieces(self) -> _Pieces:
        with self._lock:
            if self._pieces is None:
                self._pieces = _Pieces.load(self.path)
            return self._pieces


class _Pieces:
    """Every piece with its score, found by a stable hash; and tokenizer.json without them.

    Plain arrays, not 250k Python strings: read in milliseconds, freed at exit in no time.
    """

    def __init__(self, shell: dict, arrays: dict[str, np.ndarray]):
        self.shell = shell
        self.blob = arrays["blob"].tobytes()  # the pieces, UTF-8, one after another
        self.offsets = arrays["offsets"]
        self.scores = arrays["scores"]
        self.hashes = arrays["hashes"]  # crc32 of each piece, sorted
        self.by_hash = arrays["by_hash"]  # the piece of each sorted hash
        self.longest = int(arrays["longest"])
        # Always kept: the lowest score sets the price of an unknown character.
        special = [ids for token in _special_tokens(shell) for ids in token["ids"]]
        self.always = {shell["model"]["unk_id"], int(np.argmin(self.scores)), *special}
        self._splitter = _tokenizers().Tokenizer.from_str(json.dumps(self._shell_for([0])))

    @classmethod
    def load(cls, path: Path) -> _Pieces:
        """From the file beside tokenizer.json; made (once) when missing or stale."""
        cached = path.parent / PIECES_FILE
        stat = path.stat()
        stamp = np.array([PIECES_VERSION, stat.st_size, stat.st_mtime_ns], dtype=np.int64)
        try:
            with np.load(cached, allow_pickle=False) as saved:
                if np.array_equal(saved["stamp"], stamp):
                    arrays = {name: saved[name] for name in saved.files}
                    return cls(json.loads(arrays.pop("shell").tobytes()), arrays)
        except (OSError, ValueError, KeyError, EOFError):
            pass
        full = json.loads(path.read_text(encoding="utf-8"))
        vocab = full["model"].pop("vocab")
        encoded = [piece.encode() for piece, _ in vocab]
        hashes = np.array([zlib.crc32(b) for b in encoded], dtype=np.uint32)
        by_hash = np.argsort(hashes, kind="stable")
        arrays = {
            "blob": np.frombuffer(b"".join(encoded), dtype=np.uint8),
            "offsets": np.cumsum([0] + [len(b) for b in encoded], dtype=np.int64),
            "scores": np.array([score for _, score in vocab], dtype=np.float64),
            "hashes": hashes[by_hash],
            "by_hash": by_hash.astype(np.int64),
            "longest": np.array(max(len(piece) for piece, _ in vocab)),
        }
        shell = np.frombuffer(json.dumps(full, ensure_ascii=False).encode(), dtype=np.uint8)
        tmp = cached.with_name(f".{uuid.uuid4().hex[:8]}.{PIECES_FILE}")
        try:  # a read-only cache only means the next start reads tokenizer.json again
            with open(tmp, "wb") as out:
                np.savez(out, stamp=stamp, shell=shell, **arrays)
            os.replace(tmp, cached)
        except OSError:
            tmp.unlink(missing_ok=True)
        return cls(full, arrays)

    def piece(self, i: int) -> str:
        return self.blob[self.offsets[i] : self.offsets[i + 1]].decode()

    def tokenizer_for(self, texts: Sequence[str], max_tokens: int, pad_id: int):
        """A tokenizer over the pieces these texts can use, and its ids in the full vocabulary."""
        normalise, split = self._splitter.normalizer, self._splitter.pre_tokenizer
        candidates = {
            word[start:end].encode()
            for text in texts
            for word, _ in split.pre_tokenize_str(normalise.normalize_str(text))
            for start in range(len(word))
            for end in range(start + 1, min(len(word), start + self.longest) + 1)
        }
        used = set(self.always)
        used.add(pad_id)
        if candidates:
            candidates = list(candidates)
            hashes = np.array([zlib.crc32(b) for b in candidates], dtype=np.uint32)
            first = np.searchsorted(self.hashes, hashes, side="left")
            last = np.searchsorted(self.hashes, hashes, side="right")
            for candidate, lo, hi in zip(candidates, first.tolist(), last.tolist(), strict=True):
                for i in self.by_hash[lo:hi].tolist():  # almost always one piece, or none
                    if self.blob[self.offsets[i] : self.offsets[i + 1]] == candidate:
                        used.add(i)
        to_global = np.array(sorted(used), dtype=np.int64)
        tokenizer = _tokenizers().Tokenizer.from_str(json.dumps(self._shell_for(to_global)))
        local = {int(g): i for i, g in enumerate(to_global)}
        return _configured(tokenizer, max_tokens, local[pad_id]), to_global

    def _shell_for(self, ids: Sequence[int]) -> dict:
        """tokenizer.json holding only these pieces, renumbered in this order."""
        shell = copy.deepcopy(self.shell)
        local = {int(g): i for i, g in enumerate(ids)}
        shell["model"]["vocab"] = [[self.piece(g), float(self.scores[g])] for g in ids]
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
