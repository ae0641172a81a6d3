"""Which model and runtime read an index, settled from its manifest before any model loads.

Loading the model takes seconds; a missing index, or one built with another model or runtime,
is reported at once instead. An index is read with the runtime that embedded it unless another
is asked for (vectors of two runtimes are never mixed in one index).
"""

from __future__ import annotations

import os

from embeddings.model import HASH_MODEL, model_name, runtime_name
from qa.store import IndexStore, check_manifest, manifest_runtime


def runtime_for(
    store: IndexStore,
    model: str | None = None,
    runtime: str | None = None,
    *,
    require_index: bool = False,
    rebuild: bool = False,
) -> str | None:
    """The runtime to embed with for this index; refuses a mismatch before the model loads.

    Asked for (`runtime`, else $QA_RUNTIME): checked against the index. Not asked for: the
    index's own runtime, or the model's default when there is no index yet (or `rebuild`).
    None for the hashing encoder, which has no runtime.
    """
    model = model_name(model)
    if model == HASH_MODEL or model.startswith(HASH_MODEL + ":"):
        return None
    runtime = runtime or os.environ.get("QA_RUNTIME") or None
    if rebuild or not (require_index or store.exists()):
        return runtime_name(model, runtime)
    manifest = store.read_manifest()  # IndexNotFoundError when there is none
    path = store.directory / (store.current_name() or "")
    wanted = runtime_name(model, runtime) if runtime else None
    check_manifest(manifest, path, model, None, wanted)
    return wanted or runtime_name(model, manifest_runtime(manifest))
