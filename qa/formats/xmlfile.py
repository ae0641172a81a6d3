"""Reading the XML that case systems export for publishing (eDoc, Acadre)."""

from __future__ import annotations

from lxml import etree

from qa.errors import MinutesError


def read_xml(data: bytes, source: str) -> etree._Element:
    """The XML's root. The exports hold character references XML forbids (eDoc writes form
    feeds), so the parser recovers from them rather than refusing the meeting; it never
    resolves entities or reaches the network."""
    parser = etree.XMLParser(recover=True, huge_tree=True, resolve_entities=False, no_network=True)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise MinutesError(source, f"not readable XML ({exc})", "xml") from exc
    if root is None:
        raise MinutesError(source, "not readable XML", "xml")
    return root
