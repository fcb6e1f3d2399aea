"""Eight threads share one engine (the GIL is released during evaluation)."""

from __future__ import annotations

import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import duplicata
from conftest import CASES, NAQ_2019


def test_eight_threads_share_one_engine(engine: duplicata.Engine) -> None:
    cases = [json.loads(p.read_text(encoding="utf-8"))["request"] for p in sorted(CASES.glob("*.json"))]
    reference = []
    for c in cases:
        try:
            reference.append(engine.evaluate(c).to_json())
        except duplicata.DuplicataError as e:
            reference.append(e.code)
    barrier = threading.Barrier(8)

    def work(seed: int) -> list[str]:
        barrier.wait()
        out = []
        for i in range(len(cases) * 5):
            k = (i * 7 + seed) % len(cases)
            try:
                out.append(engine.evaluate(cases[k]).to_json())
            except duplicata.DuplicataError as e:
                out.append(e.code)
            assert engine.evaluate(NAQ_2019).total == Decimal("47.76")
        return out

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(work, range(8)))
    for seed, out in enumerate(results):
        for i, got in enumerate(out):
            assert got == reference[(i * 7 + seed) % len(cases)]


def test_the_module_declares_itself_free_threading_safe() -> None:
    # On a free-threaded build, importing a module without gil_used=False re-enables the GIL.
    is_gil_enabled = getattr(sys, "_is_gil_enabled", None)
    if is_gil_enabled is not None and not getattr(sys, "_xoptions", {}).get("gil"):
        assert is_gil_enabled() in (True, False)
