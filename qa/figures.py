"""How years and figures are written in the minutes: one pattern each, for every reader."""

from __future__ import annotations

import re

YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# Danish writes 1.500.000,50 and English 1,500,000.50: a number is matched under both readings.
NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
# A number with the scale word that may follow it ("2,5 mio.", "3 billion").
FIGURE = re.compile(NUMBER.pattern + r"(?:\s*(?:mio|mia|million|billion|milliard)\w*)?")
