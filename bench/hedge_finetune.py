"""How far a trained classifier gets on WikiWeasel: fine-tune MiniLM's top layers, 5-fold cross-validated.

An experiment, not a shipped component (see docs/benchmarks.md, "Hedge detection"). The lower layers'
states are computed once and cached; the top `--layers` transformer layers plus a linear head on
[mean; max] pooled tokens are trained on four folds (a tenth of them held out to choose the threshold)
and scored on the fifth. Prints each fold's F1 and the pooled F1.

    python bench/hedge_finetune.py [--layers 2] [--epochs 3] [--folds 0,1,2,3,4] [--limit N]

The full run (all five folds, 7,363 sentences) takes about an hour on two cores.
"""

from __future__ import annotations

import argparse
import copy
import random
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.hedges import DEFAULT, detok, load  # noqa: E402
from index.settings import default_model_path  # noqa: E402


def f1(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = float((pred & gold).sum())
    p, r = tp / max(1, pred.sum()), tp / max(1, gold.sum())
    return p, r, 2 * p * r / max(1e-9, p + r)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=3e-4)
    ap.add_argument("--folds", default="0,1,2,3,4")
    ap.add_argument("--limit", type=int, default=0, help="a random N sentences only (a quick smoke run)")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"skipped: {args.data} not found (benchmark data lives in ../shared/data, never in the repo)")
        return 0
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(2)
    torch.manual_seed(0)
    random.seed(0)
    rows = load(args.data)
    if args.limit:  # the file is sorted by label: a random sample, not the first rows
        rows = [rows[i] for i in sorted(random.Random(0).sample(range(len(rows)), min(args.limit, len(rows))))]
    texts, gold = [detok(t) for t, _ in rows], np.array([g for _, g in rows]) == 1
    path = default_model_path()
    tok, base = AutoTokenizer.from_pretrained(path), AutoModel.from_pretrained(path).eval()
    cut = len(base.encoder.layer) - args.layers
    states: list[np.ndarray] = [np.zeros(0)] * len(texts)
    with torch.no_grad():  # the frozen lower layers, once
        for k in range(0, len(texts), 64):
            enc = tok(texts[k:k + 64], padding=True, truncation=True, max_length=128, return_tensors="pt")
            hidden = base(**enc, output_hidden_states=True).hidden_states[cut]
            for j in range(hidden.shape[0]):
                states[k + j] = hidden[j, : int(enc["attention_mask"][j].sum())].numpy()

    class Top(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.layers = torch.nn.ModuleList(copy.deepcopy(base.encoder.layer[cut:]))
            self.head = torch.nn.Linear(2 * base.config.hidden_size, 1)

        def forward(self, h: torch.Tensor, m: torch.Tensor) -> torch.Tensor:
            ext = (1.0 - m[:, None, None, :]) * -1e4
            for layer in self.layers:
                out = layer(h, attention_mask=ext)
                h = out[0] if isinstance(out, tuple) else out
            mm = m.unsqueeze(-1)
            mean, top = (h * mm).sum(1) / mm.sum(1), (h + (mm - 1) * 1e4).max(1).values
            return self.head(torch.cat([mean, top], -1)).squeeze(-1)

    def pad(ids: list[int]) -> tuple[torch.Tensor, torch.Tensor]:
        n = max(len(states[i]) for i in ids)
        h = np.zeros((len(ids), n, states[ids[0]].shape[1]), np.float32)
        m = np.zeros((len(ids), n), np.float32)
        for j, i in enumerate(ids):
            h[j, : len(states[i])], m[j, : len(states[i])] = states[i], 1
        return torch.from_numpy(h), torch.from_numpy(m)

    order = np.random.RandomState(0).permutation(len(texts))
    pooled = np.zeros(len(texts), bool)
    for fold in (int(f) for f in args.folds.split(",")):
        test = sorted(order[fold::5].tolist())
        train = [int(i) for i in order if i not in set(test)]
        val, train = train[: len(train) // 10], train[len(train) // 10:]
        net, batch, t0 = Top(), 32, time.time()
        opt = torch.optim.AdamW(net.parameters(), lr=args.lr, weight_decay=0.01)
        steps = args.epochs * max(1, len(train) // batch)
        sched = torch.optim.lr_scheduler.LambdaLR(
            opt, lambda s: min(1.0, (s + 1) / (0.06 * steps)) * max(0.0, 1 - s / steps))

        def predict(ids: list[int], net: Top = net) -> np.ndarray:
            net.eval()
            with torch.no_grad():
                out = np.concatenate([torch.sigmoid(net(*pad(ids[k:k + 256]))).numpy()
                                      for k in range(0, len(ids), 256)])
            net.train()
            return out

        for _ in range(args.epochs):
            random.shuffle(train)
            for k in range(0, len(train) - batch + 1, batch):
                ids = train[k:k + batch]
                loss = torch.nn.functional.binary_cross_entropy_with_logits(
                    net(*pad(ids)), torch.tensor(gold[ids], dtype=torch.float))
                loss.backward()
                torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
                opt.step()
                sched.step()
                opt.zero_grad()
        pv = predict(val)
        thr = max(np.arange(0.1, 0.9, 0.02), key=lambda t: f1(pv >= t, gold[val])[2])
        pooled[test] = predict(test) >= thr
        p, r, f = f1(pooled[test], gold[test])
        print(f"fold {fold}: P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f} (threshold {thr:.2f}, "
              f"{time.time() - t0:.0f} s)", flush=True)
    done = np.zeros(len(texts), bool)
    for fold in (int(f) for f in args.folds.split(",")):
        done[order[fold::5]] = True
    p, r, f = f1(pooled[done], gold[done])
    print(f"pooled over the folds run: P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
