"""Recognising the date lines scraped articles carry ("January 2, 2015", "2 Jan 2015", "2015-01-02")."""

from __future__ import annotations

import datetime as dt
import re

from dateutil import parser as dateutil_parser

_MONTH = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
)
_LABEL = r"(?:published|posted|updated|date)(?:\s+on)?\s*:?\s+"
_DATE_LINE = re.compile(
    rf"""^(?:{_LABEL})?                                      # optional label
    (?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?   # optional weekday
    (?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}      # January 2, 2015
      |\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+\d{{4}}      # 2 January 2015
      |\d{{4}}-\d{{2}}-\d{{2}})                              # 2015-01-02
    (?:[ ,T]+\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?)?$         # optional time
    """,
    re.IGNORECASE | re.VERBOSE,
)

_LEADING_LABEL = re.compile(f"^{_LABEL}", re.IGNORECASE)


def parse_date_line(text: str) -> dt.date | None:
    """The date a line states, if the whole line is a date in a common news format."""
    text = text.strip()
    if not _DATE_LINE.match(text):
        return None
    try:
        return dateutil_parser.parse(_LEADING_LABEL.sub("", text), fuzzy=False).date()
    except (ValueError, OverflowError):
        return None


def format_date(date: dt.date) -> str:
    """The reader's form of a date: "2 January 2015"."""
    return f"{date.day} {date:%B %Y}"
