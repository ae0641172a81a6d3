"""The chat as a person meets it, in Debian's chromium: Danish throughout (Gradio's own labels too),
each new answer in view, examples that answer, weak cards folded away, a copy button that says
it copied and covers nothing, a web page source opened at its case."""

import re
import shutil

import pytest

from qa.history import is_procedural
from tests import test_app_browser as app
from tests.conftest import CORPUS

pytestmark = app.pytestmark
server, browser, page = app.server, app.browser, app.page  # the same app, as a person opens it
ask, cards_of, OUTPUT = app.ask, app.cards_of, app.OUTPUT

# Words of the English UI texts (ours and Gradio's) that no Danish sentence of the chat holds.
ENGLISH = re.compile(
    r"\b(the|of|click|drop|here|upload|uploading|error|seem|minutes(?!-qa)|copy|copied|clear|submit|"
    r"loading|file|files|what|please|use|settings|built|message|bot|user|chatbot|conversation|"
    r"answer|question|weak|relevance|whole|added|updated|removed|stored|refused|found|cannot|"
    r"retry|undo|share|download|remove|queue|processing|scroll|down|select|example|textbox|input|"
    r"slider|range|reset|default|value|footer|navigation|number)\b",
    re.IGNORECASE,
)
# Everything a person reads or hears: the text, and the labels, titles and placeholders of what
# is shown (screen readers read aria-labels).
SEEN = """() => {
  const seen = [document.title, document.body.innerText];
  for (const el of document.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
    if (el.closest("[hidden]") || !(el.offsetWidth || el.offsetHeight || el.getClientRects().length)) continue;
    for (const name of ["aria-label", "title", "placeholder", "alt"]) {
      const value = el.getAttribute(name);
      if (value) seen.push(value);
    }
  }
  return seen.join("\\n");
}"""


def english_in(page) -> list[str]:
    lines = page.evaluate(SEEN).splitlines()
    return [line for line in lines if ENGLISH.search(line)]


def test_the_danish_chat_shows_no_english_line(page, tmp_path):
    page.locator("#qa-chat button.example").first.wait_for(timeout=10_000)
    page.wait_for_function("document.documentElement.lang === 'da'", timeout=10_000)
    # Gradio's "Loading..." before the app is drawn comes before any of the app's own code.
    page.wait_for_function("!document.querySelector('p.loading')", timeout=10_000)
    assert english_in(page) == []

    page.get_by_text("Tilføj referater").click()
    page.get_by_text("Slip filer her").wait_for(timeout=10_000)  # Gradio's own, in Danish
    assert english_in(page) == []

    answer = ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    assert "220" in answer.inner_text()
    ask(page, "Hvad blev besluttet?")  # a follow-up: "Spørger videre om: ..."
    assert page.locator("#qa-chat .qa-context").count() == 1
    off_topic = ask(page, "Hvad koster en pizza i Rom?")
    off_topic.locator("xpath=..").locator(
        ".qa-weak-cards > summary"
    ).click()  # the weak cards, unfolded
    assert english_in(page) == []

    bad = tmp_path / "notes.txt"
    bad.write_text("Indkøbsliste\nmælk\nbrød\n", encoding="utf-8")
    page.locator("#qa-files input[type=file]").set_input_files(str(bad))
    page.locator("#qa-index").click()
    page.locator("#qa-summary").get_by_text("notes.txt").wait_for(timeout=30_000)
    page.locator("#qa-question textarea").fill("   ")
    page.locator("#qa-send").click()
    page.get_by_text("Spørgsmålet er tomt").wait_for(timeout=10_000)
    page.locator("#qa-since textarea, #qa-since input").first.fill("8. oktober")
    page.locator("#qa-question textarea").fill("fordrevne fra Ukraine")
    page.locator("#qa-send").click()
    page.get_by_text("“8. oktober” er ikke en dato").wait_for(timeout=30_000)
    assert english_in(page) == []

    # Files the page itself refuses before they reach the app: Gradio's notices, in Danish.
    too_big = tmp_path / "stort_referat.txt"
    too_big.write_bytes(b"a" * (50 * 2**20 + 1))
    odd = tmp_path / "referat.docx"
    odd.write_bytes(b"PK\x03\x04")
    for refused in (too_big, odd):
        page.locator("#qa-files input[type=file]").set_input_files(str(refused))
    page.get_by_text("Filtypen kan ikke bruges: referat.docx").wait_for(timeout=10_000)
    page.get_by_text("Filen er for stor").wait_for(timeout=10_000)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "danish-walk.png"), full_page=True)
    assert english_in(page) == []


def test_an_english_question_is_answered_in_english(page):
    answer = ask(page, "What does a pizza cost in Rome?")
    assert "The minutes do not seem to say." in answer.inner_text()
    assert "Show the closest cases" in answer.locator("xpath=..").inner_text()


def test_each_new_answer_is_scrolled_into_view_with_its_question_on_top(page):
    ask(page, "Hvor mange fordrevne fra Ukraine bor der i Rødovre?")
    ask(page, "Hvor mange deltagere har Netværk Rødovre?")
    page.wait_for_timeout(300)  # the scroll runs in the next frame
    chat, question = page.evaluate(
        """() => {
          const rows = document.querySelectorAll('#qa-chat .message-row.user-row');
          const last = rows[rows.length - 1].getBoundingClientRect();
          const view = document.querySelector('#qa-chat .bubble-wrap').getBoundingClientRect();
          return [[view.top, view.bottom], [last.top, last.bottom]];
        }"""
    )
    assert chat[0] - 1 <= question[0] and question[1] <= chat[0] + 150  # at the top, in view
    assert page.locator("#qa-chat .qa-answer").last.is_visible()

    page.locator("#qa-question textarea").fill("   ")  # a notice with no question before it
    page.locator("#qa-send").click()
    notice = page.get_by_text("Spørgsmålet er tomt")
    notice.wait_for(timeout=10_000)
    page.wait_for_timeout(300)
    assert notice.is_visible() and notice.evaluate(
        "el => { const box = el.getBoundingClientRect();"
        " const view = document.querySelector('#qa-chat .bubble-wrap').getBoundingClientRect();"
        " return box.top >= view.top - 1 && box.bottom <= view.bottom + 1; }"
    )


