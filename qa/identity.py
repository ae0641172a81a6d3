"""Who a meeting belongs to: the keys that identify meetings and cases, and their municipality.

A meeting is identified by municipality, committee, date and kind (referat or dagsorden), so the
same-named committees of two municipalities meeting the same day stay apart, and so do a
meeting's agenda and its minutes; a case by its meeting and its number. The municipality comes
from the document where it says so ("Aarhus Byråd", "på Ballerup Rådhus", "Rødovre Kommune" in
its header), else from the corpus folder the file sits in (`corpus/<Kommune>/...`) or, for a file
outside the corpus, from a folder above it named for a municipality (`Rødovre/...`), else from the
municipality's own site in a web page's address (`www.bronderslev.dk`), else it is unknown (None).
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath, PurePosixPath
from urllib.parse import urlsplit

# "Aarhus Kommune", "Aarhus Byråd", "Ballerup Rådhus", "Lyngby-Taarbæk Kommune".
_NAME = r"[A-ZÆØÅ][a-zæøåé]+(?:-[A-ZÆØÅ][a-zæøåé]+)?"
_NAMED = re.compile(
    rf"\b({_NAME})\s+(?:Kommune|Regionskommune|Byråd|Rådhus|Kommunalbestyrelse)\b(?!\w)"
)
# Words that can stand before "Kommune" without naming one ("Den Kommune", "Hver Kommune").
_NOT_NAMES = {
    "den", "det", "de", "en", "et", "hver", "hele", "samme", "anden", "enhver", "vores",
    "jeres", "til", "fra", "af", "i", "på", "og", "ny", "nye", "egen", "hvilken",
}  # fmt: skip
_GENITIVE = {"københavns": "København", "bornholms": "Bornholm"}
_SUFFIX = re.compile(r"[\s_-]+(kommune|regionskommune)$", re.IGNORECASE)


def municipality_name(name: str | None) -> str | None:
    """The municipality's short name, as citations show it: "Aarhus" for "Aarhus Kommune"."""
    name = _SUFFIX.sub("", " ".join((name or "").split()))
    return _GENITIVE.get(name.casefold(), name) or None


def find_municipality(texts: list[str]) -> str | None:
    """The municipality a document's header names ("Aarhus Byråd", "på Ballerup Rådhus"), if any.

    Give it the committee name and the header lines only: the body of a case often names other
    municipalities ("i samarbejde med Herlev Kommune").
    """
    for text in texts:
        for match in _NAMED.finditer(text or ""):
            if match.group(1).casefold() not in _NOT_NAMES:
                return municipality_name(match.group(1))
    return None


def municipality_from_folder(source: str) -> str | None:
    """The corpus folder a file sits in, at any depth: "Aarhus" for "Aarhus/2025/referat.pdf"."""
    parts = PurePosixPath(source).parts
    return municipality_name(parts[0]) if len(parts) > 1 else None


@functools.cache
def _municipalities() -> dict[str, str]:
    """Denmark's municipalities, by their case-folded names."""
    path = Path(__file__).resolve().parent / "data" / "municipalities_da.txt"
    names = path.read_text(encoding="utf-8").splitlines()
    return {n.strip().casefold(): n.strip() for n in names if n.strip() and not n.startswith("#")}


def municipality_of_folders(path: PurePath) -> str | None:
    """The nearest folder above a file that is named for a municipality ("Rødovre", "Rødovre
    Kommune"), for a file outside the corpus: there only such a name says whose minutes a folder
    holds ("Downloads/referat.pdf" names no one)."""
    for folder in path.parents:
        if name := _municipalities().get((municipality_name(folder.name) or "").casefold()):
            return name
    return None


def municipality_of_address(url: str | None) -> str | None:
    """The municipality whose own site a page's address is on ("www.bronderslev.dk",
    "preparepublic.vardekommune.dk"); None for a host that is not spelled as one ("kk.dk")."""
    host = (urlsplit(url or "").hostname or "").split(".")
    if len(host) < 2:
        return None
    return _site_names().get(host[-2].removesuffix("kommune"))


@functools.cache
def _site_names() -> dict[str, str]:
    """Each municipality by the ways a web address spells it: "koege", "kge", "naestved"."""
    spellings = {"æ": ("ae", "a"), "ø": ("oe", "o"), "å": ("aa", "a"), "é": ("e",)}
    names = {}
    for folded, name in _municipalities().items():
        options = [spellings.get(ch, (ch,)) for ch in folded]
        for letters in itertools.product(*options):
            names.setdefault("".join(letters), name)
    return names


def _fold(text: str | None) -> str | None:
    return " ".join(text.split()).casefold() if text and text.strip() else None


@dataclass(frozen=True)
class MeetingKey:
    """A meeting: municipality (None when unknown), committee, date, kind; compared case-blind."""

    municipality: str | None
    committee: str
    meeting_date: date
    kind: str = "referat"

    def __post_init__(self) -> None:
        object.__setattr__(self, "municipality", _fold(self.municipality))
        object.__setattr__(self, "committee", _fold(self.committee) or "")

    def case(self, case_number: int) -> CaseKey:
        return CaseKey(self.municipality, self.committee, self.meeting_date, self.kind, case_number)

    def __str__(self) -> str:
        return f"{self.municipality or ''}|{self.committee}|{self.meeting_date.isoformat()}|{self.kind}"


@dataclass(frozen=True)
class CaseKey:
    """A case across rebuilds, files and municipalities; `str()` is its form in the manifest and
    in chunk ids ("rødovre|beskæftigelsesudvalget|2024-10-08|referat|38"), `parse` reads it back."""

    municipality: str | None
    committee: str
    meeting_date: date
    kind: str
    case_number: int

    def __post_init__(self) -> None:
        object.__setattr__(self, "municipality", _fold(self.municipality))
        object.__setattr__(self, "committee", _fold(self.committee) or "")
        object.__setattr__(self, "case_number", int(self.case_number))

    @property
    def meeting(self) -> MeetingKey:
        return MeetingKey(self.municipality, self.committee, self.meeting_date, self.kind)

    def __str__(self) -> str:
        return f"{self.meeting}|{self.case_number}"

    @classmethod
    def parse(cls, text: str) -> CaseKey:
        """The key `str(key)` wrote; ValueError for anything else (such as a version 1 key)."""
        municipality, _, rest = text.partition("|")
        parts = rest.rsplit("|", 3)
        if len(parts) != 4:
            raise ValueError(f"not a case key: {text!r}")
        committee, day, kind, number = parts
        return cls(municipality or None, committee, date.fromisoformat(day), kind, int(number))
