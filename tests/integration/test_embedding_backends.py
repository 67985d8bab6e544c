"""ONNX Runtime and sentence-transformers give the same MiniLM vectors, so their indexes interchange."""

import numpy as np

from index.embed import SentenceTransformerEmbeddings, make_embedder
from index.loader import load_article
from index.settings import Settings
from index.splitter import split_sentences
from tests.conftest import SEEDS


def test_onnx_and_torch_vectors_match(tmp_path):
    settings = Settings(data_dir=tmp_path)
    onnx = make_embedder(settings)
    torch = SentenceTransformerEmbeddings(settings.model_path())
    assert type(onnx).__name__ == "OnnxEmbeddings" and onnx.name == torch.name == "all-MiniLM-L6-v2"
    art = load_article(sorted(SEEDS.iterdir())[0])
    sentences = [art.text[s:e] for s, e in split_sentences(art.text, art.body_start)]
    a, b = onnx.encode(sentences), torch.encode(sentences)
    assert a.shape == b.shape == (len(sentences), 384)
    assert float(np.abs(a - b).max()) < 1e-4
    assert float((a * b).sum(axis=1).min()) > 0.9999
