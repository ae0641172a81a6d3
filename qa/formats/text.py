"""Plain-text exports of minutes (the format of `corpus/Rødovre/`)."""

from __future__ import annotations

import codecs

from qa.errors import MinutesError
from qa.minutes import Meeting, parse_text_export

NAME = "text"
EXTENSIONS = (".txt",)


def sniff(data: bytes) -> bool:
    """Text has no NUL bytes; anything else is left to the other formats."""
    return b"\x00" not in data[:65536]


def decode(data: bytes, source: str) -> str:
    """UTF-8 (with or without BOM), else Windows-1252, which older Danish files often are."""
    body = data.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason == "unexpected end of data" and (
            body is not data or not body[: exc.start].isascii()
        ):
            # UTF-8 with its last character cut off (an interrupted copy), not Windows-1252,
            # which would garble every æ, ø and å before the cut.
            return body[: exc.start].decode("utf-8")
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise MinutesError(
            source, f"not UTF-8 or Windows-1252 text ({exc.reason})", "encoding"
        ) from exc


def parse(data: bytes, source: str) -> Meeting:
    return parse_text_export(decode(data, source), source)
