"""The web chat's catalogue: every code the library raises has its words, in Danish and English."""

import ast
import re
import string
from datetime import date
from pathlib import Path

import pytest

from qa.errors import (
    FilterError,
    IndexBusyError,
    IndexMismatchError,
    IndexNotFoundError,
    MinutesError,
    Notice,
    QAError,
    QuestionError,
)
from qa.fetch import SourceError
from qa.http import FetchError
from qa.sync import SourcesError
from qa.web.filters import DateInputError
from qa.web.texts import catalogue, code_text, error_text, notice_text, reason_text, say

ROOT = Path(__file__).resolve().parent.parent
LIBRARY = [p for p in (ROOT / "qa").rglob("*.py")] + [ROOT / "app.py"]


def codes_in_source() -> dict[str, set[str]]:
    """The codes the code gives its errors and notices, read from the calls that make them."""
    found = {"minutes": set(), "notice": set(), "error": set()}
    for path in LIBRARY:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ClassDef):  # `code = "..."` in an error class
                for statement in ast.walk(node):
                    if (
                        isinstance(statement, ast.Assign)
                        and [getattr(t, "id", None) for t in statement.targets] == ["code"]
                        and isinstance(statement.value, ast.Constant)
                    ):
                        bases = {node.name, *(getattr(b, "id", "") for b in node.bases)}
                        section = "minutes" if "MinutesError" in bases else "error"
                        found[section].add(statement.value.value)
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            keyword = {k.arg: k.value for k in node.keywords}
            code = keyword.get("code")
            if name == "MinutesError" and len(node.args) >= 3:
                code = node.args[2]
            if name == "Notice" and len(node.args) >= 2:
                code = node.args[1]
            if isinstance(code, ast.Constant):
                section = {"MinutesError": "minutes", "Notice": "notice"}.get(name, "error")
                found[section].add(code.value)
    return found


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_code_in_the_code_has_its_words():
    danish = catalogue("da")
    missing = [
        f"{section}.{code}"
        for section, codes in codes_in_source().items()
        for code in codes
        if f"{section}.{code}" not in danish
    ]
    assert codes_in_source()["minutes"] >= {"empty", "pdf_no_text", "name_taken"}
    assert missing == []


def test_danish_and_english_say_the_same_things_with_the_same_fields():
    danish, english = catalogue("da"), catalogue("en")
    ours = {key for key in danish if not key.startswith("gradio.")}  # Gradio has English itself
    assert ours == set(english)
    assert [key for key in ours if fields(danish[key]) != fields(english[key])] == []


@pytest.mark.parametrize(
    "error, danish",
    [
        (QuestionError("The question is empty."), "Spørgsmålet er tomt"),
        (QuestionError("No words.", code="question_no_words"), "ingen ord eller tal"),
        (DateInputError("8. oktober"), "“8. oktober” er ikke en dato"),
        (FilterError("x", municipality="Odense", known=()), "Kommunen “Odense” findes ikke"),
        (IndexNotFoundError("No index in /srv/index."), "Der er intet indeks endnu"),
        (IndexBusyError("Another process is rebuilding."), "Prøv igen om lidt"),
        (IndexMismatchError("Built with model 'hash'."), "Kør `qa index --rebuild`"),
        (
            FetchError(
                "https://dagsordener.example.dk/",
                "no answer after 4 attempts (ConnectError: [Errno 111] Connection refused)",
                code="fetch_no_answer",
                attempts=4,
            ),
            "https://dagsordener.example.dk/ svarede ikke, heller ikke efter 4 forsøg.",
        ),
        (
            SourceError(
                "/srv/edoc: no such folder or file", code="source_missing", source="/srv/edoc"
            ),
            "Mappen eller filen /srv/edoc findes ikke.",
        ),
        (
            SourcesError("sources.toml: no [[source]] entries", code="sources_empty"),
            "ingen [[source]]",
        ),
        (QAError("A new error with no words yet."), "Noget gik galt"),
        (RuntimeError("a bug"), "Noget gik galt under søgningen"),
    ],
)
def test_an_error_is_worded_from_its_code_never_from_its_english(error, danish):
    shown = error_text(error)
    assert danish in shown
    assert str(error) not in shown or isinstance(error, DateInputError)


def test_every_error_code_the_web_can_show_has_danish_and_english_words():
    import qa.web.app  # noqa: F401 - the page and the API, and every error they can meet

    def subclasses(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    keys = {
        f"{'minutes' if issubclass(cls, MinutesError) else 'error'}.{cls.code}"
        for cls in subclasses(QAError)
    }
    keys |= {f"error.{code}" for code in codes_in_source()["error"]}
    assert keys >= {"error.filter_committee", "error.fetch_no_answer", "error.sources_kind"}
    missing = [(lang, key) for lang in ("da", "en") for key in keys if key not in catalogue(lang)]
    assert missing == []


def test_a_code_and_its_fields_alone_are_worded_as_the_origins_file_keeps_them():
    url = "https://dagsordener.example.dk/"
    assert (
        code_text("fetch_http", {"url": url, "status": 503}) == f"{url} svarede med HTTP-fejl 503."
    )
    assert code_text("fetch_http", {"url": url, "status": 503}, "en") == (
        f"{url} answered with HTTP error 503."
    )
    general = "Noget gik galt. Prøv igen; fejlen er skrevet i serverens log."
    assert code_text("fetch_http", {"url": url}) == general  # a field missing
    assert code_text("a_code_from_a_newer_version", {}) == general


def test_an_english_question_gets_english_words():
    reversed_range = FilterError("x", date_from=date(2024, 12, 31), date_to=date(2024, 1, 1))
    assert error_text(reversed_range, "en") == (
        "The dates are the wrong way round: “Meetings from” (31-12-2024) is after "
        "“Meetings until” (01-01-2024). Swap them."
    )
    assert say("answer.not_found_plain", "en") == "The minutes do not seem to say."


def test_a_refused_file_and_a_notice_are_worded_from_their_fields():
    too_big = MinutesError("big.pdf", "over the 50 MB limit", "too_big", limit_mb=50)
    assert reason_text(too_big) == "filen er over grænsen på 50 MB"
    notice = Notice(
        "a.txt: Sag nr. 4 appears twice; indexed once", "case_twice", source="a.txt", number=4
    )
    assert notice_text(notice) == "a.txt: Sag nr. 4 står der to gange; indekseret én gang"
    assert notice == "a.txt: Sag nr. 4 appears twice; indexed once"  # the CLI's line, as before


def test_gradio_labels_are_given_in_danish():
    danish = catalogue("da")
    assert danish["gradio.upload_text.drop_file"] == "Slip filer her"
    assert not any(re.search(r"\b(the|here|click)\b", v, re.I) for v in danish.values())


def test_every_refused_file_says_why_by_a_code():
    uncoded = []
    for path in LIBRARY:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) == "MinutesError"
                and len(node.args) < 3
                and not any(k.arg == "code" for k in node.keywords)
            ):
                uncoded.append(f"{path.name}:{node.lineno}")
    assert uncoded == []
