"""Which model and runtime read an index, settled from its manifest before any model loads.

Loading the model takes seconds; a missing index, or one built with another model or runtime,
is reported at once instead. An index is read with the runtime that embedded it unless another
is asked for (vectors of two runtimes are never mixed in one index).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cached_property, partial
from pathlib import Path

import numpy as np

from embeddings.model import (
    DEFAULT_MODEL,
    HASH_MODEL,
    Encoder,
    Progress,
    load_encoder,
    model_name,
    runtime_name,
)
from qa.errors import IndexMismatchError, QAError
from qa.store import IndexStore, check_manifest, manifest_runtime

# The minutes bundled with minutes-qa (a source checkout): what a static int8 export calibrates on.
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"

# The vector size of models whose index can be checked without loading them (a mismatch is
# caught when the model loads in any case).
DIMENSIONS = {DEFAULT_MODEL: 384}  # multilingual-e5-small


def runtime_for(
    store: IndexStore,
    model: str | None = None,
    runtime: str | None = None,
    *,
    require_index: bool = False,
    rebuild: bool = False,
) -> str | None:
    """The runtime to embed with for this index; refuses a mismatch before the model loads.

    Asked for (`runtime`): checked against the index. Not asked for: the index's own runtime,
    or the model's default when there is no index yet (or `rebuild`). None for the hashing
    encoder, which has no runtime.
    """
    model = model_name(model)
    if model == HASH_MODEL or model.startswith(HASH_MODEL + ":"):
        return None
    runtime = runtime or None
    if rebuild or not (require_index or store.exists()):
        return runtime_name(model, runtime)
    manifest = store.read_manifest()  # IndexNotFoundError when there is none
    path = store.directory / (store.current_name() or "")
    wanted = runtime_name(model, runtime) if runtime else None
    check_manifest(manifest, path, model, None, wanted)
    return wanted or runtime_name(model, manifest_runtime(manifest))


def load_model(
    model: str | None = None,
    runtime: str | None = None,
    cache_dir: Path | None = None,
    corpus_dir: Path | None = None,
) -> Encoder:
    """The encoder `load_encoder` gives; a static int8 export, made the first time, calibrates
    on the bundled minutes (else on those in `corpus_dir`)."""
    where = BUNDLED_CORPUS if BUNDLED_CORPUS.is_dir() or corpus_dir is None else corpus_dir
    calibration = partial(calibration_passages, where)
    return load_encoder(model, cache_dir, runtime, calibration=calibration)


def calibration_passages(corpus_dir: Path, count_tokens: Callable[[str], int]) -> list[str]:
    """What the model reads of every chunk of the minutes in `corpus_dir`, chunked as indexed."""
    from qa.chunking import chunk_case
    from qa.ingest import load_corpus

    corpus = load_corpus([Path(corpus_dir)])
    return [
        chunk.embedding_text
        for meeting in corpus.meetings
        for case in meeting.cases
        for chunk in chunk_case(meeting, case, count_tokens)
    ]


class DeferredEncoder:
    """The encoder of an existing index, loaded only when something is first encoded.

    Its name, runtime and dimension come from the index's manifest, and its token limit is the
    one the index was chunked with, which is all `update_index` needs to find out what changed:
    a `qa index` run with nothing new never loads the model.
    """

    def __init__(
        self, load: Callable[[], Encoder], manifest: dict, runtime: str | None, dimension: int
    ):
        self._load = load
        self.name = manifest["model"]
        self.runtime = runtime
        self.dimension = dimension
        self.max_tokens = manifest["max_tokens"]

    @cached_property
    def encoder(self) -> Encoder:
        encoder = self._load()
        if encoder.dimension != self.dimension:
            raise IndexMismatchError(
                f"The model {self.name!r} gives {encoder.dimension}-dimensional vectors, not "
                f"{self.dimension}. Nothing was changed; `qa index --rebuild` builds a new index "
                f"from scratch."
            )
        return encoder

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self.encoder.encode_queries(texts)

    def encode_passages(
        self, texts: Sequence[str], batch_size: int = 32, progress: Progress | None = None
    ) -> np.ndarray:
        return self.encoder.encode_passages(texts, batch_size, progress)

    def count_tokens(self, text: str) -> int:
        return self.encoder.count_tokens(text)


def encoder_for_index(
    store: IndexStore,
    load: Callable[[], Encoder],
    model: str | None,
    runtime: str | None,
    rebuild: bool = False,
) -> Encoder:
    """The encoder to update this index with: deferred (see DeferredEncoder) when the index
    exists and was built with this model, whose dimension is known without loading it; else
    loaded now by `load`."""
    dimension = known_dimension(model_name(model))
    if rebuild or dimension is None or not store.exists():
        return load()
    try:
        manifest = store.read_manifest()
    except QAError:  # update_index reports it, with what to do
        return load()
    if manifest.get("model") != model_name(model) or not manifest.get("max_tokens"):
        return load()
    return DeferredEncoder(load, manifest, runtime, dimension)


def known_dimension(model: str) -> int | None:
    """The dimension of the model's vectors, for the models known here (None: load it)."""
    if model == HASH_MODEL:
        return 384
    if model.startswith(HASH_MODEL + ":"):
        size = model.partition(":")[2]
        return int(size) if size.isdigit() and int(size) > 0 else None
    return DIMENSIONS.get(model)


if __name__ == "__main__":  # python -m qa.encoders [RUNTIME...]: export the default model ahead
    import sys

    from embeddings.runtimes import EXPORTED_FROM
    from qa.settings import Settings

    settings = Settings.from_env()
    for name in sys.argv[1:] or list(EXPORTED_FROM):
        load_model(DEFAULT_MODEL, name, settings.cache_dir, settings.corpus_dir)
        print(f"{name}: ready in {settings.cache_dir}")
