"""The annotator's thresholds, each described, in one place (`RULES`).

They are part of the rules a catalog records as its annotator (`index.epistemic.ANNOTATOR`): an index
names the rules that wrote it, so these are fixed with that name, not read from the environment. Change
one here, re-measure (`bench/attribution.py`, `bench/factuality.py`, `bench/hedges.py`), and give the
rules a new name; the reannotate fingerprint test fails until you do.

Example:
    >>> RULES.attributed_share
    0.6
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class AnnotatorRules(BaseModel):
    """The thresholds of the sentence annotator (attribution, quotes, holders)."""

    model_config = ConfigDict(frozen=True)

    attributed_share: float = Field(
        default=0.6, ge=0.0, le=1.0, description="A sentence is `attributed` when one source's content makes up "
        "at least this share of its characters, the attribution's own words (cue, holder's name) left out. More "
        "than half, so the writer's words around it (an apposition on the speaker, \"at a rally on Tuesday\") weigh "
        "less; 0.6 had the best MCC on PolNeAR train (0.5-0.7 tried). A smaller attribution is kept as "
        "`Sentence.attributions`.")
    min_content: float = Field(
        default=0.2, ge=0.0, le=1.0, description="Below this content share a reporting verb does not even name a "
        "speaker for the quotes around it.")
    quoted_share: float = Field(
        default=0.5, ge=0.0, le=1.0, description="A sentence is inside a quotation when at least this share of its "
        "characters is; a sentence after a quote names its speaker only when less of it is quoted.")
    wholly_quoted: float = Field(
        default=0.95, ge=0.0, le=1.0, description="A sentence this much inside a quote speaks only in the quote's "
        "speaker's words (its own \"I said\" names no new speaker).")
    quote_look_back: int = Field(
        default=3, ge=0, description="Sentences before a quote searched for its speaker when neither the quote "
        "nor its neighbours name one.")
    pronoun_window: int = Field(
        default=8, ge=0, description="Sentences looked back for the person a \"he\"/\"she\" holder refers to "
        "(resolved only when they name one person).")


RULES = AnnotatorRules()
