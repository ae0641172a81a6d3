"""Saved questions that report new minutes: watches kept beside the index.

    INDEX_DIR/watches.json   {"watches": [...], "matches": [...]}

Every index update runs each watch against the cases it added or changed, and only those (see
`qa.indexing.update_index`): a case is a match when the question's best passage in it is not a
weak match (`qa.calibration`, judged as a search over the whole index would judge it). A match
is recorded once, with the case's record (as `qa ask --json` prints it) and the sentences that
answer; `check` hands out the matches not yet reported and marks them reported. So a watch
added today reports only minutes indexed after it.

A watch may name a webhook (set by the operator on the command line, never from the web page):
each new match is posted to it as JSON, tried a few times before the failure is recorded.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from filelock import FileLock

from qa.calibration import WeakTest
from qa.errors import QAError
from qa.identity import CaseKey

WATCHES = "watches.json"
LOCK = ".watches.lock"
WEBHOOK_TRIES = 3
WEBHOOK_TIMEOUT = 5.0  # seconds per try
WEBHOOK_BACKOFF = 0.5  # seconds before the second try, doubled before each next


class WatchError(QAError):
    pass


@dataclass(frozen=True)
class Watch:
    id: str
    question: str
    municipalities: tuple[str, ...] = ()
    committees: tuple[str, ...] = ()
    webhook: str | None = None
    created: str = ""  # ISO time, UTC

    def as_record(self) -> dict:
        record = asdict(self)
        record["municipalities"] = list(self.municipalities)
        record["committees"] = list(self.committees)
        return record

    @classmethod
    def from_record(cls, record: dict) -> Watch:
        return cls(
            record["id"],
            record["question"],
            tuple(record.get("municipalities", ())),
            tuple(record.get("committees", ())),
            record.get("webhook"),
            record.get("created", ""),
        )


@dataclass
class Match:
    watch: str  # the watch's id
    question: str
    case_key: str
    hit: dict  # the record of `qa ask --json`
    answer: str  # the case's sentences that answer the question
    found: str  # ISO time, UTC
    reported: bool = False
    delivered: bool | None = None  # None: no webhook; False: every try failed
    delivery_error: str | None = None
    id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])

    def check_record(self) -> dict:
        """What `qa watch check --json` prints for a match."""
        return {"watch": self.question, "id": self.id, "hit": self.hit}


class WatchList:
    """The watches and their matches in one file beside the index, changed under a lock."""

    def __init__(self, index_dir: Path):
        self.directory = Path(index_dir)
        self.path = self.directory / WATCHES

    def exists(self) -> bool:
        return self.path.exists()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[dict]:
        self.directory.mkdir(parents=True, exist_ok=True)
        with FileLock(self.directory / LOCK):
            data = self._read()
            yield data
            self._write(data)

    def _read(self) -> dict:
        if not self.path.exists():
            return {"watches": [], "matches": []}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise WatchError(
                f"The watches file {self.path} cannot be read ({exc}); it is left as it is."
            ) from exc
        data.setdefault("watches", [])
        data.setdefault("matches", [])
        return data

    def _write(self, data: dict) -> None:
        tmp = self.path.with_name(f".{WATCHES}.{uuid.uuid4().hex[:8]}")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        os.replace(tmp, self.path)

    def watches(self) -> list[Watch]:
        return [Watch.from_record(w) for w in self._read()["watches"]]

    def matches(self, watch: str | None = None) -> list[Match]:
        found = [Match(**m) for m in self._read()["matches"]]
        return [m for m in found if watch is None or m.watch == watch]

    def add(
        self,
        question: str,
        municipalities: Iterable[str] = (),
        committees: Iterable[str] = (),
        webhook: str | None = None,
    ) -> Watch:
        question = " ".join((question or "").split())
        if not question:
            raise WatchError("The question is empty: say what the watch should look for.")
        if webhook and not webhook.startswith(("http://", "https://")):
            raise WatchError(f"The webhook must be an http(s) address, not {webhook!r}.")
        watch = Watch(
            uuid.uuid4().hex[:8],
            question,
            tuple(municipalities),
            tuple(committees),
            webhook or None,
            _now(),
        )
        with self._locked() as data:
            data["watches"].append(watch.as_record())
        return watch

    def remove(self, watch_id: str) -> Watch:
        with self._locked() as data:
            for n, record in enumerate(data["watches"]):
                if record["id"] == watch_id:
                    del data["watches"][n]
                    data["matches"] = [m for m in data["matches"] if m["watch"] != watch_id]
                    return Watch.from_record(record)
        known = ", ".join(w.id for w in self.watches()) or "none"
        raise WatchError(f"No watch {watch_id!r}. Watches: {known}. See `qa watch list`.")

    def check(self) -> list[Match]:
        """The matches not yet reported, oldest first; they are marked reported."""
        with self._locked() as data:
            new = [Match(**m) for m in data["matches"] if not m.get("reported")]
            for record in data["matches"]:
                record["reported"] = True
        return new

    def record(self, matches: list[Match]) -> list[Match]:
        """Keep the matches not already kept (one per watch and case version)."""
        if not matches:
            return []
        with self._locked() as data:
            live = {w["id"] for w in data["watches"]}
            seen = {(m["watch"], m["case_key"], m["hit"].get("chunk_id")) for m in data["matches"]}
            kept = []
            for match in matches:
                key = (match.watch, match.case_key, match.hit.get("chunk_id"))
                if match.watch in live and key not in seen:
                    seen.add(key)
                    data["matches"].append(asdict(match))
                    kept.append(match)
        return kept

    def mark_delivery(self, match: Match) -> None:
        with self._locked() as data:
            for record in data["matches"]:
                if record["id"] == match.id:
                    record["delivered"] = match.delivered
                    record["delivery_error"] = match.delivery_error


def run_watches(store, encoder, changed: Iterable[CaseKey], snapshot=None) -> list[Match]:
    """Run every watch against the changed cases of the live snapshot; record and deliver the
    strong matches. Nothing happens (and nothing is loaded) when there are no watches."""
    changed = set(changed)
    watch_list = WatchList(store.directory)
    if not changed or not watch_list.exists():
        return []
    watches = watch_list.watches()
    if not watches:
        return []
    snapshot = snapshot or store.load(encoder.name, encoder.dimension, encoder.runtime)
    rows: dict[CaseKey, list[int]] = {}
    for row, chunk in enumerate(snapshot.chunks):
        if chunk.case_key in changed:
            rows.setdefault(chunk.case_key, []).append(row)
    found = []
    for watch in watches:
        found.extend(_matches(watch, snapshot, encoder, rows))
    kept = watch_list.record(found)
    hooks = {w.id: w.webhook for w in watches if w.webhook}
    for match in kept:
        if match.watch in hooks:
            deliver(hooks[match.watch], match)
            watch_list.mark_delivery(match)
    return kept


def _matches(watch: Watch, snapshot, encoder, rows: dict[CaseKey, list[int]]) -> list[Match]:
    from qa.highlight import best_sentences
    from qa.retrieval import Hit

    municipalities = {m.casefold() for m in watch.municipalities}
    committees = {c.casefold() for c in watch.committees}
    query = encoder.encode_queries([watch.question])[0]
    judge = WeakTest.for_question(query, snapshot.rows.sample)
    competitors = len(snapshot.chunks)  # as a search over the whole index would judge it
    found = []
    for key, case_rows in rows.items():
        chunk = snapshot.chunks[case_rows[0]]
        if municipalities and (chunk.municipality or "").casefold() not in municipalities:
            continue
        if committees and chunk.committee.casefold() not in committees:
            continue
        similarities = snapshot.dense.vectors(case_rows) @ query
        best = int(np.argmax(similarities))
        similarity = float(similarities[best])
        if judge.weak(similarity, competitors):
            continue
        chunk = snapshot.chunks[case_rows[best]]
        hit = Hit(1, similarity, chunk, similarity, False, snapshot.several_municipalities)
        answer = " ".join(s.text for s in best_sentences(watch.question, chunk.text))
        found.append(Match(watch.id, watch.question, str(key), hit.as_record(), answer, _now()))
    return found


def deliver(url: str, match: Match, tries: int = WEBHOOK_TRIES) -> bool:
    """POST the match as JSON; retried with a growing pause, the last error kept."""
    body = json.dumps(
        {**match.check_record(), "answer": match.answer, "case_key": match.case_key},
        ensure_ascii=False,
    ).encode("utf-8")
    pause = WEBHOOK_BACKOFF
    for attempt in range(tries):
        request = urllib.request.Request(
            url, data=body, headers={"Content-Type": "application/json"}, method="POST"
        )
        try:
            with urllib.request.urlopen(request, timeout=WEBHOOK_TIMEOUT) as response:
                if 200 <= response.status < 300:
                    match.delivered, match.delivery_error = True, None
                    return True
                match.delivery_error = f"HTTP {response.status}"
        except (urllib.error.URLError, OSError) as exc:
            match.delivery_error = str(getattr(exc, "reason", exc))
        if attempt + 1 < tries:
            time.sleep(pause)
            pause *= 2
    match.delivered = False
    return False


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
