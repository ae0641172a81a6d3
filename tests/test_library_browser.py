"""The *Bibliotek* panel and uploads, driven in Debian's chromium as a person would use them."""

import json
import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, RODOVRE
from tests.test_app_browser import CHROMIUM, OUTPUT, ask, browser, choose_municipality, serving  # noqa: F401 - fixtures

OCTOBER = "Rødovre/beskaeftigelsesudvalget_2024-10-08.txt"
ENGLISH = ("same meeting", "skipped", "already indexed", "refused", "Saved")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium"),  # a missing chromium fails the tests
]


@pytest.fixture
def work(tmp_path):
    """The Rødovre minutes in their municipality's folder; the app indexes them on start."""
    shutil.copytree(RODOVRE, tmp_path / "corpus" / "Rødovre")
    return tmp_path


@pytest.fixture
def page(browser, work):  # noqa: F811 - the browser fixture, imported above
    for url in serving(work, "hash", "--build-if-missing"):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(url)
        yield page
        page.close()


def open_panel(page, name: str) -> None:
    page.get_by_text(name, exact=True).click()


def upload(page, municipality: str, path: Path) -> None:
    choose_municipality(page, municipality)
    page.locator("#qa-files input[type=file]").set_input_files(str(path))
    page.locator("#qa-index").click()


def wait_for_text(locator, text: str, timeout: int = 60_000) -> str:
    locator.get_by_text(text, exact=False).first.wait_for(timeout=timeout)
    return locator.inner_text()


def no_english(text: str) -> None:
    assert not [word for word in ENGLISH if word in text], text


def test_the_library_lists_meetings_and_deletes_one_after_confirmation(page, work):
    open_panel(page, "Bibliotek")
    table = page.locator("#qa-library table")
    table.wait_for(timeout=10_000)
    assert table.locator("tbody tr").count() == 2
    first = table.locator("tbody tr").first.inner_text()
    assert "Rødovre" in first and "Beskæftigelsesudvalget" in first and "08-10-2024" in first
    assert "Ingen kilder er sat op" in page.locator("#qa-sync-times").inner_text()

    page.locator("#qa-delete-choice input").click()
    page.get_by_role("option", name="Rødovre · Beskæftigelsesudvalget, 08-10-2024").click()
    page.locator("#qa-delete").click()
    question = page.locator("#qa-delete-question")
    wait_for_text(question, "Det kan ikke fortrydes", timeout=10_000)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "library-delete.png"), full_page=True)
    assert "6 sager" in question.inner_text()
    page.locator("#qa-delete-no").click()
    wait_for_text(page.locator("#qa-library-status"), "Intet er slettet", timeout=10_000)
    assert (work / "corpus" / OCTOBER).exists()

    page.locator("#qa-delete").click()
    page.locator("#qa-delete-yes").wait_for(state="visible", timeout=10_000)
    page.locator("#qa-delete-yes").click()
    status = wait_for_text(page.locator("#qa-library-status"), "Slettet")
    assert f"{OCTOBER} (6 sager fjernet fra indekset)" in status
    page.wait_for_function(
        "() => document.querySelectorAll('#qa-library tbody tr').length === 1", timeout=10_000
    )
    assert not (work / "corpus" / OCTOBER).exists()
    assert "08-10-2024" not in page.locator("#qa-library").inner_text()


def test_uploads_refuse_a_copy_and_replace_a_changed_meeting_after_confirmation(page, work):
    """Reported: an exact copy was accepted as six new cases; a changed copy (220 → 999) was
    added beside the original; an English line followed every later upload."""
    original = (RODOVRE / "beskaeftigelsesudvalget_2024-10-08.txt").read_text(encoding="utf-8")
    copy = work / "kopi.txt"
    copy.write_text(original, encoding="utf-8")
    changed = work / "rettet.txt"
    changed.write_text(original.replace("i alt 220 personer", "i alt 999 personer"), "utf-8")

    open_panel(page, "Tilføj referater")
    summary = page.locator("#qa-summary")
    upload(page, "Rødovre", copy)
    text = wait_for_text(summary, "allerede indekseret")
    assert f"kopi.txt: allerede indekseret (som {OCTOBER})" in text
    no_english(text)

    upload(page, "Rødovre", changed)
    question = page.locator("#qa-replace-question")
    wait_for_text(question, "er en ny udgave af et indekseret møde")
    assert "Sag nr. 39: Status på indsatsen for fordrevne fra Ukraine" in question.inner_text()
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "upload-new-version.png"), full_page=True)
    page.locator("#qa-replace").click()
    text = wait_for_text(summary, "Ny udgave gemt")
    assert f"rettet.txt erstatter {OCTOBER}" in text and "Ændrede sager" in text
    assert "Sag nr. 39" in text
    no_english(text)
    assert not page.locator("#qa-replace-question").is_visible()

    answer = ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    passages = answer.locator("xpath=..").inner_text()
    assert "999" in passages and "220 personer" not in passages
    assert "To dokumenter om samme sag" not in passages  # one document, no conflict

    upload(page, "Rødovre", FIXTURES / "kultur_2025-03-04.txt")
    text = wait_for_text(summary, "3 sager tilføjet")
    assert "Gemt: Rødovre/kultur_2025-03-04.txt" in text
    no_english(text)
    assert (work / "corpus" / "Rødovre" / "kultur_2025-03-04.txt").exists()
    assert sorted(p.name for p in (work / "corpus" / "Rødovre").iterdir()) == [
        "beskaeftigelsesudvalget_2023-05-16.txt",
        "beskaeftigelsesudvalget_2024-10-08.txt",
        "kultur_2025-03-04.txt",
    ]


