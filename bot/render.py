"""Render answers, sources and checks as safe HTML/Markdown for the page (pure functions).

Everything that comes from an article or a user is escaped: no HTML, script or Markdown link from
an article can become live in the page.

Example:
    >>> print(esc_md("<img src=x onerror=alert(1)> [a](javascript:x)"))
    &lt;img src=x onerror=alert\\(1\\)&gt; \\[a\\]\\(javascript:x\\)
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from bot.types import Answer, ClaimCheck, Flag
from bot.verify import MARKER
from bot.wording import NEGATOR_LABEL, flag_wording, is_negator
from index.types import Article

if TYPE_CHECKING:
    from bot.conversation import Turn

STATUS_LABEL = {
    "attributed": "attributed", "hedged": "hedged", "unconfirmed": "unconfirmed", "disputed": "disputed",
    "conditional": "conditional", "speculative": "speculative",
}
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def esc_md(text: str) -> str:
    """Escape text for Markdown inside the chat: HTML special characters and Markdown syntax."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def badge(f: Flag, negator: bool = False) -> str:
    """A coloured status badge with cue and holder (escaped); the sentence that does not confirm a claim
    says so ("does not confirm — U.S. officials"), instead of reading as if its own statement were unconfirmed."""
    who = f" — {f.holder}" if f.holder else ""
    cue = f" ({f.cue})" if f.cue else ""
    label = NEGATOR_LABEL.get(f.status, f.status) if negator else STATUS_LABEL.get(f.status, f.status)
    css = "not-confirming" if negator else label
    title = html.escape(f"{label}{who}{cue}", quote=True)
    return f'<span class="sc-badge sc-{css}" title="{title}">{html.escape(label + who)}</span>'


def cite_key(scope: str, n: int) -> str:
    """The page id of marker `[n]` of one answer: answer-scoped (`a3-1`), or `1` without a scope.

    Example:
        >>> cite_key("a3", 1), cite_key("", 2)
        ('a3-1', '2')
    """
    return f"{scope}-{n}" if scope else str(n)


def cite_link(scope: str, n: int) -> str:
    """A clickable `[n]` marker that opens the quote of marker `n` of answer `scope`."""
    return f'<a href="#sc-cite-{cite_key(scope, n)}" class="sc-cite" data-n="{cite_key(scope, n)}">[{n}]</a>'


def answer_markdown(answer: Answer, scope: str = "") -> str:
    """The chat message for an answer: sentences with clickable `[n]` markers (scoped), badges, claims table."""
    if answer.abstained:
        covered = "; ".join(esc_md(t) for t in answer.covered)
        extra = f"<br><small>The articles cover instead: {covered}</small>" if covered else ""
        return (f'<div class="sc-abstain"><span class="sc-icon" aria-hidden="true">i</span> '
                f'{esc_md(answer.text)}{extra}{notes_html(answer)}</div>')
    by_n = {f.n: f for f in answer.flags if f.kind == "sentence"}
    groups = [f for f in answer.flags if f.kind == "claim"]
    parts = []
    for sentence in re.split(r"(?<=\])\s+|(?<=\][.!])\s+", answer.text):
        marks = [int(m) for m in MARKER.findall(sentence)]
        plain = esc_md(MARKER.sub("", sentence).strip())
        links = "".join(cite_link(scope, n) for n in marks)
        plain = re.sub(r"\s*([.!])$", "", plain) if sentence.rstrip().endswith(("].", "]!")) else plain
        end = "." if sentence.rstrip().endswith("].") else ""
        note = sentence.startswith("Reported by ")  # the corroboration note: its sources are badged already
        badges = "" if note else " ".join(badge(by_n[n], is_negator(by_n[n], groups)) for n in marks if n in by_n)
        parts.append(f"{plain} {links}{end} {badges}".strip())
    return " ".join(parts) + notes_html(answer) + claims_html(answer, scope)


def claims_rows(answer: Answer) -> list[dict]:
    """The answer's claims table (claim, status, holder, corroboration, quotes): one row per flagged sentence.

    Example:
        >>> claims_rows(Answer(question="q", text="t"))
        []
    """
    corr = {c.claim: c.statement for c in answer.corroboration}
    rows = []
    for f in answer.flags:
        if f.kind != "sentence":
            continue
        rows.append({"claim": f.claim or f.quote, "status": f.status, "holder": f.holder,
                     "corroboration": corr.get(f.claim, ""), "quotes": [f.n] if f.n else []})
    return rows


def claims_html(answer: Answer, scope: str = "") -> str:
    """The per-answer claims table under the answer (the same rows the JSON export holds)."""
    rows = claims_rows(answer)
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{esc_md(r['claim'])}</td><td>{html.escape(r['status'])}</td><td>{esc_md(r['holder'] or '—')}</td>"
        f"<td>{esc_md(r['corroboration'] or '—')}</td><td>{''.join(cite_link(scope, n) for n in r['quotes'])}</td></tr>"
        for r in rows)
    return ('<table class="sc-claims"><thead><tr><th>claim</th><th>status</th><th>holder</th><th>corroboration</th>'
            f'<th>quotes</th></tr></thead><tbody>{body}</tbody></table>')


def notes_html(answer: Answer) -> str:
    """The answer's warnings (why it abstained, an LLM draft that failed its checks, stale statuses).

    Example:
        >>> notes_html(Answer(question="q", text="t", warnings=("no passage names the leader",)))
        '<br><small class="sc-note">Note: no passage names the leader</small>'
    """
    return "".join(f'<br><small class="sc-note">Note: {esc_md(w)}</small>' for w in answer.warnings)


