"""Where things live by default. Each is an option of the CLI too; env vars set the defaults."""

from __future__ import annotations

import os
from pathlib import Path


def index_dir() -> Path:
    """$QA_INDEX_DIR, else `.qa/index` in the working directory."""
    return Path(os.environ.get("QA_INDEX_DIR") or ".qa/index")


def corpus_dir() -> Path:
    """$QA_CORPUS_DIR, else `corpus` in the working directory."""
    return Path(os.environ.get("QA_CORPUS_DIR") or "corpus")


def sources_file() -> Path:
    """$QA_SOURCES_FILE, else `sources.toml` in the working directory: what `qa sync` fetches."""
    return Path(os.environ.get("QA_SOURCES_FILE") or "sources.toml")
