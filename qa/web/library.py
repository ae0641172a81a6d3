"""The web chat's library: uploads that never duplicate, the *Bibliotek* panel (what is indexed,
delete with confirmation, each configured source's last sync), as Gradio handlers.

The checks live in `qa.uploads` and `qa.library`; here they are asked, and their answers shown in
the page's language, from the catalogue (`[library]`, `[upload]`, `[minutes]`). A new version of an indexed meeting waits in a gr.State (the uploaded files' paths) until
the user confirms it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path

import gradio as gr

from qa.answer import index_sentences
from qa.chunking import context_line
from qa.errors import IndexNotFoundError, MinutesError, QAError
from qa.identity import MeetingKey
from qa.indexing import IndexReport, update_index
from qa.ingest import MAX_FILE_BYTES
from qa.library import IndexedMeeting, RemoveError, list_meetings, remove_sources
from qa.origins import SourceSync, sync_times
from qa.retrieval import Searcher
from qa.sentences import MAX_CHUNKS, SentenceVectors
from qa.uploads import (
    MunicipalityError,
    Upload,
    check_upload,
    known_municipalities,
    save_upload,
)
from qa.web.texts import code_text, notice_text, reason_text, say
from qa.web.texts import error_text as danish

log = logging.getLogger("minutes-qa")

MAX_LISTED = 10


@dataclass
class Library:
    """The handlers of the upload and library panels of one app."""

    searcher: Searcher
    corpus_dir: Path
    login_required: bool = False  # deleting needs a logged-in user when the app has a login
    sync: Callable[[], object] | None = None  # syncs the configured sources, if any are
    sentence_vectors_max_chunks: int = MAX_CHUNKS  # QA_SENTENCE_VECTORS_MAX_CHUNKS

    # --- uploads ---------------------------------------------------------------------------

    def upload(self, files, municipality, progress=gr.Progress()) -> tuple:  # noqa: B008
        """Store new files and index them; new versions wait for confirmation.

        Returns (summary, confirmation row, confirmation text, pending files, chosen files)."""
        if not files:
            return say("upload.choose"), gr.update(visible=False), "", None, None
        saved, refused, versions, pending = [], [], [], []
        batch: dict[MeetingKey, str] = {}
        for file in files:
            path = Path(file if isinstance(file, str) else file.name)
            try:
                data = _read(path)
                checked = check_upload(
                    data, path.name, municipality, self.corpus_dir, self.searcher.store, batch
                )
                batch[checked.meeting.key] = checked.name
                if checked.new_version:
                    versions.append(checked)
                    pending.append({"path": str(path), "municipality": municipality})
                    continue
                save_upload(checked, data, self.corpus_dir)
                saved.append(checked)
            except MinutesError as exc:
                refused.append(exc)
        report, error = self._index(saved, progress)
        summary = render_upload(saved, refused, report, error, self.searcher)
        # The files stay chosen only when they wait for a municipality, to be sent again.
        files_left = files if any(isinstance(e, MunicipalityError) for e in refused) else None
        if versions:
            confirm = render_new_versions(versions)
            return summary, gr.update(visible=True), confirm, pending, files_left
        return summary, gr.update(visible=False), "", None, files_left

    def replace(self, pending, progress=gr.Progress()) -> tuple:  # noqa: B008
        """The user confirmed: each new version replaces its indexed file, then the index."""
        if not pending:
            return say("library.kept"), gr.update(visible=False), "", None
        replaced, saved, refused = [], [], []
        for item in pending:
            path = Path(item["path"])
            try:
                data = _read(path)
                # Checked again: the index may have changed since the question was asked.
                checked = check_upload(
                    data, path.name, item["municipality"], self.corpus_dir, self.searcher.store
                )
                save_upload(checked, data, self.corpus_dir, confirmed=True)
                (replaced if checked.new_version else saved).append(checked)
            except MinutesError as exc:
                refused.append(exc)
        report, error = self._index(replaced + saved, progress)
        summary = render_upload(saved, refused, report, error, self.searcher, replaced)
        return summary, gr.update(visible=False), "", None

    def keep(self) -> tuple:
        """The user declined: nothing is replaced."""
        return say("library.kept"), gr.update(visible=False), "", None

    def municipalities(self) -> dict:
        """The upload panel's choice of municipality: the known ones, or a new name."""
        return gr.update(choices=known_municipalities(self.corpus_dir, self.searcher.store))

    def _index(self, uploads: list[Upload], progress) -> tuple[IndexReport | None, str | None]:
        if not uploads:
            return None, None

        def report_progress(done: int, total: int) -> None:
            if total:
                progress((done, total), desc=say("upload.progress"), unit=say("upload.unit"))

        try:
            report = update_index(
                [self.corpus_dir],
                self.searcher.store,
                self.searcher.encoder,
                progress=report_progress,
                root=self.corpus_dir,
                sentences=SentenceVectors(index_sentences, self.sentence_vectors_max_chunks),
            )
        except QAError as exc:  # e.g. `qa index` is rebuilding in another process
            return None, danish(exc)
        return report, None

    # --- the library panel -----------------------------------------------------------------

    def view(self) -> tuple:
        """(the meetings table, the delete choice, the sync times)."""
        try:
            meetings = list_meetings(self.searcher.store, self.corpus_dir)
            table = render_meetings(meetings)
        except IndexNotFoundError:
            meetings, table = [], render_meetings([])
        except QAError as exc:  # e.g. a damaged origins file: said, not shown as no meetings
            meetings, table = [], f"<p class='qa-library-empty'>{escape(danish(exc))}</p>"
        choices = [(_meeting_label(m), m.source) for m in meetings]
        return table, gr.update(choices=choices, value=None), self._sync_times()

    def ask_delete(self, source) -> tuple:
        """(status, confirmation row, confirmation text): what deleting `source` would remove."""
        if not source:
            return say("library.nothing_chosen"), gr.update(visible=False), ""
        try:
            meetings = list_meetings(self.searcher.store, self.corpus_dir)
        except QAError as exc:
            return danish(exc), gr.update(visible=False), ""
        meeting = next((m for m in meetings if m.source == source), None)
        if meeting is None:
            return _not_indexed(source), gr.update(visible=False), ""
        text = say(
            "library.ask_delete",
            meeting=escape(_meeting_label(meeting)),
            cases=_count(meeting.cases),
            source=escape(source),
        )
        return "", gr.update(visible=True), text

    def delete(self, source, request: gr.Request) -> tuple:
        """Delete the confirmed meeting: (status, confirmation row, *view())."""
        if self.login_required and not getattr(request, "username", None):
            return (say("library.login_to_delete"), gr.update(visible=False), *self.view())
        if not source:
            return (say("library.nothing_chosen"), gr.update(visible=False), *self.view())
        try:
            removal = remove_sources(self.searcher.store, self.corpus_dir, [source])
            status = say("library.deleted", source=escape(source), cases=_count(len(removal.cases)))
        except RemoveError as exc:
            status = _remove_refused(exc)
        except QAError as exc:
            status = danish(exc)
        return (status, gr.update(visible=False), *self.view())

    def cancel_delete(self) -> tuple:
        return say("library.not_deleted"), gr.update(visible=False), ""

    def sync_sources(self) -> tuple:
        """Sync the configured sources (never a URL or path from the page): (status, times)."""
        if self.sync is None:
            return say("library.no_sources"), self._sync_times()
        try:
            run = self.sync()
        except QAError as exc:
            log.warning("syncing the configured sources failed: %s", exc)
            status = say("library.sync_failed", reason=escape(danish(exc)))
        except Exception:
            log.exception("syncing the configured sources failed")
            status = say("library.sync_failed_log")
        else:
            for result in run.results:
                if result.error:  # the page words it from its code; the log keeps the details
                    log.warning("syncing %s failed: %s", result.source.location, result.error)
            status = render_sync_run(run)
        return status, self._sync_times()

    def _sync_times(self) -> str:
        """Each source's last sync; a damaged origins file is said instead, in the page's words."""
        try:
            syncs = sync_times(self.corpus_dir)
        except QAError as exc:
            return f"<p class='qa-sync-none'>{escape(danish(exc))}</p>"
        return render_sync_times(syncs, self.sync is not None)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise MinutesError(
                path.name,
                f"over the {MAX_FILE_BYTES // 2**20} MB limit",
                "too_big",
                limit_mb=MAX_FILE_BYTES // 2**20,
            )
        return path.read_bytes()
    except OSError as exc:
        raise MinutesError(
            path.name, f"cannot read the file ({exc.strerror or exc})", "unreadable"
        ) from exc


