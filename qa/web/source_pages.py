"""A minutes web page as the chat opens it: readable without the site's own stylesheets (which
the sandbox blocks and which live on the municipality's server), with an anchor at each case.

A card links to `kilde/<page>.html#sag-<n>`; the anchor is put on the heading that carries the
case's title, found by reading the page as `qa index` does.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, NavigableString, Tag

from qa.errors import MinutesError
from qa.ingest import parse_bytes

# Plain and calm, in the chat's colours; the case a link points at is marked.
STYLE = """
html { background: #f6f8fa; }
body { max-width: 52rem; margin: 0 auto; padding: 1.5rem 2rem 4rem; background: #fff;
  color: #1f2328; font: 16px/1.55 system-ui, -apple-system, "Segoe UI", sans-serif; }
h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.5em; }
button { font: inherit; color: inherit; background: none; border: 0; padding: 0; width: 100%;
  text-align: left; }  /* the site's folding item headers, shown open */
table { border-collapse: collapse; max-width: 100%; }
td, th { border: 1px solid #d0d7de; padding: 4px 8px; vertical-align: top; }
img, svg, video { max-width: 100%; height: auto; }
a { color: #0969da; }
[id^="sag-"] { scroll-margin-top: 1rem; }
:target, :target + * { background: #fff8c5; }
"""
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


def case_anchor(case_number: int) -> str:
    return f"sag-{case_number}"


def readable_html(data: bytes, source: str) -> bytes:
    """The page with the chat's stylesheet and an anchor before each case's title; the page as
    it is (still sandboxed) when it cannot be read as minutes."""
    try:
        meeting = parse_bytes(data, source)
    except MinutesError:
        meeting = None
    soup = BeautifulSoup(data, "lxml")
    for case in meeting.cases if meeting else ():
        title = _find_title(soup, case.title)
        if title is not None:
            title.insert_before(soup.new_tag("span", id=case_anchor(case.case_number)))
    style = soup.new_tag("style")
    style.string = STYLE
    if soup.head is None:  # lxml always gives the page an <html>, not always a <head>
        soup.html.insert(0, soup.new_tag("head"))
    soup.head.append(style)
    return soup.encode("utf-8")


def _find_title(soup: BeautifulSoup, title: str) -> Tag | None:
    """The element that holds a case's title: a heading first, else any element whose own text
    is the title (a table cell, a bold line), else one whose text starts with it."""
    wanted = _plain(title)
    if not wanted:
        return None
    for heading in soup.find_all(_HEADINGS):
        if _plain(heading.get_text(" ")) == wanted:
            return heading
    for text in soup.find_all(string=True):
        if isinstance(text, NavigableString) and _plain(text) == wanted:
            return text.parent
    for text in soup.find_all(string=True):
        if _plain(text).startswith(wanted):
            return text.parent
    return None


def _plain(text: str) -> str:
    return " ".join(str(text).split()).casefold()
