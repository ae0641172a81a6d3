"""The web chat's library: uploads that never duplicate, the *Bibliotek* panel (what is indexed,
delete with confirmation, each configured source's last sync), as Gradio handlers.

The checks live in `qa.uploads` and `qa.library`; here they are asked, and their answers shown in
Danish. A new version of an indexed meeting waits in a gr.State (the uploaded files' paths) until
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
from qa.errors import MinutesError, QAError
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
from qa.web.texts import error_text as danish
from qa.web.texts import notice_text, reason_text

log = logging.getLogger("minutes-qa")

MAX_LISTED = 10
NO_FILES = "Vælg en eller flere filer først."
KEPT = "Intet er erstattet: de indekserede udgaver er beholdt."
NOTHING_CHOSEN = "Vælg først det møde, der skal slettes."
LOGIN_TO_DELETE = "Log ind for at slette referater."
NO_MEETINGS = "Der er ingen indekserede møder endnu."
NO_SOURCES = (
    "Ingen kilder er sat op. Kilder tilføjes af den, der driver tjenesten (kildefilen til "
    "qa sync); siden her henter aldrig fra en adresse, man skriver."
)


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
            return NO_FILES, gr.update(visible=False), "", None, None
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
            return KEPT, gr.update(visible=False), "", None
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
        return KEPT, gr.update(visible=False), "", None

    def municipalities(self) -> dict:
        """The upload panel's choice of municipality: the known ones, or a new name."""
        return gr.update(choices=known_municipalities(self.corpus_dir, self.searcher.store))

    def _index(self, uploads: list[Upload], progress) -> tuple[IndexReport | None, str | None]:
        if not uploads:
            return None, None

        def report_progress(done: int, total: int) -> None:
            if total:
                progress((done, total), desc="Indekserer", unit="afsnit")

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
        except QAError:  # no index yet
            meetings = []
        choices = [(_meeting_label(m), m.source) for m in meetings]
        return (
            render_meetings(meetings),
            gr.update(choices=choices, value=None),
            render_sync_times(sync_times(self.corpus_dir), self.sync is not None),
        )

    def ask_delete(self, source) -> tuple:
        """(status, confirmation row, confirmation text): what deleting `source` would remove."""
        if not source:
            return NOTHING_CHOSEN, gr.update(visible=False), ""
        try:
            meetings = list_meetings(self.searcher.store, self.corpus_dir)
        except QAError as exc:
            return danish(exc), gr.update(visible=False), ""
        meeting = next((m for m in meetings if m.source == source), None)
        if meeting is None:
            return _not_indexed(source), gr.update(visible=False), ""
        text = (
            f"Slet **{escape(_meeting_label(meeting))}** ({_count(meeting.cases)}) fra "
            f"referaterne og indekset? Filen {escape(source)} slettes; det kan ikke fortrydes."
        )
        return "", gr.update(visible=True), text

    def delete(self, source, request: gr.Request) -> tuple:
        """Delete the confirmed meeting: (status, confirmation row, *view())."""
        if self.login_required and not getattr(request, "username", None):
            return (LOGIN_TO_DELETE, gr.update(visible=False), *self.view())
        if not source:
            return (NOTHING_CHOSEN, gr.update(visible=False), *self.view())
        try:
            removal = remove_sources(self.searcher.store, self.corpus_dir, [source])
            status = (
                f"**Slettet:** {escape(source)} ({_count(len(removal.cases))} fjernet fra "
                f"indekset)."
            )
        except RemoveError as exc:
            status = _remove_refused(exc)
        except QAError as exc:
            status = danish(exc)
        return (status, gr.update(visible=False), *self.view())

    def cancel_delete(self) -> tuple:
        return "Intet er slettet.", gr.update(visible=False), ""

    def sync_sources(self) -> tuple:
        """Sync the configured sources (never a URL or path from the page): (status, times)."""
        if self.sync is None:
            return NO_SOURCES, render_sync_times(sync_times(self.corpus_dir), False)
        try:
            status = render_sync_run(self.sync())
        except QAError as exc:
            status = f"**Synkroniseringen mislykkedes:** {escape(danish(exc))}"
        except Exception:
            log.exception("syncing the configured sources failed")
            status = "**Synkroniseringen mislykkedes;** fejlen er skrevet i serverens log."
        return status, render_sync_times(sync_times(self.corpus_dir), True)


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


