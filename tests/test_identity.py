"""Who a meeting belongs to: municipality, committee, date and kind, and the file it came from.

Two municipalities' same-named files and same-day meetings of same-named committees, and
same-day committees of one municipality, are indexed and cited apart.
"""

import json
from datetime import date
from pathlib import Path, PurePath

import pytest
from click.testing import CliRunner

from embeddings.model import HashingEncoder
from qa.cli import cli
from qa.errors import IndexMismatchError
from qa.identity import (
    CaseKey,
    MeetingKey,
    find_municipality,
    municipality_from_folder,
    municipality_of_address,
    municipality_of_folders,
)
from qa.indexing import update_index
from qa.ingest import load_corpus, read_minutes
from qa.retrieval import Filters
from qa.store import IndexStore
from tests.conftest import CORPUS, hash_searcher


def minutes(committee: str, day: str, *cases: tuple[int, str, str], header: str = "") -> str:
    """A small text export: committee, date, members, then cases (number, title, decision)."""
    body = "".join(
        f"{title}\nSag nr. {number}\n\nBeslutning\n\n{decision}\n\n"
        for number, title, decision in cases
    )
    return f"{committee}\n\n{day}\n\n{header}Medlemmer\n\nFormand Anne Holm (A)\n\n{body}"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


AARHUS_TU = minutes(
    "Teknisk Udvalg", "01-10-2025", (1, "Cykelsti på Randersvej", "Cykelstien anlægges i 2026.")
)
ODENSE_TU = minutes(
    "Teknisk Udvalg", "01-10-2025", (1, "Ny busterminal ved banegården", "Terminalen udbydes.")
)


@pytest.fixture
def store(tmp_path):
    return IndexStore(tmp_path / "index")


# --- the keys ------------------------------------------------------------------------------


def test_a_case_key_reads_back_from_its_manifest_form():
    key = CaseKey("Rødovre", "Beskæftigelsesudvalget", date(2024, 10, 8), "referat", 38)
    assert str(key) == "rødovre|beskæftigelsesudvalget|2024-10-08|referat|38"
    assert CaseKey.parse(str(key)) == key
    assert key == CaseKey("RØDOVRE", "beskæftigelsesudvalget", date(2024, 10, 8), "referat", 38)
    assert key.meeting == MeetingKey("Rødovre", "Beskæftigelsesudvalget", date(2024, 10, 8))
    unknown = CaseKey(None, "Teknisk Udvalg", date(2025, 10, 1), "dagsorden", 2)
    assert CaseKey.parse(str(unknown)) == unknown and unknown.municipality is None


def test_a_key_of_the_old_index_format_is_not_read_as_a_new_one():
    with pytest.raises(ValueError, match="not a case key"):
        CaseKey.parse("beskæftigelsesudvalget|2024-10-08|referat|38")


# --- where the municipality comes from -----------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "municipality"),
    [
        (["Aarhus Byråd"], "Aarhus"),
        (["Referat", "i Mødecenter C, Lokale 32 på Ballerup Rådhus"], "Ballerup"),
        (["Økonomiudvalget", "Københavns Kommune"], "København"),
        (["Lyngby-Taarbæk Kommune", "Teknik- og Miljøudvalget"], "Lyngby-Taarbæk"),
        (["Teknisk Udvalg", "Den Kommune der betaler"], None),
        (["Beskæftigelsesudvalget", "08-10-2024"], None),
    ],
)
def test_the_municipality_a_header_names(lines, municipality):
    assert find_municipality(lines) == municipality


def test_a_folder_under_the_corpus_names_the_municipality_at_any_depth():
    assert municipality_from_folder("Aarhus/referat.html") == "Aarhus"
    assert municipality_from_folder("Odense Kommune/2025/tu/referat.pdf") == "Odense"
    assert municipality_from_folder("referat.txt") is None


