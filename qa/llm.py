"""An answer written by a language model from the retrieved passages, and checked before it is shown.

Optional: set QA_LLM_URL to any OpenAI-compatible chat endpoint (Ollama, vLLM, llama.cpp's server,
LM Studio, Azure OpenAI). The model sees only the passages, numbered [1]..[n] in hit order, and
must cite one for every claim. Its streamed text is then checked: citations of passages it was
not given are removed, figures that no cited passage holds are flagged, and an answer that cites
nothing, or a server that is down, slow or talks nonsense, gives way to the extractive answer
with one line saying why. Nothing here waits longer than the timeouts in `LLMSettings`.
"""

from __future__ import annotations

import codecs
import json
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

from qa.answer import Answer, AnswerSentence
from qa.errors import QAError
from qa.figures import FIGURE
from qa.highlight import sentences as split_sentences
from qa.language import question_language
from qa.retrieval import Hit
from qa.settings import DEFAULT_LLM_TIMEOUT, Settings

if TYPE_CHECKING:
    import httpx

DEFAULT_TIMEOUT = (
    DEFAULT_LLM_TIMEOUT  # seconds of silence (connecting, first token, between tokens)
)
DEFAULT_TOTAL_TIMEOUT = 120.0  # seconds for the whole answer, however it trickles in
MAX_ANSWER_TOKENS = 400  # a brief answer; also bounds a model that rambles
MAX_ANSWER_CHARS = 6000
MAX_REPLY_BYTES = 1_000_000


class LLMError(QAError):
    """The language model gave no usable answer; `kind` says why, for the notice."""

    def __init__(self, kind: str, detail: str = ""):
        self.kind = kind
        self.detail = detail
        super().__init__(f"{kind}: {detail}" if detail else kind)


@dataclass(frozen=True)
class LLMSettings:
    url: str  # the chat endpoint, or the API's base (".../v1"), to which /chat/completions is added
    model: str = ""  # empty: the server's own model (llama.cpp, Azure deployments)
    api_key: str | None = None
    timeout: float = DEFAULT_TIMEOUT
    total_timeout: float = DEFAULT_TOTAL_TIMEOUT
    max_tokens: int = MAX_ANSWER_TOKENS

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMSettings | None:
        """The LLM of QA_LLM_URL, QA_LLM_MODEL, QA_LLM_API_KEY, QA_LLM_TIMEOUT; None without a
        URL (extractive answers)."""
        if not settings.llm_url:
            return None
        return cls(
            url=settings.llm_url,
            model=settings.llm_model,
            api_key=settings.llm_api_key or None,
            timeout=settings.llm_timeout,
            total_timeout=max(DEFAULT_TOTAL_TIMEOUT, 4 * settings.llm_timeout),
        )

    @property
    def endpoint(self) -> str:
        """The chat completions URL: given whole, or the API base with /chat/completions added."""
        parts = urlsplit(self.url)
        path = parts.path.rstrip("/")
        if not path.endswith("/chat/completions"):
            path = (path or "/v1") + "/chat/completions"
        return urlunsplit(parts._replace(path=path))

    def headers(self) -> dict[str, str]:
        if not self.api_key:
            return {}
        parts = urlsplit(self.url)
        if (parts.hostname or "").endswith(".azure.com") or "api-version=" in parts.query:
            return {"api-key": self.api_key}  # Azure OpenAI's key header
        return {"Authorization": f"Bearer {self.api_key}"}


# ---------------------------------------------------------------------------------------------
# The answer


def generate_answer(
    question: str,
    hits: Sequence[Hit],
    context: dict | None,
    settings: LLMSettings,
    fallback: Answer,
) -> Iterator[Answer]:
    """Partial answers as the model writes, then the checked answer (or `fallback`, saying why)."""
    hits = tuple(hits)
    danish = is_danish(question)
    if not hits:
        yield fallback
        return
    if not fallback.found:
        # Weak passages invite a model to invent; the extractive answer says the minutes are silent.
        yield _with_notice(fallback, _say(danish, "not_asked"))
        return
    messages = answer_messages(question, hits)
    model, text = settings.model, ""
    try:
        for delta, served_by in _chat(settings, messages):
            model = model or served_by
            text += delta
            if _echoes_prompt(text, danish, len(hits), finished_only=True):
                # No need to hear the rest of its prompt: this answer will not be shown.
                yield _with_notice(fallback, _say(danish, "echo_answer"))
                return
            if delta.strip():
                yield _partial(question, text, hits, context, model or "llm", fallback)
            if len(text) > MAX_ANSWER_CHARS:
                break
    except LLMError as error:
        yield _with_notice(fallback, _failure_notice(error, settings, danish))
        return
    if not text.strip():
        yield _with_notice(fallback, _failure_notice(LLMError("empty"), settings, danish))
        return
    yield check_answer(question, text, hits, context, model or "llm", fallback)


