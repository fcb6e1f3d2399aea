"""Benchmarks of the Python surface (run by scripts/bench-python.sh; numbers in docs/bench/python.md).

python examples/python/bench.py single            # one evaluate and one fees call from Python, µs
python examples/python/bench.py batch [rows]      # fees_batch on a pyarrow table and a polars frame
python examples/python/bench.py stream FILE       # fees_stream over a Parquet file: rows/s, peak RSS
python examples/python/bench.py write FILE [rows] # writes the generated fleet to FILE
python examples/python/bench.py calls ROWS K LIB  # K fees_batch calls on ROWS rows (pyarrow or polars),
                                                  # for scripts/bench-python-instructions.sh
"""

from __future__ import annotations

import resource
import sys
import time
import timeit
from pathlib import Path

import duplicata
import pyarrow.parquet as pq
from fleet import fleet

NAQ_2019 = {
    "procedure": "carte_grise_duplicata",
    "date": "2019-06-01",
    "reason": "loss",
    "holder": {"department": "33"},
    "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol"},
}


def single() -> None:
    import datetime

    engine = duplicata.Engine()
    day = datetime.date(2019, 6, 1)
    n = 200_000

    def fees(date: datetime.date | str) -> object:
        return engine.fees(date=date, department="33", plate="AB-123-CD", category="car", energy="petrol")

    for label, fn in (
        ("evaluate(dict)", lambda: engine.evaluate(NAQ_2019)),
        ("evaluate(dict).fees.total", lambda: engine.evaluate(NAQ_2019).total),
        ("fees(date=datetime.date)", lambda: fees(day)),
        ("fees(date='2019-06-01')", lambda: fees("2019-06-01")),
    ):
        # CPU time of the process (the machine is shared), best of five runs.
        best = min(timeit.repeat(fn, number=n, repeat=5, timer=time.process_time)) / n
        print(f"{label:<28} {best * 1e6:6.2f} µs (CPU time)")


def batch(rows: int) -> None:
    import polars as pl

    engine = duplicata.Engine()
    table = fleet(rows, seed=1)
    frame = pl.from_arrow(table)
    for label, data in (("pyarrow Table", table), ("polars DataFrame", frame)):
        engine.fees_batch(data.slice(0, 100_000))  # warm the memo
        # The first call writes into fresh memory; the next ones into the memory of the result
        # dropped before them (kept by the module, see docs/python.md, "Memory of the results").
        duplicata.release_memory()
        cpu, wall = [], []
        for _ in range(4):
            c0, w0 = time.process_time(), time.perf_counter()
            out = engine.fees_batch(data)
            cpu.append(time.process_time() - c0)
            wall.append(time.perf_counter() - w0)
            del out
        best_cpu, best_wall, first = min(cpu[1:]), min(wall[1:]), cpu[0]
        print(
            f"fees_batch {label:<17} {rows:,} rows: {rows / best_cpu / 1e6:5.2f} M rows/s per CPU second, "
            f"{rows / best_wall / 1e6:5.2f} M rows/s wall (best of 3 calls after the first; "
            f"first call, fresh memory: {rows / first / 1e6:5.2f} M rows/s)"
        )


def calls(rows: int, k: int, lib: str) -> None:
    """``k`` calls of ``fees_batch`` on the generated fleet (run under callgrind: the difference
    between 3 calls and 1 is the cost of two warm calls)."""
    engine = duplicata.Engine()
    data: object = fleet(rows, seed=1)
    if lib == "polars":
        import polars as pl

        data = pl.from_arrow(data)
    for _ in range(k):
        out = engine.fees_batch(data)
        del out


def write(path: Path, rows: int) -> None:
    chunk = 1_000_000
    with pq.ParquetWriter(path, fleet(1, seed=0).schema) as w:
        for i in range(0, rows, chunk):
            w.write_table(fleet(min(chunk, rows - i), seed=100 + i // chunk), row_group_size=chunk // 4)
    print(f"written {path} ({rows:,} rows)")


def stream(path: Path) -> None:
    engine = duplicata.Engine()
    source = pq.ParquetFile(path)
    rows = errors = 0
    t0 = time.perf_counter()
    for out in engine.fees_stream(source.iter_batches(batch_size=65_536)):
        rows += out.num_rows
        errors += out.column("error_code").null_count
    elapsed = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"fees_stream over {path.name}: {rows:,} rows in {elapsed:.2f} s "
        f"({rows / elapsed / 1e6:.2f} M rows/s "
        f"including Parquet decoding), peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    what = sys.argv[1] if len(sys.argv) > 1 else "single"
    if what == "single":
        single()
    elif what == "batch":
        batch(int(sys.argv[2]) if len(sys.argv) > 2 else 10_000_000)
    elif what == "write":
        write(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 10_000_000)
    elif what == "stream":
        stream(Path(sys.argv[2]))
    elif what == "calls":
        calls(int(sys.argv[2]), int(sys.argv[3]), sys.argv[4])
    else:
        raise SystemExit(__doc__)
