"""Eight threads share one engine (the GIL is released during evaluation)."""

from __future__ import annotations

import json
import os
import sys
import sysconfig
import threading
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import duplicata
import pytest
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
    # On a free-threaded build, importing a module without gil_used=False re-enables the GIL: after
    # `import duplicata` it must still be off (unless forced on with -X gil=1 or PYTHON_GIL=1).
    if not sysconfig.get_config_var("Py_GIL_DISABLED"):
        pytest.skip("not a free-threaded build of Python: the GIL is always on")
    forced = sys._xoptions.get("gil") or os.environ.get("PYTHON_GIL")
    if forced:
        pytest.skip(f"the GIL is forced by the interpreter's options ({forced})")
    assert duplicata.Engine().evaluate(NAQ_2019).total == Decimal("47.76")
    assert sys._is_gil_enabled() is False  # type: ignore[attr-defined,unused-ignore]