def test_the_bundled_corpus_from_its_documents_or_its_folders():
    corpus = load_corpus([CORPUS], root=CORPUS)
    found = {m.source: m.municipality for m in corpus.meetings}
    assert found == {
        "Aarhus/aarhus_byraad_2025-10-08_dagsorden.html": "Aarhus",  # "Aarhus Byråd"
        "Aarhus/aarhus_teknisk_udvalg_2025-10-01_referat.html": "Aarhus",  # the folder
        "Ballerup/ballerup_SFU_2012-12-04_referat.pdf": "Ballerup",  # "Ballerup Rådhus"
        "Rødovre/beskaeftigelsesudvalget_2023-05-16.txt": "Rødovre",  # the folder
        "Rødovre/beskaeftigelsesudvalget_2024-10-08.txt": "Rødovre",
        "Køge/koege_koege-byraad_2020-10-27_referat.txt": "Køge",  # "Køge Byråd"
        # The other pages name their committee alone: the folder.
        **{
            f"Køge/koege_{name}.txt": "Køge"
            for name in (
                "kultur-og-idraetsudvalget_2018-01-08_referat",
                "kultur-og-idraetsudvalget_2018-05-07_referat",
                "oekonomiudvalget_2021-01-19_dagsorden",
                "socialudvalget_2022-01-10_dagsorden",
                "teknik-og-ejendomsudvalget_2019-12-12_referat",
                "teknik-og-ejendomsudvalget_2022-03-03_referat",
            )
        },
        **{
            f"København/kk_{name}.txt": "København"
            for name in (
                "borgerrepraesentationen_2011-11-17_punkt-1",
                "borgerrepraesentationen_2012-09-20_punkt-1",
                "borgerrepraesentationen_2014-06-18_punkt-3",
                "borgerrepraesentationen_2018-10-04_punkt-7",
                "borgerrepraesentationen_2019-12-12_punkt-1",
                "borgerrepraesentationen_2021-04-22_punkt-10",
                "borgerrepraesentationen_2021-11-04_punkt-1",
                "kultur-og-fritidsudvalget_2017-11-09_punkt-2",
                "kultur-og-fritidsudvalget_2023-11-23_punkt-19",
                "oekonomiudvalget_2017-08-23_punkt-4",
                "oekonomiudvalget_2019-06-11_punkt-3",
                "oekonomiudvalget_2024-01-24_punkt-2",
                "oekonomiudvalget_2025-01-22_tillaegsdagsorden_punkt-1",
                "oekonomiudvalget_2026-01-21_punkt-2",
                "socialudvalget_2023-05-17_punkt-8",
                "sundheds-og-omsorgsudvalget_2024-02-29_punkt-8",
                "vanloese-lokaludvalg_2021-06-17_punkt-3",
            )
        },
        "Faxe/faxe_boern-laeringsudvalget_2022-10-03_referat.txt": "Faxe",
        "Faxe/faxe_socialudvalget_2021-01-11_referat.txt": "Faxe",
        "Hvidovre/hvidovre_teknik-og-miljoeudvalget_2019-03-11_referat.txt": "Hvidovre",
        "Køge/koege_klima-og-planudvalget_2020-01-09_referat.txt": "Køge",
        "Albertslund/albertslund_oekonomiudvalget_2020-06-18_ekstraordinaer.txt": "Albertslund",
        "Bornholm/brk_boerne-og-skoleudvalget_2018-11-06_referat.txt": "Bornholm",
        "Bornholm/brk_fritids-kultur-og-forebyggelsesudvalget_2013-08-14_referat.txt": "Bornholm",
        "Holbæk/holbaek_udvalget-for-aeldre-og-sundhed_2020-06-04_referat.txt": "Holbæk",
        "Holbæk/holbaek_udvalget-for-laering-og-trivsel_2014-06-24_referat.txt": "Holbæk",
        "Roskilde/roskilde_plan-og-teknikudvalget_2018-12-06_referat.txt": "Roskilde",
        "Roskilde/roskilde_sundheds-og-omsorgsudvalget_2014-04-03_referat.txt": "Roskilde",
        "Roskilde/roskilde_sundheds-og-omsorgsudvalget_2016-03-03_referat.txt": "Roskilde",
        "Vejen/vejen_udvalget-for-teknik-og-miljoe_2019-02-18.txt": "Vejen",
        "Viborg/viborg_social-og-sundhedsudvalget_2019-01-17_referat.txt": "Viborg",
        "Allerød/alleroed_teknik-erhverv-plan-og-miljoeudvalget_2018-11-06_referat.txt": "Allerød",
        "Brønderslev/bronderslev_byraadet_2020-01-29_referat.txt": "Brønderslev",
        "Brønderslev/bronderslev_oekonomiudvalget_2020-11-18_referat.txt": "Brønderslev",
        "Frederikssund/frederikssund_oekonomiudvalget_2026-01-21_referat.txt": "Frederikssund",
        "Frederikssund/frederikssund_unge-fritid-og-idraet_2024-04-02_referat.txt": "Frederikssund",
        "Gribskov/gribskov_forebyggelse-og-idraet_2018-04-30_referat.txt": "Gribskov",
        "Gribskov/gribskov_oekonomiudvalget_2019-06-11_referat.txt": "Gribskov",
        "Gribskov/gribskov_oekonomiudvalget_2019-06-18_referat.txt": "Gribskov",
        "Mariagerfjord/mariagerfjord_udvalget-for-kultur-og-fritid_2021-03-02_referat.txt": (
            "Mariagerfjord"
        ),
        "Middelfart/middelfart_boern-kultur-og-fritidsudvalget_2020-12-08_referat.txt": "Middelfart",
        "Middelfart/middelfart_oekonomiudvalget_2015-01-26_referat.txt": "Middelfart",
        "Odense/odense_odense-byraad_2016-04-06_referat.txt": "Odense",  # "Odense Byråd"
        **{
            f"{folder}/{name}.txt": folder
            for folder, names in (
                (
                    "Næstved",
                    (
                        "naestved_ejendomsudvalget_2014-09-29_referat",
                        "naestved_teknisk-udvalg_2017-12-11_referat",
                        "naestved_teknisk-udvalg_2019-08-12_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_boerne-og-ungeudvalget_2019-11-11_referat",
                        "slagelse_boerne-og-ungeudvalget_2020-08-10_referat",
                        "slagelse_boerne-og-ungeudvalget_2023-05-02_referat",
                        "slagelse_oekonomiudvalget_2018-10-01_referat",
                    ),
                ),
                (
                    "Syddjurs",
                    (
                        "syddjurs_byraadet_2018-06-20_referat",
                        "syddjurs_byraadet_2018-12-19_referat",
                        "syddjurs_byraadet_2019-06-26_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_erhverv-klima-miljoe-og-teknikudvalget_2023-02-06_referat",
                        "thisted_klima-miljoe-og-teknikudvalget_2019-08-12_referat",
                        "thisted_kommunalbestyrelsen_2022-05-31_referat",
                        "thisted_kommunalbestyrelsen_2022-08-30_referat",
                    ),
                ),
                (
                    "Varde",
                    (
                        "varde_byraadet_2019-09-03_referat",
                        "varde_udvalget-for-oekonomi-og-erhverv_2018-06-13_referat",
                    ),
                ),
                (
                    "Fredericia",
                    (
                        "fredericia_byraadet_2017-12-11_referat",
                        "fredericia_oekonomi-og-erhvervsudvalget_2022-02-07_referat",
                        "fredericia_oekonomi-og-erhvervsudvalget_2022-04-22_referat",
                        "fredericia_oekonomi-og-erhvervsudvalget_2023-02-20_referat",
                        "fredericia_oekonomiudvalget_2020-06-15_referat",
                        "fredericia_oekonomiudvalget_2021-06-21_referat",
                    ),
                ),
                (
                    "Herning",
                    (
                        "herning_herning-byraad_2021-08-24_referat",  # "Herning Byråd"
                        "herning_oekonomi-og-erhvervsudvalget_2014-01-20_referat",
                    ),
                ),
                (
                    "Hillerød",
                    (
                        "hilleroed_byraadet_2018-10-31_referat",
                        "hilleroed_byraadet_2018-12-19_referat",
                    ),
                ),
                (
                    "Holstebro",
                    (
                        "holstebro_byraadet_2018-05-15_referat",
                        "holstebro_byraadet_2018-09-18_referat",
                    ),
                ),
                ("Horsens", ("horsens_byraadet_2016-03-29_referat",)),
                (
                    "Ringkøbing-Skjern",
                    tuple(
                        f"ringkoebing-skjern_byraadet_{day}_referat"
                        for day in ("2019-03-19", "2019-05-21", "2022-04-19", "2026-01-20")
                    ),
                ),
                (
                    "Jammerbugt",
                    tuple(
                        f"jammerbugt_kommunalbestyrelsen_{day}_referat"
                        for day in ("2020-03-26", "2020-06-25", "2020-12-10")
                    ),
                ),
                ("Faaborg-Midtfyn", ("faaborg-midtfyn_kommunalbestyrelsen_2019-11-05_referat",)),
                ("Hedensted", ("hedensted_det-faelles-landdistriktsraad_2023-08-31_referat",)),
                ("Vesthimmerland", ("vesthimmerland_oekonomiudvalget_2019-03-13_referat",)),
                (
                    "Frederiksberg",
                    (
                        "frederiksberg_by-og-miljoeudvalget_2021-06-07_referat",
                        "frederiksberg_magistraten_2021-01-18_referat",
                        "frederiksberg_miljoe-bynatur-og-mobilitetsudvalget_2022-06-13_referat",
                    ),
                ),
                ("Glostrup", ("glostrup_kommunalbestyrelsen_2018-01-17_referat",)),
                ("Guldborgsund", ("guldborgsund_oekonomiudvalget_2016-03-07_referat",)),
                ("Høje-Taastrup", ("hoeje-taastrup_byraadet_2017-08-29_referat",)),
                (
                    "Solrød",
                    (
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2019-05-20_referat",
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2020-03-23_referat",
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2021-04-19_referat",
                    ),
                ),
                (
                    "Stevns",
                    (
                        "stevns_kommunalbestyrelsen_2018-01-18_referat",
                        "stevns_kommunalbestyrelsen_2021-04-28_referat",
                    ),
                ),
                (
                    "Vallensbæk",
                    (
                        "vallensbaek_kommunalbestyrelsen_2018-10-10_referat",
                        "vallensbaek_kommunalbestyrelsen_2019-04-24_referat",
                    ),
                ),
                ("Hjørring", ("hjoerring_hjoerring-byraad_2016-05-25_dagsorden",)),
                (
                    "Fredensborg",
                    (
                        "fredensborg_byraadet-18-21_2018-10-01_referat",
                        "fredensborg_byraadet_2015-01-26_referat",
                        "fredensborg_oekonomiudvalget_2014-11-17_referat",
                    ),
                ),
                (
                    "Dragør",
                    (
                        "dragoer_kommunalbestyrelsen_2016-02-25_referat",
                        *(
                            f"dragoer_oekonomiudvalget_{day}_referat"
                            for day in ("2015-11-19", "2018-10-25", "2019-10-24", "2020-10-22")
                        ),
                    ),
                ),
                ("Nyborg", ("nyborg_erhvervs-og-udviklingsudvalget_2021-10-04_referat",)),
                ("Halsnæs", ("halsnaes_udvalget-for-miljoe-og-teknik_2013-05-28_referat",)),
                (
                    "Assens",
                    tuple(
                        f"assens_byraadet_{day}_referat"
                        for day in (
                            "2017-05-31",
                            "2017-12-13",
                            "2018-02-28",
                            "2018-10-31",
                            "2019-12-18",
                            "2020-12-16",
                        )
                    ),
                ),
                (
                    "Kolding",
                    (
                        "kolding_byraadet_2018-02-27_referat",
                        "kolding_byraadet_2018-09-25_referat",
                        "kolding_oekonomiudvalget_2014-01-06_referat",
                        "kolding_oekonomiudvalget_2019-03-18_referat",
                    ),
                ),
                ("Rebild", ("rebild_oekonomiudvalget_2020-08-19_referat",)),
                (
                    "Aabenraa",
                    (
                        "aabenraa_byraadet_2014-11-26_referat",
                        "aabenraa_byraadet_2017-09-20_referat",
                        "aabenraa_byraadet_2022-11-30_referat",
                        "aabenraa_konstituerende-moede_2017-12-06_referat",
                        "aabenraa_oekonomiudvalget_2016-11-01_referat",
                        "aabenraa_teknik-og-miljoeudvalget_2021-08-11_referat",
                    ),
                ),
                (
                    "Langeland",
                    (
                        "langeland_kommunalbestyrelsen-2018-2021_2019-11-04_referat",
                        "langeland_kommunalbestyrelsen-2018-2021_2021-09-13_referat",
                        "langeland_kommunalbestyrelsen_2022-03-28_referat",
                        "langeland_kommunalbestyrelsen_2022-10-10_referat",
                    ),
                ),
                (
                    "Ishøj",
                    (
                        "ishoej_erhvervs-og-beskaeftigelsesudvalget_2024-03-06_referat",
                        "ishoej_ishoej-byraad_2014-12-02_referat",
                        "ishoej_ishoej-byraad_2025-09-30_referat",
                        "ishoej_oekonomi-og-planudvalget_2023-09-25_referat",
                        "ishoej_oekonomi-og-planudvalget_2025-01-20_referat",
                        "ishoej_oekonomi-og-planudvalget_2025-09-22_referat",
                        "ishoej_oekonomi-og-planudvalget_2025-10-20_referat",
                        "ishoej_social-og-sundhedsudvalget_2025-06-10_referat",
                    ),
                ),
                (
                    "Svendborg",
                    (
                        "svendborg_kommunalbestyrelsen_2025-03-25_referat",
                        "svendborg_oekonomiudvalget_2025-06-17_referat",
                    ),
                ),
                (
                    "Aalborg",
                    tuple(
                        f"aalborg_byraadet_{day}_referat"
                        for day in (
                            "2023-04-24",
                            "2023-05-15",
                            "2023-08-14",
                            "2023-09-25",
                            "2023-11-13",
                            "2024-01-22",
                            "2024-02-12",
                            "2024-03-11",
                        )
                    ),
                ),
                ("Ringsted", ("ringsted_plan-og-boligudvalget_2014-02-18_referat",)),
                (
                    "København",
                    (
                        "kk_borgerrepraesentationen_2001-02-08_punkt-21",
                        "kk_borgerrepraesentationen_2003-12-11_punkt-7",
                        "kk_borgerrepraesentationen_2004-11-25_punkt-13",
                        "kk_borgerrepraesentationen_2005-01-13_punkt-7",
                        "kk_borgerrepraesentationen_2005-12-01_punkt-3",
                        "kk_kultur-og-fritidsudvalget_2001-05-03_punkt-12",
                    ),
                ),
                (
                    "Køge",
                    (
                        "koege_boerneudvalget_2018-11-07_referat",
                        "koege_kultur-og-idraetsudvalget_2021-03-01_referat",
                        "koege_kultur-og-idraetsudvalget_2021-09-06_referat",
                    ),
                ),
                ("Brønderslev", ("bronderslev_integrationsraadet_2016-09-07_referat",)),
                ("Fredericia", ("fredericia_kultur-og-idraetsudvalget_2019-08-20_referat",)),
                ("Glostrup", ("glostrup_kultur-og-fritidsudvalget_2019-05-21_referat",)),
                ("Gribskov", ("gribskov_kultur-og-idraetsudvalget_2017-02-07_referat",)),
                ("Kalundborg", ("kalundborg_integrationsudvalget_2011-12-12_referat",)),
                (
                    "Vejen",
                    (
                        "vejen_byraadet_2021-02-09_referat",
                        "vejen_oekonomiudvalget_2018-01-30_referat",
                        "vejen_oekonomiudvalget_2018-06-19_referat",
                        "vejen_oekonomiudvalget_2018-10-02_referat",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_oekonomiudvalget_2004-03-02_dagsorden_punkt-3",
                        "kk_kultur-og-fritidsudvalget_2024-02-24_punkt-10",
                    ),
                ),
                ("Faxe", ("faxe_boern-laeringsudvalget_2021-09-08_referat",)),
                ("Hvidovre", ("hvidovre_boerne-og-undervisningsudvalget_2015-11-09_referat",)),
                ("Allerød", ("alleroed_teknik-erhverv-plan-og-miljoeudvalget_2018-03-06_referat",)),
                ("Stevns", ("stevns_kommunalbestyrelsen_2020-01-22_referat",)),
                ("Brønderslev", ("bronderslev_fritids-og-kulturudvalget_2021-11-25_referat",)),
                ("Slagelse", ("slagelse_forebyggelses-og-seniorudvalget_2021-01-12_referat",)),
                ("Roskilde", ("roskilde_kultur-og-idraetsudvalget_2019-04-03_referat",)),
                (
                    "Vejen",
                    (
                        "vejen_byraadet_2020-06-30_referat",
                        "vejen_byraadet_2020-09-15_referat",
                        "vejen_byraadet_2020-11-10_referat",
                        "vejen_oekonomiudvalget_2018-04-03_referat",
                        "vejen_oekonomiudvalget_2018-05-01_referat",
                        "vejen_udvalget-for-sundhed-kultur-og-fritid_2018-08-21_referat",
                    ),
                ),
                (
                    "Brønderslev",
                    (
                        "bronderslev_aeldreomsorgsudvalget_2015-08-20_referat",
                        "bronderslev_aeldreomsorgsudvalget_2020-04-15_referat",
                    ),
                ),
                ("Bornholm", ("brk_boerne-og-skoleudvalget_2018-01-30_referat",)),
                ("Roskilde", ("roskilde_kultur-og-idraetsudvalget_2017-09-06_referat",)),
                ("Køge", ("koege_boerneudvalget_2019-11-06_referat",)),
                ("København", ("kk_borgerrepraesentationen_2007-05-31_punkt-26",)),
                ("Frederikssund", ("frederikssund_opvaekstudvalget_2021-08-09_referat",)),
                (
                    "Holbæk",
                    (
                        "holbaek_aktiv-hele-livet-sundhed-og-omsorg_2016-02-22_referat",
                        "holbaek_byraadet_2016-06-29_ekstraordinaert_referat",
                        "holbaek_oekonomiudvalget_2018-08-08_referat",
                        "holbaek_projektudvalget-for-udvikling-af-lokalomraaderne_2018-09-06_referat",
                    ),
                ),
                (
                    "Faxe",
                    (
                        "faxe_boern-laeringsudvalget_2022-04-07_referat",
                        "faxe_boern-laeringsudvalget_2022-11-10_referat",
                    ),
                ),
                (
                    "Ringkøbing-Skjern",
                    ("ringkoebing-skjern_boerne-og-familieudvalget_2021-03-23_referat",),
                ),
                (
                    "Middelfart",
                    ("middelfart_beskaeftigelses-og-arbejdsmarkedsudvalget_2016-06-08_referat",),
                ),
                ("Brønderslev", ("bronderslev_det-lokale-beskaeftigelsesraad_2014-04-22_referat",)),
                ("Gribskov", ("gribskov_arbejdsmarkedsudvalget_2013-09-25_referat",)),
                ("Vejen", ("vejen_udvalget-for-teknik-og-miljoe_2019-01-21_referat",)),
                (
                    "Roskilde",
                    (
                        "roskilde_klima-og-miljoeudvalget_2017-03-07_referat",
                        "roskilde_klima-og-miljoeudvalget_2018-05-08_referat",
                        "roskilde_klima-og-miljoeudvalget_2019-10-01_referat",
                        "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2015-04-17_referat",
                        "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2018-06-08_referat",
                    ),
                ),
                (
                    "Holbæk",
                    (
                        "holbaek_handicapraadet_2015-11-03_referat",
                        "holbaek_udvalget-for-boern_2013-01-29_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_miljoe-plan-og-landdistriktsudvalget_2021-01-19_referat",
                        "slagelse_udvalget-for-specialiserede-borgerindsatser_2021-08-11_referat",
                    ),
                ),
                (
                    "Middelfart",
                    ("middelfart_beskaeftigelses-og-arbejdsmarkedsudvalget_2014-04-09_referat",),
                ),
                ("Brønderslev", ("bronderslev_handicapraadet_2020-10-27_referat",)),
                ("Gribskov", ("gribskov_erhvervs-og-turismeudvalget_2015-09-14_referat",)),
                (
                    "Hvidovre",
                    (
                        "hvidovre_folkeoplysningsudvalget_2018-12-06_referat",
                        "hvidovre_kommunalbestyrelsen_2017-12-05_referat",
                        "hvidovre_kommunalbestyrelsen_2018-06-26_referat",
                        "hvidovre_kultur-og-fritidsudvalget_2017-01-04_referat",
                        "hvidovre_kultur-og-fritidsudvalget_2017-12-06_referat",
                        "hvidovre_kultur-og-fritidsudvalget_2018-04-12_referat",
                        "hvidovre_kultur-og-fritidsudvalget_2018-10-03_referat",
                        "hvidovre_oekonomiudvalget_2015-10-19_referat",
                        "hvidovre_oekonomiudvalget_2018-12-03_referat",
                        "hvidovre_oekonomiudvalget_2019-01-21_referat",
                    ),
                ),
                ("Thisted", ("thisted_klima-miljoe-og-teknikudvalget_2020-02-03_referat",)),
                (
                    "Mariagerfjord",
                    ("mariagerfjord_udvalget-for-teknik-og-miljoe_2020-06-22_referat",),
                ),
                (
                    "Thisted",
                    (
                        "thisted_erhverv-klima-miljoe-og-teknikudvalget_2022-11-14_referat",
                        "thisted_klima-miljoe-og-teknikudvalget_2020-04-14_referat",
                        "thisted_klima-miljoe-og-teknikudvalget_2020-08-10_referat",
                    ),
                ),
                (
                    "Mariagerfjord",
                    (
                        "mariagerfjord_byraadet_2019-06-27_referat",
                        "mariagerfjord_udvalget-for-kultur-og-fritid_2020-08-04_referat",
                        "mariagerfjord_udvalget-for-teknik-og-miljoe_2019-05-06_referat",
                    ),
                ),
                (
                    "Brønderslev",
                    (
                        "bronderslev_byraadet_2021-10-06_referat",
                        "bronderslev_oekonomiudvalget_2020-03-31_referat",
                        "bronderslev_oekonomiudvalget_2021-06-16_referat",
                    ),
                ),
                ("Syddjurs", ("syddjurs_byraadet_2020-06-24_referat",)),
                ("Glostrup", ("glostrup_kommunalbestyrelsen_2019-02-13_referat",)),
                (
                    "Slagelse",
                    ("slagelse_landdistrikts-teknik-og-ejendomsudvalget_2018-03-05_referat",),
                ),
                (
                    "Horsens",
                    (
                        "horsens_byraadet_2014-09-23_referat",
                        "horsens_byraadet_2015-11-24_referat",
                        "horsens_byraadet_2016-04-26_referat",
                    ),
                ),
                (
                    "Viborg",
                    (
                        "viborg_byraadet_2013-12-11_referat",
                        "viborg_oekonomi-og-erhvervsudvalget_2016-01-20_referat",
                    ),
                ),
                ("Odense", ("odense_oekonomiudvalget_2017-04-26_referat",)),
                (
                    "Fredensborg",
                    (
                        "fredensborg_oekonomiudvalget-18-21_2018-01-22_referat",
                        "fredensborg_oekonomiudvalget-18-21_2018-11-19_referat",
                    ),
                ),
                (
                    "Albertslund",
                    (
                        "albertslund_oekonomiudvalget_2019-08-13_referat",
                        "albertslund_oekonomiudvalget_2019-09-10_referat",
                    ),
                ),
                (
                    "Mariagerfjord",
                    ("mariagerfjord_udvalget-for-kultur-og-fritid_2019-04-30_referat",),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_oekonomiudvalget_2019-11-18_referat",
                        "slagelse_oekonomiudvalget_2020-02-17_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_kommunalbestyrelsen_2020-05-26_referat",
                        "thisted_kommunalbestyrelsen_2020-06-23_referat",
                        "thisted_oekonomiudvalget_2021-01-20_referat",
                    ),
                ),
                ("Frederikssund", ("frederikssund_social-og-sundhed_2023-04-17_referat",)),
                (
                    "Nyborg",
                    (
                        "nyborg_byraadet_2018-10-09_referat",
                        "nyborg_byraadet_2018-11-27_referat",
                        "nyborg_kultur-og-fritidsudvalget_2021-11-09_referat",
                    ),
                ),
                (
                    "Varde",
                    (
                        "varde_udvalget-for-plan-og-teknik_2018-05-22_referat",
                        "varde_udvalget-for-plan-og-teknik_2018-06-08_referat",
                    ),
                ),
                (
                    "Stevns",
                    (
                        "stevns_oekonomiudvalget_2021-02-16_referat",
                        "stevns_oekonomiudvalget_2021-12-07_referat",
                        "stevns_plan-miljoe-og-teknik_2020-09-29_referat",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_teknik-og-miljoeudvalget_2006-01-04_punkt-6",
                        "kk_teknik-og-miljoeudvalget_2011-08-22_punkt-1",
                        "kk_teknik-og-miljoeudvalget_2011-10-10_punkt-8",
                    ),
                ),
                (
                    "Fredensborg",
                    (
                        "fredensborg_boerne-og-skoleudvalget-18-21_2018-08-20_referat",
                        "fredensborg_oekonomiudvalget_2015-03-23_referat",
                        "fredensborg_oekonomiudvalget_2017-10-23_referat",
                    ),
                ),
                ("Viborg", ("viborg_boerne-og-ungdomsudvalget_2016-06-14_referat",)),
                (
                    "Holbæk",
                    (
                        "holbaek_projektudvalget-for-udvikling-af-lokalomraaderne_2019-11-19_referat",
                        "holbaek_udvalget-for-boern_2013-05-28_referat",
                    ),
                ),
                (
                    "Faxe",
                    (
                        "faxe_byraadet_2022-01-25_referat",
                        "faxe_oekonomiudvalget_2021-11-18_referat",
                    ),
                ),
                (
                    "Allerød",
                    (
                        "alleroed_alleroed-byraad-2018-2021_2018-04-26_referat",
                        "alleroed_oekonomiudvalget-2018-2021_2018-09-11_referat",
                    ),
                ),
                (
                    "Assens",
                    (
                        "assens_byraadet_2016-09-28_referat",
                        "assens_byraadet_2016-10-26_referat",
                        "assens_byraadet_2019-11-27_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_teknik-og-miljoeudvalget_2012-12-05_referat",
                        "aabenraa_teknik-og-miljoeudvalget_2015-03-04_referat",
                        "aabenraa_teknik-og-miljoeudvalget_2018-11-07_referat",
                    ),
                ),
                (
                    "Svendborg",
                    ("svendborg_erhvervs-og-turismeudvalget_2024-08-14_referat",),
                ),
                (
                    "Odense",
                    ("odense_odense-byraad_2018-11-28_referat",),
                ),
                (
                    "Guldborgsund",
                    ("guldborgsund_byraad_2017-12-14_referat",),
                ),
                (
                    "Næstved",
                    (
                        "naestved_kultur-og-demokratiudvalget_2018-09-03_referat",
                        "naestved_landdistriktsudvalget_2018-03-15_referat",
                        "naestved_landdistriktsudvalget_2018-11-19_referat",
                    ),
                ),
                (
                    "Frederiksberg",
                    (
                        "frederiksberg_kommunalbestyrelsen_2015-09-28_referat",
                        "frederiksberg_kommunalbestyrelsen_2016-10-10_referat",
                        "frederiksberg_kommunalbestyrelsen-2022-25_2022-10-03_referat",
                    ),
                ),
                (
                    "Bornholm",
                    (
                        "brk_kommunalbestyrelsen_2015-01-28_referat",
                        "brk_kommunalbestyrelsen_2021-01-04_referat",
                    ),
                ),
                (
                    "Middelfart",
                    (
                        "middelfart_byraadet_2014-01-06_referat",
                        "middelfart_oekonomiudvalget_2017-05-22_referat",
                        "middelfart_byraadet_2019-08-12_referat",
                    ),
                ),
                (
                    "Hedensted",
                    (
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-06-25_referat",
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-10-29_referat",
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-11-26_referat",
                    ),
                ),
                (
                    "Jammerbugt",
                    (
                        "jammerbugt_kommunalbestyrelsen_2020-01-29_referat",
                        "jammerbugt_kommunalbestyrelsen_2021-02-18_referat",
                        "jammerbugt_kommunalbestyrelsen_2021-03-25_referat",
                    ),
                ),
                (
                    "Viborg",
                    (
                        "viborg_byraadet_2021-09-01_referat",
                        "viborg_landdistriktsudvalget_2021-09-14_referat",
                        "viborg_oekonomi-og-erhvervsudvalget_2022-08-24_referat",
                    ),
                ),
                (
                    "Syddjurs",
                    ("syddjurs_byraadet_2020-04-29_referat",),
                ),
                (
                    "Varde",
                    ("varde_udvalget-for-oekonomi-og-erhverv_2018-05-23_referat",),
                ),
                (
                    "Vallensbæk",
                    ("vallensbaek_kommunalbestyrelsen_2019-05-29_referat",),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_byraadet_2019-11-27_referat",
                        "roskilde_plan-og-teknikudvalget_2019-10-03_referat",
                        "roskilde_skole-og-boerneudvalget_2018-08-14_referat",
                    ),
                ),
                (
                    "Dragør",
                    (
                        "dragoer_oekonomiudvalget_2019-09-19_referat",
                        "dragoer_oekonomiudvalget_2021-06-09_referat",
                        "dragoer_oekonomiudvalget_2021-09-16_referat",
                    ),
                ),
                (
                    "Allerød",
                    (
                        "alleroed_alleroed-byraad-2018-2021_2019-05-23_referat",
                        "alleroed_oekonomiudvalget-2018-2021_2019-04-09_referat",
                    ),
                ),
                (
                    "Gribskov",
                    (
                        "gribskov_byraad_2018-04-03_referat",
                        "gribskov_byraad_2019-05-21_referat",
                        "gribskov_kultur-erhverv-og-oplevelsesoekonomi_2020-01-07_referat",
                    ),
                ),
                (
                    "Hedensted",
                    (
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-08-27_referat",
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-09-24_referat",
                        "hedensted_kommunalbestyrelsen-2022-2025_2025-12-17_referat",
                    ),
                ),
                (
                    "Vejen",
                    (
                        "vejen_folkeoplysningsudvalget_2019-10-10_referat",
                        "vejen_oekonomiudvalget_2018-08-07_referat",
                        "vejen_udvalget-for-skoler-og-boern_2018-06-21_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_boerne-og-uddannelsesudvalget_2017-06-06_referat",
                        "aabenraa_boerne-og-uddannelsesudvalget_2021-01-05_referat",
                    ),
                ),
                (
                    "Kolding",
                    (
                        "kolding_byraadet_2014-06-23_referat",
                        "kolding_oekonomiudvalget_2017-08-21_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_boerne-og-familieudvalget_2019-06-11_referat",
                        "thisted_boerne-og-familieudvalget_2022-01-11_referat",
                        "thisted_boerne-og-familieudvalget_2022-05-17_referat",
                    ),
                ),
                (
                    "Brønderslev",
                    (
                        "bronderslev_aeldreomsorgsudvalget_2017-08-16_referat",
                        "bronderslev_fritids-og-kulturudvalget_2015-10-29_referat",
                        "bronderslev_oekonomiudvalget_2013-08-21_referat",
                    ),
                ),
                (
                    "Vejen",
                    (
                        "vejen_oekonomiudvalget_2019-05-21_referat",
                        "vejen_udvalget-for-teknik-og-miljoe_2018-02-19_referat",
                        "vejen_udvalget-for-teknik-og-miljoe_2018-06-04_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_kultur-og-fritidsudvalget_2017-01-30_referat",
                        "aabenraa_social-og-sundhedsudvalget_2014-02-06_referat",
                    ),
                ),
                ("Fredericia", ("fredericia_oekonomi-og-erhvervsudvalget_2022-12-12_referat",)),
                (
                    "Middelfart",
                    (
                        "middelfart_byraadet_2014-04-07_referat",
                        "middelfart_oekonomiudvalget_2019-03-26_referat",
                        "middelfart_oekonomiudvalget_2019-04-30_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_byraadet_2018-06-25_referat",
                        "slagelse_oekonomiudvalget_2017-08-21_referat",
                        "slagelse_oekonomiudvalget_2018-08-20_referat",
                    ),
                ),
                ("Faxe", ("faxe_plan-kulturudvalget_2022-02-01_referat",)),
                ("Hvidovre", ("hvidovre_kommunalbestyrelsen_2019-03-26_referat",)),
                (
                    "Frederiksberg",
                    ("frederiksberg_kommunalbestyrelsen-2018-21_2020-11-16_referat",),
                ),
                ("Holbæk", ("holbaek_kommunalbestyrelsen_2018-08-15_referat",)),
                ("Køge", ("koege_koege-byraad_2020-06-16_referat",)),
                (
                    "Brønderslev",
                    (
                        "bronderslev_teknik-og-miljoeudvalget_2016-04-11_referat",
                        "bronderslev_teknik-og-miljoeudvalget_2018-03-05_referat",
                    ),
                ),
                ("Mariagerfjord", ("mariagerfjord_oekonomiudvalget_2019-01-23_referat",)),
                (
                    "Fredericia",
                    (
                        "fredericia_oekonomi-og-erhvervsudvalget_2023-06-12_referat",
                        "fredericia_oekonomiudvalget_2018-08-27_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_kommunalbestyrelsen_2021-01-26_referat",
                        "thisted_kommunalbestyrelsen_2022-06-28_referat",
                        "thisted_oekonomiudvalget_2021-03-24_referat",
                    ),
                ),
                ("Aabenraa", ("aabenraa_byraadet_2013-05-29_referat",)),
                ("Jammerbugt", ("jammerbugt_kommunalbestyrelsen_2019-08-29_referat",)),
                ("Ringkøbing-Skjern", ("ringkoebing-skjern_byraadet_2025-12-04_referat",)),
                (
                    "Gribskov",
                    (
                        "gribskov_handicapraadet_2018-02-07_referat",
                        "gribskov_idraetsraadet_2018-03-01_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_beskaeftigelses-og-integrationsudvalget_2017-06-12_referat",
                        "slagelse_boerne-og-ungeudvalget_2021-02-01_referat",
                        "slagelse_oekonomiudvalget_2020-04-20_referat",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_christianshavns-lokaludvalg_2014-01-29_punkt-21",
                        "kk_folkeoplysningsudvalget_2008-06-16_punkt-3",
                    ),
                ),
                (
                    "Ishøj",
                    (
                        "ishoej_boerne-og-undervisningsudvalget_2021-12-14_referat",
                        "ishoej_teknik-og-bygningsudvalget_2021-04-20_referat",
                        "ishoej_teknik-og-bygningsudvalget_2024-04-16_referat",
                    ),
                ),
                ("Odsherred", ("odsherred_miljoe-og-klimaudvalget_2017-02-07_referat",)),
                ("Brønderslev", ("bronderslev_byraadet_2020-06-24_referat",)),
                (
                    "Thisted",
                    (
                        "thisted_kommunalbestyrelsen_2022-01-25_referat",
                        "thisted_kommunalbestyrelsen_2022-11-02_referat",
                    ),
                ),
                (
                    "Vejen",
                    (
                        "vejen_oekonomiudvalget_2018-01-02_referat",
                        "vejen_oekonomiudvalget_2019-08-06_referat",
                    ),
                ),
                ("Fredericia", ("fredericia_byraadet_2022-02-21_referat",)),
                (
                    "Viborg",
                    (
                        "viborg_byraadet_2014-06-18_referat",
                        "viborg_byraadet_2020-02-26_referat",
                        "viborg_oekonomi-og-erhvervsudvalget_2015-01-21_referat",
                    ),
                ),
                ("Aalborg", ("aalborg_byraadet_2023-10-23_referat",)),
                (
                    "Roskilde",
                    (
                        "roskilde_oekonomiudvalget_2018-01-26_referat",
                        "roskilde_oekonomiudvalget_2018-05-23_referat",
                        "roskilde_oekonomiudvalget_2019-09-04_referat",
                    ),
                ),
                (
                    "Bornholm",
                    (
                        "brk_bornholms-aeldreraad_2020-11-17_referat",
                        "brk_bornholms-aeldreraad_2021-03-23_referat",
                    ),
                ),
                ("Middelfart", ("middelfart_oekonomiudvalget_2017-06-19_referat",)),
                (
                    "Køge",
                    (
                        "koege_oekonomiudvalget_2015-08-11_referat",
                        "koege_skoleudvalget_2019-10-02_referat",
                        "koege_socialudvalget_2022-05-09_referat",
                    ),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_oekonomiudvalget_2019-01-16_referat",
                        "roskilde_oekonomiudvalget_2019-08-21_referat",
                        "roskilde_roskilde-elite-og-talentraad_2020-09-17_referat",
                    ),
                ),
                ("Stevns", ("stevns_udvalget-stevns-verdensmaal_2020-12-09_referat",)),
                ("Slagelse", ("slagelse_oekonomiudvalget_2019-10-21_referat",)),
                ("Bornholm", ("brk_kommunalbestyrelsen_2020-08-20_referat",)),
                ("Ishøj", ("ishoej_ishoej-byraad_2018-09-04_referat",)),
                ("Vejen", ("vejen_udvalget-for-teknik-og-miljoe_2019-04-08_referat",)),
                (
                    "Brønderslev",
                    (
                        "bronderslev_boerne-og-skoleudvalget_2021-11-30_referat",
                        "bronderslev_byraadet_2016-09-14_referat",
                        "bronderslev_fritids-og-kulturudvalget_2019-10-03_referat",
                    ),
                ),
                ("Hedensted", ("hedensted_kommunalbestyrelsen-2022-2025_2025-04-30_referat",)),
                ("Fredericia", ("fredericia_oekonomi-og-erhvervsudvalget_2022-03-14_referat",)),
                ("Syddjurs", ("syddjurs_byraadet_2021-04-28_referat",)),
                ("Hvidovre", ("hvidovre_kommunalbestyrelsen_2014-10-28_referat",)),
                (
                    "Frederiksberg",
                    ("frederiksberg_kommunalbestyrelsen-2018-21_2021-05-17_referat",),
                ),
                ("Gribskov", ("gribskov_byraad_2018-11-12_referat",)),
                (
                    "Fredensborg",
                    (
                        "fredensborg_byraadet_2016-11-21_referat",
                        "fredensborg_oekonomiudvalget-18-21_2018-04-23_referat",
                    ),
                ),
                (
                    "Solrød",
                    (
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2016-03-14_referat",
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2021-05-17_referat",
                        "solrod_oekonomi-teknik-og-miljoeudvalget_2021-12-13_referat",
                    ),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_byraadet_2019-08-07_referat",
                        "roskilde_udvalget-for-vaekst-erhverv-og-globalisering_2016-01-29_referat",
                    ),
                ),
                ("Holbæk", ("holbaek_udvalget-for-klima-og-miljoe_2013-08-27_referat",)),
                ("Stevns", ("stevns_oekonomiudvalget_2018-10-22_referat",)),
                ("Vejen", ("vejen_udvalget-for-sundhed-kultur-og-fritid_2018-12-18_referat",)),
                (
                    "Thisted",
                    (
                        "thisted_erhvervs-arbejdsmarkeds-og-kulturudvalget_2020-02-05_referat",
                        "thisted_social-og-sundhedsudvalget_2020-09-02_referat",
                        "thisted_sundheds-kultur-og-fritidsudvalget_2022-12-07_referat",
                    ),
                ),
                (
                    "Viborg",
                    (
                        "viborg_aeldre-og-aktivitetsudvalget_2021-08-10_referat",
                        "viborg_kultur-og-fritidsudvalget_2019-11-26_referat",
                        "viborg_landdistriktsudvalget_2019-03-26_referat",
                    ),
                ),
                (
                    "Brønderslev",
                    (
                        "bronderslev_boerne-og-skoleudvalget_2017-05-02_referat",
                        "bronderslev_boerne-og-skoleudvalget_2019-03-05_referat",
                        "bronderslev_teknik-og-miljoeudvalget_2018-01-15_referat",
                    ),
                ),
                ("Aabenraa", ("aabenraa_teknik-og-miljoeudvalget_2021-09-01_referat",)),
                ("Vejen", ("vejen_udvalget-for-sundhed-kultur-og-fritid_2018-04-17_referat",)),
                (
                    "Brønderslev",
                    (
                        "bronderslev_fritids-og-kulturudvalget_2019-12-05_referat",
                        "bronderslev_social-og-sundhedsudvalget_2015-10-07_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_klima-miljoe-og-teknikudvalget_2019-05-13_referat",
                        "thisted_kommunalbestyrelsen_2021-02-23_referat",
                    ),
                ),
                ("Syddjurs", ("syddjurs_byraadet_2018-11-28_referat",)),
                ("Aabenraa", ("aabenraa_kultur-og-fritidsudvalget_2012-04-16_referat",)),
                (
                    "Køge",
                    (
                        "koege_teknik-og-ejendomsudvalget_2018-08-23_referat",
                        "koege_teknik-og-ejendomsudvalget_2021-06-10_referat",
                    ),
                ),
                (
                    "Faxe",
                    (
                        "faxe_teknik-miljoeudvalget_2019-06-26_referat",
                        "faxe_teknik-miljoeudvalget_2021-02-04_referat",
                        "faxe_teknik-miljoeudvalget_2021-09-09_referat",
                    ),
                ),
                (
                    "Ishøj",
                    (
                        "ishoej_social-og-sundhedsudvalget_2023-04-20_referat",
                        "ishoej_teknik-og-bygningsudvalget_2024-08-13_referat",
                    ),
                ),
                (
                    "Glostrup",
                    (
                        "glostrup_miljoe-og-teknikudvalget_2017-08-24_referat",
                        "glostrup_miljoe-og-teknikudvalget_2017-09-19_referat",
                    ),
                ),
                ("Bornholm", ("brk_kommunalbestyrelsen_2015-03-26_referat",)),
                (
                    "Dragør",
                    (
                        "dragoer_by-erhvervs-og-planudvalget_2021-11-30_referat",
                        "dragoer_klima-by-og-erhvervsudvalget_2022-06-08_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_kultur-og-fritidsudvalget_2019-08-13_referat",
                        "slagelse_kultur-og-fritidsudvalget_2020-08-11_referat",
                        "slagelse_kultur-og-fritidsudvalget_2020-10-06_referat",
                    ),
                ),
                (
                    "Hvidovre",
                    (
                        "hvidovre_teknik-og-miljoeudvalget_2014-09-03_referat",
                        "hvidovre_teknik-og-miljoeudvalget_2016-05-11_referat",
                        "hvidovre_teknik-og-miljoeudvalget_2019-04-08_referat",
                    ),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_oekonomiudvalget_2018-03-20_referat",
                        "roskilde_oekonomiudvalget_2018-04-18_referat",
                        "roskilde_oekonomiudvalget_2018-09-19_referat",
                    ),
                ),
                (
                    "Faxe",
                    (
                        "faxe_plan-kulturudvalget_2020-06-23_referat",
                        "faxe_plan-kulturudvalget_2022-09-28_referat",
                        "faxe_plan-kulturudvalget_2022-12-06_referat",
                    ),
                ),
                (
                    "Varde",
                    (
                        "varde_udvalget-for-boern-og-laering_2019-04-23_referat",
                        "varde_udvalget-for-kultur-og-fritid_2019-02-18_referat",
                        "varde_udvalget-for-kultur-og-fritid_2019-09-25_referat",
                    ),
                ),
                ("Mariagerfjord", ("mariagerfjord_seniorraadet_2020-11-17_referat",)),
                (
                    "Herning",
                    (
                        "herning_social-og-sundhedsudvalget_2019-04-03_referat",
                        "herning_teknik-og-miljoeudvalget_2015-08-10_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_arbejdsmarkedsudvalget_2016-03-07_referat",
                        "aabenraa_social-og-sundhedsudvalget_2017-08-24_referat",
                        "aabenraa_social-og-sundhedsudvalget_2018-11-07_referat",
                    ),
                ),
                (
                    "Fredericia",
                    (
                        "fredericia_kultur-og-idraetsudvalget_2018-09-20_referat",
                        "fredericia_senior-og-socialudvalget_2022-05-03_referat",
                    ),
                ),
                ("Kolding", ("kolding_aeldreraadet_2016-11-10_referat",)),
                (
                    "Viborg",
                    (
                        "viborg_beskaeftigelsesudvalget_2020-02-25_referat",
                        "viborg_beskaeftigelsesudvalget_2021-08-10_referat",
                        "viborg_boerne-og-ungdomsudvalget_2019-03-26_referat",
                    ),
                ),
                (
                    "Fredericia",
                    (
                        "fredericia_kultur-og-idraetsudvalget_2018-05-31_referat",
                        "fredericia_kultur-og-idraetsudvalget_2022-12-02_referat",
                        "fredericia_kultur-og-idraetsudvalget_2023-01-06_referat",
                    ),
                ),
                (
                    "Herning",
                    (
                        "herning_aeldreraadet_2016-05-18_referat",
                        "herning_aeldreraadet_2018-01-10_referat",
                        "herning_teknik-og-miljoeudvalget_2019-01-07_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_kultur-og-fritidsudvalget_2016-03-07_referat",
                        "aabenraa_kultur-og-fritidsudvalget_2018-03-07_referat",
                        "aabenraa_kultur-og-fritidsudvalget_2019-01-29_referat",
                    ),
                ),
                ("Faxe", ("faxe_plan-kulturudvalget_2019-08-27_referat",)),
                (
                    "Svendborg",
                    (
                        "svendborg_oekonomiudvalget_2023-09-12_referat",
                        "svendborg_oekonomiudvalget_2025-03-18_referat",
                    ),
                ),
                ("Roskilde", ("roskilde_skole-og-boerneudvalget_2017-06-06_referat",)),
                (
                    "Dragør",
                    (
                        "dragoer_oekonomiudvalget_2021-10-14_referat",
                        "dragoer_oekonomiudvalget_2022-06-22_referat",
                    ),
                ),
                ("Ishøj", ("ishoej_ishoej-byraad_2022-01-04_referat",)),
                (
                    "Slagelse",
                    (
                        "slagelse_byraadet_2019-10-28_referat",
                        "slagelse_byraadet_2023-02-27_referat",
                    ),
                ),
                ("Frederikssund", ("frederikssund_byraadet_2023-02-01_referat",)),
                ("Solrød", ("solrod_oekonomi-teknik-og-miljoeudvalget_2019-08-19_referat",)),
                (
                    "Gribskov",
                    (
                        "gribskov_17-stk-4-strategi-og-samskabelse-i-gribskov-2030_2019-01-16_referat",
                    ),
                ),
                (
                    "Aabenraa",
                    (
                        "aabenraa_kultur-og-fritidsudvalget_2017-04-03_referat",
                        "aabenraa_kultur-og-fritidsudvalget_2018-12-05_referat",
                        "aabenraa_kultur-og-fritidsudvalget_2020-08-25_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_erhverv-klima-miljoe-og-teknikudvalget_2022-05-16_referat",
                        "thisted_kommunalbestyrelsen_2022-03-29_referat",
                        "thisted_kommunalbestyrelsen_2022-10-11_referat",
                    ),
                ),
                (
                    "Varde",
                    (
                        "varde_udvalget-for-boern-og-laering_2019-05-21_referat",
                        "varde_udvalget-for-plan-og-teknik_2018-12-20_referat",
                        "varde_udvalget-for-plan-og-teknik_2019-05-02_referat",
                    ),
                ),
                (
                    "Vejen",
                    (
                        "vejen_udvalget-for-teknik-og-miljoe_2018-04-16_referat",
                        "vejen_udvalget-for-teknik-og-miljoe_2018-09-17_referat",
                    ),
                ),
                (
                    "Vallensbæk",
                    (
                        "vallensbaek_boerne-og-kulturudvalget_2019-11-06_referat",
                        "vallensbaek_teknik-og-miljoeudvalget_2018-08-28_referat",
                        "vallensbaek_oekonomiudvalget_2019-09-04_referat",
                    ),
                ),
                (
                    "Ishøj",
                    (
                        "ishoej_kultur-og-fritidsudvalget_2014-10-20_referat",
                        "ishoej_kultur-og-fritidsudvalget_2017-11-20_referat",
                        "ishoej_kultur-og-fritidsudvalget_2019-02-12_referat",
                    ),
                ),
                ("Albertslund", ("albertslund_boerne-og-skoleudvalget_2019-08-21_referat",)),
                (
                    "Hvidovre",
                    (
                        "hvidovre_aeldre-og-sundhedsudvalget_2018-03-14_referat",
                        "hvidovre_social-og-sundhedsudvalget_2014-01-13_referat",
                    ),
                ),
                ("Glostrup", ("glostrup_seniorraadet_2020-08-31_referat",)),
                (
                    "Faaborg-Midtfyn",
                    ("faaborg-midtfyn_teknik-og-miljoeudvalget_2013-08-21_referat",),
                ),
                ("Assens", ("assens_byraadet_2020-01-29_referat",)),
                (
                    "Viborg",
                    (
                        "viborg_byraadet_2018-11-21_referat",
                        "viborg_oekonomi-og-erhvervsudvalget_2018-06-13_referat",
                        "viborg_oekonomi-og-erhvervsudvalget_2019-04-10_referat",
                    ),
                ),
                ("Ringkøbing-Skjern", ("ringkoebing-skjern_byraadet_2026-02-17_referat",)),
                (
                    "Hvidovre",
                    (
                        "hvidovre_oekonomiudvalget_2015-08-10_referat",
                        "hvidovre_teknik-og-miljoeudvalget_2017-08-15_referat",
                    ),
                ),
                ("Køge", ("koege_oekonomiudvalget_2019-04-23_referat",)),
                (
                    "Ishøj",
                    (
                        "ishoej_ishoej-byraad_2021-08-10_referat",
                        "ishoej_social-og-sundhedsudvalget_2017-04-10_referat",
                    ),
                ),
                (
                    "Dragør",
                    (
                        "dragoer_oekonomiudvalget_2021-09-09_referat",
                        "dragoer_by-erhvervs-og-planudvalget_2018-01-30_referat",
                        "dragoer_by-erhvervs-og-planudvalget_2019-08-13_referat",
                    ),
                ),
                (
                    "Faxe",
                    ("faxe_byraadet_2019-03-14_referat", "faxe_byraadet_2023-05-25_referat"),
                ),
                ("Roskilde", ("roskilde_byraadet_2019-04-24_referat",)),
                (
                    "Aabenraa",
                    (
                        "aabenraa_boerne-og-uddannelsesudvalget_2015-03-10_referat",
                        "aabenraa_boerne-og-uddannelsesudvalget_2023-03-06_referat",
                        "aabenraa_boerne-og-uddannelsesudvalget_2023-03-27_referat",
                    ),
                ),
                (
                    "Viborg",
                    (
                        "viborg_teknisk-udvalg_2018-09-19_referat",
                        "viborg_teknisk-udvalg_2019-02-27_referat",
                        "viborg_teknisk-udvalg_2021-02-24_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_social-og-seniorudvalget_2022-05-17_referat",
                        "thisted_social-og-sundhedsudvalget_2019-09-03_referat",
                        "thisted_social-og-sundhedsudvalget_2020-02-04_referat",
                    ),
                ),
                ("Kolding", ("kolding_boerne-og-uddannelsesudvalget_2014-06-02_referat",)),
                ("Fredericia", ("fredericia_by-og-planudvalget_2020-05-27_referat",)),
                (
                    "Syddjurs",
                    ("syddjurs_udvalget-for-natur-teknik-og-miljoe_2018-03-06_referat",),
                ),
                ("Solrød", ("solrod_byraadet_2021-12-20_referat",)),
                ("Odense", ("odense_odense-byraad_2020-03-25_referat",)),
                (
                    "København",
                    (
                        "kk_boerne-og-ungdomsudvalget_2023-04-26_punkt-13",
                        "kk_indre-by-lokaludvalg_2017-04-06_punkt-16",
                    ),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_kultur-og-idraetsudvalget_2014-09-10_referat",
                        "roskilde_kultur-og-idraetsudvalget_2016-09-07_referat",
                        "roskilde_kultur-og-idraetsudvalget_2019-01-16_referat",
                    ),
                ),
                (
                    "Dragør",
                    (
                        "dragoer_boerne-fritids-og-kulturudvalget_2016-09-07_referat",
                        "dragoer_boerne-fritids-og-kulturudvalget_2017-01-11_referat",
                        "dragoer_boerne-fritids-og-kulturudvalget_2018-08-15_referat",
                    ),
                ),
                (
                    "Viborg",
                    (
                        "viborg_teknisk-udvalg_2014-10-02_referat",
                        "viborg_teknisk-udvalg_2017-03-22_referat",
                        "viborg_teknisk-udvalg_2018-06-20_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_boerne-og-familieudvalget_2020-02-04_referat",
                        "thisted_boerne-og-familieudvalget_2021-06-08_referat",
                        "thisted_boerne-og-familieudvalget_2022-02-08_referat",
                    ),
                ),
                ("Jammerbugt", ("jammerbugt_kommunalbestyrelsen_2019-06-20_referat",)),
                (
                    "Dragør",
                    (
                        "dragoer_kommunalbestyrelsen_2021-12-16_referat",
                        "dragoer_kommunalbestyrelsen_2022-03-03_referat",
                        "dragoer_kommunalbestyrelsen_2022-03-31_referat",
                    ),
                ),
                ("Ishøj", ("ishoej_ishoej-byraad_2015-12-01_referat",)),
                (
                    "Brønderslev",
                    (
                        "broenderslev_social-og-sundhedsudvalget_2020-12-03_referat",
                        "broenderslev_social-og-sundhedsudvalget_2021-04-15_referat",
                        "broenderslev_teknik-og-miljoeudvalget_2021-08-16_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_klima-miljoe-og-teknikudvalget_2021-08-16_referat",
                        "thisted_oekonomiudvalget_2019-02-20_referat",
                        "thisted_oekonomiudvalget_2022-04-20_referat",
                    ),
                ),
                ("Aabenraa", ("aabenraa_oekonomiudvalget_2019-03-05_referat",)),
                ("Hedensted", ("hedensted_kommunalbestyrelsen-2022-2025_2025-05-28_referat",)),
                (
                    "Faxe",
                    (
                        "faxe_byraadet_2019-11-14_referat",
                        "faxe_byraadet_2020-12-17_referat",
                        "faxe_konstituerende-moede_2021-12-02_referat",
                    ),
                ),
                (
                    "Slagelse",
                    ("slagelse_beskaeftigelses-og-integrationsudvalget_2016-03-08_referat",),
                ),
                ("Middelfart", ("middelfart_oekonomiudvalget_2017-11-27_referat",)),
                (
                    "Mariagerfjord",
                    (
                        "mariagerfjord_seniorraadet_2020-01-21_referat",
                        "mariagerfjord_byraadet_2013-08-29_referat",
                    ),
                ),
                ("Gribskov", ("gribskov_handicapraadet_2019-03-11_referat",)),
                ("Ringkøbing-Skjern", ("ringkoebing-skjern_byraadet_2019-02-19_referat",)),
                (
                    "Middelfart",
                    (
                        "middelfart_miljoe-og-energiudvalget_2014-10-01_referat",
                        "middelfart_teknisk-udvalg_2020-03-10_referat",
                        "middelfart_teknisk-udvalg_2021-03-09_referat",
                    ),
                ),
                (
                    "Guldborgsund",
                    ("guldborgsund_teknik-miljoe-og-ejendomsudvalget_2019-04-23_referat",),
                ),
                (
                    "Gribskov",
                    (
                        "gribskov_17-stk-4-strategi-og-samskabelse-i-gribskov-2030_2019-01-29_referat",
                        "gribskov_byraad_2018-02-05_referat",
                    ),
                ),
                (
                    "Bornholm",
                    (
                        "brk_klima-og-baeredygtighedsudvalget_2018-09-17_referat",
                        "brk_natur-og-miljoeudvalget_2018-09-25_referat",
                        "brk_teknik-og-miljoeudvalget_2014-01-06_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_byraadet_2018-05-28_referat",
                        "slagelse_social-og-beskaeftigelsesudvalget-2018-2021_2020-10-05_referat",
                        "slagelse_udvalget-for-specialiserede-borgerindsatser_2021-03-03_referat",
                    ),
                ),
                ("København", ("kk_kultur-og-fritidsudvalget_2005-09-29_punkt-21",)),
                ("Albertslund", ("albertslund_kultur-og-fritidsudvalget_2019-01-22_referat",)),
                (
                    "Fredensborg",
                    (
                        "fredensborg_plan-miljoe-og-klimaudvalget-18-21_2018-05-29_referat",
                        "fredensborg_plan-miljoe-og-klimaudvalget-18-21_2019-01-08_referat",
                    ),
                ),
                (
                    "Gribskov",
                    (
                        "gribskov_miljoe-klima-og-kyst_2018-05-18_referat",
                        "gribskov_miljoe-klima-og-kyst_2018-05-30_referat",
                    ),
                ),
                (
                    "Thisted",
                    (
                        "thisted_boerne-og-familieudvalget_2020-10-06_referat",
                        "thisted_boerne-og-familieudvalget_2021-04-13_referat",
                        "thisted_boerne-og-familieudvalget_2022-12-06_referat",
                    ),
                ),
                (
                    "Vejen",
                    (
                        "vejen_oekonomiudvalget_2019-04-30_referat",
                        "vejen_udvalget-for-teknik-og-miljoe_2018-12-10_referat",
                    ),
                ),
                ("Brønderslev", ("broenderslev_teknik-og-miljoeudvalget_2018-09-10_referat",)),
                ("Aabenraa", ("aabenraa_kultur-og-fritidsudvalget_2020-04-15_referat",)),
                (
                    "Ringkøbing-Skjern",
                    (
                        "ringkoebing-skjern_oekonomiudvalget_2024-05-14_referat",
                        "ringkoebing-skjern_byraadet_2020-02-18_referat",
                    ),
                ),
                (
                    "Varde",
                    (
                        "varde_udvalget-for-plan-og-teknik_2018-10-10_referat",
                        "varde_udvalget-for-plan-og-teknik_2019-09-12_referat",
                    ),
                ),
                ("Viborg", ("viborg_teknisk-udvalg_2019-08-14_referat",)),
                (
                    "Viborg",
                    (
                        "viborg_klima-og-miljoeudvalget_2021-03-25_referat",
                        "viborg_klima-og-miljoeudvalget_2016-01-28_referat",
                    ),
                ),
                ("Varde", ("varde_udvalget-for-social-og-sundhed_2019-09-24_referat",)),
                (
                    "Svendborg",
                    (
                        "svendborg_teknik-og-miljoeudvalget_2025-09-04_referat",
                        "svendborg_borger-og-arbejdsmarkedsudvalget_2025-06-19_referat",
                    ),
                ),
                (
                    "Dragør",
                    (
                        "dragoer_kommunalbestyrelsen_2019-08-29_referat",
                        "dragoer_kommunalbestyrelsen_2017-03-30_referat",
                    ),
                ),
                (
                    "Middelfart",
                    (
                        "middelfart_byraadet_2016-02-01_referat",
                        "middelfart_teknisk-udvalg_2019-09-10_referat",
                    ),
                ),
                ("Aabenraa", ("aabenraa_byraadet_2018-01-31_referat",)),
                ("Norddjurs", ("norddjurs_miljoe-og-teknikudvalget_2019-06-25_referat",)),
                (
                    "Stevns",
                    (
                        "stevns_plan-miljoe-og-teknik_2020-01-07_referat",
                        "stevns_plan-miljoe-og-teknik_2021-01-05_referat",
                    ),
                ),
                (
                    "Middelfart",
                    (
                        "middelfart_social-og-sundhedsudvalget_2015-05-13_referat",
                        "middelfart_skoleudvalget_2017-10-02_referat",
                    ),
                ),
                (
                    "Slagelse",
                    (
                        "slagelse_klima-og-miljoeudvalget_2023-08-09_referat",
                        "slagelse_miljoe-planlaegning-og-baeredygtighedsudvalget-2018_2018-03-05_referat",
                    ),
                ),
                (
                    "Roskilde",
                    (
                        "roskilde_beskaeftigelses-og-socialudvalget_2020-09-10_referat",
                        "roskilde_skole-og-boerneudvalget_2020-01-14_referat",
                        "roskilde_skole-og-boerneudvalget_2018-10-02_referat",
                    ),
                ),
                ("Brønderslev", ("bronderslev_byraadet_2018-06-20_referat",)),
                (
                    "København",
                    (
                        "kk_valby-lokaludvalg_2023-04-11_punkt-8",
                        "kk_amager-oest-lokaludvalg_2022-12-15_punkt-15",
                        "kk_oesterbro-lokaludvalg_2013-11-14_punkt-3",
                    ),
                ),
                (
                    "Odense",
                    (
                        "odense_folkeoplysningsudvalget_2016-11-10_referat",
                        "odense_by-og-kulturudvalget_2017-04-18_referat",
                    ),
                ),
                (
                    "Svendborg",
                    (
                        "svendborg_plan-og-lokalsamfundsudvalget_2025-01-14_referat",
                        "svendborg_senior-social-og-sundhedsudvalget_2024-11-05_referat",
                        "svendborg_folkeoplysningsudvalg_2025-09-29_referat",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_valby-lokaludvalg_2022-05-10_punkt-4",
                        "kk_valby-lokaludvalg_2023-10-10_punkt-1",
                        "kk_amager-oest-lokaludvalg_2022-08-25_punkt-24",
                        "kk_bispebjerg-lokaludvalg_2016-04-20_punkt-8",
                        "kk_amager-vest-lokaludvalg_2012-11-20_punkt-21",
                        "kk_indre-by-lokaludvalg_2014-11-13_punkt-21",
                    ),
                ),
                (
                    "Svendborg",
                    (
                        "svendborg_boerne-unge-og-uddannelsesudvalget_2024-08-14_referat",
                        "svendborg_boerne-unge-og-uddannelsesudvalget_2025-03-05_referat",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_valby-lokaludvalg_2022-06-14_punkt-20",
                        "kk_valby-lokaludvalg_2023-09-12_punkt-18",
                        "kk_amager-vest-lokaludvalg_2013-11-26_punkt-13",
                        "kk_amager-vest-lokaludvalg_2014-12-16_punkt-12",
                        "kk_vesterbro-lokaludvalg_2016-01-20_punkt-20",
                        "kk_vesterbro-lokaludvalg_2021-06-16_punkt-15",
                        "kk_kongens-enghave-lokaludvalg_2020-02-27_punkt-1",
                        "kk_kongens-enghave-lokaludvalg_2025-11-27_punkt-3",
                    ),
                ),
                (
                    "København",
                    (
                        "kk_vesterbro-lokaludvalg_2023-04-19_punkt-20",
                        "kk_valby-lokaludvalg_2022-10-11_punkt-9",
                        "kk_valby-lokaludvalg_2024-01-16_punkt-15",
                        "kk_valby-lokaludvalg_2022-12-13_punkt-17",
                        "kk_valby-lokaludvalg_2024-02-20_punkt-20",
                        "kk_vesterbro-lokaludvalg_2022-09-21_punkt-4",
                        "kk_vesterbro-lokaludvalg_2020-02-19_punkt-1",
                        "kk_bispebjerg-lokaludvalg_2022-05-19_punkt-5",
                        "kk_bispebjerg-lokaludvalg_2023-02-23_punkt-5",
                        "kk_bispebjerg-lokaludvalg_2013-04-18_punkt-4",
                        "kk_amager-oest-lokaludvalg_2023-01-26_punkt-13",
                    ),
                ),
            )
            for name in names
        },
    }
    # The documents that say it themselves say it without their folder too.
    assert read_minutes(CORPUS / "Ballerup" / "ballerup_SFU_2012-12-04_referat.pdf").municipality
    assert (
        read_minutes(CORPUS / "Rødovre" / "beskaeftigelsesudvalget_2024-10-08.txt").municipality
        is None
    )


