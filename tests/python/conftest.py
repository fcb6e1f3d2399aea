"""Shared fixtures; every path is built from this file's location."""

from __future__ import annotations

from pathlib import Path

import duplicata
import pytest

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
PARAMS = ROOT / "core" / "params" / "duplicata.toml"

NAQ_2019: dict[str, object] = {
    "procedure": "carte_grise_duplicata",
    "date": "2019-06-01",
    "reason": "loss",
    "holder": {"department": "33"},
    "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"},
}


@pytest.fixture(scope="session")
def engine() -> duplicata.Engine:
    return duplicata.Engine()