def test_the_page_syncs_the_configured_sources_and_shows_when(browser, work):  # noqa: F811
    """A source that cannot be read (a portal on a port nothing listens on) is said in Danish
    beside the one that synced; the English reason stays in the server's log."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        portal = f"http://127.0.0.1:{closed.getsockname()[1]}/"
    sources = work / "sources.toml"
    sources.write_text(
        f'[[source]]\nmunicipality = "Ballerup"\nkind = "edoc"\n'
        f'folder = "{FIXTURES / "publishing" / "edoc-ballerup"}"\n'
        f'[[source]]\nmunicipality = "Aarhus"\nkind = "firstagenda"\nurl = "{portal}"\n',
        encoding="utf-8",
    )
    settings = {"QA_SOURCES_FILE": str(sources), "QA_FETCH_DELAY": "0"}  # no pause to retry
    for url in serving(work, "hash", "--build-if-missing", env=settings):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            page.goto(url)
            open_panel(page, "Bibliotek")
            wait_for_text(page.locator("#qa-sync-times"), "Ingen synkronisering endnu", 10_000)
            page.locator("#qa-sync").click()
            status = wait_for_text(page.locator("#qa-library-status"), "Kilderne er synkroniseret")
            assert "Ballerup (edoc): 1 nyt møde" in status
            assert "Indekset er opdateret" in status
            times = wait_for_text(page.locator("#qa-sync-times"), "sidst synkroniseret", 10_000)
            assert "Ballerup: " in times
            page.wait_for_function(
                "() => document.querySelector('#qa-library').innerText.includes('04-12-2012')",
                timeout=10_000,
            )
            no_english(status)
            why = f"{portal} svarede ikke, heller ikke efter 4 forsøg."
            assert f"Aarhus (firstagenda): mislykkedes: {why}" in status
            assert f"mislykkedes: {why}" in times
            english = ("no answer", "attempts", "Error", "failed", "message")
            assert not [w for w in english if w in status + times], status + times
        finally:
            page.close()


def test_with_a_login_a_logged_in_user_deletes(browser, work):  # noqa: F811
    login = {"QA_USERNAME": "redaktion", "QA_PASSWORD": "hemmeligt-kodeord"}
    for url in serving(work, "hash", "--build-if-missing", env=login):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            page.goto(url)
            page.get_by_label("username").fill("redaktion")
            page.get_by_label("password").fill("hemmeligt-kodeord")
            page.keyboard.press("Enter")
            open_panel(page, "Bibliotek")
            page.locator("#qa-delete-choice input").click()
            page.get_by_role("option", name="Rødovre · Beskæftigelsesudvalget, 08-10-2024").click()
            page.locator("#qa-delete").click()
            page.locator("#qa-delete-yes").click()
            wait_for_text(page.locator("#qa-library-status"), "Slettet")
            assert not (work / "corpus" / OCTOBER).exists()
        finally:
            page.close()


def test_qa_remove_beside_the_running_app_shows_in_its_library(browser, work):  # noqa: F811
    env = {**os.environ, "QA_INDEX_DIR": str(work / "index"), "QA_CORPUS_DIR": str(work / "corpus")}

    def qa(*args: str) -> str:
        done = subprocess.run(
            [sys.executable, "-m", "qa", *args], env=env, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    for url in serving(work, "hash", "--build-if-missing"):
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        try:
            page.goto(url)
            open_panel(page, "Bibliotek")
            page.locator("#qa-library table").wait_for(timeout=10_000)
            assert page.locator("#qa-library tbody tr").count() == 2
            qa("remove", "Rødovre/beskaeftigelsesudvalget_2023-05-16.txt")
            [left] = json.loads(qa("meetings", "--json"))
            assert left["source"] == OCTOBER and left["cases"] == 6
            page.reload()
            open_panel(page, "Bibliotek")
            page.wait_for_function(
                "() => document.querySelectorAll('#qa-library tbody tr').length === 1",
                timeout=10_000,
            )
            assert "16-05-2023" not in page.locator("#qa-library").inner_text()
        finally:
            page.close()
