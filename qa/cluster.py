"""Parse, chunk and embed on a Ray cluster: `qa index --engine ray`.

Only the two costly steps move: reading the files (Ray tasks, files -> meetings) and chunking and
embedding the new or changed cases (`map_batches` over an actor pool, each actor holding one
encoder loaded by name). Planning what changed, the manifest, the lock and the atomic swap stay
in `update_index`, so both engines write the same snapshots. Ray is an optional extra
(`pip install minutes-qa[cluster]`) and is imported only here.
"""

from __future__ import annotations

import logging
import math
import os
import pickle
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np

from embeddings.model import Encoder
from qa.chunking import chunk_case
from qa.encoders import load_model
from qa.errors import MinutesError, QAError
from qa.indexing import Embedded, Progress
from qa.ingest import Corpus, MinutesFile, collect_corpus, minutes_files, read_file
from qa.minutes import Case, Meeting

FILES_PER_TASK = 32
CASES_PER_BATCH = 8  # ~40 chunks: one encoder batch or two
# A batch whose worker dies is retried on a restarted worker; a worker that keeps dying fails
# the run (the previous index stays live) instead of retrying for ever.
MAX_RESTARTS = 3


class ClusterError(QAError):
    """Ray is missing, the cluster cannot be reached, or the cluster run failed."""


def require_ray():
    try:
        import ray
        import ray.data  # noqa: F401 - the pipeline needs the data extra too
    except ImportError as exc:
        raise ClusterError(
            "`--engine ray` needs Ray, an optional extra: pip install 'minutes-qa[cluster]' "
            f"({exc})."
        ) from exc
    return ray


class ChunkEmbedder:
    """One Ray actor: loads the encoder once by name, then chunks and embeds batches of cases."""

    def __init__(
        self,
        model: str,
        max_tokens: int,
        threads: int = 1,
        runtime: str | None = None,
        cache_dir: str | None = None,
    ):
        self.encoder = load_model(model, runtime, Path(cache_dir) if cache_dir else None)
        self.max_tokens = max_tokens
        if "torch" in sys.modules:  # a worker process may have imported torch for fewer CPUs
            import torch

            torch.set_num_threads(threads)

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        rows, positions, chunks = [], [], []
        for row, payload in zip(batch["row"], batch["case"], strict=True):
            meeting, case = pickle.loads(payload)
            case_chunks = chunk_case(meeting, case, self.encoder.count_tokens, self.max_tokens)
            rows.extend([int(row)] * len(case_chunks))
            positions.extend(range(len(case_chunks)))
            chunks.extend(case_chunks)
        vectors = self.encoder.encode_passages([c.embedding_text for c in chunks])
        return {
            "row": np.asarray(rows, dtype=np.int64),
            "position": np.asarray(positions, dtype=np.int64),
            "chunk": np.asarray([pickle.dumps(c) for c in chunks], dtype=object),
            "vector": vectors.reshape(len(chunks), -1),
        }


