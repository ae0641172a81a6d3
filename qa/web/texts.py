"""The web chat's words, from a catalogue per language (`qa/web/catalogue/<language>.toml`), by code.

The library speaks English and names what it means by a code (`QAError.code`, `Notice.code`, an
answer's `status`); the chat looks the code up here. Danish is the page's language; a turn asked
in English is answered in English. Gradio's own labels ("Drop File Here", "Copy") are in the
`[gradio]` table under Gradio's keys, and the page switches Gradio to them (`page_js`).
"""

from __future__ import annotations

import json
import tomllib
from datetime import date
from functools import cache
from pathlib import Path

from qa.errors import MinutesError, QAError
from qa.language import question_language

CATALOGUE = Path(__file__).parent / "catalogue"
LANGUAGES = ("da", "en")
DEFAULT = "da"  # the page's language, and the fallback for a text another language lacks
# What Gradio 6 writes in English whatever its locale, outside its translations (screen-reader
# labels, the notices of its upload check): its exact words or a pattern, and the text instead.
GRADIO_ENGLISH = {
    "chatbot conversation": "aria.chat",
    "Click to upload or drop files": "aria.upload",
    "File upload": "aria.file_upload",
    "Reset to default value": "aria.reset",
    "Scroll down": "aria.scroll_down",
    "Gradio footer navigation": "aria.footer",
    "Loading": "aria.loading",
    "Textbox": "aria.textbox",
    "Close": "aria.close",
    # Its notices (toasts): an upload the page refuses before it reaches the app.
    "Error": "toast.error",
    "Warning": "toast.warning",
    "Info": "toast.info",
    "Connection errored out.": "toast.connection",
}
GRADIO_ENGLISH_PATTERNS = {
    r"Select example (\d+): ": "aria.example",
    r"number input for ": "aria.number_input",
    r"range slider for ": "aria.range_slider",
    r"File\(s\) exceed the maximum allowed size of (.+?): (.+)$": "toast.too_big",
    r"Invalid file type: (.+?)\. Only (.+) allowed\.$": "toast.file_type",
}


@cache
def catalogue(language: str) -> dict[str, str]:
    """Every text of one language, keyed "section.code" (nested tables join with dots)."""
    with open(CATALOGUE / f"{language}.toml", "rb") as file:
        return dict(_flatten(tomllib.load(file)))


def language_of(question: str) -> str:
    """The language a turn is answered in: English for an English question, else Danish."""
    return question_language(question or "")


def say(key: str, language: str = DEFAULT, **fields) -> str:
    """The text for `key` ("section.code") in `language`, its {fields} filled in."""
    texts = catalogue(language if language in LANGUAGES else DEFAULT)
    text = texts.get(key)
    if text is None:
        text = catalogue(DEFAULT)[key]
    return text.format(**{name: _shown(value, language) for name, value in fields.items()})


def has(key: str) -> bool:
    return key in catalogue(DEFAULT)


def error_text(error: BaseException, language: str = DEFAULT) -> str:
    """What the chat shows for an error: its code's text; an error with no code, or a code the
    catalogue lacks, gets the general one (the server's log has the details)."""
    if isinstance(error, MinutesError):
        return f"{error.source}: {reason_text(error, language)}"
    if not isinstance(error, QAError):
        return say("error.unexpected", language)
    return code_text(error.code, _error_fields(error), language)


def code_text(code: str | None, fields: dict | None = None, language: str = DEFAULT) -> str:
    """The words for an error known by its code and fields alone (a failed sync as the origins
    file keeps it); a code the catalogue lacks, or fields its text misses, get the general one."""
    key = f"error.{code}"
    if not code or not has(key):
        return say("error.error", language)
    try:
        return say(key, language, **(fields or {}))
    except (KeyError, IndexError, ValueError):  # a record written with other fields
        return say("error.error", language)


def reason_text(error: MinutesError, language: str = DEFAULT) -> str:
    """Why a file was refused, without its name."""
    key = f"minutes.{error.code}"
    return say(key if has(key) else "minutes.unreadable", language, **error.fields)


