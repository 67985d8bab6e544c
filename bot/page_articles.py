"""The page's article management: the "Add articles" tab (files of every format, pasted text or web
addresses, per-file progress) and the "Articles" tab (what is loaded, with a remove button).

A thin layer over `bot.Bot` (`add_files`, `add_urls`, `listing`, `remove`); only `SourcecheckError`
is caught, and shown as a message. `bot.app` calls `articles_tabs` inside its Blocks.

Example:
    >>> safe_name("../../etc/passwd.txt"), is_url_list("https://a.org/x\\nhttp://b.org/y"), is_url_list("Hi.")
    ('passwd.txt', True, False)
"""

from __future__ import annotations

import html
import re
import shutil
import uuid
from pathlib import Path
from typing import Any

import gradio as gr

from bot.bot import Bot
from index.errors import SourcecheckError
from index.ingest import IngestReport

MAX_UPLOAD_FILES = 20
UPLOAD_TYPES = [".txt", ".md", ".html", ".htm", ".pdf", ".docx", ".jsonl", ".csv", ".gz"]
_URL_LINE = re.compile(r"^https?://\S+$")


def safe_name(name: str) -> str:
    """A file name without folders or odd characters, at most 100 characters."""
    base = Path(name.replace("\\", "/")).name
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).strip("._") or "article"
    return base[:100]


def is_url_list(text: str) -> bool:
    """Whether pasted text is only web addresses, one a line (they are fetched, not indexed as text)."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    return bool(lines) and all(_URL_LINE.match(ln) for ln in lines)


def report_text(report: IngestReport, notes: list[str]) -> str:
    """The result box: summary, each rejected source with its reason and fix, warnings, notes."""
    lines = [f"✔ {report.summary()}"]
    lines += [f"✘ {reason}" for _, reason in report.rejected]
    lines += [f"⚠ {path}: {warning}" for path, warning in report.warnings]
    return "\n".join(lines + notes)


def articles_html(bot: Bot) -> str:
    """The loaded articles as an escaped table."""
    rows = bot.listing()
    if not rows:
        return '<div id="sc-articles-empty"><i>No articles are loaded: add some on the "Add articles" tab.</i></div>'
    cells = "".join(
        f'<tr data-id="{html.escape(r.id)}"><td>{html.escape(r.title)}</td><td>{html.escape(r.outlet)}</td>'
        f"<td>{html.escape(r.date)}</td><td>{r.sentences}</td><td><small>{html.escape(r.source)}</small></td></tr>"
        for r in rows)
    return (f"<p>{len(rows)} articles loaded</p><table class='sc-articles'><thead><tr><th>Title</th><th>Outlet</th>"
            f"<th>Date</th><th>Sentences</th><th>Source</th></tr></thead><tbody>{cells}</tbody></table>")


def choices(bot: Bot) -> list[tuple[str, str]]:
    """Remove-box choices: (label shown, article id)."""
    return [(f"{r.title} — {r.source}", r.id) for r in bot.listing()]


class ArticlesPage:
    """Handlers of the two article tabs, bound to one `Bot`."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.uploads = Path(bot.settings.data_dir) / "uploads"

    def _store_uploads(self, files: list[Any], notes: list[str]) -> tuple[list[Path], dict[str, str]]:
        """Copy uploads into the data dir under sanitised names (size and count limits)."""
        paths: list[Path] = []
        names: dict[str, str] = {}
        if len(files) > MAX_UPLOAD_FILES:
            notes.append(f"only the first {MAX_UPLOAD_FILES} files were taken; upload the rest in another batch")
            files = files[:MAX_UPLOAD_FILES]
        limit = self.bot.settings.max_file_bytes
        for f in files:
            src = Path(getattr(f, "name", f))
            shown = safe_name(getattr(f, "orig_name", None) or src.name)
            if src.stat().st_size > limit and not shown.endswith((".jsonl", ".csv", ".gz")):
                notes.append(f"{shown}: over the {limit:,}-byte limit; split it or raise SOURCECHECK_MAX_FILE_BYTES")
                continue
            dest = self.uploads / f"{uuid.uuid4().hex[:8]}-{shown}"
            shutil.copyfile(src, dest)
            paths.append(dest)
            names[str(dest)] = shown
        return paths, names

    def _store_paste(self, title: str, text: str) -> tuple[Path, str]:
        shown = safe_name((title or "pasted").strip()[:60]) + ".txt"
        dest = self.uploads / f"{uuid.uuid4().hex[:8]}-{shown}"
        header = f"title: {title.strip()}\n\n" if title and title.strip() and "\n" not in title else ""
        dest.write_text(header + text, encoding="utf-8")
        return dest, shown

    def add(self, files: list[Any] | None, title: str, text: str, progress: Any = None) -> str:
        """Ingest uploads, pasted text or pasted web addresses; the result names every rejected source."""
        self.uploads.mkdir(parents=True, exist_ok=True)
        notes: list[str] = []
        paths, names = self._store_uploads(list(files or []), notes)
        urls = [ln.strip() for ln in text.splitlines() if ln.strip()] if text and is_url_list(text) else []
        if text and text.strip() and not urls:
            dest, shown = self._store_paste(title, text)
            paths.append(dest)
            names[str(dest)] = shown
        if not paths and not urls:
            return "\n".join(["Nothing to add: upload article files, paste an article or its web address.", *notes])

        def step(done: int, total: int, name: str) -> None:
            if progress is not None:
                progress((done, total or None), desc=f"indexed {names.get(name, name)}")

        try:
            report = self.bot.add_files(paths, names=names, progress=step) if paths else None
            if urls:
                fetched = self.bot.add_urls(urls)
                report = fetched if report is None else _combine(report, fetched)
        except SourcecheckError as err:
            return f"⚠ {err}"
        assert report is not None
        return report_text(report, notes)

    def remove(self, article_id: str | None) -> tuple[str, str, Any]:
        """Remove the chosen article; returns result, table and new choices."""
        if not article_id:
            return "Choose an article to remove first.", articles_html(self.bot), gr.update(choices=choices(self.bot))
        try:
            removed = self.bot.remove(article_id)
        except SourcecheckError as err:
            return f"⚠ {err}", articles_html(self.bot), gr.update(choices=choices(self.bot), value=None)
        said = "; ".join(f"{a.title} ({a.path})" for a in removed)
        return f"✔ removed {said}", articles_html(self.bot), gr.update(choices=choices(self.bot), value=None)

    def refresh(self) -> tuple[str, Any]:
        """The table and the remove choices, as loaded now."""
        return articles_html(self.bot), gr.update(choices=choices(self.bot), value=None)


