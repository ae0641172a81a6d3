"""The web chat's upload and *Bibliotek* handlers, called as the panels call them: in Danish."""

import shutil
import socket
from functools import partial
from pathlib import Path
from types import SimpleNamespace

import pytest

from embeddings.model import HashingEncoder
from qa.http import PoliteClient
from qa.indexing import update_index
from qa.library import sync_configured
from qa.origins import SourceSync, record_sync, sync_times
from qa.store import IndexStore
from qa.web.library import Library
from tests.conftest import FIXTURES, RODOVRE, hash_searcher
from tests.web_server import Site, serving

OCTOBER = "beskaeftigelsesudvalget_2024-10-08.txt"
ENGLISH = ("same meeting", "skipped", "already indexed", "refused", "missing")


@pytest.fixture
def library(tmp_path):
    """The Rødovre minutes at the corpus root, as a first `qa serve` over them has them."""
    corpus = tmp_path / "corpus"
    shutil.copytree(RODOVRE, corpus)
    store = IndexStore(tmp_path / "index")
    update_index([corpus], store, HashingEncoder(), root=corpus)
    return Library(hash_searcher(store), corpus)


def uploaded(tmp_path, name, data: bytes) -> str:
    folder = tmp_path / "uploads"
    folder.mkdir(exist_ok=True)
    (folder / name).write_bytes(data)
    return str(folder / name)


def no_english(text: str) -> None:
    assert not [word for word in ENGLISH if word in text], text


def test_an_exact_copy_is_refused_as_already_indexed(library, tmp_path):
    """Reported: an exact copy of an indexed meeting was accepted as six new cases."""
    before = library.searcher.store.current_name()
    copy = uploaded(tmp_path, "kopi.txt", (RODOVRE / OCTOBER).read_bytes())
    summary, confirm, _, pending, _ = library.upload([copy], "Rødovre")
    assert f"**kopi.txt**: allerede indekseret (som {OCTOBER})" in summary
    assert "Gemt" not in summary and not confirm["visible"] and pending is None
    assert library.searcher.store.current_name() == before
    assert sorted(p.name for p in library.corpus_dir.rglob("*.txt")) == sorted(
        p.name for p in RODOVRE.glob("*.txt")
    )
    no_english(summary)


def test_a_changed_copy_replaces_the_original_after_confirmation(library, tmp_path):
    """Reported: a copy with 220 changed to 999 was added beside the original, and an English
    "same meeting as …, already indexed; skipped" followed every later upload."""
    original = (RODOVRE / OCTOBER).read_text(encoding="utf-8")
    changed = original.replace("i alt 220 personer", "i alt 999 personer").encode()
    summary, confirm, question, pending, chosen = library.upload(
        [uploaded(tmp_path, "rettet.txt", changed)], "Rødovre"
    )
    assert chosen is None  # the file input is cleared
    assert confirm["visible"] and pending
    assert "rettet.txt er en ny udgave af et indekseret møde" in question
    assert "Sag nr. 39: Status på indsatsen for fordrevne fra Ukraine m.fl." in question
    assert question.endswith("Erstat den indekserede udgave med den nye?")
    assert "i alt 220 personer" in (library.corpus_dir / OCTOBER).read_text(encoding="utf-8")

    summary, confirm, _, pending = library.replace(pending)
    assert not confirm["visible"] and pending is None
    assert f"**Ny udgave gemt:** rettet.txt erstatter {OCTOBER}" in summary
    assert "Ændrede sager:\n\n- Sag nr. 39: Status på indsatsen" in summary
    assert "**Indekset er opdateret.**" in summary and "fjernet" not in summary
    no_english(summary)
    meetings = [m for m in library.view()[1]["choices"] if "08-10-2024" in m[0]]
    assert len(meetings) == 1  # one document for the meeting, not two
    cases = library.searcher.snapshot().cases.values()
    texts = [s["text"] for c in cases if c["case_number"] == 39 for s in c["sections"]]
    assert any("999 personer" in t for t in texts) and not any("220 personer" in t for t in texts)

    later, *_ = library.upload(
        [uploaded(tmp_path, "kultur.txt", (FIXTURES / "kultur_2025-03-04.txt").read_bytes())],
        "Rødovre",
    )
    assert "**Indekset er opdateret:** 3 sager tilføjet" in later
    no_english(later)


