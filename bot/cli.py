"""`sourcecheck` command line: a thin layer over `bot.Bot` and `index`.

Example:
    $ sourcecheck ingest index/articles
    $ sourcecheck ask "Did ISIS and al-Qaida agree to a truce?"
    $ sourcecheck status index/articles/000_87bc96581ec6b191.txt
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from index.errors import SourcecheckError
from index.settings import Settings

SHIPPED = Path(__file__).resolve().parent.parent / "index" / "articles"
EXIT_REJECTED = 3


def _settings(args: argparse.Namespace) -> Settings:
    update: dict[str, Any] = {}
    if getattr(args, "persist", None):
        update["persist_dir"] = Path(args.persist)
    if getattr(args, "writer", None):
        update["writer"] = args.writer
    if getattr(args, "llm", None):
        update["llm"] = args.llm
    return Settings().model_copy(update=update) if update else Settings()


def _bot(args: argparse.Namespace) -> Any:
    from bot.bot import Bot

    settings = _settings(args)
    if getattr(args, "corpus", None):
        return Bot.from_directory(args.corpus, settings=settings, progress=True)
    bot = Bot.open(settings)
    if bot.store.count() == 0:
        raise SourcecheckError(
            f"no articles are indexed in {settings.index_dir()}. Fix: run `sourcecheck ingest {SHIPPED}` "
            "(or your own folder) first, or pass --corpus DIR")
    return bot


def split_sources(sources: list[str]) -> tuple[list[Path], list[str]]:
    """Files (folders expanded) and URLs among command-line sources.

    Example:
        >>> split_sources(["https://example.org/a"])
        ([], ['https://example.org/a'])
    """
    from index.loader import list_article_files

    files: list[Path] = []
    urls: list[str] = []
    for src in sources:
        if src.startswith(("http://", "https://")):
            urls.append(src)
        else:
            files.extend(list_article_files(src))
    return files, urls


def cmd_ingest(args: argparse.Namespace) -> int:
    from bot.bot import Bot
    from index.ingest import ingest, tqdm_progress

    if not args.sources and not args.feed:
        raise SourcecheckError("nothing to ingest. Fix: name a folder, files or URLs, or --feed URL")
    files, urls = split_sources(args.sources)
    bot = Bot.open(_settings(args))
    report = ingest(files, bot.store, None if args.json else tqdm_progress(), urls=urls, feeds=args.feed or [])
    if args.json:
        print(json.dumps(report.to_dict(), indent=2))
    else:
        print(report.summary())
        for _path, reason in report.rejected:
            print(f"rejected: {reason}", file=sys.stderr)
        for path, warning in report.warnings:
            print(f"warning: {path}: {warning}", file=sys.stderr)
    return EXIT_REJECTED if report.rejected else 0


def cmd_articles(args: argparse.Namespace) -> int:
    from bot.bot import Bot

    rows = Bot.open(_settings(args)).listing()
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("no articles are loaded. Fix: `sourcecheck ingest FOLDER|FILE|URL`")
        return 0
    print(f"{'id':<16}  {'date':<10}  {'sent':>5}  {'outlet':<16}  {'title':<40}  source")
    for r in rows:
        title = r.title if len(r.title) <= 40 else r.title[:39] + "…"
        print(f"{r.id:<16}  {r.date[:10]:<10}  {r.sentences:>5}  {r.outlet[:16]:<16}  {title:<40}  {r.source}")
    print(f"{len(rows)} articles")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from bot.bot import Bot

    bot = Bot.open(_settings(args))
    removed = [a for key in args.keys for a in bot.remove(key)]
    if args.json:
        print(json.dumps([{"id": a.id, "title": a.title, "source": a.path} for a in removed], indent=2))
    else:
        for a in removed:
            print(f"removed {a.id}  {a.title}  ({a.path})")
    return 0


def cmd_reannotate(args: argparse.Namespace) -> int:
    from bot.bot import Bot

    bot = Bot.open(_settings(args))  # a small index is brought up to date while it opens
    held = bot.stale_annotations()
    changed = bot.reannotate(progress=bool(held)) if held else 0
    print(f"statuses up to date ({bot.store.catalog.count_sentences()} sentences; {changed} changed now)")
    return 0


def cmd_catalog_copy(args: argparse.Namespace) -> int:
    from index.catalog_copy import copy_catalog

    settings = _settings(args)
    url = args.to or settings.catalog_url
    if not url:
        raise SourcecheckError("no PostgreSQL catalog to copy into. Fix: pass --to postgresql://user@host:port/db "
                               "or set SOURCECHECK_CATALOG_URL")
    source = settings.index_dir() / f"catalog-{settings.collection}.sqlite"
    counts = copy_catalog(source, url, settings.collection)
    print(f"copied {counts['articles']} articles, {counts['chunks']} chunks from {source}")
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    bot = _bot(args)
    answer = bot.ask(args.question)
    if args.json:
        print(json.dumps(answer.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(answer.text)
    for c in answer.citations:
        print(f"  [{c.n}] {c.title} ({c.date or 'no date'}) {c.source} [{c.start}:{c.end}]")
        print(f"      “{c.quote}”")
    for f in answer.flags:
        who = f" — {f.holder}" if f.holder else ""
        print(f"  ! {f.status}{who}: {f.note or f.claim}")
    for c in answer.corroboration:
        print(f"  = {c.statement}")
    for w in answer.warnings:
        print(f"note: {w}", file=sys.stderr)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    bot = _bot(args)
    result = bot.check(args.claim)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    print(f"{result.verdict}: {result.explanation}")
    for c in result.evidence:
        print(f"  [{c.n}] ({c.status}{' — ' + c.holder if c.holder else ''}) “{c.quote}” — {c.source}")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from index.epistemic import annotate
    from index.loader import load_article

    if args.file == "-":
        sentences = annotate(sys.stdin.read())
    else:
        article = load_article(args.file)
        sentences = annotate(article.text, article.id, article.body_start)
    if args.json:
        print(json.dumps([s.to_dict() for s in sentences], indent=2, ensure_ascii=False))
        return 0
    print(f"{'status':<12} {'uncertain':<9} {'polarity':<8} {'cue':<22} {'holder':<30} sentence")
    for s in sentences:
        text = s.text if len(s.text) <= 70 else s.text[:69] + "…"
        holder = s.holder.label if s.holder else ""
        polarity = "neg" if s.polarity == "negative" else "pos"
        print(f"{s.status:<12} {'yes' if s.uncertain else 'no':<9} {polarity:<8} {s.cue[:22]:<22} {holder[:30]:<30} {text}")
    return 0


def check_port(host: str, port: int) -> None:
    """Raise a one-line `SourcecheckError` when the page's port is taken (before any slow start-up)."""
    import socket

    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as err:
            raise SourcecheckError(f"port {port} on {host} is taken ({err.strerror}). Fix: stop what runs there, "
                                   f"or pick another port: `make chat PORT={port + 15}` or "
                                   f"`sourcecheck serve --port {port + 15}`") from err


