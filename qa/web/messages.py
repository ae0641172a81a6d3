"""Errors as the web chat shows them: in Danish, under its Danish labels.

The library's errors are typed and say in English what to do (the CLI and the API print them as
they are); here the types the chat meets are worded in Danish from their fields.
"""

from __future__ import annotations

import re

from qa.errors import (
    FilterError,
    IndexBusyError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelError,
    QAError,
    QuestionError,
)
from qa.web.filters import DateInputError

# The reasons a file is refused (MinutesError.reason), worded in Danish; a reason not listed
# here is shown as the library words it.
_REASONS = [
    (r"the file is empty", "filen er tom"),
    (
        r"expected the committee name and then a date",
        "første linjer skal være udvalgets navn og derefter en dato (DD-MM-ÅÅÅÅ)",
    ),
    (r"no cases found", "ingen sager fundet (ingen linje af formen “Sag nr. N”)"),
    (
        r"no (?:committee|meeting date|committee or meeting date) found",
        "intet udvalg eller mødedato øverst; er det et referat?",
    ),
    (
        r"no agenda items found",
        "ingen dagsordenspunkter fundet (“Punkt N”, “Sag nr. N” eller nummererede overskrifter)",
    ),
    (r"unsupported file type", "filtypen kan ikke bruges; upload .txt-, .html- eller .pdf-filer"),
    (r"not a format minutes-qa reads", "formatet kan ikke læses; upload tekst, HTML eller PDF"),
    (r"over the (\d+) MB limit", r"filen er over grænsen på \1 MB"),
    (
        r"a different file of that name",
        "der ligger allerede en anden fil med det navn; omdøb filen for at tilføje den",
    ),
    (r"the PDF is password-protected", "PDF'en er beskyttet med adgangskode; gem en kopi uden"),
    (r"the PDF has no text layer", "PDF'en har intet tekstlag (en scanning?); kør OCR først"),
    (r"cannot read the PDF", "PDF'en kan ikke læses"),
    (r"not UTF-8 or Windows-1252 text", "teksten er hverken UTF-8 eller Windows-1252"),
    (r"refused: the name points outside", "afvist: navnet peger uden for referatmappen"),
]
UNEXPECTED = "Noget gik galt under søgningen. Prøv igen; fejlen er skrevet i serverens log."
EMPTY_QUESTION = "Spørgsmålet er tomt: skriv, hvad du vil finde i referaterne."
NO_WORDS = "Spørgsmålet har ingen ord eller tal at søge efter."


def danish_reason(reason: str) -> str:
    """Why a file was refused, in Danish when the reason is a known one."""
    for pattern, danish_text in _REASONS:
        match = re.search(pattern, reason)
        if match:
            return match.expand(danish_text)
    return reason


def danish(error: Exception) -> str:
    """The message for an error the chat shows; the English original where none is known."""
    if isinstance(error, DateInputError):
        return f"“{error.text}” er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, fx 2024-10-08."
    if isinstance(error, FilterError):
        if error.committee is not None:
            known = ", ".join(error.known) or "ingen"
            return f"Udvalget “{error.committee}” findes ikke i referaterne. Udvalg: {known}."
        if error.municipality is not None:
            known = ", ".join(error.known) or "ingen"
            return f"Kommunen “{error.municipality}” findes ikke i referaterne. Kommuner: {known}."
        return (
            f"Datoerne er byttet om: “Møder fra” ({error.date_from:%d-%m-%Y}) ligger efter "
            f"“Møder til” ({error.date_to:%d-%m-%Y}). Byt om på dem."
        )
    if isinstance(error, QuestionError):
        return EMPTY_QUESTION if "empty" in str(error) else NO_WORDS
    if isinstance(error, IndexNotFoundError):
        return "Der er intet indeks endnu. Tilføj referater under “Tilføj referater”, eller kør `qa index`."
    if isinstance(error, IndexBusyError):
        return "Indekset bygges lige nu i en anden proces. Prøv igen om lidt."
    if isinstance(error, IndexMismatchError | ModelError):
        return f"Indekset kan ikke bruges. Serverens besked (på engelsk): {error}"
    if isinstance(error, QAError):
        return str(error)
    return UNEXPECTED
