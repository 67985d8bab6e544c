"""Sentence attribution and holders on PolNeAR (dev): US political news with BRAT attribution spans.

Label mapping, fixed before the first measurement:
- sentences are ours (`annotate` splits the whole article); a sentence is gold-attributed when at least
  half of its non-space characters lie inside the `Content` span(s) of some Attribution (PolNeAR
  counts speech, writing, thoughts and intentions); its gold holder is that Attribution's `Source`
  text (the one covering most of the sentence; "" when the annotator gave none).
- sourcecheck: attributed when "attributed" is among its statuses; its holder is `Holder.name`
  (the outermost source as the article words it; "" for an unnamed source).
- holder token F1 (bag of words): "on correct" averages over sentences both call attributed whose gold
  Source is not empty; "end to end" over every gold-attributed sentence with a Source (0 when missed).
- cost: `annotate` time (parser included, loaded beforehand) against the production encoder on the same
  sentence texts, in the same run (target: annotation <= 30% of the encoder's time).
- naive baseline (`bench.scoring`, never tuned): a reporting word or a quote mark → attributed; the
  holder is the capitalised words (or pronoun) before "said"/"told"/….

    python bench/attribution.py [--data ../shared/data/polnear/dev]
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scoring import NAIVE_ATTRIBUTION, NAIVE_HOLDER, data_path, mcc, prf, token_f1  # noqa: E402
from index.epistemic import annotate  # noqa: E402

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear" / "dev"


@dataclass(frozen=True)
class Attribution:
    """One gold attribution: content character ranges and the source's text."""

    content: tuple[tuple[int, int], ...]
    source: str


def _ranges(offsets: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in (part.split() for part in offsets.split(";")))


def load_ann(path: Path) -> list[Attribution]:
    """The attributions of one BRAT file."""
    spans: dict[str, tuple[str, tuple[tuple[int, int], ...], str]] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cols = line.split("\t")
        if line.startswith("T") and len(cols) >= 2:
            label, _, offsets = cols[1].partition(" ")
            spans[cols[0]] = (label, _ranges(offsets), cols[2] if len(cols) > 2 else "")
        elif line.startswith("E") and len(cols) >= 2:
            events.append(dict(arg.split(":", 1) for arg in cols[1].split() if ":" in arg))
    out = []
    for ev in events:
        content = spans.get(ev.get("Content", ""))
        if content:
            source = spans.get(ev.get("Source", ""))
            out.append(Attribution(content[1], source[2] if source else ""))
    return out


def gold_of(text: str, start: int, end: int, atts: list[Attribution]) -> tuple[bool, str]:
    """(attributed, source) of one sentence span."""
    chars = [i for i in range(start, end) if not text[i].isspace()]
    best, source = 0, ""
    for a in atts:
        inside = sum(1 for i in chars if any(s <= i < e for s, e in a.content))
        if inside > best:
            best, source = inside, a.source
    return bool(chars) and best * 2 >= len(chars), source


def naive(sentence: str) -> tuple[bool, str]:
    """The untuned regex baseline: (attributed, holder)."""
    m = NAIVE_HOLDER.search(sentence)
    return bool(NAIVE_ATTRIBUTION.search(sentence)), m.group("holder") if m else ""


def report(name: str, rows: list[tuple[bool, str, bool, str]]) -> None:
    """Print P/R/F1, MCC and holder token F1 / exact match; rows are (gold, source, pred, holder)."""
    gold, pred = [int(r[0]) for r in rows], [int(r[2]) for r in rows]
    p, r, f = prf(pred, gold)
    correct = [(s, h) for g, s, pr, h in rows if g and pr and s]
    e2e = [(s, h if pr else "") for g, s, pr, h in rows if g and s]
    on_ok = sum(token_f1(h, s) for s, h in correct) / max(1, len(correct))
    exact = sum(h.lower().strip() == s.lower().strip() for s, h in correct) / max(1, len(correct))
    end = sum(token_f1(h, s) for s, h in e2e) / max(1, len(e2e))
    print(f"{name:<12} P {p:.3f} R {r:.3f} F1 {f:.3f} MCC {mcc(pred, gold):.3f} | holder token F1 on correct "
          f"{on_ok:.3f} (exact {exact:.3f}, n={len(correct)}) end to end {end:.3f} (n={len(e2e)})")


def encoder_seconds(sentences: list[str]) -> float | None:
    """Seconds the project's encoder (the production embedder) takes on `sentences`; None when absent."""
    try:
        import tempfile

        from index.embed import make_embedder
        from index.settings import Settings

        embedder = make_embedder(Settings(data_dir=Path(tempfile.mkdtemp(prefix="sc-attr-"))))
        embedder.encode(sentences[:64])  # warm-up
    except Exception as err:  # noqa: BLE001 - the cost line is optional
        print(f"encoder not available ({type(err).__name__}: {err}); no cost ratio")
        return None
    t = time.perf_counter()
    embedder.encode(sentences)
    return time.perf_counter() - t


def main() -> int:
    """Run both systems on the dev articles and print them side by side, with the annotation cost."""
    data_dir = data_path(DEFAULT)
    if data_dir is None:
        return 0
    from index.parse import parse_many

    parse_many(["Warm-up."])  # the parser loads once per process, as at ingest
    ours: list[tuple[bool, str, bool, str]] = []
    base: list[tuple[bool, str, bool, str]] = []
    took = 0.0
    texts: list[str] = []
    paths = sorted(data_dir.glob("*.ann"))
    for ann in paths:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        atts = load_ann(ann)
        t = time.perf_counter()
        sentences = annotate(text)
        took += time.perf_counter() - t
        texts += [s.text for s in sentences]
        for s in sentences:
            g, src = gold_of(text, s.start, s.end, atts)
            attributed = "attributed" in s.statuses
            ours.append((g, src, attributed, s.holder.name if s.holder else ""))
            base.append((g, src, *naive(s.text)))
    print(f"{len(paths)} articles, {len(ours)} sentences, {sum(r[0] for r in ours)} gold-attributed")
    report("sourcecheck", ours)
    report("naive regex", base)
    print(f"annotation: {took:.2f} s ({len(ours) / max(took, 1e-9):.0f} sentences/s)")
    enc = encoder_seconds(texts)
    if enc:
        print(f"encoder on the same {len(texts)} sentences: {enc:.2f} s; annotation / encoder = {took / enc:.2f} "
              f"(target <= 0.30)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