# --- Danish words for what the library says -------------------------------------------------


def upload_reason(error: MinutesError) -> str:
    """Why an uploaded file was not added, in Danish (by its code, `minutes.<code>`)."""
    return reason_text(error)


def upload_warning(meeting_warning: str) -> str:
    """A reader's remark about an uploaded file, in Danish (by its code, `notice.<code>`)."""
    return notice_text(meeting_warning)


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
        blocks.append(
            "**Indekset er opdateret.**"
            + (f" {_count(new_cases, 'ny sag', 'nye sager')} fra nye filer." if saved else "")
        )
    elif report is not None:
        blocks.append(
            f"**Indekset er opdateret:** {_count(len(report.added), 'sag', 'sager')} tilføjet, "
            f"{len(report.updated)} opdateret, {len(report.removed)} fjernet."
        )
    if report is not None:
        added = [
            f"- {_case_line(u, c)}" for u in saved if not u.new_version for c in u.meeting.cases
        ]
        if added:
            blocks.append("Tilføjet:\n\n" + "\n".join(_capped(added)))
    elif index_error:
        blocks.append(f"**Indekset blev ikke opdateret:** {escape(index_error)}")
        if saved or replaced:
            blocks.append("De gemte filer kommer med, næste gang indekset opdateres.")
    for upload in replaced:
        blocks.append(
            f"**Ny udgave gemt:** {escape(upload.name)} erstatter {escape(upload.replaces)} "
            f"({escape(_meeting_line(upload))})."
        )
        blocks.append(render_case_changes(upload))
    if saved:
        blocks.append("Gemt: " + ", ".join(escape(u.source) for u in saved))
    if refused:
        items = [f"- **{escape(e.source)}**: {escape(upload_reason(e))}" for e in refused]
        blocks.append("**Filer der ikke blev tilføjet:**\n\n" + "\n".join(items))
    notes = [
        f"- **{escape(u.source)}**: {escape(upload_warning(w))}"
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
        blocks.append("**Bemærk:**\n\n" + "\n".join(notes))
    return "\n\n".join(b for b in blocks if b)


def render_case_changes(upload: Upload) -> str:
    """Which cases a new version changes, adds and removes."""
    parts = []
    for label, cases in (
        ("Ændrede sager", upload.changed),
        ("Nye sager", upload.added),
        ("Sager der ikke er med i den nye udgave", upload.removed),
    ):
        if cases:
            items = [f"- Sag nr. {c.case_number}: {escape(c.title)}" for c in cases]
            parts.append(f"{label}:\n\n" + "\n".join(_capped(items)))
    return "\n\n".join(parts)


def render_new_versions(versions: list[Upload]) -> str:
    """The question put to the user before new versions replace indexed files."""
    blocks = []
    for upload in versions:
        blocks.append(
            f"**{escape(upload.name)} er en ny udgave af et indekseret møde:** "
            f"{escape(_meeting_line(upload))}, indekseret fra {escape(upload.replaces)}."
        )
        blocks.append(render_case_changes(upload))
    one = len(versions) == 1
    blocks.append(
        "Erstat den indekserede udgave med den nye?"
        if one
        else "Erstat de indekserede udgaver med de nye?"
    )
    return "\n\n".join(blocks)


def render_meetings(meetings: list[IndexedMeeting]) -> str:
    """The indexed meetings as an HTML table narrow enough for the side panel (all escaped)."""
    if not meetings:
        return f"<p class='qa-library-empty'>{NO_MEETINGS}</p>"
    rows = []
    for m in meetings:
        details = " · ".join(
            [f"{m.meeting_date:%d-%m-%Y}", m.kind, *([m.municipality] if m.municipality else [])]
        )
        origin = f" title='Hentet fra {escape(m.origin)}'" if m.origin else ""
        rows.append(
            f"<tr><td><b>{escape(m.committee)}</b><br>{escape(details)}"
            f"<br><span class='qa-file'{origin}>{escape(m.source)}</span></td>"
            f"<td class='qa-num'>{m.cases}</td></tr>"
        )
    return (
        "<table class='qa-library'><thead><tr><th>Møde</th><th>Sager</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
        f"<p class='qa-library-count'>{len(meetings)} møder</p>"
    )


def render_sync_run(run) -> str:
    """What a sync of the configured sources brought (a qa.library.SyncRun), as Markdown."""
    items = []
    for result in run.results:
        source = result.source
        who = f"**{escape(source.municipality)}** ({escape(source.kind)})"
        if result.error:
            items.append(
                f"- {who}: mislykkedes (serverens besked på engelsk: {escape(result.error)})"
            )
            continue
        report = result.report
        items.append(
            f"- {who}: {_count(len(report.new), 'nyt møde', 'nye møder')}, "
            f"{len(report.changed)} ændrede, {len(report.unchanged)} uændrede"
            + (f", {len(report.failed)} fejlede" if report.failed else "")
        )
    blocks = ["**Kilderne er synkroniseret:**\n\n" + "\n".join(items)]
    if run.report is not None:
        report = run.report
        blocks.append(
            f"**Indekset er opdateret:** {_count(len(report.added))} tilføjet, "
            f"{len(report.updated)} opdateret, {len(report.removed)} fjernet."
        )
    else:
        blocks.append("Intet nyt at indeksere.")
    return "\n\n".join(blocks)


def render_sync_times(syncs: list[SourceSync], configured: bool) -> str:
    """Each configured source's last sync, as HTML."""
    if not syncs:
        text = "Ingen synkronisering endnu." if configured else NO_SOURCES
        return f"<p class='qa-sync-none'>{escape(text)}</p>"
    items = []
    for sync in syncs:
        who = f"{escape(sync.municipality)}: " if sync.municipality else ""
        when = _when(sync.synced)
        if sync.ok:
            what = f"{sync.new} nye, {sync.changed} ændrede, {sync.unchanged} uændrede" + (
                f", {sync.failed} fejlede" if sync.failed else ""
            )
            items.append(
                f"<li>{who}{escape(sync.source)}<br><small>sidst synkroniseret {when} "
                f"({what})</small></li>"
            )
        else:
            last = f"; sidst uden fejl {_when(sync.succeeded)}" if sync.succeeded else ""
            items.append(
                f"<li>{who}{escape(sync.source)}<br><small>forsøgt {when}, mislykkedes: "
                f"{escape(sync.error or '')}{last}</small></li>"
            )
    return f"<ul class='qa-sync'>{''.join(items)}</ul>"


def _when(stamp: str | None) -> str:
    """An origins time (ISO 8601, UTC) as "06-12-2026 kl. 10:00 (UTC)"."""
    try:
        moment = datetime.fromisoformat(stamp or "")
    except ValueError:
        return escape(stamp or "ukendt")
    return f"{moment:%d-%m-%Y kl. %H:%M} (UTC)"


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
    return [*items[:MAX_LISTED], f"- … og {len(items) - MAX_LISTED} flere"]


def _count(n: int, one: str = "sag", many: str = "sager") -> str:
    return f"{n} {one if n == 1 else many}"


def _not_indexed(source: str) -> str:
    return f"{escape(source)} er ikke i indekset (længere); listen er opdateret."


def _remove_refused(error: RemoveError) -> str:
    if error.everything:
        return "Det sidste møde kan ikke slettes herfra: indekset ville blive tomt."
    if error.unknown:
        return _not_indexed(", ".join(error.unknown))
    return f"{escape(', '.join(error.outside))} ligger uden for referatmappen; intet er slettet."