# --- what the library says, in the catalogue's words ---------------------------------------


def render_upload(
    saved: list[Upload],
    refused: list[MinutesError],
    report: IndexReport | None,
    index_error: str | None,
    searcher: Searcher,
    replaced: list[Upload] = (),
) -> str:
    """What an upload did, as Markdown: files saved, meetings replaced (and the cases that
    changed), what the index took, what was refused and why."""
    blocks = []
    if report is not None and replaced:
        # A replaced file's cases may move to new keys (its municipality now known): the counts
        # would say "6 added, 6 removed" where one case changed, so the changes below say it.
        new_cases = sum(len(u.meeting.cases) for u in saved)
        line = say("library.index_updated_short")
        if saved:
            cases = _count(new_cases, "library.new_case_one", "library.new_case_many")
            line += " " + say("library.from_new_files", cases=cases)
        blocks.append(line)
    elif report is not None:
        blocks.append(_index_updated(report))
    if report is not None:
        added = [
            f"- {_case_line(u, c)}" for u in saved if not u.new_version for c in u.meeting.cases
        ]
        if added:
            blocks.append(f"{say('upload.added')}:\n\n" + "\n".join(_capped(added)))
    elif index_error:
        blocks.append(say("upload.not_updated", reason=escape(index_error)))
        if saved or replaced:
            blocks.append(say("upload.stored_later"))
    for upload in replaced:
        blocks.append(
            say(
                "library.replaced",
                name=escape(upload.name),
                old=escape(upload.replaces),
                meeting=escape(_meeting_line(upload)),
            )
        )
        blocks.append(render_case_changes(upload))
    if saved:
        blocks.append(say("upload.stored", names=", ".join(escape(u.source) for u in saved)))
    if refused:
        items = [f"- **{escape(e.source)}**: {escape(reason_text(e))}" for e in refused]
        blocks.append(say("library.refused") + "\n\n" + "\n".join(items))
    notes = [
        f"- **{escape(u.source)}**: {escape(notice_text(w))}"
        for u in [*saved, *replaced]
        for w in u.meeting.warnings
    ]
    if report is not None:
        errors = {e.source: e for e in report.errors}
        notes += [
            f"- **{escape(u.source)}**: {escape(reason_text(errors[u.source]))}"
            for u in [*saved, *replaced]
            if u.source in errors
        ]
    if notes:
        blocks.append(say("upload.notes") + "\n\n" + "\n".join(notes))
    return "\n\n".join(b for b in blocks if b)