def test_what_the_document_says_wins_over_its_folder(tmp_path):
    write(tmp_path / "Downloads" / "tu.txt", minutes(
        "Teknisk Udvalg", "01-10-2025", (1, "Vejbelysning", "Godkendt."), header="Rødovre Kommune\n\n"
    ))  # fmt: skip
    [meeting] = load_corpus([tmp_path]).meetings
    assert meeting.municipality == "Rødovre"


# --- indexed and cited apart ---------------------------------------------------------------


def test_two_municipalities_same_named_files_and_same_day_committees_are_kept_apart(
    tmp_path, store
):
    corpus = tmp_path / "corpus"
    write(corpus / "Aarhus" / "referat.txt", AARHUS_TU)
    write(corpus / "Odense" / "referat.txt", ODENSE_TU)
    report = update_index([corpus], store, HashingEncoder())
    assert report.warnings == [] and len(report.added) == 2
    assert {k.municipality for k in report.added} == {"aarhus", "odense"}

    searcher = hash_searcher(store)
    [hit] = searcher.search("busterminal ved banegården", k=1)
    assert (
        hit.citation
        == "Odense, Teknisk Udvalg, 01-10-2025, Sag nr. 1: Ny busterminal ved banegården"
    )
    record = hit.as_record()
    assert (record["municipality"], record["source"], record["kind"]) == (
        "Odense",
        "Odense/referat.txt",
        "referat",
    )
    only_aarhus = searcher.search(
        "busterminal ved banegården", k=5, filters=Filters(municipalities=("aarhus",))
    )
    assert [h.chunk.source for h in only_aarhus] == ["Aarhus/referat.txt"]

    # Each file is tracked on its own: an edit updates its case only, a deletion removes its own.
    write(corpus / "Aarhus" / "referat.txt", AARHUS_TU.replace("i 2026", "i 2027"))
    report = update_index([corpus], store, HashingEncoder())
    assert [k.municipality for k in report.updated] == ["aarhus"] and report.unchanged == 1
    (corpus / "Odense" / "referat.txt").unlink()
    report = update_index([corpus], store, HashingEncoder())
    assert [k.municipality for k in report.removed] == ["odense"] and report.unchanged == 1


