"""`Bot`: the public read-path API that the CLI, the page and the eval runner all use.

Example:
    >>> from index.embed import HashingEmbeddings
    >>> bot = Bot.from_directory("index/articles", embeddings=HashingEmbeddings(64),
    ...                          settings=Settings(persist_dir=__import__("tempfile").mkdtemp()))
    >>> bot.ask("Who leads the Syrian Revolutionaries Front?").abstained
    False
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from bot.assemble import assemble
from bot.abstain import AbstainSignals, abstain_signals, decide
from bot.check import check_claim, claim_evidence
from bot.compose import abstain_text, compose
from bot.question import History, Question, analyse
from bot.retrieve import HybridRetriever, Retrieval
from bot.types import Answer, ClaimCheck
from bot.verdict_line import add_verdict_line, claim_of, wants_verdict
from bot.writer import ExtractiveWriter, Writer
from index.embed import make_embedder
from index.errors import ArticleNotFoundError, ConfigError
from index.ingest import IngestReport, Progress, ingest, tqdm_progress
from index.manage import ArticleInfo, find_articles, list_articles
from index.reannotate import reannotate, stale_annotator
from index.settings import AnswerSettings, Settings
from index.store import Encoder, Store
from index.types import Article, Sentence


AUTO_REANNOTATE_SENTENCES = 20_000  # ~10 s of rules on two cores
OPEN = AnswerSettings(  # thresholds that let every question with evidence through (`ask_replayable`)
    min_coverage=0.0, min_similarity=-1.0, near_similarity=-1.0, strong_coverage=0.0, min_score=0.0)


class Bot:
    """Answers questions from the indexed articles with checked citations and epistemic flags."""

    def __init__(self, store: Store, settings: Settings | None = None, llm: Any = None) -> None:
        self.store = store
        self.settings = settings or store.settings
        s = self.settings
        self.retriever = HybridRetriever(store, s.candidates, s.top_k, s.rrf_k, s.sentence_search_articles,
                                         s.sentence_search_per_article, s.recency_bonus, s.recency_days)
        self.llm = llm
        self.last_ingest: IngestReport | None = None
        self._writer: Writer | None = None
        self._lock = threading.Lock()

    # ---- construction -------------------------------------------------------------------
    @classmethod
    def open(cls, settings: Settings | None = None, embeddings: Encoder | None = None, llm: Any = None) -> Bot:
        """Open the index the settings point at (it may be empty)."""
        settings = settings or Settings()
        # Importing chromadb takes most of a second: do it while the embedding model loads.
        importer = threading.Thread(target=_import_chromadb, daemon=True)
        importer.start()
        embedder = embeddings or make_embedder(settings)
        importer.join()
        bot = cls(Store.open(settings, embedder), settings, llm)
        if stale_annotator(bot.store) and bot.store.catalog.count_sentences() <= AUTO_REANNOTATE_SENTENCES:
            bot.reannotate()  # a small index built by older rules: seconds, so done at once
        return bot

    @classmethod
    def from_directory(cls, directory: str | Path = "index/articles", settings: Settings | None = None,
                       persist: str | Path | None = None, embeddings: Encoder | None = None,
                       progress: bool = False, llm: Any = None) -> Bot:
        """Open the index and ingest a directory into it (unchanged files are skipped by content hash)."""
        settings = settings or Settings()
        if persist is not None:
            settings = settings.model_copy(update={"persist_dir": Path(persist)})
        bot = cls.open(settings, embeddings, llm)
        bot.last_ingest = ingest(directory, bot.store, tqdm_progress() if progress else None)
        return bot

    def reannotate(self, progress: bool = False) -> int:
        """Recompute every stored sentence's status with the current rules (no re-embedding).

        Returns how many sentences changed. Needed once after an upgrade that changed the rules, for an
        index too large to be redone automatically when opened (`stale_annotations` says so).
        """
        with self.store.writing():
            return reannotate(self.store, tqdm_progress("re-annotate") if progress else None)

    def stale_annotations(self) -> str:
        """A note for the user when the stored statuses come from older rules, else ''."""
        held = stale_annotator(self.store)
        if not held:
            return ""
        return (f"the statuses in this index were computed by older rules ({held}); run `sourcecheck "
                "reannotate` to update them (no re-embedding)")

    # ---- articles ---------------------------------------------------------------------
    def add_files(self, paths: Iterable[str | Path], names: dict[str, str] | None = None,
                  progress: Progress | None = None) -> IngestReport:
        """Ingest more files (any supported format); they are searchable as soon as this returns."""
        report = ingest([Path(p) for p in paths], self.store, progress, names=names)
        self.last_ingest = report
        return report

    def add_urls(self, urls: Iterable[str] = (), feeds: Iterable[str] = ()) -> IngestReport:
        """Fetch and ingest web pages (and RSS/Atom feeds, one article per entry): the one network use."""
        report = ingest([], self.store, urls=[u for u in urls if u.strip()], feeds=[f for f in feeds if f.strip()])
        self.last_ingest = report
        return report

    def add_url(self, url: str) -> IngestReport:
        """Fetch one article page (HTML or PDF) and ingest it; its URL is the source."""
        return self.add_urls([url])

    def add_feed(self, url: str) -> IngestReport:
        """Fetch an RSS/Atom feed and ingest the article behind each entry."""
        return self.add_urls(feeds=[url])

    def remove(self, article_id_or_path: str) -> list[Article]:
        """Remove an article by id or source path (a file, a URL, an export, a folder): its vectors, sentences
        and postings go, crash-safe. Returns what was removed; raises `ArticleNotFoundError` when nothing matches."""
        found = find_articles(self.store.catalog, article_id_or_path)
        if not found:
            raise ArticleNotFoundError(f"no indexed article has the id or source {article_id_or_path!r}. "
                                       "Fix: see `sourcecheck articles` for the ids and sources")
        self.store.remove_articles([a.id for a in found])
        return found

    def listing(self) -> list[ArticleInfo]:
        """Every loaded article: id, title, outlet, date, sentence count and source."""
        return list_articles(self.store.catalog)

    def articles(self) -> list[Article]:
        """Every indexed article."""
        return self.store.catalog.articles()

    def article(self, article_id: str) -> Article | None:
        """One article with its full text."""
        return self.store.catalog.article(article_id)

    def sentences(self, article_id: str) -> list[Sentence]:
        """An article's annotated sentences."""
        return self.store.catalog.sentences(article_id)

    # ---- questions --------------------------------------------------------------------
    def retrieve(self, question: str, history: History | None = None) -> Retrieval:
        """Hybrid retrieval and sentence scoring for a question (no answer writing)."""
        q = analyse(question, history, self.settings.max_question_chars)
        return self.retriever.search(q)

    def ask(self, question: str, history: History | None = None) -> Answer:
        """Answer from the articles: every sentence cites an exact quote; reports stay reports.

        Raises `QuestionError` for an empty, over-long or word-less question.
        """
        return _final(self.ask_stream(question, history))

    def ask_stream(self, question: str, history: History | None = None) -> Iterator[tuple[str, Any]]:
        """Yield ("draft", text so far) while an LLM writes, then ("final", Answer) after verification."""
        t0 = time.perf_counter()
        q = analyse(question, history, self.settings.max_question_chars)
        found = self.retriever.search(q)
        reason = decide(abstain_signals(q, found.evidence, found.best_similarity), self.settings.answer)
        yield from self._answer_stream(q, found, reason, t0)

    def ask_replayable(self, question: str, history: History | None = None) -> tuple[Answer, AbstainSignals]:
        """The answer as if the abstention thresholds let the question through, with the signals that
        `bot.abstain.decide` reads: replaying `decide(signals, limits)` gives the answer `ask` would give
        under any `AnswerSettings` thresholds without asking again (`sourcecheck eval --sweep`)."""
        t0 = time.perf_counter()
        q = analyse(question, history, self.settings.max_question_chars)
        found = self.retriever.search(q)
        signals = abstain_signals(q, found.evidence, found.best_similarity)
        return _final(self._answer_stream(q, found, decide(signals, OPEN), t0)), signals

    def _answer_stream(self, q: Question, found: Retrieval, reason: str, t0: float) -> Iterator[tuple[str, Any]]:
        """Write, verify and assemble the answer (or the abstention when `reason` says why)."""
        s = self.settings
        if self.store.count() == 0:
            reason = "no articles are indexed"
        answer: Answer | None = None
        writer = self.writer()
        if not reason:
            chosen = writer.pick(found.evidence)
            raw = ""
            for piece in writer.stream(q, chosen):
                raw += piece
                yield "draft", raw
            draft, warnings, fell_back = writer.write(q, chosen, found.evidence, self.store.catalog, raw=raw)
            if fell_back:
                warnings.append("the LLM answer did not pass verification; showing the extractive answer")
                draft = compose(q, found.evidence, self.store.catalog, s.max_answer_sentences, s.answer_type_margin,
                                s.answer)
            if wants_verdict(q):
                found_claim = claim_evidence(self.retriever, self.store.catalog, s, claim_of(q.text))
                draft = add_verdict_line(q, draft, found_claim, s.max_answer_sentences)
            if draft.abstained:
                reason = draft.reason
            else:
                answer = assemble(q.text, draft, self.store.catalog, "extractive" if fell_back else writer.name,
                                  warnings)
        if answer is None or answer.abstained:
            covered = tuple(dict.fromkeys(e.article.title for e in found.evidence[:6]))[:3]
            answer = Answer(question=q.text, text=abstain_text(q), abstained=True, covered=covered,
                            warnings=(answer.warnings if answer else ()) + ((reason,) if reason else ()),
                            writer=answer.writer if answer else "extractive")
        stale = self.stale_annotations()
        if stale:
            answer = replace(answer, warnings=(*answer.warnings, stale))
        yield "final", _with_latency(answer, t0)

    def writer(self) -> Writer:
        """The writer: the LLM one when configured (`llm=` or SOURCECHECK_WRITER=llm), else the extractive one."""
        if self.llm is None and self.settings.writer == "llm":
            from bot.llm import make_llm

            if not self.settings.llm:
                raise ConfigError("the llm writer needs a model. Fix: set SOURCECHECK_LLM=ollama:MODEL or "
                                  "openai:MODEL (or pass llm= to Bot)")
            self.llm = make_llm(self.settings.llm, self.settings.llm_base_url)
        if self.llm is None:
            return ExtractiveWriter(self.settings.max_answer_sentences, self.settings.answer_type_margin,
                                   self.settings.answer)
        if self._writer is None:
            from bot.llm import LLMWriter

            self._writer = LLMWriter(self.llm, self.store.embedder)
        return self._writer

    def check(self, claim: str) -> ClaimCheck:
        """Check a pasted claim against the articles; the verdict is one of seven kinds (`bot.verdict.KINDS`)."""
        return check_claim(self.retriever, self.store.catalog, self.settings, claim)

    def as_retriever(self) -> Any:
        """A LangChain `BaseRetriever` over the same index (fused dense + BM25 chunks)."""
        from bot.lc import SourcecheckRetriever

        return SourcecheckRetriever(bot=self)


def _import_chromadb() -> None:
    import chromadb  # noqa: F401


def _final(stream: Iterator[tuple[str, Any]]) -> Answer:
    """The verified answer an answer stream ends with (its drafts are dropped)."""
    answer = None
    for kind, value in stream:
        if kind == "final":
            answer = value
    assert isinstance(answer, Answer)
    return answer


def _with_latency(answer: Answer, t0: float) -> Answer:
    return replace(answer, latency_ms=round((time.perf_counter() - t0) * 1000, 2))
