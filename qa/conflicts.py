"""Two indexed documents that say different things about the same case, so an answer says so.

The same case is the same committee, meeting date, kind and case number in two files, where the
municipality is the same or unknown in one of them (a copy filed without its municipality). Such
copies should not be indexed side by side, but a corpus filled by hand can hold them; an answer
quoting one of them must not hide that the other says otherwise.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from qa.chunking import context_line
from qa.figures import NUMBER
from qa.identity import CaseKey

MAX_FIGURES = 3

TEXT = {
    "da": "To dokumenter om samme sag siger forskelligt: {case} står i {first}{first_figures} "
    "og i {second}{second_figures}. Tjek, hvilket der gælder.",
    "en": "Two documents on the same case disagree: {case} is in {first}{first_figures} and in "
    "{second}{second_figures}. Check which one holds.",
}


@dataclass(frozen=True)
class Disagreement:
    """One case as two files hold it, with the figures only one of them has."""

    case: str  # "Beskæftigelsesudvalget, 08-10-2024, Sag nr. 39"
    first: str  # the source cited
    second: str  # the other source
    first_figures: tuple[str, ...]
    second_figures: tuple[str, ...]

    def notice(self, language: str = "da") -> str:
        return TEXT.get(language, TEXT["da"]).format(
            case=self.case,
            first=self.first,
            second=self.second,
            first_figures=_figures(self.first_figures),
            second_figures=_figures(self.second_figures),
        )


_cache: tuple[str, dict] | None = None  # (snapshot name, its cases by identity)


def disagreements(snapshot, case_keys: Sequence[CaseKey]) -> list[Disagreement]:
    """The other indexed documents that hold these cases (an answer's hits) differently."""
    by_identity = _by_identity(snapshot)
    found: list[Disagreement] = []
    seen: set[frozenset[str]] = set()
    for key in case_keys:
        record = snapshot.cases.get(key)
        if record is None:
            continue
        for other in by_identity.get(_identity(key), ()):
            pair = frozenset((record["source"], other["source"]))
            if (
                len(pair) < 2
                or pair in seen
                or not _same_place(key.municipality, other)
                or _content(record) == _content(other)
            ):
                continue
            seen.add(pair)
            mine, theirs = _figures_of(record), _figures_of(other)
            found.append(
                Disagreement(
                    context_line(
                        record["committee"],
                        key.meeting_date,
                        key.case_number,
                        record.get("kind", "referat"),
                    ),
                    record["source"],
                    other["source"],
                    tuple((mine - theirs).keys())[:MAX_FIGURES],
                    tuple((theirs - mine).keys())[:MAX_FIGURES],
                )
            )
    return found


def _by_identity(snapshot) -> dict[tuple, list[dict]]:
    """The snapshot's cases by committee, date, kind and number; built once per snapshot."""
    global _cache
    if _cache is None or _cache[0] != str(snapshot.path):
        grouped: dict[tuple, list[dict]] = {}
        for key, record in snapshot.cases.items():
            grouped.setdefault(_identity(key), []).append(record)
        _cache = (str(snapshot.path), {k: v for k, v in grouped.items() if len(v) > 1})
    return _cache[1]


def _identity(key: CaseKey) -> tuple:
    return key.committee, key.meeting_date, key.kind, key.case_number


def _same_place(municipality: str | None, record: dict) -> bool:
    other = record.get("municipality")
    return not municipality or not other or municipality == " ".join(other.split()).casefold()


def _content(record: dict) -> tuple:
    return record.get("title"), tuple(s.get("text") for s in record.get("sections", []))


def _figures_of(record: dict) -> Counter:
    return Counter(
        figure for s in record.get("sections", []) for figure in NUMBER.findall(s.get("text", ""))
    )


def _figures(figures: tuple[str, ...]) -> str:
    return f" ({', '.join(figures)})" if figures else ""
