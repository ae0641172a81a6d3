"""The web chat: `python app.py` starts it as `qa serve` does, with the settings of the
environment (QA_INDEX_DIR, QA_PORT, ...; see the README). The app itself is `qa.web.app`."""

import sys

from qa.errors import QAError
from qa.settings import Settings
from qa.web.app import serve

if __name__ == "__main__":
    try:
        serve(Settings.from_env())
    except QAError as error:
        sys.exit(f"Error: {error}")
