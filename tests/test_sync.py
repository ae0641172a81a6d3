"""`qa sync`: every source of a TOML file fetched, what changed indexed, and when each was synced."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from qa.cli import cli
from qa.origins import sync_times
from qa.sync import SourcesError, read_sources
from tests.conftest import FIXTURES

PUBLISHING = FIXTURES / "publishing"


def _sources_file(tmp_path, extra: str = "") -> str:
    path = tmp_path / "sources.toml"
    path.write_text(
        f"""
[[source]]
municipality = "Ballerup"
kind = "edoc"
folder = "{PUBLISHING / "edoc-ballerup"}"

[[source]]
municipality = "Syddjurs"
kind = "acadre"
folder = "{PUBLISHING / "acadre-syddjurs"}"
since = 2013-01-01
{extra}""",
        encoding="utf-8",
    )
    return str(path)


def test_qa_sync_fetches_every_source_indexes_them_and_records_when(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    sources = _sources_file(tmp_path)
    runner = CliRunner()

    result = runner.invoke(
        cli, ["sync", sources, "--corpus-dir", str(corpus), "--index-dir", str(index)]
    )

    assert result.exit_code == 0, result.output
    assert "Index" in result.output  # what changed was indexed in the same run
    info = runner.invoke(cli, ["info", "--index-dir", str(index)])
    assert "2 meetings of Ballerup, Syddjurs" in info.output
    synced = {s.municipality: s for s in sync_times(corpus)}
    assert synced["Ballerup"].ok and synced["Ballerup"].new == 1
    assert synced["Syddjurs"].synced == synced["Syddjurs"].succeeded

    again = runner.invoke(
        cli, ["sync", sources, "--corpus-dir", str(corpus), "--index-dir", str(index), "--json"]
    )
    assert again.exit_code == 0, again.output
    reports = [r["report"] for r in json.loads(again.output)]
    assert [(len(r["new"]), len(r["changed"]), len(r["unchanged"])) for r in reports] == [
        (0, 0, 1),
        (0, 0, 1),
    ]


def test_a_failing_source_is_recorded_with_its_reason_and_the_others_still_sync(tmp_path):
    corpus = tmp_path / "corpus"
    missing = tmp_path / "gone"
    sources = _sources_file(
        tmp_path, f'\n[[source]]\nmunicipality = "Furesø"\nkind = "edoc"\nfolder = "{missing}"\n'
    )

    result = CliRunner().invoke(cli, ["sync", sources, "--corpus-dir", str(corpus), "--no-index"])

    assert result.exit_code == 1  # a cron job sees the failure
    synced = {s.municipality: s for s in sync_times(corpus)}
    assert not synced["Furesø"].ok and "no such folder" in synced["Furesø"].error
    assert synced["Furesø"].error_code == "source_missing"  # for the web page's own words
    assert synced["Furesø"].error_fields == {"source": str(missing)}
    assert synced["Furesø"].succeeded is None
    assert synced["Ballerup"].ok and synced["Syddjurs"].ok


@pytest.mark.parametrize(
    ("body", "message", "code"),
    [
        ("", "no \\[\\[source\\]\\] entries", "sources_empty"),
        ('[[source]]\nkind = "edoc"\nfolder = "x"', "has no municipality", "sources_municipality"),
        (
            '[[source]]\nmunicipality = "A"\nkind = "sharepoint"\nurl = "https://x"',
            "kind must be",
            "sources_kind",
        ),
        ('[[source]]\nmunicipality = "A"\nkind = "edoc"', "either url or folder", "sources_place"),
        (
            '[[source]]\nmunicipality = "A"\nkind = "edoc"\nurl = "https://x"',
            "is a folder",
            "sources_folder_kind",
        ),
        (
            '[[source]]\nmunicipality = "A"\nkind = "kk"\nfolder = "x"',
            "not a folder",
            "sources_url_kind",
        ),
        (
            '[[source]]\nmunicipality = "A"\nkind = "kk"\nurl = "https://x"\nsince = "May"',
            "date",
            "sources_since",
        ),
        ("[[source]\n", "cannot be read as TOML", "sources_unreadable"),
    ],
)
def test_a_wrong_sources_file_names_what_is_wrong(tmp_path, body, message, code):
    path = tmp_path / "sources.toml"
    path.write_text(body, encoding="utf-8")

    with pytest.raises(SourcesError, match=message) as error:
        read_sources(path)
    assert error.value.code == code  # the web page words it from the code


def test_qa_sync_without_a_sources_file_says_how_to_write_one(tmp_path):
    result = CliRunner().invoke(cli, ["sync", str(tmp_path / "none.toml")])

    assert result.exit_code == 1 and "docs/fetching.md" in result.output
