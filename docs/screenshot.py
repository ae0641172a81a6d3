"""Take docs/screenshot.png: a conversation in the web chat, a question and its follow-up.

    .venv/bin/python docs/screenshot.py [--index-dir DIR] [--corpus-dir DIR]

Starts `qa serve` on a free loopback port over an existing index (build it with `qa index`),
drives Debian's chromium through playwright as a person would, and saves the page.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ("Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?", "Og året før?")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index-dir", default=os.environ.get("QA_INDEX_DIR", ".qa/index"))
    parser.add_argument("--corpus-dir", default=os.environ.get("QA_CORPUS_DIR", "corpus"))
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "screenshot.png")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", str(port),
         "--index-dir", args.index_dir, "--corpus-dir", args.corpus_dir],
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(url, server)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 1800})
            page.goto(url)
            # Two cards a turn, so the follow-up shows under the first answer.
            page.locator("#qa-k input[type=number]").fill("2")
            page.locator("#qa-k input[type=number]").press("Enter")
            for question in QUESTIONS:
                _ask(page, question)
            # The chat shows each new answer under its question; the picture shows the whole
            # conversation from its first question.
            page.evaluate("document.querySelector('#qa-chat .bubble-wrap').scrollTop = 0")
            page.wait_for_timeout(300)
            page.screenshot(
                path=str(args.output), clip={"x": 0, "y": 0, "width": 1280, "height": 1500}
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"wrote {args.output}")


def _wait_for(url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"qa serve exited with {server.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"qa serve did not answer on {url} in {seconds:.0f} s")


def _ask(page, question: str) -> None:
    replies = "#qa-chat .qa-answer, #qa-chat .qa-notice"
    before = page.locator(replies).count()
    page.locator("#qa-question textarea").fill(question)
    page.locator("#qa-send").click()
    page.wait_for_function(
        f"n => document.querySelectorAll({replies!r}).length > n", arg=before, timeout=60_000
    )
    page.wait_for_timeout(1000)  # let the chat settle before the picture


if __name__ == "__main__":
    main()
