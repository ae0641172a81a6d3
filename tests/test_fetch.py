"""`qa fetch` from publishing folders: eDoc and Acadre exports as OS2dagsorden receives them."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from qa.cli import SOURCE_KINDS, cli
from qa.fetch import KINDS, SourceError, fetch
from qa.ingest import load_corpus
from qa.origins import ORIGINS_FILE, read_origins
from tests.conftest import FIXTURES

PUBLISHING = FIXTURES / "publishing"
EDOC = PUBLISHING / "edoc-ballerup"
ACADRE = PUBLISHING / "acadre-syddjurs"
EDOC_STORED = "Ballerup/Sundheds- og Forebyggelsesudvalget/04-12-2012 13.00.00"


def _files(root):
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())


def test_an_edoc_folder_lands_under_its_municipality_and_committee(tmp_path):
    report = fetch(str(EDOC), tmp_path)

    assert report.kind == "edoc"
    assert report.new == [f"{EDOC_STORED}/eDocAgendaPublishing.xml"]
    assert report.municipality == "Ballerup"  # said in the minutes ("på Ballerup Rådhus")
    # The XML and the PDFs it names that the folder holds; the others are reported, not fatal.
    stored = [f for f in _files(tmp_path) if f.startswith("Ballerup/")]
    assert stored == [
        f"{EDOC_STORED}/1552814.PDF",
        f"{EDOC_STORED}/1552816.PDF",
        f"{EDOC_STORED}/1552817.PDF",
        f"{EDOC_STORED}/eDocAgendaPublishing.xml",
    ]
    assert "04-12-2012 13:00:00/1537646.PDF" in report.missing  # a bilag not in the export
    origin = read_origins(tmp_path).origin(f"{EDOC_STORED}/eDocAgendaPublishing.xml")
    assert origin.origin.endswith("eDocAgendaPublishing.xml") and origin.kind == "edoc"
    assert len(origin.sha256) == 64


def test_fetched_exports_are_indexed_as_meetings_with_their_cases(tmp_path):
    fetch(str(EDOC), tmp_path)
    fetch(str(ACADRE), tmp_path, municipality="Syddjurs")

    corpus = load_corpus([tmp_path], tmp_path)

    assert corpus.errors == [] and corpus.duplicates == []
    by_town = {m.municipality: m for m in corpus.meetings}
    assert set(by_town) == {"Ballerup", "Syddjurs"}
    assert [c.case_number for c in by_town["Ballerup"].cases] == list(range(1, 9))
    assert by_town["Syddjurs"].cases[0].title == "Kulturkommune 2017. Politiske fokusområder"
    assert by_town["Syddjurs"].committee == "Udvalget for plan, udvikling og kultur (PUK)"


def test_a_second_run_with_nothing_new_writes_nothing(tmp_path):
    fetch(str(EDOC), tmp_path)
    before = {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()}

    again = fetch(str(EDOC), tmp_path)

    assert again.new == [] and again.changed == [] and again.written == 0
    assert again.unchanged == [f"{EDOC_STORED}/eDocAgendaPublishing.xml"]
    assert "nothing new" in again.summary()
    assert {p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()} == before


def test_a_changed_export_is_reported_changed_and_replaces_the_file(tmp_path):
    source = tmp_path / "export"
    shutil.copytree(EDOC, source)
    corpus = tmp_path / "corpus"
    fetch(str(source), corpus)
    xml = next(source.rglob("eDocAgendaPublishing.xml"))
    xml.write_bytes(xml.read_bytes().replace(b"1.316.000 kr.", b"1.999.000 kr.", 1))

    report = fetch(str(source), corpus)

    assert report.changed == [f"{EDOC_STORED}/eDocAgendaPublishing.xml"]
    assert report.written == 1  # the XML only; the PDFs are as they were
    assert b"1.999.000 kr." in (corpus / EDOC_STORED / "eDocAgendaPublishing.xml").read_bytes()


def test_an_acadre_export_needs_its_municipality_named(tmp_path):
    """The agenda XML does not say which municipality it is from: no guess, a clear failure."""
    report = fetch(str(ACADRE), tmp_path)

    assert report.new == []
    assert "give --municipality" in report.failed[0]
    assert _files(tmp_path) == [] or _files(tmp_path) == [ORIGINS_FILE]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d, "not a publishing export"),
        (lambda d: d / "nowhere", "no such folder"),
    ],
)
def test_a_folder_that_is_no_export_is_one_clear_error_and_changes_nothing(tmp_path, make, message):
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "notes.xml").write_text("<notes/>", encoding="utf-8")
    corpus = tmp_path / "corpus"

    with pytest.raises(SourceError, match=message):
        fetch(str(make(junk)), corpus)
    assert not corpus.exists() or _files(corpus) == []


def test_an_export_whose_xml_is_not_minutes_fails_that_meeting_only(tmp_path):
    source = tmp_path / "export"
    shutil.copytree(EDOC, source)
    broken = source / "05-12-2012 10:00:00"
    broken.mkdir()
    (broken / "eDocAgendaPublishing.xml").write_text(
        "<?xml version='1.0'?><Meeting><Committee/><MeetingAgendaTypes/></Meeting>",
        encoding="utf-8",
    )

    report = fetch(str(source), tmp_path / "corpus")

    assert len(report.new) == 1
    assert report.failed == [
        "05-12-2012 10:00:00: the eDoc XML names no committee or no meeting date"
    ]


def test_qa_fetch_prints_what_it_did_and_json_has_the_four_lists(tmp_path):
    runner = CliRunner()
    corpus = tmp_path / "corpus"

    first = runner.invoke(cli, ["fetch", str(EDOC), "--corpus-dir", str(corpus)])
    again = runner.invoke(cli, ["fetch", str(EDOC), "--corpus-dir", str(corpus), "--json"])

    assert first.exit_code == 0, first.output
    assert f"new      {EDOC_STORED}/eDocAgendaPublishing.xml" in first.output
    assert "attachments the export names are not in it" in first.output
    record = json.loads(again.output)
    assert {k: record[k] for k in ("new", "changed", "failed")} == {
        "new": [],
        "changed": [],
        "failed": [],
    }
    assert record["unchanged"] == [f"{EDOC_STORED}/eDocAgendaPublishing.xml"]


def test_qa_fetch_on_an_unknown_folder_is_one_line_and_exit_1(tmp_path):
    result = CliRunner().invoke(cli, ["fetch", str(tmp_path), "--corpus-dir", str(tmp_path / "c")])

    assert result.exit_code == 1
    assert (
        result.output.strip().startswith("Error:") and len(result.output.strip().splitlines()) == 1
    )


def test_the_cli_knows_the_same_source_kinds_as_the_library():
    assert SOURCE_KINDS == KINDS


def test_half_written_files_of_a_killed_run_are_cleared_once_old(tmp_path):
    import os

    from qa.downloads import LEFTOVER_AGE

    folder = tmp_path / EDOC_STORED
    folder.mkdir(parents=True)
    old, fresh = folder / ".fetch-old", folder / ".fetch-fresh"
    old.write_bytes(b"half")
    fresh.write_bytes(b"being written")
    stale = old.stat().st_mtime - LEFTOVER_AGE - 60
    os.utime(old, (stale, stale))

    fetch(str(EDOC), tmp_path)

    assert not old.exists() and fresh.exists()  # another fetch may still be writing that one


def test_removing_a_fetched_export_takes_its_pdfs_so_the_meeting_never_comes_back(tmp_path):
    from qa.cli import cli

    corpus, index = tmp_path / "corpus", tmp_path / "index"
    fetch(str(EDOC), corpus)
    fetch(str(ACADRE), corpus, municipality="Syddjurs")
    runner = CliRunner()
    assert runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index)]).exit_code == 0

    removed = runner.invoke(
        cli,
        ["remove", f"{EDOC_STORED}/eDocAgendaPublishing.xml"]
        + ["--corpus-dir", str(corpus), "--index-dir", str(index)],
    )
    again = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(index), "--json"])

    assert removed.exit_code == 0, removed.output
    assert not (corpus / EDOC_STORED).exists() or not any((corpus / EDOC_STORED).iterdir())
    assert json.loads(again.output)["errors"] == []
    meetings = json.loads(
        runner.invoke(cli, ["meetings", "--json", "--index-dir", str(index)]).output
    )
    assert [m["municipality"] for m in meetings] == ["Syddjurs"]
    assert not [s for s in read_origins(corpus).files if s.startswith("Ballerup/")]
