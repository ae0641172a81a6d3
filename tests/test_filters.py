"""Filters that cannot match are errors that say why, not an empty result."""

from datetime import date

import pytest

from qa.errors import FilterError
from qa.retrieval import Filters


@pytest.fixture
def searcher(rodovre_searcher):
    return rodovre_searcher


def test_a_reversed_date_range_is_an_error_naming_both_dates():
    with pytest.raises(FilterError, match="reversed: 2024-12-31 is after 2024-01-01") as error:
        Filters(date_from=date(2024, 12, 31), date_to=date(2024, 1, 1))
    assert (error.value.date_from, error.value.date_to) == (date(2024, 12, 31), date(2024, 1, 1))


def test_one_day_is_a_valid_range():
    assert Filters(date_from=date(2024, 10, 8), date_to=date(2024, 10, 8))


def test_an_unknown_committee_is_an_error_listing_the_indexed_ones(searcher):
    with pytest.raises(FilterError, match="No committee called 'Teknisk Udvalg'") as error:
        searcher.search("budget", filters=Filters(("Teknisk Udvalg",)))
    assert error.value.committee == "Teknisk Udvalg"
    assert error.value.known == ("Beskæftigelsesudvalget",)


def test_a_committee_matches_whatever_its_case(searcher):
    hits = searcher.search("fordrevne fra Ukraine", filters=Filters(("beskæftigelsesudvalget",)))
    assert hits and {h.chunk.committee for h in hits} == {"Beskæftigelsesudvalget"}
