"""Answers as HTML for the web chat: the cited answer, then one card per hit. Everything from a
minutes file is escaped; records go in, HTML comes out at the edge."""

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

NOT_FOUND = (
    "Referaterne ser ikke ud til at sige noget om det. De nærmeste sager står nedenfor, "
    "markeret som svage. <span lang='en'>(The minutes do not seem to say.)</span>"
)
NO_HITS = "Ingen passager fundet. Prøv andre ord, eller fjern filtrene."
EXTRACTIVE_NOTE = "Svaret er sætninger citeret ordret fra referaterne."
CLOSEST_NOTE = (
    "Referaterne siger det ikke tydeligt ét sted. Sætningerne er de nærmeste, citeret ordret; "
    "ingen af dem er givet som svaret."
)
_CITATION = re.compile(r"\[(\d+)\]")


def render_reply(
    answer: Answer, cases: dict | None = None, turn: int = 1, histories: dict | None = None
) -> str:
    """A chat turn: what was carried over, the answer with linked citations, then the cards.

    `turn` keeps the card anchors of one answer apart from those of earlier answers in the chat;
    `histories` (case key -> qa.history.History) gives a card its matter's *Sagens forløb*.
    """
    if not answer.hits:
        return _context(answer.context) + render_notice(NO_HITS)
    parts = [_context(answer.context), render_answer_text(answer, turn)]
    for n, hit in enumerate(answer.hits, 1):
        case = (cases or {}).get(hit.chunk.case_key)
        marks = [s.text for s in answer.sentences if n in s.citations]
        history = (histories or {}).get(hit.chunk.case_key)
        parts.append(
            render_card(
                answer.question,
                hit,
                case,
                number=n,
                turn=turn,
                weak=not answer.found,
                marks=marks,
                history=history,
            )
        )
    return "\n".join(p for p in parts if p)


def render_answer_text(answer: Answer, turn: int = 1) -> str:
    """The answer above the cards; every [n] links to card n and names its meeting and case."""
    if not answer.found:
        return f"<div class='qa-answer qa-not-found'>{NOT_FOUND}</div>"

    def link(match: re.Match) -> str:
        n = int(match.group(1))
        if not 1 <= n <= len(answer.hits):
            return match.group(0)
        c = answer.hits[n - 1].chunk
        label = escape(f"{c.committee} · {c.meeting_date:%d-%m-%Y} · Sag nr. {c.case_number}")
        return f"<a class='qa-ref' href='#qa-{turn}-{n}' title='{label}'>[{n}]</a>"

    text = _CITATION.sub(link, escape(answer.text))
    note = (
        EXTRACTIVE_NOTE
        if answer.generator == EXTRACTIVE
        else (
            f"Skrevet af sprogmodellen {escape(answer.generator)} ud fra de nummererede passager."
        )
    )
    notices = "".join(f"<div class='qa-answer-notice'>{escape(n)}</div>" for n in answer.notices)
    closest = answer.status == CLOSEST
    if closest:
        note = CLOSEST_NOTE
    return (
        f"<div class='qa-answer{' qa-closest' if closest else ''}'>{_paragraphs(text)}{notices}"
        f"<div class='qa-answer-note'>{note}</div></div>"
    )


def render_plain(answer: Answer) -> str:
    """The answer as plain text for the clipboard: the sentences, then what each [n] cites."""
    lines = [answer.text if answer.found else "Referaterne ser ikke ud til at sige noget om det."]
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
        f"<b>Sag nr. {c.case_number}</b></div>"
        f"<div class='qa-title'>{escape(c.title)}</div>"
        f"<div class='qa-meta'>{escape(c.section or 'Hele sagen')} · {_relevance(hit, weak)}</div>"
    )
    passage = mark_html(c.text, marks) if marks else highlight_html(question, c.text)
    full = ""
    if case and case.get("sections"):
        body = "".join(
            f"<h4>{escape(s['heading'])}</h4>{_paragraphs(escape(s['text']))}"
            for s in case["sections"]
            if s["text"].strip() or s["heading"]
        )
        full = f"<details class='qa-full'><summary>Hele sagen</summary>{body}</details>"
    return (
        f"<div class='{classes}'{anchor}>{header}<div class='qa-passage'>{passage}</div>{full}"
        f"{render_history(history, c.case_key)}{_source_links(c)}</div>"
    )


def render_history(history, current: CaseKey | None = None) -> str:
    """*Sagens forløb*: the matter's appearances oldest first, each with its decision and a link
    to its document; empty when the matter appears only once."""
    if history is None or not history.several:
        return ""
    steps = []
    for step in history.appearances:
        kind = " · dagsorden" if step.kind == "dagsorden" else ""
        here = " qa-history-here" if step.key == current else ""
        decision = escape(step.decision_text)
        link = f"<a href='{escape(source_url(step.source))}' target='_blank'>Kilde</a>"
        steps.append(
            f"<li class='qa-history-step{here}'><b>{step.meeting_date:%d-%m-%Y}</b> "
            f"{escape(step.committee)}{kind} · Sag nr. {step.case_number}: "
            f"<i>{escape(step.title)}</i><div class='qa-history-decision'>{decision} {link}</div>"
            f"</li>"
        )
    return (
        f"<details class='qa-history'><summary>Sagens forløb ({len(history)} møder)</summary>"
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


def _relevance(hit: Hit, weak: bool = False) -> str:
    if weak or hit.weak:
        return "<span class='qa-badge qa-badge-weak'>svag match</span>"
    score = f"{hit.similarity:.2f}" if hit.similarity is not None else f"{hit.score:.2f}"
    return f"<span class='qa-badge'>relevans {score}</span>"


def _paragraphs(escaped: str) -> str:
    """Blank lines to paragraphs and single newlines to line breaks (input already escaped)."""
    paragraphs = [p.strip() for p in escaped.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def _context(context: dict | None) -> str:
    """The line saying what a follow-up carried over from the earlier turns."""
    if not context:
        return ""
    if context.get("case_number") is not None and context.get("meeting_date"):
        meeting = date.fromisoformat(str(context["meeting_date"]))
        label = f"Sag nr. {context['case_number']}, {meeting:%d-%m-%Y}"
    else:
        label = context.get("title") or context.get("committee") or ""
    if not label:
        return ""
    return f"<div class='qa-context'>Spørger videre om: {escape(str(label))}</div>"


def _source_links(chunk) -> str:
    """Where the passage comes from: the corpus file served by the app, and the original online."""
    page = getattr(chunk, "page", None)
    where = f"{chunk.source}, side {page}" if page else chunk.source
    links = [
        f"Kilde: <a class='qa-open' href='{escape(source_url(chunk.source, page))}' "
        f"target='_blank' rel='noopener'>{escape(where)}</a>"
    ]
    url = getattr(chunk, "url", None)
    if url and urlsplit(url).scheme in ("http", "https"):
        links.append(
            f"<a class='qa-original' href='{escape(url)}' target='_blank' "
            "rel='noopener noreferrer'>Original på nettet</a>"
        )
    return f"<div class='qa-source'>{' · '.join(links)}</div>"
