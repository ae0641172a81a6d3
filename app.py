"""The web chat: ask the minutes in the browser, get cited passages; add new minutes.

Draws the UI only: searching is `Searcher.search`, indexing is `update_index`, rendering is
`qa.render`, the same code the command line uses. Run with `qa serve` or `python app.py`.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

import gradio as gr

from qa import config
from qa.errors import MinutesError, QAError
from qa.indexing import update_index
from qa.ingest import MAX_FILE_BYTES, add_to_corpus, supported_extensions
from qa.render import render_answer, render_notice, render_upload_summary
from qa.retrieval import Filters, Searcher, check_question, get_searcher

log = logging.getLogger("minutes-qa")

EXAMPLES = [
    "Hvor mange fordrevne fra Ukraine bor der i Rødovre?",
    "Omgørelsesprocent på socialområdet 2023",
    "What was decided about support for entrepreneurs?",
    "Hvad er 'Mod på trivsel'?",
]

MAX_API_HITS = 100  # as `qa ask -k`
UNEXPECTED = "Noget gik galt under søgningen. Prøv igen; fejlen er skrevet i serverens log."

CSS = """
.qa-card { border: 1px solid #d0d7de; border-left: 4px solid #1f6feb; border-radius: 8px;
  padding: 12px 16px; margin: 10px 0; background: #ffffff; color: #1f2328; }
.qa-card.qa-weak { border-left-color: #9a6700; background: #fffdf5; }
.qa-cite { font-size: 0.9em; color: #57606a; }
.qa-title { font-size: 1.08em; font-weight: 600; margin: 2px 0 4px; }
.qa-meta { font-size: 0.85em; color: #57606a; margin-bottom: 8px; }
.qa-badge { background: #ddf4ff; color: #0550ae; border-radius: 10px; padding: 1px 8px; }
.qa-badge-weak { background: #fff8c5; color: #7d4e00; }
.qa-passage p { margin: 0 0 8px; line-height: 1.5; }
.qa-passage mark { background: #fff3b0; color: inherit; padding: 0 2px; border-radius: 2px; }
.qa-full summary { cursor: pointer; color: #0969da; margin: 6px 0; }
.qa-full h4 { margin: 10px 0 4px; font-size: 0.95em; }
.qa-source { font-size: 0.8em; color: #6e7781; margin-top: 6px; }
.qa-notice { padding: 8px 12px; border-radius: 6px; background: #f6f8fa; margin: 6px 0; }
.qa-weak-notice { background: #fff8c5; color: #4d2d00; }
"""


def build_app(searcher: Searcher, corpus_dir: Path) -> gr.Blocks:
    """The Gradio UI over one Searcher (which follows index rebuilds on its own)."""

    def committees() -> list[str]:
        try:
            return searcher.committees()
        except QAError:
            return []

    def municipalities() -> dict:
        """The municipality filter: shown only when the index holds more than one."""
        try:
            names = searcher.municipalities()
        except QAError:
            names = []
        return gr.update(choices=names, visible=len(names) > 1)

    def date_range() -> tuple[str, str]:
        """The index's first and last meeting, as hints in the empty date fields."""
        try:
            dates = searcher.meeting_dates()
        except QAError:
            dates = []
        return (f"fx {dates[0]}", f"fx {dates[-1]}") if dates else ("", "")

    def answer(question, history, chosen_committees, since, until, k, chosen_municipalities=()):
        history = list(history or [])
        try:
            check_question(question)
        except QAError as exc:  # nothing to search: say so, and keep what was typed
            history.append({"role": "assistant", "content": render_notice(str(exc), warning=True)})
            return history, question
        history.append({"role": "user", "content": question})
        try:
            filters = Filters(
                tuple(chosen_committees or ()),
                _date(since),
                _date(until),
                tuple(chosen_municipalities or ()),
            )
            hits = searcher.search(question, int(k), filters=filters)
            reply = render_answer(question, hits, searcher.snapshot().cases)
        except (QAError, ValueError) as exc:
            reply = render_notice(str(exc), warning=True)
        except Exception:  # the chat stays usable; the details go to the server log
            log.exception("answering %r failed", question)
            reply = render_notice(UNEXPECTED, warning=True)
        history.append({"role": "assistant", "content": reply})
        return history, ""

    def ask(
        question: str,
        k: int = 5,
        committee: str = "",
        since: str = "",
        until: str = "",
        municipality: str = "",
    ) -> list[dict]:
        """The same JSON records as `qa ask --json`; the filters are optional."""
        try:
            filters = Filters(
                (committee,) if committee else (),
                _date(since),
                _date(until),
                (municipality,) if municipality else (),
            )
            hits = searcher.search(question, min(max(int(k), 1), MAX_API_HITS), filters=filters)
            return [hit.as_record() for hit in hits]
        except (QAError, ValueError) as exc:
            raise gr.Error(str(exc), print_exception=False) from exc

    def upload(files, progress=gr.Progress()):  # noqa: B008 - how Gradio injects progress
        if not files:
            return "Vælg en eller flere filer først.", gr.update()
        stored, refused = [], []
        for file in files:
            path = Path(file if isinstance(file, str) else file.name)
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise MinutesError(path.name, f"over the {MAX_FILE_BYTES // 2**20} MB limit")
                target, _ = add_to_corpus(path.read_bytes(), path.name, corpus_dir)
                stored.append(target.name)
            except MinutesError as exc:
                refused.append(exc)
        if not stored:
            return render_upload_summary(stored, refused), gr.update(), gr.update()

        def report_progress(done: int, total: int) -> None:
            if total:
                progress((done, total), desc="Indekserer", unit="afsnit")

        try:
            report = update_index(
                [corpus_dir],
                searcher.store,
                searcher.encoder,
                progress=report_progress,
                root=corpus_dir,
            )
        except QAError as exc:  # e.g. `qa index` is rebuilding in another process
            summary = render_upload_summary(stored, refused, index_error=str(exc))
            return summary, gr.update(), gr.update()
        summary = render_upload_summary(stored, refused, report, searcher.snapshot().cases)
        return summary, gr.update(choices=committees()), municipalities()

    with gr.Blocks(title="minutes-qa · Spørg referaterne") as demo:
        gr.Markdown(
            "## Spørg referaterne\nStil et spørgsmål på dansk eller engelsk. Svaret er de "
            "passager i udvalgenes referater, der svarer, med møde og sagsnummer."
        )
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label="Svar",
                    height=640,
                    autoscroll=False,  # a long answer is read from its first, best card
                    examples=[{"text": e} for e in EXAMPLES],
                    latex_delimiters=[],  # "$" in minutes is money, not maths
                    placeholder="Spørg fx om tal, navne, beslutninger eller et bestemt møde.",
                    elem_id="qa-chat",
                    buttons=["copy"],
                    feedback_options=None,
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Skriv dit spørgsmål …",
                        show_label=False,
                        scale=5,
                        elem_id="qa-question",
                        autofocus=True,
                    )
                    send = gr.Button("Søg", variant="primary", scale=1, elem_id="qa-send")
            with gr.Column(scale=1, min_width=260):
                gr.Markdown("### Filtre")
                names = municipalities()
                municipality = gr.Dropdown(
                    choices=names["choices"],
                    visible=names["visible"],
                    multiselect=True,
                    label="Kommune",
                    elem_id="qa-municipality",
                )
                committee = gr.Dropdown(
                    choices=committees(), multiselect=True, label="Udvalg", elem_id="qa-committee"
                )
                first, last = date_range()
                since = gr.Textbox(
                    label="Møder fra (ÅÅÅÅ-MM-DD)", placeholder=first, elem_id="qa-since"
                )
                until = gr.Textbox(
                    label="Møder til (ÅÅÅÅ-MM-DD)", placeholder=last, elem_id="qa-until"
                )
                k = gr.Slider(1, 10, value=5, step=1, label="Antal passager", elem_id="qa-k")
                with gr.Accordion("Tilføj referater", open=False, elem_id="qa-upload-panel"):
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(supported_extensions()),
                        label="Referater (" + ", ".join(supported_extensions()) + ")",
                        elem_id="qa-files",
                    )
                    index_button = gr.Button("Indeksér", elem_id="qa-index")
                    summary = gr.Markdown(elem_id="qa-summary")

        inputs = [question, chat, committee, since, until, k, municipality]
        question.submit(answer, inputs, [chat, question], api_visibility="private")
        send.click(answer, inputs, [chat, question], api_visibility="private")

        def answer_example(event: gr.SelectData, history, chosen, since_, until_, k_, places):
            return answer(event.value["text"], history, chosen, since_, until_, k_, places)

        chat.example_select(
            answer_example,
            [chat, committee, since, until, k, municipality],
            [chat, question],
            api_visibility="private",
        )
        # One rebuild at a time from this app; `qa index` elsewhere is refused by the store's lock.
        index_button.click(
            upload,
            [files],
            [summary, committee, municipality],
            api_visibility="private",
            concurrency_limit=1,
        )
        gr.api(ask, api_name="ask")
    return demo


def serve(
    host: str = "127.0.0.1",
    port: int = 7860,
    index_dir: Path | None = None,
    corpus_dir: Path | None = None,
    model: str | None = None,
    build_if_missing: bool = False,
) -> None:
    """Start the web chat; with `build_if_missing`, index the corpus first if there is no index."""
    index_dir = Path(index_dir or config.index_dir())
    corpus_dir = Path(corpus_dir or config.corpus_dir())
    searcher = get_searcher(index_dir, model)
    if not searcher.store.exists():
        if not build_if_missing:
            raise QAError(
                f"No index in {index_dir}. Run `qa index` first, or `qa serve --build-if-missing`."
            )
        _build(searcher, corpus_dir)
    searcher.snapshot()  # load now, so the first question is fast and errors show at start
    auth = None
    if os.environ.get("QA_USERNAME") and os.environ.get("QA_PASSWORD"):
        auth = (os.environ["QA_USERNAME"], os.environ["QA_PASSWORD"])
    demo = build_app(searcher, corpus_dir)
    login = " (login required)" if auth else ""
    print(f"minutes-qa: open http://{host}:{port}/{login} — Ctrl+C stops it", file=sys.stderr)
    demo.queue(default_concurrency_limit=4).launch(
        server_name=host,
        server_port=port,
        auth=auth,
        max_file_size=MAX_FILE_BYTES,
        css=CSS,
        theme=gr.themes.Default(primary_hue="blue"),
        footer_links=["api"],
        show_error=False,
        quiet=True,
    )


def _build(searcher: Searcher, corpus_dir: Path) -> None:
    from tqdm import tqdm

    print(f"No index yet: indexing {corpus_dir} ...", file=sys.stderr)
    bar = tqdm(desc="Embedding", unit="chunk", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    report = update_index(
        [corpus_dir], searcher.store, searcher.encoder, progress=progress, root=corpus_dir
    )
    bar.close()
    for error in report.errors:
        print(f"skipped {error}", file=sys.stderr)
    print(f"Index ready: {report.summary()}", file=sys.stderr)


def _date(text: str | None) -> date | None:
    text = (text or "").strip()
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"“{text}” is not a date: write it as YYYY-MM-DD, e.g. 2024-10-08."
        ) from None


def _escape(text: str) -> str:
    from html import escape

    return escape(text)


if __name__ == "__main__":
    from qa.cli import main

    sys.argv.insert(1, "serve")
    main()
