"""The regional rate per fiscal horsepower, 2009 → today, for every tariff zone, drawn from the
engine's own parameters (``Engine.zones()``), as a PNG.

    python examples/python/rate_history.py [--out rate-history.png]
"""

from __future__ import annotations

import argparse
import datetime
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import duplicata
import matplotlib.pyplot as plt

START = datetime.date(2009, 1, 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("rate-history.png"))
    args = parser.parse_args()
    today = datetime.date.today()
    engine = duplicata.Engine()
    fig, ax = plt.subplots(figsize=(12, 7), dpi=72)
    for zone in sorted(engine.zones(), key=lambda z: z.name):
        xs: list[datetime.date] = []
        ys: list[float | None] = []
        for p in zone.rates:
            end = min(p.valid_to or today, today)
            if end < START or p.valid_from > today:
                continue
            # Float only to draw; a gap (unknown rate) breaks the line.
            value = float(p.rate) if p.rate is not None else None
            xs += [max(p.valid_from, START), end]
            ys += [value, value]
        if xs:
            drawn = [y if y is not None else float("nan") for y in ys]
            ax.step(xs, drawn, where="post", label=zone.name, lw=1.2)  # type: ignore[arg-type]
    ax.set_title(f"Taxe régionale per CV by zone, {START.year} → {today} ({engine.name})")
    ax.set_ylabel("€ per fiscal horsepower")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    fig.tight_layout()
    fig.savefig(args.out)
    print(f"written {args.out}")


if __name__ == "__main__":
    main()
