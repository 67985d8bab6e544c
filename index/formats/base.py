"""What a format reader returns, and the helpers readers share.

Example:
    >>> Extracted("Text.", title="T").title
    'T'
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Extracted:
    """One article's text and metadata as read from a file (dates still raw)."""

    text: str
    title: str = ""
    outlet: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    part: str = ""  # which article of a multi-article file ("#3" for row 3 of an export)
    warnings: tuple[str, ...] = ()  # metadata that was dropped or kept raw (the ingest report lists them)


def clean_field(value: object) -> str:
    """A metadata value as one trimmed line ('' for None).

    Example:
        >>> clean_field("  A\\n title "), clean_field(None)
        ('A title', '')
    """
    if value is None:
        return ""
    return " ".join(str(value).split())
