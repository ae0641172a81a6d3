"""Publishing exports of case systems (eDoc, Acadre), read from their XML as OS2dagsorden does."""

from __future__ import annotations

import shutil
from datetime import date

from qa.formats import acadre, edoc
from qa.ingest import load_corpus, minutes_files, read_minutes
from tests.conftest import FIXTURES

PUBLISHING = FIXTURES / "publishing"
EDOC_MEETING = PUBLISHING / "edoc-ballerup" / "04-12-2012 13:00:00"
EDOC_XML = EDOC_MEETING / "eDocAgendaPublishing.xml"
ACADRE = PUBLISHING / "acadre-syddjurs"
ACADRE_AGENDA = ACADRE / "Files_1863_3687982" / "3687981.XML"


def test_an_edoc_meeting_is_read_from_its_xml():
    meeting = read_minutes(EDOC_XML)

    assert meeting.committee == "Sundheds- og Forebyggelsesudvalget"
    assert meeting.meeting_date == date(2012, 12, 4)
    assert meeting.kind == "referat"  # "Referat endeligt godkendt"
    assert meeting.municipality == "Ballerup"  # "på Ballerup Rådhus" in the minutes' header
    assert [c.case_number for c in meeting.cases] == list(range(1, 9))
    building = meeting.cases[1]
    assert building.title == "Bygningsvedligeholdelse 2013 - anlægsbevilling"
    assert "Sagsnr.: 2012-28504" in building.section("Sagsnummer")
    assert "1.316.000 kr." in building.section("Sammendrag")
    assert building.decision  # "<Udvalg>s beslutning den 04.12.2012 Punkt 2"


def test_an_acadre_agenda_is_read_from_its_xml():
    meeting = read_minutes(ACADRE_AGENDA)

    assert meeting.committee == "Udvalget for plan, udvikling og kultur (PUK)"
    assert meeting.meeting_date == date(2013, 6, 20)
    assert meeting.kind == "referat"
    [case] = meeting.cases
    assert case.case_number == 715  # the item's number in the year's numbering (`sort`)
    assert case.title == "Kulturkommune 2017. Politiske fokusområder"
    assert case.section("Sagsnummer") == "Sagsnr.: 12/27845"
    assert "Kulturafdelingen" in case.section("Resumé")  # HTML in bulletcontent, as text
    assert "<p>" not in case.text
    # This meeting's decision is "Beslutning"; earlier meetings' decisions keep their heading.
    assert case.decision
    assert case.section("Beslutning i Udvalget for plan, udvikling og kultur (PUK) den 10-04-2013")


def test_the_files_beside_an_export_xml_are_never_read_as_minutes():
    sources = [f.source for f in minutes_files([PUBLISHING], PUBLISHING)]

    assert sources == [
        "acadre-syddjurs/Files_1863_3687982/3687981.XML",
        "edoc-ballerup/04-12-2012 13:00:00/eDocAgendaPublishing.xml",
    ]


def test_a_corpus_of_exports_yields_one_meeting_each_without_errors():
    corpus = load_corpus([PUBLISHING], PUBLISHING)

    assert corpus.errors == [] and corpus.duplicates == []
    assert sorted(m.committee for m in corpus.meetings) == [
        "Sundheds- og Forebyggelsesudvalget",
        "Udvalget for plan, udvikling og kultur (PUK)",
    ]


def test_the_attachments_an_export_names_are_listed():
    assert "1537646.PDF" in edoc.attachments(EDOC_XML.read_bytes(), "x")  # a bilag
    assert "1552814.PDF" in edoc.attachments(EDOC_XML.read_bytes(), "x")  # the whole minutes
    assert acadre.attachments(ACADRE_AGENDA.read_bytes(), "x") == [
        "3525829E1.DOCX",
        "2531342E2.DOC",
        "3629343E3.DOCX",
    ]
    assert acadre.produced_folders((ACADRE / "XML_1863.xml").read_bytes(), "x") == [
        "Files_1863_3687982"
    ]


def test_an_edoc_folder_without_its_xml_is_read_as_pdfs(tmp_path):
    """The PDFs are companions only of an XML beside them."""
    shutil.copy(EDOC_MEETING / "1552814.PDF", tmp_path / "1552814.PDF")

    assert [f.source for f in minutes_files([tmp_path], tmp_path)] == ["1552814.PDF"]