def test_example_questions_are_substantive_and_each_gets_an_answer(browser, server):
    first = browser.new_page(viewport={"width": 1280, "height": 900})
    first.goto(server)
    first.locator("#qa-chat button.example").first.wait_for(timeout=10_000)
    examples = first.locator("#qa-chat button.example").all_inner_texts()
    first.close()
    titles = [re.search(r"“(.+)”", text).group(1) for text in examples]
    assert len(titles) >= 2 and not any(is_procedural(t) for t in titles)
    for example, title in zip(examples, titles, strict=True):
        shown = browser.new_page(viewport={"width": 1280, "height": 900})
        try:
            shown.goto(server)
            shown.locator("#qa-chat button.example").filter(has_text=title).click()
            answer = shown.locator("#qa-chat .qa-answer").first
            answer.wait_for(timeout=30_000)
            assert "qa-not-found" not in answer.get_attribute("class"), example
            assert cards_of(answer).first.locator(".qa-title").inner_text() == title
        finally:
            shown.close()


def test_an_off_topic_note_folds_its_weak_cards_away(page):
    note = ask(page, "Hvad koster en pizza i Rom?")
    assert "Referaterne ser ikke ud til at sige noget om det" in note.inner_text()
    turn = note.locator("xpath=..")
    weak = turn.locator(".qa-card")
    assert weak.count() >= 1 and not weak.first.is_visible()
    turn.locator(".qa-weak-cards > summary").click()
    assert weak.first.is_visible()
    assert all("qa-weak" in card.get_attribute("class") for card in weak.all())


def test_copying_says_it_copied_and_nothing_covers_the_question(page):
    ask(page, "Hvor mange deltagere har Netværk Rødovre?")
    bubble = page.locator("#qa-chat .message-row.user-row").last
    # Measured once the chat has stopped scrolling to the answer: the same box two frames running.
    page.wait_for_function(
        """() => new Promise(done => {
            const rows = document.querySelectorAll('#qa-chat .message-row.user-row');
            const top = () => rows[rows.length - 1].getBoundingClientRect().top;
            const before = top();
            requestAnimationFrame(() => requestAnimationFrame(() => done(top() === before)));
        })"""
    )
    box = bubble.bounding_box()
    for x, y in (
        (box["x"] + 3, box["y"] + 3),
        (box["x"] + box["width"] - 3, box["y"] + 3),
        (box["x"] + box["width"] / 2, box["y"] + box["height"] / 2),
    ):
        covered = page.evaluate(
            "([x, y]) => { const el = document.elementFromPoint(x, y);"
            " return !el.closest('.message-row.user-row') && el.outerHTML.slice(0, 120); }",
            [x, y],
        )
        assert not covered, covered
    copy = page.locator("#qa-copy")
    copy.click()
    page.wait_for_function("() => document.getElementById('qa-copy').dataset.copied")
    assert page.evaluate("getComputedStyle(document.getElementById('qa-copy'), '::after').content")
    assert "Kopieret" in page.evaluate(
        "getComputedStyle(document.getElementById('qa-copy'), '::after').content"
    )
    assert "25 deltagere" in page.evaluate("navigator.clipboard.readText()")
    page.wait_for_function(
        "() => !document.getElementById('qa-copy').dataset.copied", timeout=10_000
    )


@pytest.fixture(scope="module")
def web_pages_server(tmp_path_factory):
    """The app over a FirstAgenda web page's minutes (the bundled Aarhus ones), hashing encoder."""
    work = tmp_path_factory.mktemp("app-web-pages")
    shutil.copytree(CORPUS / "Aarhus", work / "corpus" / "Aarhus")
    yield from app.serving(work, "hash", "--build-if-missing")


def test_a_web_page_source_opens_at_its_case_styled(browser, web_pages_server):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        chat = context.new_page()
        chat.goto(web_pages_server)
        answer = ask(chat, "Måltal for busfremkommelighed, jf. budgetforlig 2023")
        card = cards_of(answer).first
        assert "Sag nr. 6" in card.locator(".qa-cite").inner_text()
        link = card.locator("a.qa-open")
        assert link.get_attribute("href").endswith(".html#sag-6")
        with context.expect_page() as opened:
            link.click()
        document = opened.value
        document.wait_for_load_state()
        document.wait_for_function("() => window.scrollY > 0", timeout=10_000)
        heading = document.evaluate(
            """() => { const title = document.getElementById('sag-6').nextElementSibling;
                       const box = title.getBoundingClientRect();
                       return [title.textContent.trim(), box.top, innerHeight,
                               getComputedStyle(document.body).maxWidth,
                               getComputedStyle(title).backgroundColor]; }"""
        )
        text, top, height, width, background = heading
        assert text == "Måltal for busfremkommelighed, jf. budgetforlig 2023"
        assert 0 <= top < height / 2  # opened at the case, near the top of the window
        assert width != "none"  # the chat's stylesheet, not the browser's bare defaults
        assert background != "rgba(0, 0, 0, 0)"  # the case the link points at is marked
        OUTPUT.mkdir(exist_ok=True)
        document.screenshot(path=str(OUTPUT / "source-at-case.png"))
    finally:
        context.close()
