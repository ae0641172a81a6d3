"""The web chat: ask the minutes in the browser, get a cited answer and the passages behind it.

Draws the UI only: the conversation is `qa.conversation`, indexing is `update_index`, rendering
is `qa.render`, the same code the command line uses; the handlers are in `qa.web`. Started by
`qa serve` or `python app.py`.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import gradio as gr

from qa.answer import index_sentences
from qa.errors import QAError
from qa.http import PoliteClient
from qa.indexing import update_index
from qa.ingest import MAX_FILE_BYTES, supported_extensions
from qa.library import sync_configured
from qa.llm import LLMSettings
from qa.retrieval import Searcher, get_searcher
from qa.sentences import MAX_CHUNKS, SentenceVectors
from qa.settings import Settings
from qa.web.api import api_functions
from qa.web.chat import Chat
from qa.web.feeds import feed_route
from qa.web.library import Library
from qa.web.sources import source_route
from qa.web.texts import gradio_translations, page_js, say

log = logging.getLogger("minutes-qa")

CSS = """
.qa-answer { border-radius: 8px; padding: 12px 16px; margin: 4px 0 12px; background: #f0f6ff;
  border: 1px solid #b6d4fe; color: #1f2328; font-size: 1.05em; }
.qa-answer p { margin: 0 0 6px; line-height: 1.55; }
.qa-answer.qa-not-found { background: #fff8c5; border-color: #e3c567; color: #4d2d00; }
.qa-answer.qa-closest { background: #f6f8fa; border-color: #d0d7de; }
.qa-answer-note { font-size: 0.8em; color: #57606a; margin-top: 6px; }
.qa-answer-notice { font-size: 0.85em; color: #7d4e00; margin-top: 4px; }
a.qa-ref { text-decoration: none; font-weight: 600; color: #0969da; padding: 0 1px; }
.qa-context { font-size: 0.85em; color: #57606a; margin: 0 0 6px; font-style: italic; }
.qa-number { color: #0969da; font-weight: 700; }
.qa-card { border: 1px solid #d0d7de; border-left: 4px solid #1f6feb; border-radius: 8px;
  padding: 12px 16px; margin: 10px 0; background: #ffffff; color: #1f2328; scroll-margin-top: 8px; }
.qa-card:target { box-shadow: 0 0 0 3px #b6d4fe; }
.qa-card.qa-weak { border-left-color: #9a6700; background: #fffdf5; }
.qa-cite { font-size: 0.9em; color: #57606a; }
.qa-title { font-size: 1.08em; font-weight: 600; margin: 2px 0 4px; }
.qa-meta { font-size: 0.85em; color: #57606a; margin-bottom: 8px; }
.qa-badge { background: #ddf4ff; color: #0550ae; border-radius: 10px; padding: 1px 8px; }
.qa-badge-weak { background: #fff8c5; color: #7d4e00; }
.qa-passage p { margin: 0 0 8px; line-height: 1.5; }
.qa-passage mark { background: #fff3b0; color: inherit; padding: 0 2px; border-radius: 2px; }
.qa-full summary { cursor: pointer; color: #0969da; margin: 6px 0; }
.qa-history summary { cursor: pointer; color: #0969da; margin: 6px 0; }
.qa-history ol { margin: 4px 0 4px 1.2em; padding: 0; }
.qa-history-step { margin: 4px 0; }
.qa-history-here { font-weight: 600; }
.qa-history-decision { color: #444; font-size: 0.95em; }
.qa-full h4 { margin: 10px 0 4px; font-size: 0.95em; }
.qa-source { font-size: 0.8em; color: #6e7781; margin-top: 6px; }
.qa-notice { padding: 8px 12px; border-radius: 6px; background: #f6f8fa; margin: 6px 0; }
.qa-weak-notice { background: #fff8c5; color: #4d2d00; }
.qa-pending { padding: 8px 12px; color: #57606a; font-style: italic; }
table.qa-library { width: 100%; border-collapse: collapse; font-size: 0.8em; }
table.qa-library th, table.qa-library td { text-align: left; padding: 3px 4px;
  border-bottom: 1px solid #d0d7de; vertical-align: top; }
table.qa-library .qa-file { word-break: break-all; color: #57606a; font-size: 0.9em; }
table.qa-library .qa-num { text-align: right; }
.qa-library-count, ul.qa-sync { font-size: 0.8em; color: #57606a; }
.qa-weak-cards > summary { cursor: pointer; color: #0969da; margin: 6px 0; }
#qa-copy[data-copied] { font-size: 0; }  /* the label gives way to the feedback, same size */
#qa-copy[data-copied]::after { content: "✓ " attr(data-copied); font-size: var(--text-lg); }
/* Gradio's clear icon would sit over the newest question; "Ny samtale" does its work. */
#qa-chat .icon-button-wrapper.top-panel { display: none; }
/* A progress line Gradio hides (the quiet views' on load) is only transparent, its English words
   ("queue: 1/1 | 0.2s") still there for a screen reader: gone, as it looks. */
.wrap.hide .progress-text, .wrap.hide .meta-text { display: none; }
"""
# The copy button copies the answer's plain text (kept in a hidden field), not the chat's HTML,
# and says so on itself for two seconds (an attribute the CSS shows: Gradio draws the label).
COPY_JS = """(text) => {
  const button = document.getElementById("qa-copy");
  const said = () => {
    button.dataset.copied = %s;
    setTimeout(() => delete button.dataset.copied, 2000);
  };
  if (!text) return;
  if (navigator.clipboard && window.isSecureContext) {
    navigator.clipboard.writeText(text).then(said);
  } else {  // plain http on another host: the older way
    const area = document.createElement("textarea");
    area.value = text;
    document.body.appendChild(area);
    area.select();
    if (document.execCommand("copy")) said();
    area.remove();
  }
}"""
# After each turn the chat shows its start at the top: the newest question with its answer under
# it, or a notice that came without a question (an empty one) on its own.
SCROLL_JS = """() => requestAnimationFrame(() => {
  const rows = document.querySelectorAll("#qa-chat .message-row");
  const last = rows[rows.length - 1], before = rows[rows.length - 2];
  const start = before && before.classList.contains("user-row") ? before : last;
  if (start) start.scrollIntoView({block: "start", behavior: "instant"});
})"""


def build_app(
    searcher: Searcher,
    corpus_dir: Path,
    llm=None,
    login_required: bool = False,
    sync=None,
    sentence_vectors_max_chunks: int = MAX_CHUNKS,
) -> gr.Blocks:
    """The Gradio UI over one Searcher (which follows index rebuilds on its own).

    `sync`, when given, syncs the sources the operator configured (the page never names one).
    """
    chat_handlers = Chat(searcher, Path(corpus_dir), llm)
    library = Library(
        searcher,
        Path(corpus_dir),
        login_required,
        sync,
        sentence_vectors_max_chunks=sentence_vectors_max_chunks,
    )
    facts = chat_handlers.index_facts()

    with gr.Blocks(title=say("page.title")) as demo:
        gr.Markdown(say("page.intro"))
        conversation = gr.State(None)  # Conversation.to_state() records: the chat's memory
        with gr.Row():
            with gr.Column(scale=3):
                chat = gr.Chatbot(
                    label=say("page.chat_label"),
                    show_label=False,  # a floating label would cover the top of the chat
                    height="72vh",  # the answer and its first cards on any screen
                    autoscroll=False,  # SCROLL_JS puts each new question and answer in view
                    examples=facts.examples or None,
                    latex_delimiters=[],  # "$" in minutes is money, not maths
                    placeholder=say("page.chat_placeholder"),
                    elem_id="qa-chat",
                    buttons=[],  # Gradio's copy and share icons would sit over the first question
                    feedback_options=None,
                    group_consecutive_messages=False,  # a notice is a bubble of its own
                )
                copy_text = gr.Textbox(visible="hidden", elem_id="qa-copy-text")
                with gr.Row():
                    question = gr.Textbox(
                        placeholder=say("page.question_placeholder"),
                        show_label=False,
                        scale=6,
                        elem_id="qa-question",
                        autofocus=True,
                    )
                    send = gr.Button(
                        say("page.ask"),
                        variant="primary",
                        size="md",
                        scale=1,
                        min_width=80,
                        elem_id="qa-send",
                    )
                    new = gr.Button(
                        say("page.new"), size="md", scale=1, min_width=120, elem_id="qa-new"
                    )
                    copy_button = gr.Button(
                        say("page.copy"), size="md", scale=1, min_width=150, elem_id="qa-copy"
                    )
            with gr.Column(scale=1, min_width=260):
                gr.Markdown(say("page.filters"))
                municipality = gr.Dropdown(  # shown only when the index holds more than one
                    choices=facts.municipalities,
                    visible=len(facts.municipalities) > 1,
                    multiselect=True,
                    label=say("page.municipality"),
                    elem_id="qa-municipality",
                )
                committee = gr.Dropdown(
                    choices=facts.committees,
                    multiselect=True,
                    label=say("page.committee"),
                    elem_id="qa-committee",
                )
                since = gr.Textbox(
                    label=say("page.since"),
                    placeholder=facts.first_date,
                    elem_id="qa-since",
                )
                until = gr.Textbox(
                    label=say("page.until"),
                    placeholder=facts.last_date,
                    elem_id="qa-until",
                )
                k = gr.Slider(1, 10, value=5, step=1, label=say("page.passages"), elem_id="qa-k")
                with gr.Accordion(say("page.upload"), open=False, elem_id="qa-upload-panel"):
                    upload_municipality = gr.Dropdown(
                        choices=library.municipalities()["choices"],
                        value=None,
                        allow_custom_value=True,
                        label=say("page.municipality"),
                        info=say("page.upload_municipality"),
                        elem_id="qa-upload-municipality",
                    )
                    files = gr.File(
                        file_count="multiple",
                        file_types=list(supported_extensions()),
                        label=say(
                            "page.upload_files", extensions=", ".join(supported_extensions())
                        ),
                        elem_id="qa-files",
                    )
                    index_button = gr.Button(say("page.index"), elem_id="qa-index")
                    summary = gr.Markdown(elem_id="qa-summary")
                    with gr.Group(visible=False, elem_id="qa-replace-confirm") as replace_row:
                        replace_question = gr.Markdown(elem_id="qa-replace-question")
                        with gr.Row():
                            replace_button = gr.Button(
                                say("page.replace"), variant="primary", elem_id="qa-replace"
                            )
                            keep_button = gr.Button(say("page.keep"), elem_id="qa-keep")
                    pending = gr.State(None)  # the new versions waiting for the user's answer
                with gr.Accordion(say("page.library"), open=False, elem_id="qa-library-panel"):
                    meetings_table = gr.HTML(elem_id="qa-library")
                    delete_choice = gr.Dropdown(
                        label=say("page.delete_choice"), choices=[], elem_id="qa-delete-choice"
                    )
                    delete_button = gr.Button(
                        say("page.delete"), variant="stop", elem_id="qa-delete"
                    )
                    with gr.Group(visible=False, elem_id="qa-delete-confirm") as delete_row:
                        delete_question = gr.Markdown(elem_id="qa-delete-question")
                        with gr.Row():
                            delete_yes = gr.Button(
                                say("page.delete_yes"), variant="stop", elem_id="qa-delete-yes"
                            )
                            delete_no = gr.Button(say("page.delete_no"), elem_id="qa-delete-no")
                    library_status = gr.Markdown(elem_id="qa-library-status")
                    gr.Markdown(say("page.sources"))
                    sync_times = gr.HTML(elem_id="qa-sync-times")
                    sync_button = gr.Button(
                        say("page.sync"),
                        visible=library.sync is not None,
                        elem_id="qa-sync",
                    )

        index_view = [committee, since, until, chat, municipality]
        inputs = [question, chat, conversation, committee, since, until, k, municipality]
        outputs = [chat, conversation, question, copy_text]
        # The chat says in its own words that it is searching (chat_handlers.respond): Gradio's
        # progress line ("processing | 0.4s") has no Danish.
        answering = {"api_visibility": "private", "show_progress": "hidden"}
        for event in (question.submit, send.click):
            event(chat_handlers.respond, inputs, outputs, **answering).then(None, js=SCROLL_JS)

        def respond_example(event: gr.SelectData, *rest):
            yield from chat_handlers.respond(event.value["text"], *rest)

        chat.example_select(respond_example, inputs[1:], outputs, **answering).then(
            None, js=SCROLL_JS
        )
        new.click(chat_handlers.new_conversation, None, outputs, api_visibility="private")
        chat.clear(chat_handlers.new_conversation, None, outputs, api_visibility="private")
        copy_js = COPY_JS % json.dumps(say("page.copied"))
        copy_button.click(None, [copy_text], None, js=copy_js, api_visibility="private")
        # One change to the corpus at a time from this app (uploads, replacing, deleting,
        # syncing); `qa index` elsewhere is refused by the store's lock.
        changing = {"api_visibility": "private", "concurrency_limit": 1, "concurrency_id": "corpus"}
        private = {"api_visibility": "private"}
        # Views refreshed after a change or on load, quietly: Gradio's progress line ("processing
        # | 0.1s") has no Danish and, on a busy machine, stood in every filter for a moment.
        quiet = {**private, "show_progress": "hidden"}
        upload_view = [summary, replace_row, replace_question, pending]
        library_view = [meetings_table, delete_choice, sync_times]

        def refreshed(event):
            """After a change: the filters, the library and the municipalities shown anew."""
            event.then(chat_handlers.index_view, None, index_view, **quiet).then(
                library.view, None, library_view, **quiet
            ).then(library.municipalities, None, upload_municipality, **quiet)

        refreshed(
            index_button.click(
                library.upload, [files, upload_municipality], [*upload_view, files], **changing
            )
        )
        refreshed(replace_button.click(library.replace, [pending], upload_view, **changing))
        keep_button.click(library.keep, None, upload_view, **private)
        delete_button.click(
            library.ask_delete,
            [delete_choice],
            [library_status, delete_row, delete_question],
            **private,
        )
        refreshed(
            delete_yes.click(
                library.delete,
                [delete_choice],
                [library_status, delete_row, *library_view],
                **changing,
            )
        )
        delete_no.click(
            library.cancel_delete, None, [library_status, delete_row, delete_question], **private
        )
        refreshed(
            sync_button.click(library.sync_sources, None, [library_status, sync_times], **changing)
        )
        # A page loaded after a change (here or by `qa index`) shows what is indexed now.
        demo.load(chat_handlers.index_view, None, index_view, **quiet)
        demo.load(library.view, None, library_view, **quiet)
        ask, answer = api_functions(searcher, llm)
        gr.api(ask, api_name="ask")
        gr.api(answer, api_name="answer")
    return demo


def serve(settings: Settings, build_if_missing: bool = False) -> None:
    """Start the web chat; with `build_if_missing`, index the corpus first if there is no index."""
    searcher = get_searcher(
        settings.index_dir, settings.model, settings.runtime, cache_dir=settings.cache_dir
    )
    if not searcher.store.exists():
        if not build_if_missing:
            raise QAError(
                f"No index in {settings.index_dir}. Run `qa index` first, or "
                f"`qa serve --build-if-missing`."
            )
        _build(searcher, settings)
    searcher.snapshot()  # load now, so the first question is fast and errors show at start
    auth = settings.auth
    llm = LLMSettings.from_settings(settings)
    index_dir, corpus_dir = settings.index_dir, settings.corpus_dir
    host, port = settings.host, settings.port
    demo = build_app(
        searcher,
        corpus_dir,
        llm,
        login_required=auth is not None,
        sync=_sync(searcher, settings),
        sentence_vectors_max_chunks=settings.sentence_vectors_max_chunks,
    )
    login = " (login required)" if auth else ""
    print(f"minutes-qa: open http://{host}:{port}/{login} — Ctrl+C stops it", file=sys.stderr)
    demo.queue(default_concurrency_limit=4).launch(
        # The cited documents and the feeds of saved questions, read-only.
        app_kwargs={"routes": [source_route(corpus_dir), feed_route(index_dir)]},
        server_name=host,
        server_port=port,
        auth=auth,
        max_file_size=MAX_FILE_BYTES,
        css=CSS,
        js=page_js(),  # Gradio's own labels in Danish too (it ships no Danish)
        i18n=gr.I18n(**gradio_translations()),
        theme=gr.themes.Default(primary_hue="blue"),
        footer_links=["api"],
        show_error=False,
        quiet=True,
    )


def _sync(searcher: Searcher, settings: Settings):
    """The sync of the operator's sources file (QA_SOURCES_FILE), when there is one."""
    if not settings.sources_file.is_file():
        return None
    sentences = SentenceVectors(index_sentences, settings.sentence_vectors_max_chunks)

    def sync():
        with PoliteClient(delay=settings.fetch_delay) as client:  # QA_FETCH_DELAY, as `qa sync`
            return sync_configured(
                settings.sources_file,
                settings.corpus_dir,
                searcher.store,
                searcher.encoder,
                client,
                sentences=sentences,
            )

    return sync


def _build(searcher: Searcher, settings: Settings) -> None:
    from tqdm import tqdm

    corpus_dir = settings.corpus_dir
    print(f"No index yet: indexing {corpus_dir} ...", file=sys.stderr)
    bar = tqdm(desc="Embedding", unit="chunk", file=sys.stderr)

    def progress(done: int, total: int) -> None:
        bar.total = total
        bar.update(done - bar.n)

    report = update_index(
        [corpus_dir],
        searcher.store,
        searcher.encoder,
        progress=progress,
        root=corpus_dir,
        sentences=SentenceVectors(index_sentences, settings.sentence_vectors_max_chunks),
    )
    bar.close()
    for error in report.errors:
        print(f"skipped {error}", file=sys.stderr)
    print(f"Index ready: {report.summary()}", file=sys.stderr)
