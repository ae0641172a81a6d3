"""Hits as HTML answer cards for the web chat. Everything from a minutes file is escaped."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from html import escape

from qa.chunking import context_line
from qa.errors import MinutesError
from qa.highlight import best_sentences
from qa.identity import CaseKey
from qa.indexing import IndexReport
from qa.retrieval import Hit

WEAK_NOTICE = (
    "Ingen passage svarer godt på spørgsmålet. Her er de nærmeste, markeret som svage. "
    "<span lang='en'>(No passage matches the question well; the closest ones are shown.)</span>"
)
NO_HITS = "Ingen passager fundet. Prøv andre ord, eller fjern filtrene."
MAX_LISTED_CASES = 10


def render_answer(question: str, hits: list[Hit], cases: dict | None = None) -> str:
    """The chat's answer: a notice when nothing matches well, then one card per hit."""
    if not hits:
        return render_notice(NO_HITS)
    parts = []
    if hits[0].weak:
        parts.append(f"<div class='qa-notice qa-weak-notice'>{WEAK_NOTICE}</div>")
    for hit in hits:
        case = (cases or {}).get(hit.chunk.case_key)
        parts.append(render_card(question, hit, case))
    return "\n".join(parts)


def render_card(question: str, hit: Hit, case: dict | None = None) -> str:
    """One hit: citation header, title, section and relevance, the passage, the whole case."""
    c = hit.chunk
    classes = "qa-card qa-weak" if hit.weak else "qa-card"
    kind = "" if c.kind == "referat" else f" · {escape(c.kind)}"
    where = f"{escape(c.municipality)} · " if hit.show_municipality and c.municipality else ""
    header = (
        f"<div class='qa-cite'>{where}{escape(c.committee)} · {c.meeting_date:%d-%m-%Y}{kind} · "
        f"<b>Sag nr. {c.case_number}</b></div>"
        f"<div class='qa-title'>{escape(c.title)}</div>"
        f"<div class='qa-meta'>{escape(c.section or 'Hele sagen')} · {_relevance(hit)}</div>"
    )
    passage = highlight_html(question, c.text)
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


def render_upload_summary(
    stored: Iterable[str],
    refused: Iterable[MinutesError],
    report: IndexReport | None = None,
    cases: dict | None = None,
    index_error: str | None = None,
) -> str:
    """What an upload did, as Markdown: files stored, cases added/updated/removed, what failed."""
    stored, refused = list(stored), list(refused)
    blocks = []  # Markdown paragraphs and lists, kept apart by blank lines
    if report is not None:
        blocks.append(
            f"**Indekset er opdateret:** {_count(report.added, 'sag', 'sager')} tilføjet, "
            f"{len(report.updated)} opdateret, {len(report.removed)} fjernet; "
            f"{report.unchanged} uændrede."
        )
        several = len({c.get("municipality") for c in (cases or {}).values()} - {None}) > 1
        for label, keys in (("Tilføjet", report.added), ("Opdateret", report.updated)):
            if keys:
                items = [f"- {_case_line(key, cases, several)}" for key in keys[:MAX_LISTED_CASES]]
                if len(keys) > MAX_LISTED_CASES:
                    items.append(f"- … og {len(keys) - MAX_LISTED_CASES} flere")
                blocks.append(f"{label}:\n\n" + "\n".join(items))
    elif index_error:
        blocks.append(f"**Indekset blev ikke opdateret:** {escape(index_error)}")
        if stored:
            blocks.append("De gemte filer kommer med, næste gang indekset opdateres.")
    if stored:
        blocks.append("Gemt: " + ", ".join(escape(name) for name in stored))
    errors = refused + (report.errors if report else [])
    if errors:
        items = [f"- **{escape(e.source)}**: {escape(e.reason)}" for e in errors]
        blocks.append("**Filer der ikke kunne bruges:**\n\n" + "\n".join(items))
    if report and report.warnings:
        items = [f"- {escape(w)}" for w in report.warnings]
        blocks.append("**Bemærk:**\n\n" + "\n".join(items))
    return "\n\n".join(blocks)


def _case_line(key: CaseKey, cases: dict | None, with_municipality: bool = False) -> str:
    case = (cases or {}).get(key)
    if case is None:  # a removed case, or no snapshot at hand: the key is all there is
        return escape(str(key))
    line = context_line(
        case["committee"],
        date.fromisoformat(case["meeting_date"]),
        case["case_number"],
        case.get("kind", "referat"),
        case.get("municipality") if with_municipality else None,
    )
    return escape(f"{line}: {case['title']}")


def _count(items: list, one: str, many: str) -> str:
    return f"{len(items)} {one if len(items) == 1 else many}"


def _relevance(hit: Hit) -> str:
    if hit.weak:
        return "<span class='qa-badge qa-badge-weak'>svag match</span>"
    score = f"{hit.similarity:.2f}" if hit.similarity is not None else f"{hit.score:.2f}"
    return f"<span class='qa-badge'>relevans {score}</span>"


def _paragraphs(escaped: str) -> str:
    """Blank lines to paragraphs and single newlines to line breaks (input already escaped)."""
    paragraphs = [p.strip() for p in escaped.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
