"""The real small local model (Qwen2.5-Coder-0.5B GGUF from PyPI parts) behind the gate. Slow; skipped
unless `make chat-local` has installed the parts. Whatever the model makes up never reaches the user."""

import importlib.util

import pytest

from bot import Bot
from bot.assemble import verify_answer
from bot.local_llm import QWEN_05B, assemble_gguf, part_packages

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def local_bot(seed_bot, tmp_path_factory):
    if not all(importlib.util.find_spec(m) for m in part_packages(QWEN_05B[0], QWEN_05B[1])) or \
            importlib.util.find_spec("gguf") is None:
        pytest.skip("the local model parts are not installed (make chat-local)")
    from bot.local_llm import LocalChatModel

    path = assemble_gguf(tmp_path_factory.mktemp("models"))
    return Bot(seed_bot.store, seed_bot.settings, llm=LocalChatModel(path=str(path)))


def test_truce_answer_from_the_local_model_is_verified(local_bot):
    answer = local_bot.ask("Did ISIS and al-Qaida agree to a truce?")
    assert not answer.abstained and answer.citations
    assert verify_answer(answer, local_bot.store.catalog) == []
    assert any(f.status == "unconfirmed" for f in answer.flags)
    assert any(w.startswith("gate: kept") for w in answer.warnings) or answer.writer == "extractive"
