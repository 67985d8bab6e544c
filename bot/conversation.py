"""A page conversation: its answers in order, each with an answer-scoped id, exported and shared as a whole.

Every answer keeps its own sources: marker `[n]` of answer 3 is `a3-n` on the page, so a marker in an
earlier answer opens that answer's quote, never a later answer's. A shared answer is kept as JSON in
the data directory (`answers/ID.json`) and reopened by `?a=ID`.

Example:
    >>> from bot.types import Answer
    >>> c = Conversation().add(Answer(question="Q?", text="A [1]."))
    >>> c.turns[0].scope, "## a1: Q?" in conversation_markdown(c)
    ('a1', True)
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.types import Answer
from index.errors import SourcecheckError

SHARE_ID = re.compile(r"^[0-9a-f]{12}$")


class NotFoundError(SourcecheckError):
    """A shared answer id that is not (or no longer) in the data directory."""


@dataclass(frozen=True)
class Turn:
    """One answer of the conversation with its page scope (`a1`, `a2`, ...) and share id."""

    scope: str
    answer: Answer
    share_id: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict: the scope, the share id and the whole answer."""
        return {"scope": self.scope, "share_id": self.share_id, **self.answer.to_dict()}


@dataclass(frozen=True)
class Conversation:
    """The answers of one page session, oldest first (immutable: `add` returns a new one)."""

    turns: tuple[Turn, ...] = field(default_factory=tuple)

    def add(self, answer: Answer) -> Conversation:
        """A conversation with `answer` appended under the next scope (`a{len+1}`)."""
        turn = Turn(f"a{len(self.turns) + 1}", answer, uuid.uuid4().hex[:12])
        return Conversation(self.turns + (turn,))


def conversation_markdown(conv: Conversation) -> str:
    """The whole conversation as Markdown: every question, answer, citation (with offsets), flag and claim."""
    from bot.render import claims_rows  # the claims table is the page's and the export's one source

    lines = ["# sourcecheck conversation", ""]
    for t in conv.turns:
        a = t.answer
        lines += [f"## {t.scope}: {a.question}", "", a.text, ""]
        if a.citations:
            lines += ["### Citations", ""]
            for c in a.citations:
                lines.append(f"[{t.scope}-{c.n}] {c.title} ({c.date or 'no date'}), {c.source}, characters "
                             f"{c.start}–{c.end}, status: {c.status}{', holder: ' + c.holder if c.holder else ''}")
                lines += [f"> {c.quote}", ""]
        if a.flags:
            lines += ["### Flags", ""] + [f"- {f.status}: {f.note or f.claim} (cue: {f.cue or '—'}; "
                                          f"holder: {f.holder or '—'})" for f in a.flags] + [""]
        rows = claims_rows(a)
        if rows:
            lines += ["### Claims", "", "| claim | status | holder | corroboration | quotes |",
                      "|---|---|---|---|---|"]
            lines += [f"| {r['claim']} | {r['status']} | {r['holder'] or '—'} | {r['corroboration'] or '—'} | "
                      f"{', '.join(f'[{t.scope}-{n}]' for n in r['quotes'])} |" for r in rows] + [""]
    return "\n".join(lines) + "\n"


def conversation_json(conv: Conversation) -> str:
    """The whole conversation as JSON: `{"answers": [turn, ...]}` with each answer's claims table."""
    from bot.render import claims_rows

    answers = [{**t.to_dict(), "claims": claims_rows(t.answer)} for t in conv.turns]
    return json.dumps({"answers": answers}, indent=2, ensure_ascii=False)


def save_shared(data_dir: str | Path, turn: Turn) -> Path:
    """Keep a turn's answer in `data_dir/answers/ID.json` so `?a=ID` reopens it."""
    folder = Path(data_dir) / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{turn.share_id}.json"
    path.write_text(json.dumps(turn.answer.to_dict(), ensure_ascii=False), encoding="utf-8")
    return path


def load_shared(data_dir: str | Path, share_id: str) -> Answer:
    """The answer kept under `share_id`; `NotFoundError` (with the fix) when it is not there."""
    path = Path(data_dir) / "answers" / f"{share_id}.json"
    if not SHARE_ID.match(share_id or "") or not path.is_file():
        raise NotFoundError(f"no shared answer {share_id!r} in {path.parent}: ask the question again, or use a "
                            "link copied from this server's page (answers are kept in its data directory)")
    return Answer.from_dict(json.loads(path.read_text(encoding="utf-8")))
