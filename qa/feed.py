"""An Atom feed of the matches of saved questions (qa.watch): one for all, one per watch, so any
feed reader follows new minutes on a subject."""

from __future__ import annotations

from urllib.parse import quote
from xml.etree import ElementTree as ET

from qa.watch import WatchList

ATOM = "http://www.w3.org/2005/Atom"
MAX_ENTRIES = 100  # the newest; a reader keeps what it has seen


def atom_feed(index_dir, base_url: str, watch: str | None = None) -> bytes:
    """The feed as bytes (UTF-8 XML); KeyError-free: an unknown watch gets an empty feed."""
    watches = WatchList(index_dir)
    known = {w.id: w for w in watches.watches()}
    matches = [m for m in watches.matches(watch) if m.watch in known]
    matches.sort(key=lambda m: m.found, reverse=True)
    base = base_url.rstrip("/")
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed")
    title = (
        f"Referater: {known[watch].question}" if watch in known else "Referater: gemte spørgsmål"
    )
    _text(feed, "title", title)
    _text(feed, "id", f"{base}/feed.xml" + (f"?watch={watch}" if watch else ""))
    _text(feed, "updated", matches[0].found if matches else _created(known, watch))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", href=f"{base}/feed.xml")
    author = ET.SubElement(feed, f"{{{ATOM}}}author")
    _text(author, "name", "minutes-qa")
    for match in matches[:MAX_ENTRIES]:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        _text(entry, "title", match.hit.get("citation", match.case_key))
        _text(entry, "id", f"urn:minutes-qa:{match.watch}:{match.id}")
        _text(entry, "updated", match.found)
        link = match.hit.get("url") or f"{base}/kilde/{quote(match.hit.get('source', ''))}"
        ET.SubElement(entry, f"{{{ATOM}}}link", href=link)
        _text(entry, "summary", f"{match.question}\n\n{match.answer or match.hit.get('text', '')}")
        ET.SubElement(entry, f"{{{ATOM}}}category", term=match.watch, label=match.question)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True)


def _text(parent, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text


def _created(known: dict, watch: str | None) -> str:
    if watch in known and known[watch].created:
        return known[watch].created
    return min((w.created for w in known.values() if w.created), default="1970-01-01T00:00:00Z")