def test_same_named_files_of_one_municipality_in_different_folders_are_two_meetings(
    tmp_path, store
):
    corpus = tmp_path / "corpus"
    write(corpus / "Aarhus" / "2024" / "referat.txt", AARHUS_TU.replace("2025", "2024"))
    write(corpus / "Aarhus" / "2025" / "referat.txt", AARHUS_TU)
    update_index([corpus], store, HashingEncoder())
    cases = store.load().manifest["cases"]
    assert sorted(c["source"] for c in cases.values()) == [
        "Aarhus/2024/referat.txt",
        "Aarhus/2025/referat.txt",
    ]
    # Only one municipality: citations need not name it.
    hits = hash_searcher(store).search("cykelsti Randersvej", k=2)
    assert sorted(h.citation for h in hits) == [
        "Teknisk Udvalg, 01-10-2024, Sag nr. 1: Cykelsti på Randersvej",
        "Teknisk Udvalg, 01-10-2025, Sag nr. 1: Cykelsti på Randersvej",
    ]


def test_same_day_committees_of_one_municipality_are_kept_apart(tmp_path, store):
    corpus = tmp_path / "corpus"
    write(corpus / "Rødovre" / "bu.txt", minutes(
        "Børne- og Skoleudvalget", "08-10-2024", (38, "Skoledistrikter", "Distrikterne godkendes.")
    ))  # fmt: skip
    write(corpus / "Rødovre" / "ku.txt", minutes(
        "Kultur- og Fritidsudvalget", "08-10-2024", (38, "Svømmehallen", "Renoveringen igangsættes.")
    ))  # fmt: skip
    report = update_index([corpus], store, HashingEncoder())
    assert report.warnings == [] and len(report.added) == 2
    searcher = hash_searcher(store)
    [school] = searcher.search("skoledistrikter", k=1)
    [pool] = searcher.search("svømmehallen renoveringen", k=1)
    assert school.citation == "Børne- og Skoleudvalget, 08-10-2024, Sag nr. 38: Skoledistrikter"
    assert pool.citation == "Kultur- og Fritidsudvalget, 08-10-2024, Sag nr. 38: Svømmehallen"


