"""Following a matter in the web chat, as a person does: the history question answered newest
decision first, each card's *Sagens forløb*, a follow-up about its newest case, and the Atom feed
of a saved question."""

from __future__ import annotations

import shutil
import subprocess
import sys

import feedparser
import pytest

from tests.conftest import CORPUS
from tests.test_app_browser import CHROMIUM, ask, browser, cards_of, serving  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium"),  # a missing chromium fails the tests
]
WATCHED = "Udviklingsplan Aarhus Ø endelig vedtagelse"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The Aarhus minutes indexed at start (hashing encoder), with a question saved before."""
    work = tmp_path_factory.mktemp("app-follow")
    shutil.copytree(CORPUS / "Aarhus", work / "corpus" / "Aarhus")
    saved = subprocess.run(
        [sys.executable, "-m", "qa", "watch", "add", WATCHED, "--index-dir", str(work / "index")],
        capture_output=True,
        text=True,
    )
    assert saved.returncode == 0, saved.stderr
    yield from serving(work, "hash", "--build-if-missing")


@pytest.fixture
def page(browser, server):  # noqa: F811
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server)
    yield page
    context.close()


def test_what_happened_to_a_matter_is_its_history_newest_first_with_each_card_folding_it(page):
    answer = ask(page, "Hvad er der sket med sagen om udviklingsplanen for Aarhus Ø?")

    text = answer.inner_text()
    assert text.startswith("Sagens forløb, nyeste først:")
    assert text.index("Aarhus Byråd") < text.index("Teknisk Udvalg")
    assert "endnu ikke behandlet" in text and "Et flertal i udvalget" in text
    cards = cards_of(answer)
    assert cards.count() == 2
    fold = cards.first.locator("details.qa-history")
    assert fold.locator("summary").inner_text() == "Sagens forløb (2 møder)"
    fold.locator("summary").click()
    steps = fold.locator("li")
    assert steps.count() == 2
    assert steps.nth(0).inner_text().startswith("01-10-2025 Teknisk Udvalg · Sag nr. 2")
    assert "endnu ikke behandlet" in steps.nth(1).inner_text()

    # A follow-up is about the matter's newest case, as after any answer.
    cost = ask(page, "Hvad kostede det?")
    context = cost.locator("xpath=..").locator(".qa-context")
    assert context.inner_text() == "Spørger videre om: Sag nr. 22, 08-10-2025"
    assert "Sag nr. 22" in cards_of(cost).first.locator(".qa-cite").inner_text()


def test_a_card_of_a_matter_seen_once_has_no_history_fold(page):
    answer = ask(page, "Hvad er måltallet for busfremkommelighed?")

    card = cards_of(answer).first
    assert "Måltal for busfremkommelighed" in card.locator(".qa-title").inner_text()
    assert card.locator("details.qa-history").count() == 0


def test_the_feed_of_a_saved_question_reads_in_a_feed_reader(page, server):
    response = page.request.get(server + "feed.xml")

    assert response.ok
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.body())
    assert not feed.bozo, feed.get("bozo_exception")
    titles = [entry.title for entry in feed.entries]
    assert any("Udviklingsplan Aarhus Ø - endelig vedtagelse" in title for title in titles)
    watch = feed.entries[0].tags[0].term
    one = feedparser.parse(page.request.get(f"{server}feed.xml?watch={watch}").body())
    assert one.feed.title == f"Referater: {WATCHED}"