def cmd_serve(args: argparse.Namespace) -> int:
    check_port(args.host, args.port)  # before the slow imports and indexing
    from bot.app import serve

    try:
        serve(corpus=args.corpus, settings=_settings(args), host=args.host, port=args.port)
    except OSError as err:  # the port was taken while the index loaded
        raise SourcecheckError(f"cannot serve on {args.host}:{args.port} ({err}). Fix: pick another port, "
                               "`make chat PORT=N` or `sourcecheck serve --port N`") from err
    return 0


COMMANDS_GROUP = "sourcecheck.commands"


def plugin_commands(sub: Any) -> list[str]:
    """Add the subcommands other packages register under the `sourcecheck.commands` entry-point group
    (eval registers `sourcecheck eval` this way: the CLI does not import it). Returns their names."""
    from importlib.metadata import entry_points

    names = []
    for ep in entry_points(group=COMMANDS_GROUP):
        ep.load()(sub, SHIPPED)
        names.append(ep.name)
    if not names:  # installed before the entry points existed: say how to get them back
        a = sub.add_parser("eval", help="run the eval question set (needs a reinstall, see its message)")
        a.set_defaults(func=_stale_install)
    return names


def _stale_install(args: argparse.Namespace) -> int:
    raise SourcecheckError("this install predates the `sourcecheck.commands` entry points, so `sourcecheck eval` "
                           "is not registered. Fix: run `make .venv/.installed` (or `pip install -e .`)")


def parser() -> argparse.ArgumentParser:
    """The argument parser (also used to document the CLI)."""
    p = argparse.ArgumentParser(prog="sourcecheck", description="Answers from your articles, with checked citations.")
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("ingest", help="index folders, files (.txt .md .html .pdf .docx .jsonl .csv) and URLs")
    a.add_argument("sources", nargs="*", help="folders, files or http(s) URLs (fetched: the one network use)")
    a.add_argument("--feed", action="append", metavar="URL", help="an RSS/Atom feed: one article per entry")
    a.add_argument("--persist", help="index directory (default: SOURCECHECK_DATA_DIR/index)")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_ingest)
    a = sub.add_parser("articles", help="list the loaded articles: id, date, sentences, outlet, title, source")
    a.add_argument("--persist")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_articles)
    a = sub.add_parser("remove", help="remove articles by id or source (file, URL, export, folder)")
    a.add_argument("keys", nargs="+", metavar="ID|PATH")
    a.add_argument("--persist")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_remove)
    for name, arg, fn in (("ask", "question", cmd_ask), ("check", "claim", cmd_check)):
        a = sub.add_parser(name, help=f"{name} the indexed articles")
        a.add_argument(arg)
        a.add_argument("--persist")
        a.add_argument("--corpus", help="ingest this folder first (unchanged files are skipped)")
        a.add_argument("--json", action="store_true")
        a.add_argument("--writer", choices=["extractive", "llm"])
        a.add_argument("--llm", help="ollama:MODEL or openai:MODEL (with SOURCECHECK_LLM_BASE_URL)")
        a.set_defaults(func=fn)
    a = sub.add_parser("reannotate", help="recompute the stored statuses with the current rules (no re-embedding)")
    a.add_argument("--persist")
    a.set_defaults(func=cmd_reannotate)
    a = sub.add_parser("catalog", help="catalog tools: `catalog copy --to URL` copies SQLite into PostgreSQL")
    a.add_argument("action", choices=["copy"])
    a.add_argument("--to", help="postgresql://user@host:port/db (default: SOURCECHECK_CATALOG_URL)")
    a.add_argument("--persist", help="index directory holding the SQLite catalog")
    a.set_defaults(func=cmd_catalog_copy)
    a = sub.add_parser("status", help="epistemic status of every sentence of a file (or - for stdin)")
    a.add_argument("file")
    a.add_argument("--json", action="store_true")
    a.set_defaults(func=cmd_status)
    a = sub.add_parser("serve", help="serve the Gradio page")
    a.add_argument("--corpus", default=str(SHIPPED))
    a.add_argument("--persist")
    a.add_argument("--host", default="127.0.0.1")
    a.add_argument("--port", type=int, default=int(os.environ.get("GRADIO_SERVER_PORT") or 7860))
    a.set_defaults(func=cmd_serve)
    plugin_commands(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """Entry point: runs a command; `SourcecheckError` becomes a one-line message and exit code 2."""
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SourcecheckError as err:
        print(f"sourcecheck: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
