"""Hits as HTML answer cards for the web chat. Everything from a minutes file is escaped."""

from __future__ import annotations

from html import escape

from qa.highlight import best_sentences
from qa.retrieval import Hit

WEAK_NOTICE = (
    "Ingen passage svarer godt på spørgsmålet. Her er de nærmeste, markeret som svage. "
    "<span lang='en'>(No passage matches the question well; the closest ones are shown.)</span>"
)
NO_HITS = "Ingen passager fundet. Prøv andre ord, eller fjern filtrene."


def render_answer(question: str, hits: list[Hit], cases: dict | None = None, encoder=None) -> str:
    """The chat's answer: a notice when nothing matches well, then one card per hit."""
    if not hits:
        return f"<div class='qa-notice'>{NO_HITS}</div>"
    parts = []
    if hits[0].weak:
        parts.append(f"<div class='qa-notice qa-weak-notice'>{WEAK_NOTICE}</div>")
    for hit in hits:
        case = (cases or {}).get(hit.chunk.case_key)
        parts.append(render_card(question, hit, case, encoder))
    return "\n".join(parts)


def render_card(question: str, hit: Hit, case: dict | None = None, encoder=None) -> str:
    c = hit.chunk
    classes = "qa-card qa-weak" if hit.weak else "qa-card"
    relevance = _relevance(hit)
    kind = "" if c.kind == "referat" else f" · {escape(c.kind)}"
    header = (
        f"<div class='qa-cite'>{escape(c.committee)} · {c.meeting_date:%d-%m-%Y}{kind} · "
        f"<b>Sag nr. {c.case_number}</b></div>"
        f"<div class='qa-title'>{escape(c.title)}</div>"
        f"<div class='qa-meta'>{escape(c.section or 'Hele sagen')} · {relevance}</div>"
    )
    passage = highlight_html(question, c.text, encoder)
    full = ""
    if case and case.get("sections"):
        body = "".join(
            f"<h4>{escape(s['heading'])}</h4>{_paragraphs(escape(s['text']))}"
            for s in case["sections"]
            if s["text"].strip() or s["heading"]
        )
        full = f"<details class='qa-full'><summary>Hele sagen</summary>{body}</details>"
    source = f"<div class='qa-source'>Kilde: {escape(c.source)}</div>"
    return f"<div class='{classes}'>{header}<div class='qa-passage'>{passage}</div>{full}{source}</div>"


def highlight_html(question: str, text: str, encoder=None) -> str:
    """The passage, escaped, with its best-answering sentences in <mark>."""
    out, position = [], 0
    for sentence in best_sentences(question, text, encoder):
        out.append(escape(text[position : sentence.start]))
        out.append(f"<mark>{escape(sentence.text)}</mark>")
        position = sentence.end
    out.append(escape(text[position:]))
    return _paragraphs("".join(out))


def _relevance(hit: Hit) -> str:
    if hit.weak:
        return "<span class='qa-badge qa-badge-weak'>svag match</span>"
    score = f"{hit.similarity:.2f}" if hit.similarity is not None else f"{hit.score:.2f}"
    return f"<span class='qa-badge'>relevans {score}</span>"


def _paragraphs(escaped: str) -> str:
    """Blank lines to paragraphs and single newlines to line breaks (input already escaped)."""
    paragraphs = [p.strip() for p in escaped.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