def _partial(
    question: str, text: str, hits: tuple[Hit, ...], context, generator: str, fallback: Answer
) -> Answer:
    """The answer so far: invalid citations already gone, finished sentences' figures checked."""
    sentences = parse_sentences(_remove_citations(text, _invalid_citations(text, len(hits))))
    done, _ = _flag_figures(sentences[:-1], hits, is_danish(question))
    sentences = done + sentences[-1:]  # the last sentence may still be waiting for its citation
    return _answer(question, sentences, hits, context, generator, fallback)


def answer_messages(question: str, hits: Sequence[Hit]) -> list[dict]:
    """One user message (some chat templates refuse a system role): instructions, passages, question."""
    danish = is_danish(question)
    passages = "\n\n".join(f"[{n}] {_passage(hit)}" for n, hit in enumerate(hits, 1))
    if danish:
        tail = f"Afsnit:\n\n{passages}\n\nSpørgsmål: {question}\nSvar:"
    else:
        tail = f"Passages:\n\n{passages}\n\nQuestion: {question}\nAnswer:"
    return [{"role": "user", "content": f"{instructions(danish, len(hits))}\n\n{tail}"}]


def instructions(danish: bool, passages: int) -> str:
    if danish:
        return (
            "Besvar spørgsmålet ud fra de nummererede afsnit fra kommunale mødereferater nedenfor, "
            "og kun ud fra dem. Svar kort på dansk, i højst tre sætninger. Skriv afsnittets nummer "
            f"i kantede parenteser efter hver oplysning, fx [1]. Der er kun afsnit 1 til {passages}. "
            "Skriv kun tal, der står i det afsnit, du henviser til. Står svaret ikke i afsnittene, "
            "så skriv det."
        )
    return (
        "Answer the question from the numbered passages of municipal committee minutes below, "
        "and from them only. Answer briefly in English, in at most three sentences. Cite the "
        f"passage number in square brackets after every claim, e.g. [1]. There are only passages "
        f"1 to {passages}. Write only figures that the cited passage contains. If the passages "
        "do not answer the question, say so."
    )


# The lines that frame the passages and the question in the prompt (see answer_messages).
_PROMPT_FRAME = re.compile(r"^\s*(?:Afsnit|Passages|Spørgsmål|Question)\s*:", re.MULTILINE)


def _echoes_prompt(text: str, danish: bool, passages: int, finished_only: bool = False) -> bool:
    """Does the text repeat its prompt: a sentence of the instructions, or the lines that frame
    the passages and the question? Small models do, and what follows is no answer.

    `finished_only` (while streaming) leaves the sentence still being written out of it.
    """
    if _PROMPT_FRAME.search(text):
        return True
    sentences = parse_sentences(text)
    if finished_only:
        sentences = sentences[:-1]
    said = _words(instructions(danish, passages))
    return any(len(_words(s.text).split()) >= 4 and _words(s.text) in said for s in sentences)


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _passage(hit: Hit) -> str:
    """A passage as the model sees it; its figures are the ones a citation of it supports."""
    chunk = hit.chunk
    section = f" ({chunk.section})" if chunk.section else ""
    return f"{hit.citation}{section}\n{chunk.text}"


