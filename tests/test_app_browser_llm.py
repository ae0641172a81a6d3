"""The web chat with a language model writing the answer, driven in Debian's chromium.

`qa serve` runs with QA_LLM_URL pointing at a canned OpenAI-compatible server (tests.llm_servers)
whose reply each test sets: a good answer that also cites a passage it was never given and names a
figure no passage holds, a server that stalls past QA_LLM_TIMEOUT, or one that echoes its prompt. The hashing encoder
suffices: the question below finds the Ukraine case (Sag nr. 39) first with it.
"""

import shutil

import pytest

from qa.answer_scorer import scorer
from tests.conftest import RODOVRE
from tests.llm_servers import FakeChatServer, Reply
from tests.test_app_browser import CHROMIUM, ask, browser, cards_of, serving  # noqa: F401

pytestmark = [
    pytest.mark.browser,
    pytest.mark.usefixtures("chromium"),  # a missing chromium fails the tests
]

MODEL = "fake-model"  # QA_LLM_MODEL, and the name the canned server answers under
TIMEOUT = 2  # QA_LLM_TIMEOUT: seconds of silence before the extractive answer takes over
# The extractive answer to it states its sentence by a clear margin with the hashing encoder
# (the last test asserts it): what the model's answer is checked against, and what a failing
# model gives way to. (Without "i alt", a refit on more questions put it below the line.)
QUESTION = "Hvor mange fordrevne fra Ukraine bor der i alt i Rødovre?"
MARGIN = 0.04  # of the fitted confidence over its threshold
# Cites [1] (Sag nr. 39, which holds 220) and [7] (never given), and invents 4711.
MODEL_REPLY = (
    "I alt 220 fordrevne fra Ukraine bor i Rødovre [1][7]. Det koster 4711 kroner om året [1]."
)
CHECKED = (
    "I alt 220 fordrevne fra Ukraine bor i Rødovre [1]. "
    "Det koster 4711 kroner om året (⚠ 4711 står ikke i kilden) [1]."
)
NOTICES = [
    "Sprogmodellen henviste til [7], som den ikke fik (kun [1]-[5]); henvisningen er fjernet.",
    "Tal, der ikke står i de afsnit, sætningen henviser til: 4711.",
]
EXTRACTIVE_OPENING = "Antallet af fordrevne fra Ukraine i Rødovre er steget fra 175 personer"

# Every answer text (the paragraphs, not the notices under them) the chat shows as it redraws:
# the stream's partial answers, then the final one.
RECORD_ANSWERS = """() => {
  window.shownAnswers = [];
  new MutationObserver(() => {
    for (const block of document.querySelectorAll('#qa-chat .qa-answer')) {
      const text = [...block.querySelectorAll(':scope > p')].map(p => p.innerText).join('\\n');
      if (window.shownAnswers.at(-1) !== text) window.shownAnswers.push(text);
    }
  }).observe(document.body, {childList: true, subtree: true, characterData: true});
}"""


@pytest.fixture(scope="module")
def llm():
    with FakeChatServer(Reply(MODEL_REPLY, model=MODEL)) as fake:
        yield fake


@pytest.fixture(autouse=True)
def good_reply(llm):
    """Each test starts with the model answering; a fault test swaps the reply."""
    llm.reply = Reply(MODEL_REPLY, model=MODEL)


@pytest.fixture(scope="module")
def server(llm, tmp_path_factory):
    """`qa serve --build-if-missing` over the Rødovre minutes, answering through the fake LLM."""
    work = tmp_path_factory.mktemp("app-llm")
    shutil.copytree(RODOVRE, work / "corpus")
    settings = {"QA_LLM_URL": llm.url, "QA_LLM_MODEL": MODEL, "QA_LLM_TIMEOUT": str(TIMEOUT)}
    yield from serving(work, "hash", "--build-if-missing", env=settings)


@pytest.fixture
def page(browser, server):  # noqa: F811 - the imported fixture
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server)
    page.evaluate(RECORD_ANSWERS)
    yield page
    context.close()


def finished(answer, timeout_ms: int = 20_000):
    """Wait until the answer block carries its notices: the final answer, not a partial one."""
    answer.locator(".qa-answer-notice").first.wait_for(timeout=timeout_ms)
    return answer


