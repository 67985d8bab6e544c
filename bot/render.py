"""Render answers, sources and checks as safe HTML/Markdown for the page (pure functions).

Everything that comes from an article or a user is escaped: no HTML, script or Markdown link from
an article can become live in the page.

Example:
    >>> print(esc_md("<img src=x onerror=alert(1)> [a](javascript:x)"))
    &lt;img src=x onerror=alert\\(1\\)&gt; \\[a\\]\\(javascript:x\\)
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from bot.types import Answer, Citation, ClaimCheck, Flag
from bot.verify import MARKER
from bot.wording import NEGATOR_LABEL, flag_wording, is_negator, quoted, says_not_confirmed
from index.types import Article

if TYPE_CHECKING:
    from bot.conversation import Turn

STATUS_LABEL = {
    "attributed": "attributed", "hedged": "hedged", "unconfirmed": "unconfirmed", "disputed": "disputed",
    "conditional": "conditional", "speculative": "speculative",
}
# Each answer sentence on its own line, its badges after it: run on, a badge read as the next sentence's label.
SENTENCE_BREAK = "<br>\n"
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>])")


def esc_md(text: str) -> str:
    """Escape text for Markdown inside the chat: HTML special characters and Markdown syntax."""
    text = html.escape(text, quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def esc_block(text: str) -> str:
    """Escape text for an HTML block of the chat (`<div>…</div>`), where Markdown is not processed: HTML
    escaped, line breaks flattened (a blank line would end the block), no Markdown backslashes to show.

    Example:
        >>> esc_block("<b>a_b</b>\\n\\nc")
        '&lt;b&gt;a_b&lt;/b&gt; c'
    """
    return re.sub(r"\s*\n\s*", " ", html.escape(text, quote=False))


def notice_html(text: str) -> str:
    """An error or refusal shown in the chat (an HTML block: escaped, never Markdown)."""
    return f'<div class="sc-abstain"><span class="sc-icon" aria-hidden="true">!</span> {esc_block(text)}</div>'


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
        covered = "; ".join(esc_block(t) for t in answer.covered)
        extra = f"<br><small>The articles cover instead: {covered}</small>" if covered else ""
        return (f'<div class="sc-abstain"><span class="sc-icon" aria-hidden="true">i</span> '
                f'{esc_block(answer.text)}{extra}{notes_html(answer, esc_block)}</div>')
    by_n = {f.n: f for f in answer.flags if f.kind == "sentence"}
    groups = [f for f in answer.flags if f.kind == "claim"]
    parts = []
    for text, marks, kind in _sentences(answer):
        end = text[-1] if text.endswith((".", "!")) and marks else ""
        plain = esc_md(text[:-1] if end else text)
        if kind == "answer":
            plain = bold_phrase(plain, answer)
        links = "".join(cite_link(scope, n) for n in marks)
        quiet = kind in ("note", "verdict", "answer")  # our own lines: the quotes they rest on carry the badges
        badges = "" if quiet else " ".join(badge(by_n[n], is_negator(by_n[n], groups)) for n in marks if n in by_n)
        parts.append(f"{plain} {links}{end} {badges}".strip())
    return SENTENCE_BREAK.join(parts) + notes_html(answer) + claims_html(answer, scope)


def bold_phrase(line_md: str, answer: Answer) -> str:
    """The escaped answer line with its typed phrase (`Answer.phrase`) in bold, where the line shows it.

    Example:
        >>> from bot.types import AnswerPhrase
        >>> bold_phrase("According to officials: 1,200", Answer("q", "t", phrase=AnswerPhrase("1,200", 1, 0, 5)))
        'According to officials: **1,200**'
    """
    if not answer.phrase:
        return line_md
    phrase = esc_md(answer.phrase.text)
    at = line_md.rfind(phrase)
    if at < 0 or not phrase.strip():
        return line_md
    return f"{line_md[:at]}**{phrase}**{line_md[at + len(phrase):]}"


def _sentences(answer: Answer) -> list[tuple[str, list[int], str]]:
    """(text without markers, markers, kind) of each answer sentence: the typed sentences, or for an answer
    kept without them, its text split at the markers."""
    if answer.sentences:
        return [(x.text.strip(), list(x.citations), x.kind) for x in answer.sentences]
    out = []
    for sentence in re.split(r"(?<=\])\s+|(?<=\][.!])\s+", answer.text):
        marks = [int(m) for m in MARKER.findall(sentence)]
        text = re.sub(r"\s+([.!])$", r"\1", MARKER.sub("", sentence).strip())
        out.append((text, marks, "note" if sentence.startswith("Reported by ") else "quote"))
    return out


def corroboration_of(answer: Answer) -> dict[int, str]:
    """The corroboration statement behind each citation: a corroboration note cites the sentences it counts.

    Example:
        >>> from bot.types import AnswerSentence, Corroboration
        >>> a = Answer(question="q", text="t", corroboration=(Corroboration("truce", 2, ("AP",), "Reported by 2."),),
        ...            sentences=(AnswerSentence("Reported by 2.", "note", (1, 3)),))
        >>> corroboration_of(a)
        {1: 'Reported by 2.', 3: 'Reported by 2.'}
    """
    out: dict[int, str] = {}
    for c in answer.corroboration:
        for x in answer.sentences:
            if x.kind == "note" and x.text.strip().rstrip(".") == c.statement.strip().rstrip("."):
                out.update({n: c.statement for n in x.citations if n not in out})
    return out


def claims_rows(answer: Answer) -> list[dict]:
    """The answer's claims table (claim, status, holder, corroboration, quotes): one row per flagged sentence.

    Example:
        >>> claims_rows(Answer(question="q", text="t"))
        []
    """
    corr = corroboration_of(answer)
    groups = [f for f in answer.flags if f.kind == "claim"]
    rows = []
    for f in answer.flags:
        if f.kind != "sentence":
            continue
        status = NEGATOR_LABEL.get(f.status, f.status) if is_negator(f, groups) else f.status
        rows.append({"claim": f.claim or f.quote, "status": status, "holder": f.holder,
                     "corroboration": corr.get(f.n, ""), "quotes": [f.n] if f.n else []})
    return rows


def claims_html(answer: Answer, scope: str = "") -> str:
    """The per-answer claims table under the answer (the same rows the JSON export holds)."""
    rows = claims_rows(answer)
    if not rows:
        return ""
    body = "".join(
        f"<tr><td>{esc_md(r['claim'])}</td><td class=\"sc-status\">{html.escape(r['status'])}</td>"
        f"<td>{esc_md(r['holder'] or '—')}</td><td>{esc_md(r['corroboration'] or '—')}</td>"
        f"<td>{''.join(cite_link(scope, n) for n in r['quotes'])}</td></tr>" for r in rows)
    # Folded: open, the table would fill the chat, which scrolls to an answer's end, and hide the answer itself.
    return (f'<details class="sc-claims-box"><summary>Claims table ({len(rows)})</summary>'
            '<table class="sc-claims"><thead><tr><th>claim</th><th>status</th><th>holder</th><th>corroboration</th>'
            f'<th>quotes</th></tr></thead><tbody>{body}</tbody></table></details>')


def notes_html(answer: Answer, esc: Callable[[str], str] = esc_md) -> str:
    """The answer's warnings (why it abstained, an LLM draft that failed its checks, stale statuses).

    Example:
        >>> notes_html(Answer(question="q", text="t", warnings=("no passage names the leader",)))
        '<br><small class="sc-note">Note: no passage names the leader</small>'
    """
    return "".join(f'<br><small class="sc-note">Note: {esc(w)}</small>' for w in answer.warnings)


def sureness_html(answer: Answer, scope: str = "") -> str:
    """The 'How sure is this?' box (of answer N when scoped): statuses of what is cited, corroboration, origins."""
    head = f"<b>How sure is answer {html.escape(scope[1:])}?</b>" if scope else "<b>How sure is this?</b>"
    if answer.abstained:
        return f'<div class="sc-sure">{head}<br>The articles do not answer this question.</div>'
    counts: dict[str, int] = {}
    for c in answer.citations:
        counts[c.status] = counts.get(c.status, 0) + 1
    rows = "".join(f"<li>{html.escape(k)}: {v} cited sentence{'s' if v > 1 else ''}</li>" for k, v in counts.items())
    groups = "".join(f"<li>{html.escape(flag_wording(f, answer))}</li>" for f in answer.flags if f.kind == "claim")
    corr = "".join(f"<li>{html.escape(c.statement)} Origins: {html.escape(', '.join(c.origins))}</li>"
                   for c in answer.corroboration)
    return f'<div class="sc-sure">{head}<ul>{rows}{groups}{corr}</ul></div>'


def sources_html(answer: Answer, articles: dict[str, Article], scope: str = "", shown: bool = True) -> str:
    """Sources panel of one answer: cited articles listed, each full text escaped with its quotes highlighted."""
    if answer.abstained or not answer.citations:
        attrs = f'class="sc-sources{"" if shown else " sc-hidden"}" data-answer="{html.escape(scope)}"'
        return f'<div {attrs}><i>No sources for this answer.</i></div>'
    head = f"<h4>Sources of answer {html.escape(scope[1:])}</h4>" if scope else ""
    return quotes_html(answer.citations, articles, scope, shown, head)


def quotes_html(citations: Sequence[Citation], articles: dict[str, Article], scope: str, shown: bool = True,
                head: str = "", listed: bool = True) -> str:
    """Cited articles (`listed`: with their markers), each full text (escaped, closed until a marker opens it)
    with its quotes highlighted as `mark#sc-q-SCOPE-N`."""
    attrs = f'class="sc-sources{"" if shown else " sc-hidden"}" data-answer="{html.escape(scope)}"'
    by_article: dict[str, list[Citation]] = {}
    for c in citations:
        by_article.setdefault(c.article_id, []).append(c)
    listing, blocks = [], []
    for aid, cites in by_article.items():
        art = articles.get(aid)
        if art is None:
            continue
        meta = " · ".join(x for x in (art.outlet, art.date) if x)
        nums = " ".join(cite_link(scope, c.n) for c in cites)
        listing.append(f'<li><b>{html.escape(art.title)}</b> <small>{html.escape(meta)}</small> {nums}</li>')
        ns = " ".join(cite_key(scope, c.n) for c in cites)
        blocks.append(f'<div class="sc-article" data-cites="{ns}"><h4>{html.escape(art.title)}</h4>'
                      f'<div class="sc-text">{_highlighted(art.text, cites, scope)}</div></div>')
    listing_html = f'<ul class="sc-list">{"".join(listing)}</ul>' if listed else ""
    return f'<div {attrs}>{head}{listing_html}{"".join(blocks)}</div>'


def _highlighted(text: str, cites: Sequence[Citation], scope: str) -> str:
    """An article's text, escaped, with each citation's quote marked (overlapping quotes: the first kept)."""
    pos, pieces = 0, []
    for c in sorted(cites, key=lambda c: c.start):
        if c.start < pos:
            continue
        pieces.append(html.escape(text[pos:c.start]))
        pieces.append(f'<mark id="sc-q-{cite_key(scope, c.n)}" class="sc-quote sc-{html.escape(c.status)}">'
                      f'{html.escape(text[c.start:c.end])}</mark>')
        pos = c.end
    pieces.append(html.escape(text[pos:]))
    return "".join(pieces)


def _status_badge(c: Citation) -> str:
    """The badge of a citation without a flag (an asserted sentence)."""
    who = f" — {html.escape(c.holder)}" if c.holder else ""
    return f'<span class="sc-badge sc-{html.escape(c.status)}">{html.escape(c.status)}{who}</span>'


def check_html(result: ClaimCheck, articles: dict[str, Article] | None = None, scope: str = "c1") -> str:
    """The 'Check a claim' result: verdict and each matching sentence with its status; a click on a quote opens
    it in its article, as a marker does (the articles follow the list, closed until then)."""
    cls = result.verdict.replace(" ", "-")
    flags = {f.n: f for f in result.flags if f.kind == "sentence"}
    items = "".join(
        f'<li>{badge(flags[c.n], says_not_confirmed(flags[c.n])) if c.n in flags else _status_badge(c)} '
        f'<a href="#sc-cite-{cite_key(scope, c.n)}" class="sc-cite sc-quote-link">{html.escape(quoted(c.quote))}</a> '
        f'<small>{html.escape(c.title)}</small></li>' for c in result.evidence)
    sources = quotes_html(result.evidence, articles, scope, listed=False) if articles and result.evidence else ""
    return (f'<div class="sc-check"><div class="sc-verdict sc-v-{cls}">{html.escape(result.verdict)}</div>'
            f'<p>{html.escape(result.explanation)}</p><ul>{items}</ul>{sources}</div>')


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