def render_case_changes(upload: Upload) -> str:
    """Which cases a new version changes, adds and removes."""
    parts = []
    for label, cases in (
        ("library.changed_cases", upload.changed),
        ("library.added_cases", upload.added),
        ("library.dropped_cases", upload.removed),
    ):
        if cases:
            items = [
                "- " + say("library.case_line", number=c.case_number, title=escape(c.title))
                for c in cases
            ]
            parts.append(f"{say(label)}:\n\n" + "\n".join(_capped(items)))
    return "\n\n".join(parts)


def render_new_versions(versions: list[Upload]) -> str:
    """The question put to the user before new versions replace indexed files."""
    blocks = []
    for upload in versions:
        blocks.append(
            say(
                "library.new_version",
                name=escape(upload.name),
                meeting=escape(_meeting_line(upload)),
                old=escape(upload.replaces),
            )
        )
        blocks.append(render_case_changes(upload))
    blocks.append(say("library.replace_one" if len(versions) == 1 else "library.replace_many"))
    return "\n\n".join(blocks)


def render_meetings(meetings: list[IndexedMeeting]) -> str:
    """The indexed meetings as an HTML table narrow enough for the side panel (all escaped)."""
    if not meetings:
        return f"<p class='qa-library-empty'>{escape(say('library.no_meetings'))}</p>"
    rows = []
    for m in meetings:
        details = " · ".join(
            [f"{m.meeting_date:%d-%m-%Y}", m.kind, *([m.municipality] if m.municipality else [])]
        )
        origin = (
            f" title='{escape(say('library.fetched_from', origin=m.origin))}'" if m.origin else ""
        )
        rows.append(
            f"<tr><td><b>{escape(m.committee)}</b><br>{escape(details)}"
            f"<br><span class='qa-file'{origin}>{escape(m.source)}</span></td>"
            f"<td class='qa-num'>{m.cases}</td></tr>"
        )
    head = f"<th>{say('library.column_meeting')}</th><th>{say('library.column_cases')}</th>"
    return (
        f"<table class='qa-library'><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p class='qa-library-count'>{say('library.meetings', count=len(meetings))}</p>"
    )


