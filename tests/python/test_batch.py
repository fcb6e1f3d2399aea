"""Batches: results equal single evaluations, every input kind, bad rows, streaming."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duplicata
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

DEPARTMENTS = ["01", "13", "2A", "2B", "33", "45", "59", "67", "75", "971", "976", "20", "96", "", "x"]
PLATES = ["AB-123-CD", "ab123cd", "123 AB 45", "1234 ABC 75", "A 11 A", "WW-123-AB", "AB-1", "SS-123-AA", ""]
CATEGORIES = [
    "car",
    "utility",
    "motorhome",
    "motorcycle",
    "motorcycle_le_125",
    "moped_le_50",
    "other",
    "tank",
]
ENERGIES = ["petrol", "diesel", "electric", "hydrogen", "hybrid", "lpg", "cng", "e85", "other", "steam"]

rows = st.fixed_dictionaries(
    {
        "date": st.dates(datetime.date(2008, 1, 1), datetime.date(2027, 12, 31)),
        "department": st.one_of(st.none(), st.sampled_from(DEPARTMENTS)),
        "plate": st.sampled_from(PLATES),
        "category": st.sampled_from(CATEGORIES),
        "energy": st.sampled_from(ENERGIES),
        "change_of_address": st.booleans(),
    }
)


def single(engine: duplicata.Engine, row: dict[str, Any]) -> tuple[Any, ...]:
    try:
        f = engine.fees(**row)
    except duplicata.DuplicataError as e:
        return (None, None, None, None, None, e.code)
    return (f.y1, f.y4, f.y5, f.total, f.confidence, None)


def batch_rows(out: pa.Table) -> list[tuple[Any, ...]]:
    cols = [out.column(c).to_pylist() for c in ("y1", "y4", "y5", "total", "confidence", "error_code")]
    return list(zip(*cols, strict=True))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(rows, min_size=1, max_size=300))
def test_batch_equals_single_evaluations(engine: duplicata.Engine, data: list[dict[str, Any]]) -> None:
    table = pa.Table.from_pylist(data)
    assert batch_rows(engine.fees_batch(table)) == [single(engine, r) for r in data]


def test_every_day_of_the_engine_s_range_matches_the_fast_path(engine: duplicata.Engine) -> None:
    # The memo groups days into classes: each day from before the SIV to after the last change
    # must still give the single-query answer, for departments of several zones and regimes.
    start, days = datetime.date(2009, 1, 1), 365 * 18
    data = [
        {
            "date": start + datetime.timedelta(days=d),
            "department": dept,
            "plate": plate,
            "category": cat,
            "energy": energy,
            "change_of_address": False,
        }
        for d in range(0, days, 3)
        for dept, plate, cat, energy in (
            ("33", "AB-123-CD", "car", "petrol"),
            ("2A", "123 AB 45", "motorcycle_le_125", "hybrid"),
            ("976", "AB-123-CD", "car", "lpg"),
            ("75", "AB-123-CD", "utility", "electric"),
            ("45", "AB-123-CD", "car", "e85"),
        )
    ]
    table = pa.Table.from_pylist(data)
    assert batch_rows(engine.fees_batch(table)) == [single(engine, r) for r in data]


def _table() -> pa.Table:
    return pa.table(
        {
            "id": [1, 2, 3],
            "date": pa.array(
                [datetime.date(2019, 6, 1), datetime.date(2019, 6, 1), datetime.date(2023, 1, 1)]
            ),
            "department": ["33", "33", None],
            "plate": ["AB-123-CD", "AB-1", "AB-123-CD"],
            "category": ["car", "car", "car"],
            "energy": ["petrol", "petrol", "petrol"],
        }
    )


def test_a_bad_row_gets_its_error_code_and_the_batch_goes_on(engine: duplicata.Engine) -> None:
    out = engine.fees_batch(_table())
    assert out.column("id").to_pylist() == [1, 2, 3]
    assert out.column("total").to_pylist() == [Decimal("47.76"), None, Decimal("13.76")]
    assert out.column("error_code").to_pylist() == [None, "plate.invalid_format", None]
    assert out.schema.field("total").type == pa.decimal128(12, 2)
    assert out.schema == engine.fees_schema(_table().schema)


def test_every_input_kind_gives_the_same_kind_back(engine: duplicata.Engine) -> None:
    import pandas as pd
    import polars as pl

    table = _table()
    expected = engine.fees_batch(table).column("total").to_pylist()
    rb = engine.fees_batch(table.to_batches()[0])
    assert isinstance(rb, pa.RecordBatch) and rb.column("total").to_pylist() == expected
    pdf = engine.fees_batch(table.to_pandas())
    assert isinstance(pdf, pd.DataFrame) and [None if pd.isna(v) else v for v in pdf["total"]] == expected
    pldf = engine.fees_batch(pl.from_arrow(table))
    assert isinstance(pldf, pl.DataFrame) and pldf["total"].to_list() == expected
    # Dates given as ISO text are read too.
    text_dates = table.set_column(1, "date", pa.array(["2019-06-01", "2019-06-01", "2023-01-01"]))
    assert engine.fees_batch(text_dates).column("total").to_pylist() == expected
    with pytest.raises(TypeError):
        engine.fees_batch([1, 2, 3])


def test_a_missing_column_is_an_invalid_request(engine: duplicata.Engine) -> None:
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(_table().drop_columns(["energy"]))
    assert (info.value.code, info.value.field) == ("request.missing_field", "energy")


def test_streaming_a_parquet_file_batch_by_batch(engine: duplicata.Engine, tmp_path: Path) -> None:
    big = pa.concat_tables([_table()] * 2000)
    path = tmp_path / "fleet.parquet"
    pq.write_table(big, path, row_group_size=1000)
    source = pq.ParquetFile(path)
    out = list(engine.fees_stream(source.iter_batches(batch_size=500)))
    assert len(out) == 12 and all(isinstance(b, pa.RecordBatch) and b.num_rows == 500 for b in out)
    totals = pa.Table.from_batches(out).column("total").to_pylist()
    assert totals == engine.fees_batch(big).column("total").to_pylist()
    reader = engine.fees_reader(source.iter_batches(batch_size=700), source.schema_arrow)
    pq.write_table(reader.read_all(), tmp_path / "priced.parquet")
    assert pq.read_table(tmp_path / "priced.parquet").column("error_code").null_count == 4000


def test_a_stream_that_fails_while_read_is_an_arrow_error(engine: duplicata.Engine) -> None:
    """An Arrow stream whose producer fails mid-way (a file gone, a socket closed) is refused as a
    whole with request.invalid_arrow, its producer's message kept; no partial table comes back."""
    schema = pa.schema(
        [
            ("date", pa.date32()),
            ("department", pa.string()),
            ("plate", pa.string()),
            ("category", pa.string()),
            ("energy", pa.string()),
        ]
    )
    good = pa.record_batch(
        [[datetime.date(2019, 6, 1)], ["33"], ["AB-123-CD"], ["car"], ["petrol"]], schema=schema
    )

    def producer() -> Any:
        yield good
        raise OSError("the file is gone")

    reader = pa.RecordBatchReader.from_batches(schema, producer())
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(reader)
    assert info.value.code == "request.invalid_arrow"
    assert "the file is gone" in info.value.message_en
    assert "flux Arrow illisible" in info.value.message_fr


