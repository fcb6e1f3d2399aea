"""A generated fleet of duplicate requests, as an Arrow table (shared by the examples and the
benchmark). Columns: date, department, plate, category, energy, change_of_address."""

from __future__ import annotations

import datetime

import numpy as np
import pyarrow as pa

DEPARTMENTS = [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
LETTERS = np.array(list("ABCDEFGHJKLMNPQRSTVXYZ"))
CATEGORIES = np.array(["car", "utility", "motorhome", "motorcycle", "motorcycle_le_125", "other"])
CATEGORY_WEIGHTS = [0.70, 0.12, 0.03, 0.06, 0.06, 0.03]
ENERGIES = np.array(["petrol", "diesel", "electric", "hybrid", "lpg", "e85"])
ENERGY_WEIGHTS = [0.40, 0.40, 0.06, 0.10, 0.02, 0.02]


def fleet(
    n: int,
    *,
    start: datetime.date = datetime.date(2009, 4, 15),
    end: datetime.date = datetime.date(2025, 12, 31),
    seed: int = 0,
) -> pa.Table:
    """``n`` requests, dates uniform in [start, end], SIV plates, weighted categories and energies."""
    rng = np.random.default_rng(seed)
    first = np.datetime64(start.isoformat())
    span = (np.datetime64(end.isoformat()) - first).astype(int) + 1
    dates = (first + rng.integers(0, span, n)).astype("datetime64[D]")

    def letters() -> np.ndarray:
        return np.char.add(
            LETTERS[rng.integers(0, len(LETTERS), n)], LETTERS[rng.integers(0, len(LETTERS), n)]
        )

    digits = rng.integers(1, 1000, n).astype(str)
    plates = np.char.add(
        np.char.add(np.char.add(np.char.add(letters(), "-"), np.char.zfill(digits, 3)), "-"), letters()
    )
    return pa.table(
        {
            "date": pa.array(dates, pa.date32()),
            "department": pa.array(np.array(DEPARTMENTS)[rng.integers(0, len(DEPARTMENTS), n)]),
            "plate": pa.array(plates),
            "category": pa.array(rng.choice(CATEGORIES, n, p=CATEGORY_WEIGHTS)),
            "energy": pa.array(rng.choice(ENERGIES, n, p=ENERGY_WEIGHTS)),
            "change_of_address": pa.array(rng.random(n) < 0.05),
        }
    )