def check_answer(
    question: str,
    text: str,
    hits: Sequence[Hit],
    context: dict | None,
    generator: str,
    fallback: Answer,
) -> Answer:
    """The model's text as an Answer whose every citation and figure has been checked.

    A citation of a passage that was not given is removed (with a notice); a figure that none
    of its sentence's cited passages holds is named in the sentence and in a notice, so it is
    never shown as supported. An answer that fails as a whole gives way to `fallback`, with one
    line saying why: it repeats its prompt, cites no passage it was given, or leaves most of its
    sentences uncited (then the warnings would outnumber what can be trusted).
    """
    hits = tuple(hits)
    danish = is_danish(question)
    notices: list[str] = []
    invalid = _invalid_citations(text, len(hits))
    if invalid:
        text = _remove_citations(text, invalid)
        notices.append(_say(danish, "invalid", cited=_list(f"[{n}]" for n in invalid), n=len(hits)))
    if _echoes_prompt(text, danish, len(hits)):
        return _with_notice(fallback, _say(danish, "echo_answer"))
    sentences = parse_sentences(text)
    uncited = sum(not s.citations for s in sentences)
    if uncited == len(sentences):
        return _with_notice(fallback, _say(danish, "uncited_answer"))
    if 2 * uncited > len(sentences):
        return _with_notice(
            fallback, _say(danish, "mostly_uncited", count=uncited, total=len(sentences))
        )
    sentences, flagged = _flag_figures(sentences, hits, danish)
    if flagged:
        notices.append(_say(danish, "figures", figures=_list(flagged)))
    if uncited:
        notices.append(_say(danish, "uncited_sentences", count=uncited))
    answer = _answer(question, sentences, hits, context, generator, fallback, notices)
    return _judged(answer, fallback, danish)


def _answer(question, sentences, hits, context, generator, fallback, notices=()) -> Answer:
    """The model's sentences as an Answer over the passages it was given."""
    return Answer(
        question=question,
        text=render(sentences),
        found=fallback.found,
        sentences=tuple(sentences),
        hits=hits,
        context=context,
        generator=generator,
        notices=tuple(notices),
        confidence=fallback.confidence,
    )


def _judged(answer: Answer, fallback: Answer, danish: bool) -> Answer:
    """How sure the model's finished answer is: as sure as the evidence, never surer.

    The model writes well whatever it is given, so its own wording says nothing of whether the
    minutes hold the answer. The extractive answer's fitted confidence does: the model's answer
    is confident when that one is, every check passed (no notice), and it cites the passages
    that hold the sentences the extractive answer states. When the extractive answer was unsure,
    the model's says so too, so a fluent answer is never taken for a sure one.
    """
    stated = {n for s in fallback.sentences for n in s.citations}
    cited = {n for s in answer.sentences for n in s.citations}
    if fallback.confident and not answer.notices and stated and stated <= cited:
        return replace(answer, confident=True)
    if fallback.found and not fallback.confident:
        return _with_notice(answer, _say(danish, "unsure"))
    return answer


def _flag_figures(
    sentences: list[AnswerSentence], hits: tuple[Hit, ...], danish: bool
) -> tuple[list[AnswerSentence], list[str]]:
    """Sentences with each figure that none of their cited passages holds named in the sentence."""
    pools = [_figures(_passage(hit)) for hit in hits]
    out, flagged = [], []
    for sentence in sentences:
        supported = set().union(*(pools[n - 1] for n in sentence.citations))
        unsupported = [f for f in _figure_tokens(sentence.text) if not _values(f) & supported]
        unsupported = list(dict.fromkeys(unsupported))
        if unsupported:
            mark = _say(danish, "figure_mark", figures=_list(unsupported))
            sentence = replace(sentence, text=_insert_before_end(sentence.text, f" ({mark})"))
            flagged.extend(f for f in unsupported if f not in flagged)
        out.append(sentence)
    return out, flagged


# ---------------------------------------------------------------------------------------------
# Citations and sentences

# "[1]", "[1, 3]", "[1-2]", "[Afsnit 2]": a citation is a bracketed passage number or list.
_CITATION = re.compile(
    r"\[\s*(?:afsnit|passage|kilde|source)?\s*(\d+(?:\s*(?:,|;|og|and|-|–)\s*\d+)*)\s*\]",
    re.IGNORECASE,
)
_CITATIONS_AFTER_END = re.compile(r"([.!?])((?:[ \t]*\[[^\]\n]*\d[^\]\n]*\])+)")