def page(kind: str) -> str:
    return f"""<!DOCTYPE html><html><head><title>{kind}</title></head><body>
      <h1>{kind} - Teknisk Udvalg</h1><p>Mødedato: 1. oktober 2025</p>
      <h2>Sag nr. 1: Cykelsti på Randersvej</h2>
      <h3>Indstilling</h3><p>Forvaltningen indstiller, at cykelstien anlægges.</p>
    </body></html>"""


def test_an_agenda_and_the_minutes_of_one_meeting_are_both_kept_and_cited_apart(tmp_path, store):
    corpus = tmp_path / "corpus"
    write(corpus / "Aarhus" / "dagsorden.html", page("Dagsorden"))
    write(corpus / "Aarhus" / "referat.html", page("Referat"))
    report = update_index([corpus], store, HashingEncoder())
    assert report.warnings == [] and sorted(k.kind for k in report.added) == [
        "dagsorden",
        "referat",
    ]
    hits = hash_searcher(store).search("cykelsti Randersvej", k=2)
    assert sorted((h.citation, h.chunk.source) for h in hits) == [
        ("Teknisk Udvalg, 01-10-2025, Sag nr. 1: Cykelsti på Randersvej", "Aarhus/referat.html"),
        (
            "Teknisk Udvalg, 01-10-2025, dagsorden, Sag nr. 1: Cykelsti på Randersvej",
            "Aarhus/dagsorden.html",
        ),
    ]


