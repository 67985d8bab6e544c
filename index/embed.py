"""Embeddings: sentence-transformers loaded offline by path, behind LangChain's `Embeddings` interface.

Example:
    >>> emb = HashingEmbeddings(dim=8)
    >>> len(emb.embed_query("truce"))
    8
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from index.errors import ConfigError
from index.settings import Settings

_LOCK = threading.Lock()
_MODELS: dict[str, object] = {}


class SentenceTransformerEmbeddings(Embeddings):
    """all-MiniLM-L6-v2 (or any local sentence-transformers model), offline, normalised vectors."""

    def __init__(self, model_path: str, batch_size: int = 64) -> None:
        self.model_path = model_path
        self.batch_size = batch_size
        self._model = _load(model_path)

    @property
    def name(self) -> str:
        """Short model name recorded in the index."""
        from index.settings import model_name

        return model_name(self.model_path)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts into a float32 matrix of unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self._model.encode(  # type: ignore[attr-defined]
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(out, dtype=np.float32)

    @property
    def dim(self) -> int:
        """Vector size."""
        return int(self._model.get_sentence_embedding_dimension())  # type: ignore[attr-defined]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: embed documents."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: embed one query."""
        return self.encode([text])[0].tolist()


def make_embedder(settings: Settings) -> Embeddings:
    """The configured embedder: ONNX Runtime by default (falls back to torch if the export fails).

    Example:
        >>> make_embedder(Settings(embedding_backend="torch")).name  # doctest: +SKIP
        'all-MiniLM-L6-v2'
    """
    path = settings.model_path()
    if settings.embedding_backend == "onnx":
        try:
            from index.onnx_embed import OnnxEmbeddings

            return OnnxEmbeddings(path, settings.model_cache, settings.embedding_batch_size)
        except ImportError:
            pass  # onnx/onnxruntime missing: the torch backend gives the same vectors
    elif settings.embedding_backend != "torch":
        raise ConfigError(f"SOURCECHECK_EMBEDDING_BACKEND={settings.embedding_backend!r}. Fix: use onnx or torch")
    return SentenceTransformerEmbeddings(path, settings.embedding_batch_size)


def _load(model_path: str) -> object:
    """Load a model once per process, offline (no hub access)."""
    with _LOCK:
        if model_path in _MODELS:
            return _MODELS[model_path]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        if not os.path.isdir(model_path):
            raise ConfigError(
                f"embedding model {model_path!r} is not a local directory: sourcecheck never downloads models. "
                "Fix: unset SOURCECHECK_EMBEDDING_MODEL to use the shipped all-MiniLM-L6-v2, or point it at a "
                "sentence-transformers folder on disk"
            )
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        _MODELS[model_path] = model
        return model


class HashingEmbeddings(Embeddings):
    """A fast, deterministic bag-of-words hashing embedder for unit tests of logic only."""

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.name = f"hashing-{dim}"

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts into unit vectors of hashed word counts."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in re.findall(r"[a-z0-9]+", text.lower()):
                h = int(hashlib.md5(word.encode()).hexdigest()[:8], 16)
                out[i, h % self.dim] += 1.0
            norm = float(np.linalg.norm(out[i]))
            if norm:
                out[i] /= norm
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: embed documents."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: embed one query."""
        return self.encode([text])[0].tolist()
