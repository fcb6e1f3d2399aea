"""Same inputs for single calls and batches, read strictly, with the same error codes; the batch
columns an analyst expects."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

import duplicata
import pyarrow as pa
import pytest

ROW: dict[str, Any] = {
    "date": "2019-06-01",
    "department": "33",
    "plate": "AB-123-CD",
    "category": "car",
    "energy": "petrol",
}


def batch_code(engine: duplicata.Engine, **changes: Any) -> str | None:
    table = pa.Table.from_pylist([{**ROW, **changes}])
    return engine.fees_batch(table).column("error_code")[0].as_py()  # type: ignore[no-any-return]


def single_code(engine: duplicata.Engine, **changes: Any) -> str | None:
    try:
        engine.fees(**{**ROW, **changes})
    except duplicata.DuplicataError as e:
        return e.code
    return None


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({}, None),
        ({"date": datetime.date(2019, 6, 1)}, None),
        ({"department": 33}, None),
        ({"department": 2, "plate": "AB-123-CD"}, None),
        ({"date": "2019-13-01"}, "request.invalid_date"),
        ({"date": "2019-02-30"}, "request.invalid_date"),
        ({"date": "2019-6-1"}, "request.invalid_date"),
        ({"date": "+2019-06-01"}, "request.invalid_date"),
        ({"date": " 2019-06-01"}, "request.invalid_date"),
        ({"date": "2001-01-01"}, "request.date_out_of_range"),
        ({"category": "tank"}, "request.invalid_value"),
        ({"energy": "steam"}, "request.invalid_value"),
        ({"department": "20"}, "department.unknown"),
        ({"plate": "AB-1"}, "plate.invalid_format"),
    ],
)
def test_single_calls_and_batches_take_the_same_inputs_and_give_the_same_codes(
    engine: duplicata.Engine, changes: dict[str, Any], code: str | None
) -> None:
    assert single_code(engine, **changes) == code
    assert batch_code(engine, **changes) == code


@pytest.mark.parametrize("day", ["2150-01-01", "1899-12-31", "2100-01-01"])
def test_a_day_outside_the_accepted_period_is_an_invalid_date_on_every_path(
    engine: duplicata.Engine, day: str
) -> None:
    # The core's answer (the JSON contract): one date reader and one period, 1900-01-01 to 2099-12-31.
    request = {
        "procedure": "carte_grise_duplicata",
        "date": day,
        "reason": "loss",
        "holder": {"department": ROW["department"]},
        "vehicle": {"plate": ROW["plate"], "category": ROW["category"], "energy": ROW["energy"]},
    }
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.evaluate(json.dumps(request))
    core = info.value.code
    assert (core, info.value.field) == ("request.invalid_date", "date")
    as_date = datetime.date.fromisoformat(day)
    # Single calls: ISO text and datetime.date.
    for value in (day, as_date):
        with pytest.raises(duplicata.InvalidRequestError) as info:
            engine.fees(**{**ROW, "date": value})
        assert (info.value.code, info.value.field) == (core, "date"), value
    # Batches: a text column, a date32 column and a timestamp column.
    assert batch_code(engine, date=day) == core
    assert batch_code(engine, date=as_date) == core
    midnight = datetime.datetime.combine(as_date, datetime.time())
    stamps = pa.table(
        {**{k: [v] for k, v in ROW.items() if k != "date"}, "date": pa.array([midnight], pa.timestamp("us"))}
    )
    assert engine.fees_batch(stamps).column("error_code").to_pylist() == [core]


def test_integer_departments_mean_the_same_as_text(engine: duplicata.Engine) -> None:
    as_int = engine.fees(**{**ROW, "department": 2})
    as_text = engine.fees(**{**ROW, "department": "02"})
    assert as_int.total == as_text.total
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees(**{**ROW, "department": 33.0})
    assert info.value.code == "request.invalid_type"
    with pytest.raises(duplicata.InvalidRequestError):
        engine.fees(**{**ROW, "date": datetime.datetime(2019, 6, 1)})


def test_an_enum_error_lists_the_allowed_values(engine: duplicata.Engine) -> None:
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees(**{**ROW, "energy": "steam"})
    assert info.value.field == "vehicle.energy"
    for name in ("petrol", "diesel", "electric", "hydrogen"):
        assert name in info.value.message_en and name in info.value.message_fr
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(pa.Table.from_pylist([ROW]), amounts="money")  # type: ignore[arg-type]
    assert "decimal, cents, float" in info.value.message_en


@pytest.mark.parametrize("dates", [pa.array([20190601], pa.int64()), pa.array([18048], pa.int32())])
def test_integer_date_columns_are_refused_with_a_clear_message(
    engine: duplicata.Engine, dates: pa.Array
) -> None:
    table = pa.Table.from_pylist([ROW]).set_column(0, "date", dates)
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(table)
    assert (info.value.code, info.value.field) == ("request.invalid_type", "date")
    assert "20190601" in info.value.message_en


def test_a_plate_that_is_not_utf8_is_an_invalid_value_not_a_missing_field(engine: duplicata.Engine) -> None:
    table = pa.Table.from_pylist([ROW, ROW]).set_column(
        2, "plate", pa.array([b"AB-123-CD", b"\xff\xfe"], pa.binary())
    )
    assert engine.fees_batch(table).column("error_code").to_pylist() == [None, "request.invalid_value"]


@pytest.mark.parametrize("name", ["total", "error_code", "zone"])
def test_an_input_column_named_like_a_result_is_refused(engine: duplicata.Engine, name: str) -> None:
    table = pa.Table.from_pylist([{**ROW, name: 1}])
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees_batch(table)
    assert (info.value.code, info.value.field) == ("request.invalid_value", name)
    with pytest.raises(duplicata.InvalidRequestError):
        engine.fees_schema(table.schema)


def test_a_polars_all_null_column_is_read_as_missing_values(engine: duplicata.Engine) -> None:
    import polars as pl

    frame = pl.DataFrame([{**ROW, "date": datetime.date(2023, 1, 1)}] * 2).with_columns(
        pl.lit(None).alias("department"), pl.lit(None).alias("change_of_address")
    )
    out = engine.fees_batch(frame)
    # From 2022 no regional tax is due on a duplicata: no department is needed.
    assert out["total"].to_list() == [Decimal("13.76")] * 2 and out["error_code"].to_list() == [None] * 2
    nulls = frame.with_columns(pl.lit(None).alias("plate"))
    assert engine.fees_batch(nulls)["error_code"].to_list() == ["request.missing_field"] * 2


def test_region_zone_status_and_amount_types(engine: duplicata.Engine) -> None:
    rows = [ROW, {**ROW, "date": "2011-06-01", "department": "35"}, {**ROW, "plate": "AB-1"}]
    table = pa.Table.from_pylist(rows)
    out = engine.fees_batch(table)
    assert out.column("region").to_pylist() == ["NAQ", "BRE", None]
    assert out.column("zone").to_pylist() == ["NAQ", "BRE", None]
    assert out.column("status").to_pylist() == ["known", "unknown", "error"]
    # Bretagne 2011-2014 is a documented gap: the reason, and the bounds that the known rates
    # around it (36 € in 2010, 46 € in 2015) give with Y4 4 € and Y5 2.50 €.
    assert out.column("unknown_reason").to_pylist() == [None, "fees.y1.unknown_rate", None]
    assert out.column("low").to_pylist() == [None, Decimal("42.50"), None]
    assert out.column("high").to_pylist() == [None, Decimal("52.50"), None]
    named = engine.fees_batch(table, names=True)
    assert named.column("region").to_pylist() == ["Nouvelle-Aquitaine", "Bretagne", None]
    cents = engine.fees_batch(table, amounts="cents")
    assert cents.schema.field("total").type == pa.int64()
    assert cents.column("total").to_pylist() == [4776, None, None]
    floats = engine.fees_batch(table, amounts="float")
    assert floats.column("total").to_pylist() == [47.76, None, None]
    assert out.schema.field("total").type == pa.decimal128(12, 2)
    assert out.schema == engine.fees_schema(table.schema)


def test_pandas_results_are_arrow_backed_and_sum_exactly(engine: duplicata.Engine) -> None:
    table = pa.Table.from_pylist([ROW, ROW, {**ROW, "plate": "AB-1"}])
    frame = engine.fees_batch(table.to_pandas())
    assert str(frame["total"].dtype).startswith("decimal128(12, 2)")
    assert frame["total"].sum() == Decimal("95.52")
    assert frame["total"].isna().tolist() == [False, False, True]
    assert frame.groupby("region", observed=True)["total"].sum()["NAQ"] == Decimal("95.52")


def test_reprs_are_python_s(engine: duplicata.Engine) -> None:
    assert repr(duplicata.parse_plate("123 ab 35")) == (
        "Plate(system='fni', normalized='123 AB 35', department='35')"
    )
    assert repr(duplicata.parse_plate("AB123CD")).endswith("department=None)")
    period = next(z for z in engine.zones() if z.code == "BRE").rates[1]
    assert repr(period) == (
        "RatePeriod(valid_from=datetime.date(2010, 1, 1), valid_to=datetime.date(2010, 12, 31), "
        "rate=Decimal('36.00'), confidence='low')"
    )
    assert repr(engine).startswith("Engine(name='duplicata-reference', fingerprint='sha256:")


def test_rate_and_evaluate_start_on_the_same_day(engine: duplicata.Engine) -> None:
    with pytest.raises(duplicata.DateOutOfRangeError):
        engine.rate("33", "2009-02-01")
    with pytest.raises(duplicata.DateOutOfRangeError):
        engine.fees(**{**ROW, "date": "2009-02-01"})
    assert engine.rate("33", "2009-04-15").date == datetime.date(2009, 4, 15)
