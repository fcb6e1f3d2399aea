"""Errors: the right exception class, with the stable code, the field and both messages."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import duplicata
import pytest
from conftest import NAQ_2019, PARAMS


def _with(**vehicle: Any) -> dict[str, Any]:
    return {**NAQ_2019, "vehicle": {"plate": "AB-123-CD", "category": "car", "energy": "petrol", **vehicle}}


@pytest.mark.parametrize(
    ("request_", "cls", "code", "field"),
    [
        (_with(plate="AB-1"), duplicata.InvalidPlateError, "plate.invalid_format", "vehicle.plate"),
        (_with(plate=""), duplicata.InvalidPlateError, "plate.empty", "vehicle.plate"),
        (_with(energy="steam"), duplicata.InvalidRequestError, "request.invalid_value", "vehicle.energy"),
        (
            {**NAQ_2019, "holder": {"department": "20"}},
            duplicata.UnknownDepartmentError,
            "department.unknown",
            "holder.department",
        ),
        (
            {**NAQ_2019, "date": "2001-01-01"},
            duplicata.DateOutOfRangeError,
            "request.date_out_of_range",
            "date",
        ),
        ({**NAQ_2019, "date": "2019-13-01"}, duplicata.InvalidRequestError, "request.invalid_date", "date"),
        ({**NAQ_2019, "colour": "red"}, duplicata.InvalidRequestError, "request.unknown_field", "colour"),
        (
            {k: v for k, v in NAQ_2019.items() if k != "reason"},
            duplicata.InvalidRequestError,
            "request.missing_field",
            "reason",
        ),
        ({**NAQ_2019, "date": object()}, duplicata.InvalidRequestError, "request.invalid_type", "date"),
        (
            {**NAQ_2019, "date": datetime.datetime(2019, 6, 1)},
            duplicata.InvalidRequestError,
            "request.invalid_type",
            "date",
        ),
        ("{not json", duplicata.InvalidRequestError, "request.invalid_json", None),
    ],
)
def test_bad_requests_raise_value_errors_with_code_and_field(
    engine: duplicata.Engine, request_: Any, cls: type[duplicata.DuplicataError], code: str, field: str | None
) -> None:
    with pytest.raises(cls) as info:
        engine.evaluate(request_)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, duplicata.DuplicataError)
    assert e.code == code
    assert e.field == field
    assert e.message_fr and e.message_en and e.message_fr != e.message_en
    assert code in str(e)


def test_a_bad_parameter_file_lists_its_problems(tmp_path: Path) -> None:
    text = PARAMS.read_text(encoding="utf-8")
    # The section header itself (the name also appears in a comment above it).
    assert text.count("\n[parameter_set]\n") == 1
    bad = text.replace("\n[parameter_set]\n", "\n[parameter_set]\nbogus = 1\n", 1)
    line = bad.splitlines().index("bogus = 1") + 1
    path = tmp_path / "bad.toml"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(duplicata.ParameterFileError) as info:
        duplicata.Engine.from_file(path)
    e = info.value
    assert not isinstance(e, ValueError)
    assert e.code.startswith("params.") and e.problems
    p = e.problems[0]
    assert p.code.startswith("params.") and p.message_en and p.message_fr
    # The problem is the inserted key, on its own line.
    assert p.line == line and "bogus" in p.message_en


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(duplicata.ReadError) as info:
        duplicata.Engine.from_file(tmp_path / "missing.toml")
    assert isinstance(info.value, OSError) and info.value.code == "io.read"


def test_fast_path_errors(engine: duplicata.Engine) -> None:
    on = datetime.date(2019, 6, 1)
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees(date=on, department="33", plate="AB-123-CD", category="tank", energy="petrol")
    assert (info.value.code, info.value.field) == ("request.invalid_value", "vehicle.category")
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees(date=on, department="33", plate="A 11 A", category="car", energy="petrol")
    assert info.value.code == "request.inconsistent"
    with pytest.raises(duplicata.InvalidRequestError) as info:
        engine.fees(date=on, department=None, plate="AB-123-CD", category="car", energy="petrol")
    assert (info.value.code, info.value.field) == ("request.missing_field", "holder.department")


def test_the_hierarchy() -> None:
    assert issubclass(duplicata.InvalidRequestError, ValueError)
    for cls in (duplicata.InvalidPlateError, duplicata.UnknownDepartmentError, duplicata.DateOutOfRangeError):
        assert issubclass(cls, duplicata.InvalidRequestError)
    for other in (
        duplicata.ParameterFileError,
        duplicata.ReadError,
        duplicata.InternalError,
        duplicata.EventNotAllowedError,
    ):
        assert issubclass(other, duplicata.DuplicataError)
    assert duplicata.DuplicataError.__module__ == "duplicata"
