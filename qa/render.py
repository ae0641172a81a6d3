"""Answers as HTML for the web chat: the cited answer, then one card per hit. Everything from a
minutes file is escaped; records go in, HTML comes out at the edge. The words come from the web
chat's catalogue (`qa.web.texts`), in the language of the question."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from urllib.parse import urlsplit

from qa.answer import CLOSEST, EXTRACTIVE, Answer
from qa.highlight import best_sentences
from qa.identity import CaseKey
from qa.retrieval import Hit
from qa.web.sources import source_url
from qa.web.texts import DEFAULT, say

_CITATION = re.compile(r"\[(\d+)\]")


def render_reply(
    answer: Answer,
    cases: dict | None = None,
    turn: int = 1,
    histories: dict | None = None,
    language: str = DEFAULT,
) -> str:
    """A chat turn: what was carried over, the answer with linked citations, then the cards.

    `turn` keeps the card anchors of one answer apart from those of earlier answers in the chat;
    `histories` (case key -> qa.history.History) gives a card its matter's *Sagens forløb*.
    When the minutes do not seem to answer, the weak cards are folded away under the note.
    """
    if not answer.hits:
        return _context(answer.context, language) + render_notice(say("answer.no_hits", language))
    parts = [_context(answer.context, language), render_answer_text(answer, turn, language)]
    cards = []
    for n, hit in enumerate(answer.hits, 1):
        case = (cases or {}).get(hit.chunk.case_key)
        marks = [s.text for s in answer.sentences if n in s.citations]
        history = (histories or {}).get(hit.chunk.case_key)
        cards.append(
            render_card(
                answer.question,
                hit,
                case,
                number=n,
                turn=turn,
                weak=not answer.found,
                marks=marks,
                history=history,
                language=language,
            )
        )
    if answer.found:
        parts.extend(cards)
    else:
        summary = say("answer.weak_cards", language, count=len(cards))
        parts.append(
            f"<details class='qa-weak-cards'><summary>{escape(summary)}</summary>"
            + "\n".join(cards)
            + "</details>"
        )
    return "\n".join(p for p in parts if p)


def render_answer_text(answer: Answer, turn: int = 1, language: str = DEFAULT) -> str:
    """The answer above the cards; every [n] links to card n and names its meeting and case."""
    if not answer.found:
        return (
            f"<div class='qa-answer qa-not-found'>{escape(say('answer.not_found', language))}</div>"
        )

    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(answer.hits):
            return match.group(0)
        c = answer.hits[n - 1].chunk
        label = escape(f"{c.committee} · {c.meeting_date:%d-%m-%Y} · Sag nr. {c.case_number}")
        return f"<a class='qa-ref' href='#qa-{turn}-{n}' title='{label}'>[{n}]</a>"

    text = _CITATION.sub(link, escape(answer.text))
    note = escape(
        say("answer.extractive", language)
        if answer.generator == EXTRACTIVE
        else say("answer.written_by", language, model=answer.generator)
    )
    notices = "".join(f"<div class='qa-answer-notice'>{escape(n)}</div>" for n in answer.notices)
    closest = answer.status == CLOSEST
    if closest:
        note = escape(say("answer.closest", language))
    return (
        f"<div class='qa-answer{' qa-closest' if closest else ''}'>{_paragraphs(text)}{notices}"
        f"<div class='qa-answer-note'>{note}</div></div>"
    )


def render_plain(answer: Answer, language: str = DEFAULT) -> str:
    """The answer as plain text for the clipboard: the sentences, then what each [n] cites."""
    lines = [answer.text if answer.found else say("answer.not_found_plain", language)]
    lines.append("")
    for n, hit in enumerate(answer.hits, 1):
        lines.append(f"[{n}] {hit.citation}")
    return "\n".join(lines).strip()


def render_card(
    question: str,
    hit: Hit,
    case: dict | None = None,
    number: int | None = None,
    turn: int = 1,
    weak: bool = False,
    marks: list[str] | None = None,
    history=None,
    language: str = DEFAULT,
) -> str:
    """One hit: citation header, title, section and relevance, the passage, the whole case, links,
    and the matter's history when it appears in more than one meeting.

    The answer's own sentences are marked in the passage when given, else the sentences that
    share the question's words.
    """
    c = hit.chunk
    weak = weak or hit.weak
    classes = "qa-card qa-weak" if weak else "qa-card"
    anchor = f" id='qa-{turn}-{number}'" if number else ""
    badge = f"<span class='qa-number'>[{number}]</span> " if number else ""
    kind = "" if c.kind == "referat" else f" · {escape(c.kind)}"
    where = f"{escape(c.municipality)} · " if hit.show_municipality and c.municipality else ""
    header = (
        f"<div class='qa-cite'>{badge}{where}{escape(c.committee)} · {c.meeting_date:%d-%m-%Y}"
        f"{kind} · "
        f"<b>{escape(say('card.case', language, number=c.case_number))}</b></div>"
        f"<div class='qa-title'>{escape(c.title)}</div>"
        f"<div class='qa-meta'>{escape(c.section or say('card.whole_case', language))} · "
        f"{_relevance(hit, weak, language)}</div>"
    )
    passage = mark_html(c.text, marks) if marks else highlight_html(question, c.text)
    full = ""
    if case and case.get("sections"):
        body = "".join(
            f"<h4>{escape(s['heading'])}</h4>{_paragraphs(escape(s['text']))}"
            for s in case["sections"]
            if s["text"].strip() or s["heading"]
        )
        summary = escape(say("card.whole_case", language))
        full = f"<details class='qa-full'><summary>{summary}</summary>{body}</details>"
    return (
        f"<div class='{classes}'{anchor}>{header}<div class='qa-passage'>{passage}</div>{full}"
        f"{render_history(history, c.case_key, language)}{_source_links(c, language)}</div>"
    )


def render_history(history, current: CaseKey | None = None, language: str = DEFAULT) -> str:
    """*Sagens forløb*: the matter's appearances oldest first, each with its decision and a link
    to its document; empty when the matter appears only once."""
    if history is None or not history.several:
        return ""
    steps = []
    for step in history.appearances:
        kind = f" · {escape(step.kind)}" if step.kind == "dagsorden" else ""
        here = " qa-history-here" if step.key == current else ""
        decision = escape(step.decision_text)
        source = escape(say("card.source", language))
        link = f"<a href='{escape(source_url(step.source))}' target='_blank'>{source}</a>"
        steps.append(
            f"<li class='qa-history-step{here}'><b>{step.meeting_date:%d-%m-%Y}</b> "
            f"{escape(step.committee)}{kind} · "
            f"{escape(say('card.case', language, number=step.case_number))}: "
            f"<i>{escape(step.title)}</i><div class='qa-history-decision'>{decision} {link}</div>"
            f"</li>"
        )
    return (
        f"<details class='qa-history'><summary>"
        f"{escape(say('card.history', language, count=len(history)))}</summary>"
        f"<ol>{''.join(steps)}</ol></details>"
    )


def mark_html(text: str, marks: list[str]) -> str:
    """The passage, escaped, with the given sentences (those found in it) in <mark>."""
    spans = []
    for sentence in marks:
        start = text.find(sentence)
        if start >= 0:
            spans.append((start, start + len(sentence)))
    out, position = [], 0
    for start, end in sorted(spans):
        if start < position:
            continue
        out.append(escape(text[position:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    out.append(escape(text[position:]))
    return _paragraphs("".join(out))


def highlight_html(question: str, text: str) -> str:
    """The passage, escaped, with its best-answering sentences in <mark>."""
    out, position = [], 0
    for sentence in best_sentences(question, text):
        out.append(escape(text[position : sentence.start]))
        out.append(f"<mark>{escape(sentence.text)}</mark>")
        position = sentence.end
    out.append(escape(text[position:]))
    return _paragraphs("".join(out))


def render_notice(message: str, warning: bool = False) -> str:
    """A plain message in the chat (no hits, a bad question, a missing index), escaped."""
    classes = "qa-notice qa-weak-notice" if warning else "qa-notice"
    return f"<div class='{classes}'>{escape(message)}</div>"


def render_pending(language: str = DEFAULT) -> str:
    """The chat's reply while the answer is sought: in the page's words, where Gradio's own
    progress line ("processing | 0.4s") has none in Danish."""
    return f"<div class='qa-pending'>{escape(say('answer.searching', language))}</div>"


def _relevance(hit: Hit, weak: bool = False, language: str = DEFAULT) -> str:
    if weak or hit.weak:
        return f"<span class='qa-badge qa-badge-weak'>{escape(say('card.weak', language))}</span>"
    score = f"{hit.similarity:.2f}" if hit.similarity is not None else f"{hit.score:.2f}"
    return f"<span class='qa-badge'>{escape(say('card.relevance', language, score=score))}</span>"


def _paragraphs(escaped: str) -> str:
    """Blank lines to paragraphs and single newlines to line breaks (input already escaped)."""
    paragraphs = [p.strip() for p in escaped.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _context(context: dict | None, language: str = DEFAULT) -> str:
    """The line saying what a follow-up carried over from the earlier turns."""
    if not context:
        return ""
    if context.get("case_number") is not None and context.get("meeting_date"):
        meeting = date.fromisoformat(str(context["meeting_date"]))
        label = say(
            "answer.case_label", language, number=context["case_number"], date=f"{meeting:%d-%m-%Y}"
        )
    elif context.get("meeting") and context.get("meeting_date"):  # within a meeting's cases
        meeting = date.fromisoformat(str(context["meeting_date"]))
        label = say(
            "answer.meeting_label",
            language,
            committee=context.get("committee") or "",
            date=f"{meeting:%d-%m-%Y}",
        )
    else:
        label = context.get("title") or context.get("committee") or ""
    if not label:
        return ""
    line = say("answer.follow_up", language, label=str(label))
    return f"<div class='qa-context'>{escape(line)}</div>"


def _source_links(chunk, language: str = DEFAULT) -> str:
    """Where the passage comes from: the corpus file served by the app, and the original online."""
    page = getattr(chunk, "page", None)
    where = say("card.page", language, source=chunk.source, page=page) if page else chunk.source
    links = [
        f"{escape(say('card.source', language))}: "
        f"<a class='qa-open' href='{escape(source_url(chunk.source, page, chunk.case_number))}' "
        f"target='_blank' rel='noopener'>{escape(where)}</a>"
    ]
    url = getattr(chunk, "url", None)
    if url and urlsplit(url).scheme in ("http", "https"):
        links.append(
            f"<a class='qa-original' href='{escape(url)}' target='_blank' "
            f"rel='noopener noreferrer'>{escape(say('card.original', language))}</a>"
        )
    return f"<div class='qa-source'>{' · '.join(links)}</div>"