def _cited_numbers(group: str) -> list[int]:
    numbers: list[int] = []
    for part in re.split(r"\s*(?:,|;|og|and)\s*", group):
        if m := re.fullmatch(r"(\d+)\s*[-–]\s*(\d+)", part):
            low, high = int(m[1]), int(m[2])
            numbers.extend(range(low, high + 1) if 0 < high - low < 20 else (low, high))
        elif part.strip().isdigit():
            numbers.append(int(part))
    return numbers


def _invalid_citations(text: str, given: int) -> list[int]:
    found = (n for m in _CITATION.finditer(text) for n in _cited_numbers(m[1]))
    return sorted({n for n in found if not 1 <= n <= given})


def _remove_citations(text: str, invalid: Iterable[int]) -> str:
    invalid = set(invalid)
    if not invalid:
        return text

    def keep_valid(match: re.Match) -> str:
        numbers = [n for n in _cited_numbers(match[1]) if n not in invalid]
        return f"[{', '.join(map(str, numbers))}]" if numbers else ""

    return re.sub(r"[ \t]+([.,;:!?])", r"\1", _CITATION.sub(keep_valid, text))


def parse_sentences(text: str) -> list[AnswerSentence]:
    """Sentences of the model's text, each with the passages it cites (markers taken out)."""
    # "... 220 personer. [1] Der ..." cites [1] for the sentence before it.
    text = _CITATIONS_AFTER_END.sub(r"\2\1", text)
    out = []
    for piece in split_sentences(text):
        citations = [n for m in _CITATION.finditer(piece.text) for n in _cited_numbers(m[1])]
        body = _CITATION.sub("", piece.text)
        body = re.sub(r"\s+([.,;:!?])", r"\1", " ".join(body.split()))
        body = body.strip(" -*•")
        if not re.search(r"\w", body):
            if citations and out:  # a line of markers alone belongs to the sentence before
                last = out[-1]
                out[-1] = replace(
                    last, citations=tuple(dict.fromkeys(last.citations + tuple(citations)))
                )
            continue
        out.append(AnswerSentence(body, tuple(dict.fromkeys(citations))))
    return out


def render(sentences: Iterable[AnswerSentence]) -> str:
    """The answer as shown: each sentence with its citations before its final full stop."""
    parts = []
    for s in sentences:
        markers = "".join(f"[{n}]" for n in s.citations)
        parts.append(_insert_before_end(s.text, f" {markers}") if markers else s.text)
    return " ".join(parts)


def _insert_before_end(text: str, insert: str) -> str:
    m = re.search(r"[.!?]+[\"”’)]*$", text)
    return text[: m.start()] + insert + text[m.start() :] if m else text + insert


# ---------------------------------------------------------------------------------------------
# Figures: numbers, percentages, amounts, years

_SCALE = {"mio": 1e6, "million": 1e6, "mia": 1e9, "milliard": 1e9, "billion": 1e9}


def _figure_tokens(text: str) -> list[str]:
    return [m.group().strip() for m in FIGURE.finditer(text)]


def _values(figure: str) -> set[float]:
    """Every number `figure` may mean: "1.500" is 1500 in Danish and 1.5 in English."""
    m = re.match(r"([\d.,]+)\s*([a-z]*)", figure, re.IGNORECASE)
    digits, word = m[1], m[2].lower()
    readings = set()
    for thousands, decimal in ((".", ","), (",", ".")):
        parts = digits.split(decimal)
        if len(parts) > 2:
            continue
        whole = parts[0]
        groups = whole.split(thousands)
        if len(groups) > 1 and not all(len(g) == 3 for g in groups[1:]):
            continue
        number = "".join(groups) + ("." + parts[1] if len(parts) == 2 else "")
        try:
            readings.add(float(number))
        except ValueError:
            continue
    scale = next((v for k, v in _SCALE.items() if word.startswith(k)), None)
    if scale:
        readings |= {round(r * scale, 2) for r in readings}
    return readings


def _figures(text: str) -> set[float]:
    return {v for token in _figure_tokens(text) for v in _values(token)}


# ---------------------------------------------------------------------------------------------
# The chat endpoint


