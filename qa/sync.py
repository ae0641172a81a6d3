"""The sources a deployment fetches from, in a small TOML file, and one run over all of them.

```toml
[[source]]
municipality = "Aarhus"
kind = "firstagenda"            # edoc, acadre, firstagenda or kk
url = "https://dagsordener.aarhus.dk/"
since = 2025-01-01              # optional: meetings on or after this day

[[source]]
municipality = "Ballerup"
kind = "edoc"
folder = "/srv/edoc/udgivelse"  # relative to this file when not absolute
```

Only the operator adds sources (this file, or `qa fetch`); the web app can run a sync of them but
never takes a URL or folder of its own. Each source's last sync is recorded in the corpus's
origins file, a failed one with its reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from qa.errors import QAError
from qa.fetch import KINDS, FetchReport, fetch
from qa.origins import SourceSync, now, record_sync


class SourcesError(QAError):
    """The sources file cannot be read or names a source wrongly."""


@dataclass(frozen=True)
class Source:
    """One place minutes are published: a URL (web portals) or a folder (exports)."""

    municipality: str
    kind: str
    location: str  # the URL or the absolute folder
    since: date | None = None


@dataclass(frozen=True)
class SyncResult:
    source: Source
    report: FetchReport | None
    error: str | None = None  # in English, as the CLI prints it
    error_code: str | None = None  # the error's code and fields, for a UI's own words
    error_fields: dict = field(default_factory=dict)

    def as_record(self) -> dict:
        return {
            "source": self.source.location,
            "municipality": self.source.municipality,
            "kind": self.source.kind,
            "error": self.error,
            "error_code": self.error_code,
            "error_fields": self.error_fields,
            **({"report": self.report.as_record()} if self.report else {}),
        }


def read_sources(path: Path) -> list[Source]:
    """The sources listed in a TOML file; SourcesError naming the entry that is wrong."""
    path = Path(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourcesError(
            f"{path}: no sources file; write one (see docs/fetching.md) or name it: qa sync FILE",
            code="sources_missing",
        ) from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourcesError(
            f"{path}: cannot be read as TOML ({exc})", code="sources_unreadable"
        ) from exc
    entries = raw.get("source")
    if not isinstance(entries, list) or not entries:
        raise SourcesError(f"{path}: no [[source]] entries", code="sources_empty")
    sources = []
    for n, entry in enumerate(entries, 1):
        where = f"{path}: source {n}"
        if not isinstance(entry, dict):
            raise SourcesError(f"{where} is not a table", code="sources_entry", n=n)
        municipality = str(entry.get("municipality") or "").strip()
        kind = str(entry.get("kind") or "").strip().casefold()
        url, folder = entry.get("url"), entry.get("folder")
        if not municipality:
            raise SourcesError(f"{where} has no municipality", code="sources_municipality", n=n)
        if kind not in KINDS:
            raise SourcesError(
                f"{where}: kind must be one of {', '.join(KINDS)}, not {kind!r}",
                code="sources_kind",
                n=n,
                kind=kind,
                kinds=KINDS,
            )
        if bool(url) == bool(folder):
            raise SourcesError(f"{where} needs either url or folder", code="sources_place", n=n)
        if url and kind in ("edoc", "acadre"):
            raise SourcesError(
                f"{where}: a {kind} export is a folder, not a url",
                code="sources_folder_kind",
                n=n,
                kind=kind,
            )
        if folder and kind in ("firstagenda", "kk"):
            raise SourcesError(
                f"{where}: {kind} is fetched from a url, not a folder",
                code="sources_url_kind",
                n=n,
                kind=kind,
            )
        location = str(url) if url else str((path.parent / str(folder)).resolve())
        since = entry.get("since")
        if since is not None and not isinstance(since, date):
            raise SourcesError(
                f"{where}: since must be a date (since = 2025-01-01)", code="sources_since", n=n
            )
        sources.append(Source(municipality, kind, location, since))
    return sources


def sync_sources(sources: list[Source], corpus_dir: Path, client=None) -> list[SyncResult]:
    """Fetch every source in turn; one that fails is recorded with its reason and the rest go on."""
    results = []
    for source in sources:
        try:
            report = fetch(
                source.location,
                corpus_dir,
                kind=source.kind,
                municipality=source.municipality,
                since=source.since,
                client=client,
            )
        except QAError as exc:
            fields = _plain(exc.fields)
            result = SyncResult(source, None, str(exc), exc.code, fields)
            outcome = {"error": str(exc), "error_code": exc.code, "error_fields": fields}
        else:
            result = SyncResult(source, report)
            outcome = {
                "new": len(report.new),
                "changed": len(report.changed),
                "unchanged": len(report.unchanged),
                "failed": len(report.failed),
            }
        record_sync(
            corpus_dir,
            SourceSync(source.location, source.kind, source.municipality, now(), **outcome),
        )
        results.append(result)
    return results


def _plain(fields: dict) -> dict:
    """An error's fields as the origins file can keep them (JSON scalars and lists)."""
    plain = {}
    for name, value in fields.items():
        if isinstance(value, list | tuple):
            value = [v if isinstance(v, str | int | float) else str(v) for v in value]
        elif not isinstance(value, str | int | float | bool | None):
            value = str(value)
        plain[name] = value
    return plain
