"""How sure an answer is: other readings of the texts, bounds of an unknown total, conditions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import duplicata
from duplicata import Applicant, Category, Energy, HolderKind, Mandate, Reason, Request


def car(date: str, department: str, plate: str) -> dict[str, object]:
    return {
        "procedure": "carte_grise_duplicata",
        "date": date,
        "reason": "loss",
        "applicant": "holder",
        "holder": {"department": department},
        "vehicle": {"plate": plate, "category": "car", "energy": "petrol"},
    }


def test_an_fni_duplicata_from_2021_names_the_other_reading(engine: duplicata.Engine) -> None:
    # facts.md §11: taxe fixe due (13.76 €); the conversion-only exemption would give 2.76 €.
    d = engine.evaluate(car("2023-02-01", "45", "123 AB 45"))
    assert d.total == Decimal("13.76")
    (alt,) = d.alternatives
    assert alt["total"] == "2.76" and alt["assumption_fr"] and alt["sources"]
    html = d._repr_html_()
    assert "On another reading of the texts" in html and "2.76 €" in html


def test_a_settled_answer_has_no_other_reading(engine: duplicata.Engine) -> None:
    d = engine.evaluate(car("2019-06-01", "33", "AB-123-CD"))
    assert d.alternatives == () and "another reading" not in d._repr_html_()


def test_an_unknown_total_is_bracketed(engine: duplicata.Engine) -> None:
    d = engine.evaluate(car("2012-06-01", "33", "AB-123-CD"))
    assert d.total is None and d.fees is not None
    assert "between 35.50 € and 42.50 €" in d._repr_html_()


def test_a_mandate_left_open_is_a_condition_a_stated_false_refuses(engine: duplicata.Engine) -> None:
    def request(mandate: Mandate) -> Request:
        return Request(
            date=datetime.date(2022, 3, 12),
            reason=Reason.LOSS,
            applicant=Applicant.MANDATE_HOLDER,
            holder=duplicata.Holder(department="33", kind=HolderKind.LEASING_COMPANY),
            vehicle=duplicata.Vehicle(plate="AB-123-CD", category=Category.CAR, energy=Energy.PETROL),
            mandate=mandate,
        )

    open_ = engine.evaluate(request(Mandate()))
    assert open_.eligibility.eligible
    assert {c["code"] for c in open_.conditions} >= {"leasing_mandate"}
    assert "Eligible provided that" in open_._repr_html_()
    refused = engine.evaluate(request(Mandate(signed=False)))
    assert not refused.eligibility.eligible and refused.conditions == ()


def test_the_parameters_of_the_previous_release_differ_by_the_corrections() -> None:
    from conftest import ROOT

    old = duplicata.Parameters.from_file(ROOT / "tests" / "fixtures" / "params-0.1.0.toml")
    new = duplicata.Parameters.reference()
    rows = old.diff(new)
    assert rows and {r["kind"] for r in rows} <= {"added", "removed", "changed"}
    # The research pass moved PACA's 59 € from 2025-02-01 to 2025-01-01.
    paca = [r for r in rows if r["zone"] == "PAC" and r["series"] == "rates" and r["new_value"]]
    assert any(r["from"] == "2025-01-01" and r["new_value"].startswith("59") for r in paca), paca
    assert new.diff(new) == []
