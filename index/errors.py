"""One exception family whose messages tell the user what to do.

Example:
    >>> try:
    ...     raise ArticleError("a.txt", "the file is empty", "add the article text or remove the file")
    ... except SourcecheckError as err:
    ...     print(err)
    a.txt: the file is empty. Fix: add the article text or remove the file
"""

from __future__ import annotations


class SourcecheckError(Exception):
    """Base of every error sourcecheck raises on purpose; the message says the fix."""


class ConfigError(SourcecheckError):
    """A setting is missing or invalid."""


class ArticleError(SourcecheckError):
    """An article file cannot be loaded (empty, binary, undecodable, too large, bad header)."""

    def __init__(self, path: str, reason: str, fix: str) -> None:
        self.path = path
        self.reason = reason
        self.fix = fix
        super().__init__(f"{path}: {reason}. Fix: {fix}")


class CorpusError(SourcecheckError):
    """A corpus directory is missing or holds no article."""


class IndexMismatchError(SourcecheckError):
    """The index on disk was built with other settings (model, chunking)."""


class StoreError(SourcecheckError):
    """The vector store cannot be opened or reached."""


class QuestionError(SourcecheckError):
    """A question is empty, too long or otherwise unusable."""


class FetchError(ArticleError):
    """A URL or feed the user asked for cannot be fetched or holds no article (timeout, 404, wrong type)."""


class ArticleNotFoundError(SourcecheckError):
    """No indexed article has the id or source path asked for."""