def sureness_html(answer: Answer) -> str:
    """The 'How sure is this?' box: statuses of what is cited, corroboration, origins."""
    if answer.abstained:
        return '<div class="sc-sure"><b>How sure is this?</b><br>The articles do not answer this question.</div>'
    counts: dict[str, int] = {}
    for c in answer.citations:
        counts[c.status] = counts.get(c.status, 0) + 1
    rows = "".join(f"<li>{html.escape(k)}: {v} cited sentence{'s' if v > 1 else ''}</li>" for k, v in counts.items())
    groups = "".join(f"<li>{html.escape(flag_wording(f, answer))}</li>" for f in answer.flags if f.kind == "claim")
    corr = "".join(f"<li>{html.escape(c.statement)} Origins: {html.escape(', '.join(c.origins))}</li>"
                   for c in answer.corroboration)
    return (f'<div class="sc-sure"><b>How sure is this?</b><ul>{rows}{groups}{corr}</ul></div>')


def sources_html(answer: Answer, articles: dict[str, Article], scope: str = "", shown: bool = True) -> str:
    """Sources panel of one answer: cited articles listed, each full text escaped with its quotes highlighted."""
    attrs = f'class="sc-sources{"" if shown else " sc-hidden"}" data-answer="{html.escape(scope)}"'
    if answer.abstained or not answer.citations:
        return f'<div {attrs}><i>No sources for this answer.</i></div>'
    blocks = []
    listing = []
    by_article: dict[str, list] = {}
    for c in answer.citations:
        by_article.setdefault(c.article_id, []).append(c)
    for aid, cites in by_article.items():
        art = articles.get(aid)
        if art is None:
            continue
        meta = " · ".join(x for x in (art.outlet, art.date) if x)
        nums = ", ".join(cite_link(scope, c.n) for c in cites)
        listing.append(f'<li><b>{html.escape(art.title)}</b> <small>{html.escape(meta)}</small> {nums}</li>')
        text, pos, pieces = art.text, 0, []
        for c in sorted(cites, key=lambda c: c.start):
            if c.start < pos:
                continue
            pieces.append(html.escape(text[pos:c.start]))
            pieces.append(f'<mark id="sc-q-{cite_key(scope, c.n)}" class="sc-quote sc-{html.escape(c.status)}">'
                          f'{html.escape(text[c.start:c.end])}</mark>')
            pos = c.end
        pieces.append(html.escape(text[pos:]))
        ns = " ".join(cite_key(scope, c.n) for c in cites)
        blocks.append(f'<div class="sc-article" data-cites="{ns}"><h4>{html.escape(art.title)}</h4>'
                      f'<div class="sc-text">{"".join(pieces)}</div></div>')
    head = f"<h4>Sources of answer {html.escape(scope[1:])}</h4>" if scope else ""
    return f'<div {attrs}>{head}<ul class="sc-list">{"".join(listing)}</ul>{"".join(blocks)}</div>'


def check_html(result: ClaimCheck) -> str:
    """The 'Check a claim' result: verdict and each matching sentence with its status."""
    cls = result.verdict.replace(" ", "-")
    items = "".join(
        f'<li><span class="sc-badge sc-{html.escape(c.status)}">{html.escape(c.status)}'
        f'{" — " + html.escape(c.holder) if c.holder else ""}</span> “{html.escape(c.quote)}” '
        f'<small>{html.escape(c.title)}</small></li>' for c in result.evidence)
    return (f'<div class="sc-check"><div class="sc-verdict sc-v-{cls}">{html.escape(result.verdict)}</div>'
            f'<p>{html.escape(result.explanation)}</p><ul>{items}</ul></div>')


def export_markdown(answer: Answer) -> str:
    """An audit-trail Markdown file of one answer."""
    lines = [f"# {answer.question}", "", answer.text, "", "## Citations", ""]
    for c in answer.citations:
        lines.append(f"[{c.n}] {c.title} ({c.date or 'no date'}), {c.source}, characters {c.start}–{c.end}, "
                     f"status: {c.status}{', holder: ' + c.holder if c.holder else ''}")
        lines.append(f"> {c.quote}")
        lines.append("")
    if answer.flags:
        lines += ["## Flags", ""]
        lines += [f"- {f.status}: {f.note or f.claim} (cue: {f.cue or '—'}; holder: {f.holder or '—'})"
                  for f in answer.flags]
    if answer.corroboration:
        lines += ["", "## Corroboration", ""] + [f"- {c.statement}" for c in answer.corroboration]
    return "\n".join(lines) + "\n"


def export_json(answer: Answer) -> str:
    """The same audit trail as JSON."""
    return json.dumps(answer.to_dict(), indent=2, ensure_ascii=False)


def message_text(content: object) -> str:
    """Plain text of a chat message's content (a string, or Gradio 6's list of typed parts)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", "")) if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return " ".join(message_text(part) for part in content).strip()
    return ""


def history_pairs(messages: Sequence[dict]) -> list[tuple[str, str]]:
    """(question, answer) pairs from a messages-format chat history (plain text answers).

    Example:
        >>> history_pairs([{"role": "user", "content": [{"type": "text", "text": "Q?"}]},
        ...                {"role": "assistant", "content": "<b>A</b> [1]"}])
        [('Q?', 'A [1]')]
    """
    pairs: list[tuple[str, str]] = []
    question = None
    for m in messages:
        if not isinstance(m, dict):
            continue
        content = message_text(m.get("content"))
        if m.get("role") == "user":
            question = content
        elif m.get("role") == "assistant" and question is not None:
            pairs.append((question, re.sub(r"<[^>]+>", "", content)))
            question = None
    return pairs


def share_html(turn: Turn) -> str:
    """A link that reopens one answer (`?a=ID`; the answer is kept in the data directory)."""
    sid = html.escape(turn.share_id)
    return f'<small>Share this answer: <a id="sc-share-link" href="?a={sid}">?a={sid}</a></small>'