def _read_files(batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """A Ray task: the files' meetings, or (source, reason, code, fields) for those that cannot
    be read."""
    results = []
    for payload in batch["file"]:
        result = read_file(pickle.loads(payload))
        if isinstance(result, MinutesError):  # an exception's pickle loses `reason`
            result = (result.source, result.reason, result.code, result.fields)
        results.append(pickle.dumps(result))
    return {"row": batch["row"], "result": np.asarray(results, dtype=object)}


class RayEngine:
    """The index engine on Ray: a local Ray on all cores, or the cluster at `address`.

    `workers` is the size of the actor pool (default: one per CPU of the cluster), each worker
    holding one encoder and using the cluster's CPUs split evenly among them.
    """

    def __init__(
        self,
        address: str | None = None,
        workers: int | None = None,
        num_cpus: int | None = None,
        embedder: Callable = ChunkEmbedder,
        cache_dir: Path | None = None,
    ):
        self.ray = require_ray()
        self.cache_dir = cache_dir
        self.address = address
        self.workers = workers
        self.num_cpus = num_cpus
        self.embedder = embedder
        self._started = False

    def __enter__(self) -> RayEngine:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def start(self) -> None:
        """Join the cluster, or start a local one; a Ray already running here is used as is."""
        ray = self.ray
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False  # the CLI draws its own
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        if ray.is_initialized():
            return
        address = self.address
        try:
            if address:
                # The workers run this driver's qa code, whatever is installed on the nodes.
                import embeddings
                import qa

                ray.init(
                    address=address,
                    runtime_env={"py_modules": [qa, embeddings]},
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                )
            else:
                ray.init(
                    num_cpus=self.num_cpus or os.cpu_count(),
                    include_dashboard=False,
                    log_to_driver=False,
                    logging_level=logging.WARNING,
                )
        except Exception as exc:  # noqa: BLE001 - every way of failing to connect says the same
            where = address or "a local Ray"
            raise ClusterError(
                f"Cannot start or join the Ray cluster at {where}: {exc}. Start the head node "
                f"with `ray start --head` and give its address (host:6379, ray://host:10001, "
                f"or auto), or leave out --address for a local Ray on this machine."
            ) from exc
        self._started = True

    def close(self) -> None:
        if self._started:
            self.ray.shutdown()
            self._started = False

    def load_corpus(self, paths: list[Path], root: Path | None) -> Corpus:
        return self.read_files(minutes_files(paths, root))

    def read_files(self, files: list[MinutesFile]) -> Corpus:
        """These files' meetings, read by Ray tasks (the files unchanged since the last run
        are left out by `update_index`)."""
        if not files:
            return collect_corpus(files, [])
        self.start()
        items = [{"row": n, "file": pickle.dumps(f)} for n, f in enumerate(files)]
        dataset = self.ray.data.from_items(
            items, override_num_blocks=math.ceil(len(items) / FILES_PER_TASK)
        ).map_batches(_read_files, batch_size=FILES_PER_TASK, num_cpus=1)
        results: list = [None] * len(files)
        for batch in self._run(dataset):
            for row, payload in zip(batch["row"], batch["result"], strict=True):
                result = pickle.loads(payload)
                if isinstance(result, tuple):
                    source, reason, code, fields = result
                    result = MinutesError(source, reason, code, **fields)
                results[int(row)] = result
        return collect_corpus(files, results)

    def chunk_and_embed(
        self,
        cases: list[tuple[Meeting, Case]],
        encoder: Encoder,
        max_tokens: int,
        progress: Progress | None,
    ) -> list[Embedded]:
        if not cases:
            return []
        self.start()
        workers = self.workers or max(1, int(self.ray.cluster_resources().get("CPU", 1)))
        cpus = max(1, int(self.ray.cluster_resources().get("CPU", 1)) // workers)
        items = [
            {"row": n, "case": pickle.dumps((_with_only(meeting, case), case))}
            for n, (meeting, case) in enumerate(cases)
        ]
        with warnings.catch_warnings():
            # Bounded restarts are still passed as Ray remote arguments in Ray 2.60.
            warnings.filterwarnings("ignore", "`ray_remote_args` is deprecated")
            blocks = max(math.ceil(len(items) / CASES_PER_BATCH), min(len(items), workers))
            dataset = self.ray.data.from_items(items, override_num_blocks=blocks).map_batches(
                self.embedder,
                fn_constructor_kwargs={
                    "model": encoder.name,
                    "runtime": encoder.runtime,
                    "cache_dir": str(self.cache_dir) if self.cache_dir else None,
                    "max_tokens": max_tokens,
                    "threads": cpus,
                },
                batch_size=CASES_PER_BATCH,
                compute=self.ray.data.ActorPoolStrategy(size=workers),
                num_cpus=cpus,
                max_restarts=MAX_RESTARTS,
                max_task_retries=MAX_RESTARTS,
            )
        found: list[dict[int, tuple]] = [{} for _ in cases]
        done_cases = done_chunks = 0
        if progress:
            progress(0, len(cases))  # every case is at least one chunk; refined as they come
        for batch in self._run(dataset):
            for row, position, chunk, vector in zip(
                batch["row"], batch["position"], batch["chunk"], batch["vector"], strict=True
            ):
                if not found[int(row)]:
                    done_cases += 1
                found[int(row)][int(position)] = (pickle.loads(chunk), vector)
                done_chunks += 1
            if progress:
                left = len(cases) - done_cases
                progress(done_chunks, done_chunks + round(left * done_chunks / done_cases))
        embedded = []
        for per_position in found:
            ordered = [per_position[p] for p in range(len(per_position))]
            vectors = np.asarray([v for _, v in ordered], dtype=np.float32)
            embedded.append(([c for c, _ in ordered], vectors.reshape(len(ordered), -1)))
        return embedded

    def _run(self, dataset):
        """The dataset's batches as they come; a failed run is one clear error."""
        try:
            yield from dataset.iter_batches(batch_size=None, batch_format="numpy")
        except QAError:
            raise
        except Exception as exc:  # noqa: BLE001 - Ray wraps worker errors in its own types
            raise ClusterError(
                f"The Ray run failed ({type(exc).__name__}: {str(exc).splitlines()[0][:300]}); "
                f"the index is left as it was. Check the workers' logs (`ray logs`) and run "
                f"`qa index --engine ray` again."
            ) from exc


def _with_only(meeting: Meeting, case: Case) -> Meeting:
    """The meeting as a case's chunks need it, without its other cases (less to ship)."""
    from dataclasses import replace

    return replace(meeting, cases=(case,))
