"""Errors as the web chat shows them: in Danish, under its Danish labels.

The library's errors are typed and say in English what to do (the CLI and the API print them as
they are); here the types the chat meets are worded in Danish from their fields.
"""

from __future__ import annotations

from qa.errors import (
    FilterError,
    IndexBusyError,
    IndexMismatchError,
    IndexNotFoundError,
    ModelError,
    QAError,
    QuestionError,
)

UNEXPECTED = "Noget gik galt under søgningen. Prøv igen; fejlen er skrevet i serverens log."
EMPTY_QUESTION = "Spørgsmålet er tomt: skriv, hvad du vil finde i referaterne."
NO_WORDS = "Spørgsmålet har ingen ord eller tal at søge efter."


def danish(error: Exception) -> str:
    """The message for an error the chat shows; the English original where none is known."""
    if isinstance(error, FilterError):
        if error.committee is not None:
            known = ", ".join(error.known) or "ingen"
            return f"Udvalget “{error.committee}” findes ikke i referaterne. Udvalg: {known}."
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


def bad_date(text: str) -> str:
    return f"“{text}” er ikke en dato: skriv den som ÅÅÅÅ-MM-DD, fx 2024-10-08."