def test_declining_keeps_the_indexed_version(library, tmp_path):
    changed = (RODOVRE / OCTOBER).read_bytes().replace(b"220 personer", b"999 personer")
    library.upload([uploaded(tmp_path, "rettet.txt", changed)], "Rødovre")
    summary, confirm, _, pending = library.keep()
    assert summary.startswith("Intet er erstattet") and pending is None
    assert (library.corpus_dir / OCTOBER).read_bytes() == (RODOVRE / OCTOBER).read_bytes()


def test_uploads_ask_for_the_municipality_in_danish(library, tmp_path):
    kultur = uploaded(tmp_path, "kultur.txt", (FIXTURES / "kultur_2025-03-04.txt").read_bytes())
    summary, *_, chosen = library.upload([kultur], None)
    assert "**kultur.txt**: vælg hvilken kommune referatet er fra" in summary
    assert chosen == [kultur]  # kept, to be sent again with the municipality
    summary, *_ = library.upload([kultur], "Hvidovre")
    assert "Gemt: Hvidovre/kultur.txt" in summary
    assert (library.corpus_dir / "Hvidovre" / "kultur.txt").exists()
    assert "Hvidovre" in library.municipalities()["choices"]


def test_the_library_lists_deletes_after_confirmation_and_shows_sync_times(library):
    record_sync(
        library.corpus_dir,
        SourceSync(
            "https://dagsordener.example.dk/rodovre",
            "firstagenda",
            "Rødovre",
            "2026-12-01T06:00:00+00:00",
            new=2,
            unchanged=40,
        ),
    )
    table, choice, syncs = library.view()
    assert table.count("<tr>") == 3 and "Beskæftigelsesudvalget" in table
    assert ("Beskæftigelsesudvalget, 08-10-2024", OCTOBER) in choice["choices"]
    assert "sidst synkroniseret 01-12-2026 kl. 06:00 (UTC) (2 nye, 0 ændrede, 40 uændrede)" in syncs

    status, confirm, text = library.ask_delete(OCTOBER)
    assert confirm["visible"] and "Slet **Beskæftigelsesudvalget, 08-10-2024** (6 sager)" in text
    assert (library.corpus_dir / OCTOBER).exists()  # asking deletes nothing

    status, confirm, table, choice, _ = library.delete(OCTOBER, SimpleNamespace(username=None))
    assert status.startswith(f"**Slettet:** {OCTOBER} (6 sager fjernet fra indekset)")
    assert not confirm["visible"] and not (library.corpus_dir / OCTOBER).exists()
    assert table.count("<tr>") == 2
    assert all(source != OCTOBER for _, source in choice["choices"])

    status, *_ = library.delete(OCTOBER, SimpleNamespace(username=None))
    assert "er ikke i indekset" in status


def test_deleting_needs_the_login_when_one_is_set(library):
    library.login_required = True
    status, *_ = library.delete(OCTOBER, SimpleNamespace(username=None))
    assert status == "Log ind for at slette referater."
    assert (library.corpus_dir / OCTOBER).exists()
    status, *_ = library.delete(OCTOBER, SimpleNamespace(username="redaktion"))
    assert status.startswith("**Slettet:**")


def test_the_last_meeting_is_not_deleted_from_the_page(library):
    library.delete("beskaeftigelsesudvalget_2023-05-16.txt", SimpleNamespace(username=None))
    status, *_ = library.delete(OCTOBER, SimpleNamespace(username=None))
    assert status == "Det sidste møde kan ikke slettes herfra: indekset ville blive tomt."


def sources_file(tmp_path) -> Path:
    """The operator's sources: a real eDoc publishing folder, and a folder that is not there."""
    path = tmp_path / "sources.toml"
    path.write_text(
        f"""
[[source]]
municipality = "Ballerup"
kind = "edoc"
folder = "{FIXTURES / "publishing" / "edoc-ballerup"}"

[[source]]
municipality = "Gladsaxe"
kind = "edoc"
folder = "{tmp_path / "no-such-export"}"
""",
        encoding="utf-8",
    )
    return path


def test_syncing_the_configured_sources_indexes_them_and_records_when(library, tmp_path):
    library.sync = partial(
        sync_configured,
        sources_file(tmp_path),
        library.corpus_dir,
        library.searcher.store,
        library.searcher.encoder,
    )
    status, times = library.sync_sources()
    assert "- **Ballerup** (edoc): 1 nyt møde, 0 ændrede, 0 uændrede" in status
    assert "- **Gladsaxe** (edoc): mislykkedes" in status
    assert "**Indekset er opdateret:**" in status and "tilføjet" in status
    assert "Ballerup: " in times and "sidst synkroniseret" in times
    assert "Gladsaxe: " in times and "mislykkedes" in times
    table, *_ = library.view()
    assert "Ballerup" in table

    status, _ = library.sync_sources()
    assert "1 uændrede" in status and "Intet nyt at indeksere." in status