def _chat(settings: LLMSettings, messages: list[dict]) -> Iterator[tuple[str, str]]:
    """(text, model) pieces of a streamed chat completion; LLMError when there is no good answer.

    `timeout` bounds every silence (connecting, the first token, the next token: a stream that
    stalls, even one kept alive by SSE comments) and `total_timeout` the whole answer.
    """
    import httpx  # here: `qa answer` without an LLM need not import it

    body = {
        "messages": messages,
        "stream": True,
        "temperature": 0,
        "max_tokens": settings.max_tokens,
    }
    if settings.model:
        body["model"] = settings.model
    started = time.monotonic()
    got_text = False
    try:
        with (
            httpx.Client(timeout=settings.timeout) as client,
            client.stream("POST", settings.endpoint, json=body, headers=settings.headers()) as resp,
        ):
            last_text = time.monotonic()  # the server is there: now time its silences
            if resp.status_code >= 400:
                raise LLMError("http", f"{resp.status_code} {_short(resp.read())}".strip())
            if "text/event-stream" not in resp.headers.get("content-type", ""):
                # Not streamed after all: one JSON completion.
                completion = _json(_read_all(resp, started, settings))
                yield _message_text(completion), str(completion.get("model") or "")
                return
            for data in _sse_data(resp):
                now = time.monotonic()
                if now - started > settings.total_timeout:
                    raise LLMError("total_timeout")
                if data is not None and data.strip() == "[DONE]":
                    return
                event = _json(data) if data is not None else {"choices": []}
                if "error" in event:
                    raise LLMError("server_error", _short(str(event["error"])))
                delta = _delta_text(event)
                if delta:
                    got_text, last_text = True, now
                    yield delta, str(event.get("model") or "")
                elif now - last_text > settings.timeout:  # kept alive, but no text
                    raise LLMError("stalled" if got_text else "timeout")
    except httpx.TimeoutException as error:
        kind = "stalled" if got_text else "timeout"
        raise LLMError(kind, type(error).__name__) from error
    except httpx.ConnectError as error:
        raise LLMError("down", str(error)) from error
    except httpx.HTTPError as error:
        raise LLMError("broken", f"{type(error).__name__}: {error}") from error


def _sse_data(response: httpx.Response) -> Iterator[str | None]:
    """The data of each server-sent event; None for comments, so silence can still be timed."""
    decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
    buffer, data = "", []
    for chunk in response.iter_bytes():
        buffer += decoder.decode(chunk)
        *lines, buffer = re.split(r"\r\n|\r|\n", buffer)
        for line in lines:
            if not line:
                if data:
                    yield "\n".join(data)
                    data = []
            elif line.startswith(":"):
                yield None
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif not line.startswith(("event:", "id:", "retry:")):
                raise LLMError("garbage", _short(line))
        if not lines:
            yield None
    tail = buffer.strip()
    if tail.startswith("data:"):
        data.append(tail[5:].strip())
    elif tail:
        raise LLMError("garbage", _short(tail))
    if data:
        yield "\n".join(data)


def _read_all(response: httpx.Response, started: float, settings: LLMSettings) -> str:
    raw = b""
    for chunk in response.iter_bytes():
        raw += chunk
        if time.monotonic() - started > settings.total_timeout:
            raise LLMError("total_timeout")
        if len(raw) > MAX_REPLY_BYTES:
            break
    return raw.decode("utf-8", errors="replace")


def _json(data: str) -> dict:
    try:
        value = json.loads(data)
    except ValueError as error:
        raise LLMError("garbage", _short(data)) from error
    if not isinstance(value, dict):
        raise LLMError("garbage", _short(data))
    return value


def _choice(event: dict) -> dict | None:
    choices = event.get("choices")
    if choices is None and "error" not in event:
        raise LLMError("no_choices", _short(json.dumps(event)))
    if not isinstance(choices, list):
        raise LLMError("no_choices", _short(json.dumps(event)))
    # Azure sends a first chunk with no choices (its content filter's results): nothing to add.
    return choices[0] if choices and isinstance(choices[0], dict) else None


def _delta_text(event: dict) -> str:
    choice = _choice(event)
    if choice is None:
        return ""
    delta = choice.get("delta") or choice.get("message") or {}
    content = delta.get("content") if isinstance(delta, dict) else None
    if content is None:
        content = choice.get("text")  # a completions-style server
    return content if isinstance(content, str) else ""