def test_a_batch_larger_than_a_slice_is_priced_in_slices_with_the_same_rows(engine: duplicata.Engine) -> None:
    import polars as pl
    import pyarrow.compute as pc

    small = (
        pa.Table.from_pylist(
            [
                {"date": datetime.date(2019, 6, 1), "department": "33", "plate": "AB-123-CD"},
                {"date": datetime.date(2011, 3, 1), "department": "35", "plate": "AB-123-CD"},
                {"date": datetime.date(2019, 6, 1), "department": "33", "plate": "SS-123-AA"},
            ]
        )
        .append_column("category", pa.array(["car"] * 3))
        .append_column("energy", pa.array(["diesel"] * 3))
    )
    expected = engine.fees_batch(small)
    n = (1 << 20) + 7
    big = small.take(pa.array([i % 3 for i in range(n)])).combine_chunks()
    assert big.column("date").num_chunks == 1
    for data in (big, pl.from_arrow(big)):
        out = engine.fees_batch(data)
        table = out if isinstance(out, pa.Table) else out.to_arrow()
        assert table.num_rows == n
        if isinstance(out, pa.Table):
            assert max(b.num_rows for b in out.to_batches()) <= 1 << 20
        for name in ("total", "status", "unknown_reason", "error_code", "zone"):
            column = table.column(name).cast(expected.column(name).type)
            pattern = expected.column(name).to_pylist()
            # Rows on both sides of the slice boundary, and the last ones.
            for start in (0, (1 << 20) - 4, n - 6):
                got = column.slice(start, 6).to_pylist()
                assert got == [pattern[(start + j) % 3] for j in range(6)], (name, start)
            counts = pc.value_counts(column).to_pylist()
            assert sum(c["counts"] for c in counts) == n
