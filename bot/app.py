"""The Gradio page: chat with clickable citations and status badges, check a claim, add articles.

A thin layer over `bot.Bot`; only `SourcecheckError` is caught, and shown as a message.

Example:
    $ sourcecheck serve --corpus index/articles     # or: make chat
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from bot.bot import Bot
from bot.page_articles import articles_tabs
from bot.render import (
    answer_markdown,
    esc_md,
    check_html,
    export_json,
    export_markdown,
    history_pairs,
    sources_html,
    sureness_html,
)
from index.errors import SourcecheckError
from index.settings import Settings

CSS = """
.sc-badge{display:inline-block;border-radius:9px;padding:0 7px;margin:0 2px;font-size:.78em;color:#111;
  border:1px solid #0002}
.sc-attributed{background:#cfe3ff}.sc-hedged{background:#fff1b8}.sc-unconfirmed{background:#ffc9a8}
.sc-disputed{background:#ffb3b3}.sc-conditional,.sc-speculative{background:#e4d4ff}.sc-asserted{background:#e8e8e8}
.sc-abstain{border-left:4px solid #999;padding:6px 10px;background:#f4f4f4;color:#333;font-style:italic}
.sc-draft{color:#777;font-style:italic}
.sc-cite{font-weight:bold;text-decoration:none;cursor:pointer}
.sc-article{display:none;max-height:520px;overflow:auto;border:1px solid #ddd;padding:8px;white-space:pre-wrap;
  font-size:.9em}
.sc-article.sc-open{display:block}
mark.sc-quote{background:#fff59d}mark.sc-quote.sc-active{background:#ffb300;outline:2px solid #e65100}
.sc-verdict{font-size:1.2em;font-weight:bold;padding:4px 8px;display:inline-block;border-radius:6px}
.sc-v-supported{background:#c8f7c5}.sc-v-reported-but-unconfirmed{background:#ffc9a8}
.sc-v-disputed{background:#ffb3b3}.sc-v-not-in-the-articles{background:#e8e8e8}
table.sc-articles{border-collapse:collapse;font-size:.9em}table.sc-articles td,table.sc-articles th{padding:2px 8px;
  border-bottom:1px solid #ddd;text-align:left}
"""
HEAD = """
<script>
document.addEventListener('click', function (ev) {
  const a = ev.target.closest && ev.target.closest('a.sc-cite, a[href^="#sc-cite-"]');
  if (!a) return;
  ev.preventDefault();
  ev.stopPropagation();
  const n = (a.getAttribute('href') || '').replace('#sc-cite-', '') || a.dataset.n;
  document.querySelectorAll('.sc-article').forEach(function (d) {
    const cites = (d.dataset.cites || '').split(' ');
    d.classList.toggle('sc-open', cites.indexOf(n) >= 0);
  });
  document.querySelectorAll('mark.sc-quote').forEach(function (m) { m.classList.remove('sc-active'); });
  const mark = document.getElementById('sc-q-' + n);
  if (mark) { mark.classList.add('sc-active'); mark.scrollIntoView({block: 'center'}); }
}, true);
</script>
"""


class Page:
    """The page's handlers, bound to one `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.exports = Path(bot.settings.data_dir) / "exports"

    def ask(self, message: str, chat: list[dict[str, Any]]) -> Iterator[tuple[Any, ...]]:
        chat = list(chat or [])
        history = history_pairs(chat)
        chat.append({"role": "user", "content": message or ""})
        answer = None
        try:
            for kind, value in self.bot.ask_stream(message, history=history):
                if kind == "draft":  # an LLM writing: show its raw text, replaced below by the verified answer
                    draft = f'<div class="sc-draft">{esc_md(value)}</div>'
                    if chat and chat[-1]["role"] == "assistant":
                        chat[-1] = {"role": "assistant", "content": draft}
                    else:
                        chat.append({"role": "assistant", "content": draft})
                    yield chat, "", gr.update(), gr.update(), None, None
                else:
                    answer = value
        except SourcecheckError as err:
            if chat and chat[-1]["role"] == "assistant":
                chat.pop()
            chat.append({"role": "assistant", "content": f'<div class="sc-abstain">⚠ {esc_md(str(err))}</div>'})
            yield chat, "", gr.update(), gr.update(), None, None
            return
        if chat and chat[-1]["role"] == "assistant":
            chat.pop()
        articles = {c.article_id: self.bot.article(c.article_id) for c in answer.citations}
        rendered = answer_markdown(answer)
        # Stream sentence by sentence (the extractive writer has it all at once; the LLM writer streams).
        pieces = re.split(r"(?<=</a>\.)\s+|(?<=</span>)\s+(?=[^<])", rendered) if not answer.abstained else [rendered]
        shown = ""
        chat.append({"role": "assistant", "content": ""})
        for piece in pieces[:-1]:
            shown = f"{shown} {piece}".strip()
            chat[-1] = {"role": "assistant", "content": shown}
            yield chat, "", gr.update(), gr.update(), None, None
        chat[-1] = {"role": "assistant", "content": rendered}
        md_path, json_path = self._export(answer)
        yield (chat, "", sources_html(answer, {k: v for k, v in articles.items() if v}), sureness_html(answer),
               md_path, json_path)

    def _export(self, answer: Any) -> tuple[str, str]:
        folder = self.exports / uuid.uuid4().hex[:12]
        folder.mkdir(parents=True, exist_ok=True)
        md, js = folder / "answer.md", folder / "answer.json"
        md.write_text(export_markdown(answer), encoding="utf-8")
        js.write_text(export_json(answer), encoding="utf-8")
        return str(md), str(js)

    def check(self, claim: str) -> str:
        try:
            return check_html(self.bot.check(claim))
        except SourcecheckError as err:
            return f'<div class="sc-abstain">⚠ {esc_md(str(err))}</div>'


def build(bot: Bot) -> gr.Blocks:
    """Build the Blocks app for a bot."""
    page = Page(bot)
    with gr.Blocks(title="sourcecheck") as demo:
        gr.Markdown("## sourcecheck — answers from your articles, with checked quotes and what the sources "
                    "only report flagged")
        with gr.Tab("Ask"):
            with gr.Row():
                with gr.Column(scale=3):
                    chat = gr.Chatbot(label="Answers", height=460, elem_id="sc-chat", sanitize_html=True)
                    box = gr.Textbox(label="Question", placeholder="Did ISIS and al-Qaida agree to a truce?",
                                     elem_id="sc-question", max_length=bot.settings.max_question_chars)
                    with gr.Row():
                        send = gr.Button("Ask", variant="primary", elem_id="sc-ask")
                        clear = gr.Button("New conversation")
                    sure = gr.HTML(elem_id="sc-sure")
                    with gr.Row():
                        md_file = gr.File(label="Export (Markdown)", interactive=False)
                        json_file = gr.File(label="Export (JSON)", interactive=False)
                with gr.Column(scale=2):
                    gr.Markdown("### Sources — click a [n] marker")
                    sources = gr.HTML(elem_id="sc-sources")
            outs = [chat, box, sources, sure, md_file, json_file]
            send.click(page.ask, [box, chat], outs)
            box.submit(page.ask, [box, chat], outs)
            clear.click(lambda: ([], "", "", "", None, None), None, outs)
        with gr.Tab("Check a claim"):
            claim = gr.Textbox(label="Claim", placeholder="ISIS and al-Nusra agreed to a truce", elem_id="sc-claim")
            check_btn = gr.Button("Check", variant="primary", elem_id="sc-check")
            verdict = gr.HTML(elem_id="sc-verdict")
            check_btn.click(page.check, claim, verdict)
            claim.submit(page.check, claim, verdict)
        articles_tabs(bot)  # "Add articles" and "Articles" (bot/page_articles.py)
    return demo


def serve(corpus: str | None = None, settings: Settings | None = None, host: str = "127.0.0.1",
          port: int = 7860) -> None:
    """Index the corpus (unchanged files skipped) and serve the page on localhost."""
    settings = settings or Settings()
    bot = Bot.from_directory(corpus, settings=settings, progress=True) if corpus else Bot.open(settings)
    if bot.last_ingest:
        print(f"indexed: {bot.last_ingest.summary()}", flush=True)
    bot.store.warm_up()  # the vector index loads while the page starts, not at the first question
    demo = build(bot)
    demo.queue(default_concurrency_limit=4, max_size=64)
    demo.launch(server_name=host, server_port=port, css=CSS, head=HEAD, show_error=False,
                max_file_size=settings.max_file_bytes, allowed_paths=[str(Path(settings.data_dir) / "exports")],
                footer_links=[])