def _message_text(event: dict) -> str:
    if "error" in event:
        raise LLMError("server_error", _short(str(event["error"])))
    return _delta_text(event)


def _short(value: bytes | str, limit: int = 120) -> str:
    text = value.decode("utf-8", errors="replace") if isinstance(value, bytes) else value
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Language and notices


def is_danish(text: str) -> bool:
    return question_language(text) == "da"


_NOTICES = {
    "not_asked": (
        "Sprogmodellen blev ikke spurgt: referaterne ser ikke ud til at besvare spørgsmålet.",
        "The language model was not asked: the minutes do not seem to answer the question.",
    ),
    "failed": (
        "Sprogmodellen kunne ikke bruges ({why}); svaret er taget direkte fra referaterne.",
        "The language model could not be used ({why}); the answer is taken from the minutes.",
    ),
    "invalid": (
        "Sprogmodellen henviste til {cited}, som den ikke fik (kun [1]-[{n}]); henvisningen er fjernet.",
        "The language model cited {cited}, which it was not given (only [1]-[{n}]); removed.",
    ),
    "uncited_answer": (
        "Sprogmodellens svar henviste ikke til nogen af afsnittene; svaret er taget direkte fra referaterne.",
        "The language model's answer cited none of the passages; the answer is taken from the minutes.",
    ),
    "echo_answer": (
        "Sprogmodellen gentog sine instruktioner i stedet for at svare; "
        "svaret er taget direkte fra referaterne.",
        "The language model repeated its instructions instead of answering; "
        "the answer is taken from the minutes.",
    ),
    "mostly_uncited": (
        "{count} af sprogmodellens {total} sætninger henviste ikke til et afsnit; "
        "svaret er taget direkte fra referaterne.",
        "{count} of the language model's {total} sentences cited no passage; "
        "the answer is taken from the minutes.",
    ),
    "figures": (
        "Tal, der ikke står i de afsnit, sætningen henviser til: {figures}.",
        "Figures not in the passages their sentence cites: {figures}.",
    ),
    "figure_mark": ("⚠ {figures} står ikke i kilden", "⚠ {figures} not in the cited text"),
    "unsure": (
        "Referaterne siger det ikke tydeligt ét sted: sprogmodellens svar bygger på de nærmeste "
        "afsnit. Læs dem efter.",
        "The minutes do not say this clearly in one place: the language model's answer rests on "
        "the closest passages. Check them.",
    ),
    "uncited_sentences": (
        "{count} sætning(er) i svaret henviser ikke til et afsnit.",
        "{count} sentence(s) of the answer cite no passage.",
    ),
}
_WHY = {
    "down": ("ingen forbindelse til {url}", "no connection to {url}"),
    "timeout": ("intet svar inden for {timeout:g} s", "no answer within {timeout:g} s"),
    "stalled": (
        "svaret gik i stå i over {timeout:g} s",
        "the answer stalled for over {timeout:g} s",
    ),
    "total_timeout": ("svaret tog over {total:g} s", "the answer took over {total:g} s"),
    "http": ("serveren svarede HTTP {detail}", "the server answered HTTP {detail}"),
    "server_error": ("serveren meldte en fejl: {detail}", "the server reported an error: {detail}"),
    "garbage": ("serveren svarede ikke med JSON", "the server's reply was not JSON"),
    "no_choices": ("serverens svar havde intet svarvalg", "the server's reply had no choices"),
    "empty": ("modellen svarede med en tom tekst", "the model's answer was empty"),
    "broken": ("forbindelsen blev afbrudt", "the connection broke"),
}


def _say(danish: bool, key: str, **values) -> str:
    return _NOTICES[key][0 if danish else 1].format(**values)


def _failure_notice(error: LLMError, settings: LLMSettings, danish: bool) -> str:
    template = _WHY.get(error.kind, _WHY["broken"])[0 if danish else 1]
    why = template.format(
        url=settings.endpoint,
        timeout=settings.timeout,
        total=settings.total_timeout,
        detail=error.detail,
    )
    return _say(danish, "failed", why=why)


def _list(items: Iterable[str]) -> str:
    return ", ".join(items)


def _with_notice(answer: Answer, notice: str) -> Answer:
    return replace(answer, notices=(*answer.notices, notice))
