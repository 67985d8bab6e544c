"""sourcecheck's read path: retrieve, select evidence, compose with `[n]` markers, verify, flag.

Example:
    >>> from bot import Bot, Answer
    >>> Answer(question="q", text="t").abstained
    False
"""

from bot.bot import Bot
from bot.types import Answer, Citation, ClaimCheck, Corroboration, Evidence, Flag
from index.errors import SourcecheckError
from index.settings import Settings

__all__ = ["Answer", "Bot", "Citation", "ClaimCheck", "Corroboration", "Evidence", "Flag", "Settings",
           "SourcecheckError"]