# --- the command line ----------------------------------------------------------------------


@pytest.fixture
def two_municipalities(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    write(corpus / "Aarhus" / "referat.txt", AARHUS_TU)
    write(corpus / "Odense" / "referat.txt", ODENSE_TU)
    monkeypatch.setenv("QA_CORPUS_DIR", str(corpus))
    return corpus


def qa(*args: str):
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def test_ask_names_the_municipality_and_filters_by_it(two_municipalities):
    assert qa("index").exit_code == 0
    shown = qa("ask", "busterminal ved banegården", "-k", "1")
    assert "1. Odense, Teknisk Udvalg, 01-10-2025, Sag nr. 1: Ny busterminal" in shown.output
    assert "Odense/referat.txt" in shown.output
    only = qa("ask", "busterminal ved banegården", "--municipality", "Aarhus", "--json")
    assert [(h["municipality"], h["source"]) for h in json.loads(only.output)] == [
        ("Aarhus", "Aarhus/referat.txt")
    ]
    info = qa("info")
    assert "2 cases in 2 meetings of Aarhus, Odense" in info.output


def test_a_folder_of_the_corpus_is_named_as_the_whole_corpus_names_it(two_municipalities):
    first = qa("index", str(two_municipalities / "Odense"), "--json")
    assert json.loads(first.output)["added"] == ["odense|teknisk udvalg|2025-10-01|referat|1"]
    whole = json.loads(qa("index", "--json").output)
    assert whole["added"] == ["aarhus|teknisk udvalg|2025-10-01|referat|1"]
    assert whole["updated"] == [] and whole["unchanged"] == 1


# --- indexes of the previous format ----------------------------------------------------------


def test_an_index_of_the_previous_format_is_refused_with_the_command_that_rebuilds_it(
    corpus_copy, store, monkeypatch
):
    update_index([corpus_copy], store, HashingEncoder())
    manifest_path = store.directory / store.current_name() / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 1
    manifest_path.write_text(json.dumps(manifest))

    with pytest.raises(IndexMismatchError, match=r"version 1.*`qa index --rebuild`"):
        store.load()
    monkeypatch.setenv("QA_INDEX_DIR", str(store.directory))
    for args in (["ask", "fordrevne"], ["info"], ["index", str(corpus_copy)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 1 and "qa index --rebuild" in result.output, args
    rebuilt = qa("index", "--rebuild", str(corpus_copy))
    assert rebuilt.exit_code == 0 and "12 added" in rebuilt.output
    assert qa("ask", "fordrevne", "-k", "1").exit_code == 0


def test_a_folder_outside_the_corpus_names_a_municipality_only_by_its_name():
    assert municipality_of_folders(PurePath("/home/a/Rødovre/2023/referat.txt")) == "Rødovre"
    assert municipality_of_folders(PurePath("/home/a/rødovre kommune/referat.txt")) == "Rødovre"
    assert municipality_of_folders(PurePath("/home/a/Downloads/referat.txt")) is None


def test_a_page_names_its_municipality_by_the_site_it_was_saved_from(tmp_path):
    page = "bronderslev_oekonomiudvalget_2020-11-18_referat.txt"
    (tmp_path / "Downloads").mkdir()
    (tmp_path / "Downloads" / page).write_bytes((CORPUS / "Brønderslev" / page).read_bytes())

    (meeting,) = load_corpus([tmp_path / "Downloads"]).meetings

    assert meeting.url.startswith("https://www.bronderslev.dk/")
    assert meeting.municipality == "Brønderslev"
    assert municipality_of_address("https://preparepublic.vardekommune.dk/x") == "Varde"
    assert municipality_of_address("https://www.koege.dk/x") == "Køge"
    # Abbreviations and shared hosts name no one: "kk.dk" is not read as a guess.
    assert municipality_of_address("https://www.kk.dk/dagsordener-og-referater/x") is None
    assert municipality_of_address("https://trung.dk/politisk-arbejde/x") is None