def test_the_model_writes_the_answer_and_its_citations_and_figures_are_checked(page, llm):
    answer = finished(ask(page, QUESTION))
    assert answer.locator("p").inner_text() == CHECKED
    assert answer.locator(".qa-answer-notice").all_inner_texts() == NOTICES
    assert answer.locator(".qa-answer-note").inner_text() == (
        f"Skrevet af sprogmodellen {MODEL} ud fra de nummererede passager."
    )
    # How many partial answers the browser draws depends on its pace (the stall test below
    # proves they are drawn); none of them may show the citation of a passage never given.
    shown = page.evaluate("window.shownAnswers")
    assert shown[-1] == CHECKED and not any("[7]" in text for text in shown)

    first = cards_of(answer).first
    assert "[1]" in first.locator(".qa-cite").inner_text()
    assert "Sag nr. 39" in first.locator(".qa-cite").inner_text()
    citations = answer.locator("a.qa-ref")
    assert citations.all_inner_texts() == ["[1]", "[1]"]
    assert "Sag nr. 39" in citations.first.get_attribute("title")
    citations.first.click()
    assert page.evaluate("location.hash") == f"#{first.get_attribute('id')}"

    request = llm.requests[-1]
    assert request["model"] == MODEL and request["stream"] is True
    prompt = request["messages"][0]["content"]
    assert "[1] Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39" in prompt and "[6]" not in prompt


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (Reply(MODEL_REPLY, model=MODEL, stall_after=4, keepalive=0.5), "svaret gik i stå i over"),
        (Reply(MODEL_REPLY, model=MODEL, delay=60), "intet svar inden for"),
    ],
    ids=["stalls-mid-answer", "never-starts"],
)
def test_a_model_that_stalls_gives_way_to_the_extractive_answer_with_its_reason(
    page, llm, reply, why
):
    llm.reply = reply
    answer = finished(ask(page, QUESTION), timeout_ms=10 * TIMEOUT * 1000)  # never hangs
    assert answer.locator("p").inner_text().startswith(EXTRACTIVE_OPENING)
    assert answer.locator(".qa-answer-notice").all_inner_texts() == [
        f"Sprogmodellen kunne ikke bruges ({why} {TIMEOUT} s); "
        "svaret er taget direkte fra referaterne."
    ]
    assert answer.locator(".qa-answer-note").inner_text() == (
        "Svaret er sætninger citeret ordret fra referaterne."
    )
    if reply.stall_after:  # the model's first four words were shown, then replaced
        assert "I alt 220 fordrevne" in page.evaluate("window.shownAnswers")
    assert "Sag nr. 39" in answer.locator("a.qa-ref").first.get_attribute("title")

    llm.reply = Reply(MODEL_REPLY, model=MODEL)  # the server is back: the chat goes on
    again = finished(ask(page, QUESTION))
    assert again.locator("p").inner_text() == CHECKED


def test_a_model_that_echoes_its_prompt_gives_way_to_the_quoted_answer(page, llm):
    llm.reply = Reply(echo=True, model=MODEL)
    answer = finished(ask(page, QUESTION))
    assert answer.locator("p").inner_text().startswith(EXTRACTIVE_OPENING)
    assert answer.locator(".qa-answer-notice").all_inner_texts() == [
        "Sprogmodellen gentog sine instruktioner i stedet for at svare; "
        "svaret er taget direkte fra referaterne."
    ]
    assert answer.locator(".qa-answer-note").inner_text() == (
        "Svaret er sætninger citeret ordret fra referaterne."
    )
    shown = page.evaluate("window.shownAnswers")
    assert not any("Afsnit:" in text or "Sag nr. 39" in text for text in shown)
    assert "Sag nr. 39" in answer.locator("a.qa-ref").first.get_attribute("title")


def test_the_answer_endpoint_returns_the_models_checked_answer(server):
    from gradio_client import Client

    record = Client(server, verbose=False).predict(QUESTION, api_name="/answer")
    # The premise of this file: the extractive answer beneath the model's is sure, clearly.
    assert record["confidence"] >= scorer("words").threshold + MARGIN
    assert record["generator"] == MODEL
    assert record["answer"] == CHECKED and record["found"] is True
    assert record["notices"] == NOTICES
    assert [s["citations"] for s in record["sentences"]] == [[1], [1]]
    assert record["hits"][0]["case_number"] == 39