def render_sync_run(run) -> str:
    """What a sync of the configured sources brought (a qa.library.SyncRun), as Markdown."""
    items = []
    for result in run.results:
        source = result.source
        who = f"**{escape(source.municipality)}** ({escape(source.kind)})"
        if result.error:
            error = sync_error_text(result.error_code, result.error_fields)
            items.append(f"- {who}: " + say("library.source_failed", error=escape(error)))
            continue
        report = result.report
        text = say(
            "library.source_result",
            new=_count(len(report.new), "library.meeting_one", "library.meeting_many"),
            changed=len(report.changed),
            unchanged=len(report.unchanged),
        )
        if report.failed:
            text += say("library.files_failed", failed=len(report.failed))
        items.append(f"- {who}: {text}")
    blocks = [say("library.synced") + "\n\n" + "\n".join(items)]
    if run.report is not None:
        blocks.append(_index_updated(run.report))
    else:
        blocks.append(say("library.nothing_to_index"))
    return "\n\n".join(blocks)


def render_sync_times(syncs: list[SourceSync], configured: bool) -> str:
    """Each configured source's last sync, as HTML."""
    if not syncs:
        text = say("library.never_synced" if configured else "library.no_sources")
        return f"<p class='qa-sync-none'>{escape(text)}</p>"
    items = []
    for sync in syncs:
        who = f"{escape(sync.municipality)}: " if sync.municipality else ""
        when = _when(sync.synced)
        if sync.ok:
            what = say(
                "library.sync_counts",
                new=sync.new,
                changed=sync.changed,
                unchanged=sync.unchanged,
            )
            if sync.failed:
                what += say("library.files_failed", failed=sync.failed)
            detail = say("library.synced_at", when=when, what=escape(what))
        else:
            error = sync_error_text(sync.error_code, sync.error_fields)
            detail = say("library.tried_at", when=when, error=escape(error))
            if sync.succeeded:
                detail += say("library.last_ok", when=_when(sync.succeeded))
        items.append(f"<li>{who}{escape(sync.source)}<br><small>{detail}</small></li>")
    return f"<ul class='qa-sync'>{''.join(items)}</ul>"


def sync_error_text(code: str | None, fields: dict | None) -> str:
    """Why a source failed, from the error's code and fields (never its English message); a
    sync recorded before codes were kept says where to read the reason."""
    if code is None:
        return say("library.reason_not_kept")
    return code_text(code, fields)


def _when(stamp: str | None) -> str:
    """An origins time (ISO 8601, UTC) as "06-12-2026 kl. 10:00 (UTC)"."""
    try:
        moment = datetime.fromisoformat(stamp or "")
    except ValueError:
        return escape(stamp or say("library.unknown_time"))
    return say("library.time", date=f"{moment:%d-%m-%Y}", clock=f"{moment:%H:%M}")


def _meeting_label(m: IndexedMeeting) -> str:
    where = f"{m.municipality} · " if m.municipality else ""
    kind = "" if m.kind == "referat" else f" ({m.kind})"
    return f"{where}{m.committee}, {m.meeting_date:%d-%m-%Y}{kind}"


def _meeting_line(upload: Upload) -> str:
    meeting = upload.meeting
    kind = "" if meeting.kind == "referat" else f", {meeting.kind}"
    return f"{meeting.municipality} · {meeting.committee}, {meeting.meeting_date:%d-%m-%Y}{kind}"


def _case_line(upload: Upload, case) -> str:
    meeting = upload.meeting
    line = context_line(meeting.committee, meeting.meeting_date, case.case_number, meeting.kind)
    return escape(f"{line}: {case.title}")


def _capped(items: list[str]) -> list[str]:
    if len(items) <= MAX_LISTED:
        return items
    return [*items[:MAX_LISTED], "- " + say("upload.more", count=len(items) - MAX_LISTED)]


def _count(n: int, one: str = "upload.case_one", many: str = "upload.case_many") -> str:
    """A count with its noun from the catalogue: "1 sag", "6 sager"."""
    return say(one if n == 1 else many, count=n)


def _not_indexed(source: str) -> str:
    return say("library.not_indexed", source=escape(source))


def _remove_refused(error: RemoveError) -> str:
    if error.everything:
        return say("library.last_meeting")
    if error.unknown:
        return _not_indexed(", ".join(error.unknown))
    return say("library.outside", sources=escape(", ".join(error.outside)))


def _index_updated(report) -> str:
    """What an index update did, in a line."""
    return say(
        "library.index_updated",
        added=_count(len(report.added)),
        updated=len(report.updated),
        removed=len(report.removed),
    )
