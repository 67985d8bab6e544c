"""The Gradio page: chat with clickable citations and status badges, check a claim, add articles.

A thin layer over `bot.Bot`; only `SourcecheckError` is caught, and shown as a message.

Example:
    $ sourcecheck serve --corpus index/articles     # or: make chat
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import gradio as gr

from bot.bot import Bot
from bot.conversation import Conversation, Turn, conversation_json, conversation_markdown, load_shared, save_shared
from bot.page_articles import articles_tabs
from bot.types import Citation
from bot.render import (
    SENTENCE_BREAK,
    answer_markdown,
    check_html,
    esc_block,
    history_pairs,
    notice_html,
    share_html,
    sources_html,
    sureness_html,
)
from index.errors import SourcecheckError
from index.settings import Settings
from index.types import Article

STATIC = Path(__file__).parent / "static"
CSS = (STATIC / "page.css").read_text(encoding="utf-8")
HEAD = "<script>\n" + (STATIC / "page.js").read_text(encoding="utf-8") + "</script>\n"
SKIP = gr.update()
# Gradio's bundled Source Sans Pro SemiBold (600) holds 55 glyphs (A, B, ...): the rest of every bold word fell back
# to DejaVu Sans Bold, mixing two fonts in one word. The full Bold (700) file serves bold text instead.
THEME = gr.themes.Default(font=[gr.themes.LocalFont("Source Sans Pro", weights=(400, 700)), "ui-sans-serif",
                                "system-ui", "sans-serif"])


class Page:
    """The page's handlers, bound to one `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.exports = Path(bot.settings.data_dir) / "exports"

    def ask(self, message: str, chat: list[dict[str, Any]],
            conv: Conversation | None = None) -> Iterator[tuple[Any, ...]]:
        chat, conv = list(chat or []), conv or Conversation()
        if not (message or "").strip():  # an empty question adds no bubble
            yield chat, "", SKIP, SKIP, SKIP, SKIP, conv, SKIP
            return
        history = history_pairs(chat)
        chat.append({"role": "user", "content": message})
        answer = None
        try:
            for kind, value in self.bot.ask_stream(message, history=history):
                if kind == "draft":  # an LLM writing: show its raw text, replaced below by the verified answer
                    draft = f'<div class="sc-draft">{esc_block(value)}</div>'
                    if chat and chat[-1]["role"] == "assistant":
                        chat[-1] = {"role": "assistant", "content": draft}
                    else:
                        chat.append({"role": "assistant", "content": draft})
                    yield chat, "", SKIP, SKIP, SKIP, SKIP, conv, SKIP
                else:
                    answer = value
        except SourcecheckError as err:
            if chat and chat[-1]["role"] == "assistant":
                chat.pop()
            chat.append({"role": "assistant", "content": notice_html(str(err))})
            yield chat, "", SKIP, SKIP, SKIP, SKIP, conv, SKIP
            return
        if chat and chat[-1]["role"] == "assistant":
            chat.pop()
        conv = conv.add(answer)
        turn = conv.turns[-1]
        rendered = answer_markdown(answer, turn.scope)
        # Stream sentence by sentence (the extractive writer has it all at once; the LLM writer streams).
        pieces = rendered.split(SENTENCE_BREAK) if not answer.abstained else [rendered]
        shown = ""
        chat.append({"role": "assistant", "content": ""})
        for piece in pieces[:-1]:
            shown = f"{shown}{SENTENCE_BREAK}{piece}" if shown else piece
            chat[-1] = {"role": "assistant", "content": shown}
            yield chat, "", SKIP, SKIP, SKIP, SKIP, conv, SKIP
        chat[-1] = {"role": "assistant", "content": rendered}
        yield (chat, "", self.sources(conv), sureness_html(answer, turn.scope), *self._export(conv), conv,
               share_html(turn))

    def sources(self, conv: Conversation) -> str:
        """The sources of every answer of the conversation; the latest shown, the others opened by their markers."""
        last = len(conv.turns) - 1
        return "".join(self._sources(t, i == last) for i, t in enumerate(conv.turns))

    def _sources(self, turn: Turn, shown: bool) -> str:
        return sources_html(turn.answer, self._articles(turn.answer.citations), turn.scope, shown)

    def _articles(self, citations: Sequence[Citation]) -> dict[str, Article]:
        """The cited articles, by id (an article removed since is left out)."""
        ids = {c.article_id for c in citations}
        return {i: a for i in ids if (a := self.bot.article(i))}

    def _export(self, conv: Conversation) -> tuple[Any, Any]:
        folder = self.exports / uuid.uuid4().hex[:12]
        folder.mkdir(parents=True, exist_ok=True)
        md, js = folder / "conversation.md", folder / "conversation.json"
        md.write_text(conversation_markdown(conv), encoding="utf-8")
        js.write_text(conversation_json(conv), encoding="utf-8")
        save_shared(self.bot.settings.data_dir, conv.turns[-1])
        return gr.update(value=str(md), visible=True), gr.update(value=str(js), visible=True)

    def reopen(self, request: gr.Request) -> tuple[Any, ...]:
        """Reopen a shared answer from `?a=ID`. Without one nothing is written: this runs after the page shows,
        so clearing the outputs would wipe a question typed in the meantime. The question box is never touched."""
        share_id = dict(request.query_params).get("a", "") if request else ""
        if not share_id:
            return (SKIP,) * 8
        try:
            answer = load_shared(self.bot.settings.data_dir, share_id)
        except SourcecheckError as err:
            msg = {"role": "assistant", "content": notice_html(str(err))}
            return [msg], SKIP, "", "", SKIP, SKIP, Conversation(), ""
        conv = Conversation((Turn("a1", answer, share_id),))
        chat = [{"role": "user", "content": answer.question},
                {"role": "assistant", "content": answer_markdown(answer, "a1")}]
        return (chat, SKIP, self.sources(conv), sureness_html(answer, "a1"), *self._export(conv), conv,
                share_html(conv.turns[0]))

    def check(self, claim: str) -> str:
        try:
            result = self.bot.check(claim)
        except SourcecheckError as err:
            return notice_html(str(err))
        return check_html(result, self._articles(result.evidence))


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
                    share = gr.HTML(elem_id="sc-share")
                    with gr.Row():  # hidden until there is an answer: no empty boxes on a fresh page
                        md_file = gr.File(label="Conversation (Markdown)", interactive=False, visible=False,
                                          elem_id="sc-export-md")
                        json_file = gr.File(label="Conversation (JSON)", interactive=False, visible=False,
                                            elem_id="sc-export-json")
                with gr.Column(scale=2):
                    gr.Markdown("### Sources — click a [n] marker")
                    sources = gr.HTML(elem_id="sc-sources")
            conv = gr.State(Conversation())
            outs = [chat, box, sources, sure, md_file, json_file, conv, share]
            send.click(page.ask, [box, chat, conv], outs)
            box.submit(page.ask, [box, chat, conv], outs)
            clear.click(lambda: ([], "", "", "", gr.update(value=None, visible=False),
                                 gr.update(value=None, visible=False), Conversation(), ""), None, outs)
        demo.load(page.reopen, None, outs)
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
    demo.launch(server_name=host, server_port=port, css=CSS, head=HEAD, theme=THEME, show_error=False,
                max_file_size=settings.max_file_bytes, allowed_paths=[str(Path(settings.data_dir) / "exports")],
                footer_links=[])