def _combine(a: IngestReport, b: IngestReport) -> IngestReport:
    """One report for files and fetched URLs ingested in one click."""
    return IngestReport(added=a.added + b.added, skipped=a.skipped + b.skipped, replaced=a.replaced + b.replaced,
                        chunks_added=a.chunks_added + b.chunks_added, orphans_removed=a.orphans_removed,
                        rejected=a.rejected + b.rejected, article_ids=a.article_ids + b.article_ids,
                        warnings=a.warnings + b.warnings)


def articles_tabs(bot: Bot) -> ArticlesPage:
    """The "Add articles" and "Articles" tabs, inside the caller's `gr.Blocks`."""
    page = ArticlesPage(bot)

    def add(files: list[Any] | None, title: str, text: str, progress: gr.Progress = gr.Progress()) -> str:
        return page.add(files, title, text, progress)

    with gr.Tab("Add articles"):
        files = gr.File(label="Article files: .txt .md .html .htm .pdf .docx, or an export .jsonl .csv",
                        file_count="multiple", file_types=UPLOAD_TYPES, elem_id="sc-upload")
        title = gr.Textbox(label="Title (for pasted text)")
        text = gr.Textbox(label="…or paste an article, or its web address (fetched from the web)", lines=6,
                          elem_id="sc-paste")
        add_btn = gr.Button("Add", variant="primary", elem_id="sc-add")
        report = gr.Textbox(label="Result", interactive=False, lines=4, elem_id="sc-add-report")
    with gr.Tab("Articles", elem_id="sc-articles-tab") as tab:
        table = gr.HTML(elem_id="sc-articles")
        with gr.Row():
            choice = gr.Dropdown(label="Article to remove", choices=[], elem_id="sc-remove-choice", scale=4)
            remove_btn = gr.Button("Remove", variant="stop", elem_id="sc-remove", scale=1)
        removed = gr.Textbox(label="Result", interactive=False, elem_id="sc-remove-report")
    add_btn.click(add, [files, title, text], report).then(page.refresh, None, [table, choice])
    tab.select(page.refresh, None, [table, choice])
    remove_btn.click(page.remove, choice, [removed, table, choice])
    return page
