"""The batch kernel memoises whole results per key and reads each column's distinct values once:
its rows must equal the per-row `fees` on a varied table (edge dates, unknown rates, bad rows),
whatever the Arrow encoding of the columns."""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from typing import Any

import duplicata
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pytest

DEPARTMENTS = [f"{i:02d}" for i in range(1, 96) if i != 20] + ["2A", "2B", "971", "972", "973", "974", "976"]
# Bad values, in the proportions of a messy file.
BAD_DEPARTMENTS = ["20", "96", "", "x", "9999", "  33  "]
PLATES = ["AB-123-CD", "ab123cd", "123 AB 45", "1234 ABC 2A", "A 11 A", "WW-123-AB", "W-123-AB"]
BAD_PLATES = ["AB-1", "SS-123-AA", "AB-000-CD", "", "AB-123-CD-EF-GH-IJ-KL-MN-OP-QR-ST", "ÀB-123-CD"]
CATEGORIES = ["car", "utility", "motorhome", "motorcycle", "motorcycle_le_125", "moped_le_50", "other"]
ENERGIES = ["petrol", "diesel", "electric", "hydrogen", "hybrid", "lpg", "cng", "e85", "other"]


def _edge_dates() -> list[datetime.date]:
    """The first and last days of each year and half-year, the SIV start and the days around."""
    out = []
    for year in range(2008, 2028):
        for month, day in ((1, 1), (6, 30), (7, 1), (12, 31)):
            d = datetime.date(year, month, day)
            out += [d - datetime.timedelta(days=1), d, d + datetime.timedelta(days=1)]
    siv = datetime.date(2009, 4, 15)
    out += [siv - datetime.timedelta(days=1), siv, siv + datetime.timedelta(days=1)]
    return out


def varied(n: int, seed: int) -> list[dict[str, Any]]:
    rng = np.random.default_rng(seed)
    start, span = datetime.date(2008, 6, 1), (datetime.date(2027, 6, 1) - datetime.date(2008, 6, 1)).days
    edges = _edge_dates()
    rows = []
    for _ in range(n):
        r = rng.random(6)
        day = start + datetime.timedelta(days=int(rng.integers(span)))
        date: Any = edges[rng.integers(len(edges))] if r[0] < 0.3 else day
        department: Any = (
            None
            if r[1] < 0.03
            else BAD_DEPARTMENTS[rng.integers(len(BAD_DEPARTMENTS))]
            if r[1] < 0.06
            else DEPARTMENTS[rng.integers(len(DEPARTMENTS))]
        )
        plate: Any = (
            None
            if r[2] < 0.02
            else BAD_PLATES[rng.integers(len(BAD_PLATES))]
            if r[2] < 0.06
            else PLATES[rng.integers(len(PLATES))]
        )
        category: Any = CATEGORIES[rng.integers(len(CATEGORIES))]
        category = None if r[3] < 0.01 else "tank" if r[3] < 0.02 else category
        energy: Any = ENERGIES[rng.integers(len(ENERGIES))]
        energy = None if r[4] < 0.01 else "steam" if r[4] < 0.02 else energy
        rows.append(
            {
                "date": None if r[5] < 0.01 else date,
                "department": department,
                "plate": plate,
                "category": category,
                "energy": energy,
                "change_of_address": bool(rng.random() < 0.2),
            }
        )
    return rows


def single(engine: duplicata.Engine, row: dict[str, Any]) -> tuple[Any, ...]:
    # A missing field is reported before any value is read (the scalar call has no such row).
    if any(row[k] is None for k in ("date", "plate", "category", "energy")):
        return (None, None, None, None, "error", None, "request.missing_field")
    try:
        f = engine.fees(**row)
    except duplicata.DuplicataError as e:
        return (None, None, None, None, "error", None, e.code)
    return (f.y1, f.y4, f.y5, f.total, f.status, f.confidence, None)


COLUMNS = ("y1", "y4", "y5", "total", "status", "confidence", "error_code")


def batch_rows(out: pa.Table) -> list[tuple[Any, ...]]:
    cols = [out.column(c).to_pylist() for c in COLUMNS]
    return list(zip(*cols, strict=True))


@pytest.fixture(scope="module")
def data() -> list[dict[str, Any]]:
    return varied(6000, seed=7)


def test_the_memoised_batch_agrees_with_per_row_fees(
    engine: duplicata.Engine, data: list[dict[str, Any]]
) -> None:
    table = pa.Table.from_pylist(data)
    out = engine.fees_batch(table)
    expected = [single(engine, r) for r in data]
    assert batch_rows(out) == expected
    statuses = set(out.column("status").to_pylist())
    # The table reaches every kind of row: known totals, unknown ones (documented gaps) and errors.
    assert statuses == {"known", "unknown", "error"}
    codes = set(out.column("error_code").to_pylist()) - {None}
    assert {"request.missing_field", "request.invalid_value", "request.inconsistent"} <= codes
    assert any(c.startswith("plate.") for c in codes) and any(c.startswith("department.") for c in codes)


