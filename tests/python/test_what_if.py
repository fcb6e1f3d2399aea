"""What-if in code: Parameters from the package, edits checked like a file, compare."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import duplicata
import pyarrow as pa
import pytest
from conftest import PARAMS

JUNE_2020 = datetime.date(2020, 6, 1)


def _fleet() -> pa.Table:
    return pa.table(
        {
            "date": [JUNE_2020, datetime.date(2019, 6, 1), JUNE_2020],
            "department": ["35", "35", "33"],
            "plate": ["AB-123-CD", "AB-123-CD", "AB-1"],
            "category": ["car", "car", "car"],
            "energy": ["petrol", "petrol", "petrol"],
        }
    )


def test_the_reference_parameters_come_with_their_text() -> None:
    reference = duplicata.Parameters.reference()
    assert reference.to_toml() == PARAMS.read_text(encoding="utf-8")
    assert reference.name == duplicata.Engine().name
    assert reference.fingerprint == duplicata.Engine().fingerprint
    assert duplicata.Engine().parameters == reference
    assert duplicata.Parameters.from_file(PARAMS) == reference
    assert repr(reference).startswith("Parameters(name='duplicata-reference', fingerprint='sha256:")


def test_a_rate_edit_changes_the_fees_the_name_and_the_fingerprint() -> None:
    reference = duplicata.Parameters.reference()
    edited = reference.with_rate("BRE", Decimal("60"), start="2020-01-01", end=datetime.date(2020, 12, 31))
    assert edited != reference and edited.fingerprint != reference.fingerprint
    assert edited.name != reference.name
    engine = duplicata.Engine(edited)
    assert (engine.name, engine.fingerprint) == (edited.name, edited.fingerprint)
    before = duplicata.Engine().fees(
        date=JUNE_2020, department="35", plate="AB-123-CD", category="car", energy="petrol"
    )
    after = engine.fees(date=JUNE_2020, department="35", plate="AB-123-CD", category="car", energy="petrol")
    assert after.y1 == Decimal("60.00") and after.total == before.total + Decimal("9.00")  # type: ignore[operator]
    # The edited value says it is one, in the decision's trace.
    rate = engine.rate("35", JUNE_2020)
    assert (rate.confidence, rate.source) == ("low", "WHAT-IF")
    # The rest is untouched.
    assert engine.rate("35", "2021-06-01").rate == duplicata.Engine().rate("35", "2021-06-01").rate
    # Edits compose, and the text reads back to the same set.
    twice = edited.with_amount("y5.amount", "3.00", start="2020-01-01")
    assert duplicata.Parameters.from_toml(twice.to_toml()) == twice
    assert duplicata.Engine.from_toml(twice.to_toml()).fingerprint == twice.fingerprint


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda p: p.with_rate("ATLANTIS", "1", start="2020-01-01"), "zone"),
        (lambda p: p.with_amount("y9.amount", "1", start="2020-01-01"), "key"),
        (lambda p: p.with_key_date("no_such_date", "2020-01-01"), "date"),
        (lambda p: p.with_rate("BRE", "1", start="2020-02-01", end="2020-01-01"), "to"),
    ],
)
def test_a_bad_edit_is_a_parameter_error_naming_its_field(edit: object, field: str) -> None:
    with pytest.raises(duplicata.ParameterFileError) as info:
        edit(duplicata.Parameters.reference())  # type: ignore[operator]
    assert (info.value.code, info.value.field) == ("params.invalid", field)


def test_an_edit_the_loader_refuses_lists_the_file_s_problems() -> None:
    # A rate before the file's first day leaves a period the loader refuses.
    with pytest.raises(duplicata.ParameterFileError) as info:
        duplicata.Parameters.reference().with_rate("BRE", "1", start="2001-01-01", end="2009-06-01")
    assert info.value.problems


@pytest.mark.parametrize("value", [0.1, "abc", "-1", "1.005", True])
def test_amounts_are_exact_decimals(value: object) -> None:
    with pytest.raises(duplicata.InvalidRequestError):
        duplicata.Parameters.reference().with_rate("BRE", value, start="2020-01-01")  # type: ignore[arg-type]


def test_compare_gives_old_and_new_totals_and_their_difference() -> None:
    reference = duplicata.Engine()
    changed = duplicata.Engine(
        duplicata.Parameters.reference().with_rate("BRE", "60", start="2020-01-01", end="2020-12-31")
    )
    out = reference.compare(changed, _fleet())
    assert out.column("total_old").to_pylist() == [Decimal("57.76"), Decimal("57.76"), None]
    assert out.column("total_new").to_pylist() == [Decimal("66.76"), Decimal("57.76"), None]
    assert out.column("difference").to_pylist() == [Decimal("9.00"), Decimal("0.00"), None]
    assert out.column("error_code").to_pylist() == [None, None, "plate.invalid_format"]
    assert out.column("zone").to_pylist() == ["BRE", "BRE", None]
    frame = reference.compare(changed, _fleet().to_pandas(), amounts="cents")
    assert list(frame["difference"].fillna(-1)) == [900, 0, -1]


def test_engine_from_file_none_is_refused(tmp_path: Path) -> None:
    with pytest.raises(TypeError):
        duplicata.Engine.from_file(None)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        duplicata.Parameters.from_file(None)  # type: ignore[arg-type]
    with pytest.raises(duplicata.ReadError):
        duplicata.Engine.from_file(tmp_path / "missing.toml")