def notice_text(notice: str, language: str = DEFAULT) -> str:
    """A notice from indexing (a skipped duplicate, numbering that jumps), by its code, after the
    name of its file when it carries one."""
    key = f"notice.{getattr(notice, 'code', '')}"
    if not has(key):
        return str(notice)
    fields = dict(notice.fields)
    source = fields.pop("source", None)
    text = say(key, language, **fields)
    return f"{source}: {text}" if source else text


def gradio_translations() -> dict[str, dict[str, str]]:
    """Gradio's own labels per language, for `gr.I18n`: Gradio ships no Danish."""
    prefix = "gradio."
    return {
        language: {
            k[len(prefix) :]: v for k, v in catalogue(language).items() if k.startswith(prefix)
        }
        for language in LANGUAGES
        if any(k.startswith(prefix) for k in catalogue(language))
    }


def _error_fields(error: QAError) -> dict:
    fields = dict(error.fields)
    for name in ("committee", "municipality", "known", "date_from", "date_to", "text"):
        if name not in fields and hasattr(error, name):
            fields[name] = getattr(error, name)
    return fields


def _shown(value, language: str):
    """A field as a text shows it: dates as the minutes write them, lists joined."""
    if isinstance(value, date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(map(str, value)) or say("error.none", language)
    return value


def _flatten(table: dict, prefix: str = ""):
    for key, value in table.items():
        if isinstance(value, dict):
            yield from _flatten(value, f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}", value


def page_js(language: str = DEFAULT) -> str:
    """JavaScript run on page load: Gradio's own labels in `language`, and the words for screen
    readers and the notices that Gradio writes in English whatever the locale ("bot's message:
    <div ...>", "Select example 1: ...", "Invalid file type: ..."), replaced as they appear."""
    exact = {english: say(key, language) for english, key in GRADIO_ENGLISH.items()}
    exact["user"] = say("aria.question", language)  # the chat's messages, by their data-testid
    exact["bot"] = say("aria.answer", language)
    prefixes = [
        [f"^{pattern}", say(key, language, n="$1", first="$1", second="$2")]
        for pattern, key in GRADIO_ENGLISH_PATTERNS.items()
    ]
    words = json.dumps({"exact": exact, "prefixes": prefixes}, ensure_ascii=False)
    return f"""async () => {{
  {gradio_locale_js(language) or ""}
  const words = {words};
  const prefixes = words.prefixes.map(([p, w]) => [new RegExp(p), w]);
  const danish = (text) => {{
    const trimmed = text.trim();
    if (words.exact[trimmed]) return words.exact[trimmed];
    for (const [pattern, replacement] of prefixes) {{
      if (pattern.test(text)) return text.replace(pattern, replacement);
    }}
    return null;
  }};
  const name = () => {{
    for (const el of document.querySelectorAll("[aria-label], [title]")) {{
      for (const attribute of ["aria-label", "title"]) {{
        const now = el.getAttribute(attribute);
        if (!now) continue;
        const want = (attribute === "aria-label" && words.exact[el.dataset.testid]) || danish(now);
        if (want && now !== want) el.setAttribute(attribute, want);
      }}
    }}
    for (const el of document.querySelectorAll(".sr-only, .toast-wrap, .toast-wrap *")) {{
      for (const node of el.childNodes) {{
        const want = node.nodeType === 3 && danish(node.nodeValue);
        if (want && node.nodeValue !== want) node.nodeValue = want;
      }}
    }}
  }};
  new MutationObserver(name).observe(document.body, {{subtree: true, childList: true,
    characterData: true, attributes: true, attributeFilter: ["aria-label", "title"]}});
  name();
}}"""


def gradio_locale_js(language: str = DEFAULT) -> str | None:
    """Statements that switch Gradio's own labels to `language`.

    Gradio picks its locale from the browser among the languages it ships, which lack Danish, so
    a Danish browser would get English. The page imports Gradio's i18n module (the very file it
    loaded, so the same instance) and calls its `changeLocale`; the `[gradio]` texts, given to
    `launch(i18n=...)`, then fill the labels. None when this Gradio has no such module.
    """
    import gradio

    assets = Path(gradio.__file__).parent / "templates" / "frontend" / "assets"
    modules = sorted(assets.glob("core-*.js"))
    if len(modules) != 1:
        return None
    return (
        f"const i18n = await import(new URL('assets/{modules[0].name}', document.baseURI).href);"
        f" if (i18n.changeLocale) i18n.changeLocale({language!r});"
    )