def test_a_warm_memo_and_a_fresh_engine_give_the_same_columns(
    engine: duplicata.Engine, data: list[dict[str, Any]]
) -> None:
    table = pa.Table.from_pylist(data)
    first = engine.fees_batch(table)
    # Again in the same thread (memo warm), in slices of other sizes, and by a new engine.
    assert engine.fees_batch(table).equals(first)
    sliced = pa.concat_tables([engine.fees_batch(table.slice(i, 777)) for i in range(0, len(data), 777)])
    assert sliced.equals(first)
    assert duplicata.Engine().fees_batch(table).equals(first)


def _encodings(table: pa.Table) -> dict[str, pa.Table]:
    text = ["department", "plate", "category", "energy"]

    def each(f: Any) -> pa.Table:
        t = table
        for c in text:
            t = t.set_column(t.schema.get_field_index(c), c, f(t.column(c)))
        return t

    return {
        "dictionary": each(lambda col: pc.dictionary_encode(col)),
        "large_string": each(lambda col: col.cast(pa.large_string())),
        "string_view": each(lambda col: col.cast(pa.string_view())),
        "binary": each(lambda col: col.cast(pa.binary())),
        "text dates": table.set_column(0, "date", pc.strftime(table.column("date"), "%Y-%m-%d")),
    }


def test_every_column_encoding_gives_the_same_results(
    engine: duplicata.Engine, data: list[dict[str, Any]]
) -> None:
    table = pa.Table.from_pylist(data)
    expected = engine.fees_batch(table)
    results = [c for c in expected.column_names if c not in table.column_names]
    for name, t in _encodings(table).items():
        out = engine.fees_batch(t)
        for c in results:
            assert out.column(c).to_pylist() == expected.column(c).to_pylist(), (name, c)


def test_integer_departments_give_the_text_department_s_results(engine: duplicata.Engine) -> None:
    numbers = [1, 2, 33, 75, 95, 971, 976, 0, 20, 96, 1000, -1, None]
    base = {"date": datetime.date(2019, 6, 1), "plate": "AB-123-CD", "category": "car", "energy": "petrol"}
    ints = pa.Table.from_pylist([{**base, "department": n} for n in numbers])
    out = engine.fees_batch(ints)
    expected = [single(engine, {**base, "department": n}) for n in numbers]
    assert batch_rows(out) == expected


def test_text_that_is_not_utf8_is_an_invalid_value_row(engine: duplicata.Engine) -> None:
    table = pa.table(
        {
            "date": [datetime.date(2019, 6, 1)] * 3,
            "department": pa.array([b"33", b"\xff3", b"33"], pa.binary()),
            "plate": pa.array([b"AB-123-CD", b"AB-123-CD", b"\xc3("], pa.binary()),
            "category": ["car"] * 3,
            "energy": ["petrol"] * 3,
        }
    )
    out = engine.fees_batch(table)
    assert out.column("error_code").to_pylist() == [None, "request.invalid_value", "request.invalid_value"]


def test_polars_output_equals_pyarrow_output(engine: duplicata.Engine, data: list[dict[str, Any]]) -> None:
    import polars as pl

    table = pa.Table.from_pylist(data)
    # A polars result's region and zone are String columns (made as string views: polars would
    # convert a dictionary to a categorical row by row); the pyarrow result's are dictionaries.
    arrow = pl.from_arrow(engine.fees_batch(table))
    assert isinstance(arrow, pl.DataFrame)
    assert arrow.schema["region"] == pl.Categorical
    expected = arrow.with_columns(pl.col("region", "zone").cast(pl.String))
    out = engine.fees_batch(pl.from_arrow(table))
    assert isinstance(out, pl.DataFrame)
    assert out.schema == expected.schema
    assert out.equals(expected)


