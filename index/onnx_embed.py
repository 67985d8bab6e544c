"""The same MiniLM sentence embeddings through ONNX Runtime: no torch import at run time.

The model is exported once (with torch, which is installed anyway) into the data directory, then
loaded with onnxruntime and the model's own `tokenizer.json`. Mean pooling and normalisation match
sentence-transformers, so indexes built with either backend are interchangeable.

Example:
    >>> mean_pool(np.ones((1, 2, 3)), np.array([[1, 0]])).tolist()
    [[1.0, 1.0, 1.0]]
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from langchain_core.embeddings import Embeddings

_LOCK = threading.Lock()


def mean_pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean of token vectors over the attention mask."""
    m = mask[..., None].astype(np.float32)
    return (hidden * m).sum(axis=1) / np.clip(m.sum(axis=1), 1e-9, None)


def export_onnx(model_dir: str, dest: Path) -> Path:
    """Export the transformer of a sentence-transformers folder to ONNX (once; atomic)."""
    import torch
    from transformers import AutoModel, AutoTokenizer

    with _LOCK:
        if dest.exists():
            return dest
        dest.parent.mkdir(parents=True, exist_ok=True)
        bert = AutoModel.from_pretrained(model_dir, local_files_only=True).eval()

        class Wrapped(torch.nn.Module):
            def __init__(self) -> None:
                super().__init__()
                self.bert = bert

            def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
                return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                                 token_type_ids=token_type_ids).last_hidden_state

        model = Wrapped().eval()
        tok = AutoTokenizer.from_pretrained(model_dir, local_files_only=True)
        enc = tok(["a sentence to trace the graph", "another"], padding=True, return_tensors="pt")
        tmp = dest.with_suffix(f".{os.getpid()}.tmp")
        axes = {"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                "token_type_ids": {0: "batch", 1: "seq"}, "last_hidden_state": {0: "batch", 1: "seq"}}
        with torch.no_grad():
            torch.onnx.export(model, (enc["input_ids"], enc["attention_mask"], enc["token_type_ids"]), str(tmp),
                              input_names=["input_ids", "attention_mask", "token_type_ids"],
                              output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17,
                              dynamo=False)
        os.replace(tmp, dest)
        return dest


def main() -> None:
    """`python -m index.onnx_embed`: export the configured model now (make does this at install)."""
    from index.settings import Settings

    settings = Settings()
    OnnxEmbeddings(settings.model_path(), settings.model_cache)
    print(f"ONNX export ready in {settings.model_cache}")


class OnnxEmbeddings(Embeddings):
    """Normalised mean-pooled sentence vectors from an ONNX export of a sentence-transformers model."""

    def __init__(self, model_dir: str, cache_dir: Path, batch_size: int = 32) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        from index.settings import model_name

        self.model_path = model_dir
        self.name = model_name(model_dir)
        self.batch_size = batch_size
        key = hashlib.sha1(str(Path(model_dir).resolve()).encode()).hexdigest()[:10]
        onnx_path = Path(cache_dir) / f"{self.name}-{key}.onnx"
        if not onnx_path.exists():
            export_onnx(model_dir, onnx_path)
        opts = ort.SessionOptions()
        opts.intra_op_num_threads = max(1, os.cpu_count() or 1)
        self._session = ort.InferenceSession(str(onnx_path), opts, providers=["CPUExecutionProvider"])
        max_len = 256
        cfg = Path(model_dir) / "sentence_bert_config.json"
        if cfg.exists():
            max_len = int(json.loads(cfg.read_text()).get("max_seq_length", max_len))
        self._tok = Tokenizer.from_file(str(Path(model_dir) / "tokenizer.json"))
        self._tok.enable_truncation(max_length=max_len)
        self._tok.enable_padding()
        self.dim = int(self._session.get_outputs()[0].shape[-1] or 384)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode texts (batched by length) into a float32 matrix of unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for b in range(0, len(order), self.batch_size):
            idx = order[b:b + self.batch_size]
            enc = self._tok.encode_batch([texts[i] for i in idx])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            types = np.array([e.type_ids for e in enc], dtype=np.int64)
            hidden = self._session.run(None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": types})[0]
            vecs = mean_pool(hidden, mask)
            vecs /= np.clip(np.linalg.norm(vecs, axis=1, keepdims=True), 1e-12, None)
            out[idx] = vecs
        return out

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """LangChain: embed documents."""
        return self.encode(texts).tolist()

    def embed_query(self, text: str) -> list[float]:
        """LangChain: embed one query."""
        return self.encode([text])[0].tolist()


if __name__ == "__main__":
    main()