def closed_port() -> int:
    """A port on loopback nothing listens on."""
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        return closed.getsockname()[1]


def sync_from(library, tmp_path, entries: str) -> None:
    """The library syncs the sources `entries` lists (TOML), without pauses between requests."""
    path = tmp_path / "sources.toml"
    path.write_text(entries, encoding="utf-8")
    client = PoliteClient(delay=0)
    library.sync = partial(
        sync_configured,
        path,
        library.corpus_dir,
        library.searcher.store,
        library.searcher.encoder,
        client,
    )


def test_a_portal_that_does_not_answer_is_reported_in_danish(library, tmp_path):
    url = f"http://127.0.0.1:{closed_port()}/"
    sync_from(
        library,
        tmp_path,
        f'[[source]]\nmunicipality = "Aarhus"\nkind = "firstagenda"\nurl = "{url}"\n',
    )

    status, times = library.sync_sources()

    why = f"{url} svarede ikke, heller ikke efter 4 forsøg. Er adressen rigtig, og kører webstedet?"
    assert f"- **Aarhus** (firstagenda): mislykkedes: {why}" in status
    assert f"mislykkedes: {why}" in times
    assert not [w for w in ("no answer", "attempts", "ConnectError") if w in status + times]
    [recorded] = sync_times(library.corpus_dir)  # the CLI's English stays beside the code
    assert recorded.error_code == "fetch_no_answer" and recorded.error_fields["attempts"] == 4
    assert "no answer after 4 attempts" in recorded.error


def test_a_portal_that_answers_500_is_reported_with_its_status(library, tmp_path):
    site = Site()
    site.add("/", "fejl", failures=99, failure_status=500)
    with serving(site) as base:
        sync_from(
            library,
            tmp_path,
            f'[[source]]\nmunicipality = "Aarhus"\nkind = "kk"\nurl = "{base}/"\n',
        )
        status, _ = library.sync_sources()

    assert f"mislykkedes: {base}/ svarede med HTTP-fejl 500, også efter 4 forsøg." in status


def test_a_wrong_sources_file_is_reported_in_danish(library, tmp_path):
    sync_from(
        library,
        tmp_path,
        '[[source]]\nmunicipality = "A"\nkind = "sharepoint"\nurl = "https://x"\n',
    )

    status, _ = library.sync_sources()

    assert status == (
        "**Synkroniseringen mislykkedes:** Kilde 1 i kildefilen har en ukendt type (kind) "
        "“sharepoint”; brug edoc, acadre, firstagenda, kk."
    )


def test_a_failed_sync_recorded_before_codes_were_kept_says_where_to_read_why(library):
    record_sync(
        library.corpus_dir,
        SourceSync(
            "https://x.example.dk/", "kk", "X", "2026-12-01T06:00:00+00:00", error="HTTP 503"
        ),
    )

    _, _, times = library.view()

    assert "mislykkedes: grunden vises af `qa sync` på serveren" in times
    assert "HTTP 503" not in times


def test_a_damaged_origins_file_is_said_in_danish_not_shown_as_no_meetings(library):
    (library.corpus_dir / ".qa-origins.json").write_text("{ not json", encoding="utf-8")

    table, _, times = library.view()

    said = "Referatmappens fil over, hvor filerne kom fra (.qa-origins.json), kan ikke læses"
    assert said in table and said in times  # not "no meetings indexed"
    assert "cannot be read" not in table + times


def test_without_a_sources_file_the_page_says_who_adds_sources(library):
    status, times = library.sync_sources()
    assert status.startswith("Ingen kilder er sat op") and "Ingen kilder er sat op" in times


def test_a_busy_index_keeps_the_saved_files_for_the_next_update(library, tmp_path):
    kultur = uploaded(tmp_path, "kultur.txt", (FIXTURES / "kultur_2025-03-04.txt").read_bytes())
    with library.searcher.store.writer():  # `qa index` running in another process
        summary, *_ = library.upload([kultur], "Rødovre")
    assert summary.startswith("**Indekset blev ikke opdateret:** Indekset bygges lige nu")
    assert "næste gang indekset opdateres" in summary and "Gemt: Rødovre/kultur.txt" in summary