def test_timestamps_at_midnight_are_read_as_their_day(engine: duplicata.Engine) -> None:
    import pandas as pd
    import polars as pl

    days = [datetime.date(2019, 6, 1), datetime.date(2023, 1, 1), datetime.date(2009, 4, 14), None]
    base = {"department": "33", "plate": "AB-123-CD", "category": "car", "energy": "petrol"}
    expected = engine.fees_batch(pa.Table.from_pylist([{**base, "date": d} for d in days]))
    frame = pd.DataFrame(
        {
            **{k: [v] * len(days) for k, v in base.items()},
            "date": pd.to_datetime(days).astype("datetime64[ns]"),
        }
    )
    assert str(frame["date"].dtype) == "datetime64[ns]"
    out = engine.fees_batch(frame)
    assert [None if pd.isna(v) else v for v in out["total"]] == expected.column("total").to_pylist()
    assert [None if pd.isna(v) else v for v in out["error_code"]] == expected.column("error_code").to_pylist()
    for unit in ("s", "ms", "us", "ns"):
        stamps = pa.array(days, pa.date32()).cast(pa.timestamp(unit))
        table = pa.Table.from_pylist([{**base} for _ in days]).append_column("date", stamps)
        assert engine.fees_batch(table).column("total").equals(expected.column("total")), unit
    polars_in = pl.DataFrame([{**base} for _ in days]).with_columns(
        date=pl.Series(days).cast(pl.Datetime("us"))
    )
    polars_out = engine.fees_batch(polars_in)
    assert polars_out["total"].to_list() == expected.column("total").to_pylist()


def test_a_timestamp_that_is_not_midnight_is_an_invalid_date_row(engine: duplicata.Engine) -> None:
    stamps = pa.array(
        [
            datetime.datetime(2019, 6, 1),
            datetime.datetime(2019, 6, 1, 12, 30),
            datetime.datetime(1969, 12, 31, 23),
        ],
        pa.timestamp("us"),
    )
    base = {"department": "33", "plate": "AB-123-CD", "category": "car", "energy": "petrol"}
    table = pa.Table.from_pylist([base] * 3).append_column("date", stamps)
    out = engine.fees_batch(table)
    assert out.column("error_code").to_pylist() == [None, "request.invalid_date", "request.invalid_date"]
    # A timestamp with a time zone is refused as a column: its day depends on the zone.
    aware = pa.Table.from_pylist([base] * 3).append_column("date", stamps.cast(pa.timestamp("us", tz="UTC")))
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(aware)
    assert (info.value.code, info.value.field) == ("request.invalid_type", "date")


def test_results_written_into_the_memory_of_dropped_results_are_the_same(engine: duplicata.Engine) -> None:
    # 80 000 rows: every amount column is over 1 MiB, so its memory is kept when dropped.
    a = pa.Table.from_pylist(varied(8000, seed=11) * 10)
    b = pa.Table.from_pylist(varied(8000, seed=12) * 10)
    duplicata.release_memory()
    fresh_b = engine.fees_batch(b)
    first_a = engine.fees_batch(a)
    kept_before = duplicata.kept_memory()
    del first_a
    kept_after_drop = duplicata.kept_memory()
    assert kept_after_drop > kept_before
    # b priced into a's memory (taken from what was kept): the same columns as in fresh memory,
    # nulls and texts included.
    reused_b = engine.fees_batch(b)
    assert duplicata.kept_memory() < kept_after_drop
    assert reused_b.equals(fresh_b)
    # The same through polars (text columns as string views).
    import polars as pl

    frame = pl.from_arrow(b)
    assert isinstance(frame, pl.DataFrame)
    fresh_frame = engine.fees_batch(frame)
    del reused_b
    assert engine.fees_batch(frame).equals(fresh_frame)


def test_kept_result_memory_is_freed_a_few_seconds_after_the_last_batch(engine: duplicata.Engine) -> None:
    import time

    table = pa.Table.from_pylist(varied(8000, seed=13) * 10)
    out = engine.fees_batch(table)
    del out
    assert duplicata.kept_memory() > 0
    deadline = time.monotonic() + 15
    while duplicata.kept_memory() > 0 and time.monotonic() < deadline:
        time.sleep(0.5)
    assert duplicata.kept_memory() == 0
    assert duplicata.release_memory() == 0
    # With nothing kept, the freeing thread ends (Linux: the process's threads are in /proc).
    tasks = Path("/proc/self/task")
    if tasks.is_dir():

        def pool_threads() -> int:
            return sum(1 for t in tasks.iterdir() if (t / "comm").read_text().strip() == "duplicata-pool")

        deadline = time.monotonic() + 5
        while pool_threads() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool_threads() == 0


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_forked_child_frees_its_kept_result_memory_too(engine: duplicata.Engine) -> None:
    # A PySpark worker is a child of fork: the thread that frees kept memory is not copied into it.
    import time

    table = pa.Table.from_pylist(varied(8000, seed=14) * 10)
    out = engine.fees_batch(table)
    del out
    pid = os.fork()
    if pid == 0:  # the child: exit status 0 when its kept memory is freed within 15 s
        status = 1
        try:
            out = engine.fees_batch(table)
            del out
            deadline = time.monotonic() + 15
            while duplicata.kept_memory() > 0 and time.monotonic() < deadline:
                time.sleep(0.25)
            status = 0 if duplicata.kept_memory() == 0 else 2
        finally:
            os._exit(status)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
