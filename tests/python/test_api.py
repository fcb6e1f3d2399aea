"""The typed API: decisions, the fast path, rates, plates, parameter sets."""

from __future__ import annotations

import dataclasses
import datetime
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import duplicata
import pytest
from conftest import NAQ_2019, PARAMS, ROOT
from duplicata import Category, Energy, Request


def test_the_readme_command_prints_47_76() -> None:
    doc = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    line = next(ln for ln in doc.splitlines() if ln.startswith('python -c "import duplicata'))
    code = line[len('python -c "') : -1]
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "47.76"


def test_a_decision_in_decimal_and_dates(engine: duplicata.Engine) -> None:
    d = engine.evaluate(NAQ_2019)
    assert d.fees is not None
    assert d.fees.total == Decimal("47.76")
    assert isinstance(d.fees.total, Decimal)
    assert d.total == Decimal("47.76")
    assert d.date == datetime.date(2019, 6, 1)
    assert [(ln.code, ln.amount) for ln in d.fees.lines] == [
        ("Y1", Decimal("41.00")),
        ("Y2", Decimal("0.00")),
        ("Y3", Decimal("0.00")),
        ("Y4", Decimal("4.00")),
        ("Y5", Decimal("2.76")),
    ]
    assert d.fees.line("y1").source
    assert d.eligibility.eligible is True
    assert "identity_proof" in {doc.code for doc in d.documents}
    assert "fees.y1.regional_rate" in {t.rule for t in d.trace}
    assert d.plate is not None and d.plate["normalized"] == "AB-123-CD"
    assert d.procedure_name == "carte_grise_duplicata"


def test_to_dict_is_the_json_contract(engine: duplicata.Engine) -> None:
    d = engine.evaluate(NAQ_2019)
    assert d.to_dict() == json.loads(d.to_json()) == json.loads(d.to_json(indent=True))
    assert d.to_dict()["fees"]["total"] == "47.76"


def test_results_are_frozen(engine: duplicata.Engine) -> None:
    d = engine.evaluate(NAQ_2019)
    assert d.fees is not None
    with pytest.raises(AttributeError):
        d.fees.total = Decimal(0)  # type: ignore[misc]
    with pytest.raises(TypeError):
        d.trace[0].values["x"] = 1  # type: ignore[index]
    with pytest.raises(TypeError):
        d.procedure["channel"] = "post"  # type: ignore[index]
    with pytest.raises(AttributeError):
        d.x = 1  # type: ignore[attr-defined]


def test_the_notebook_view_shows_every_line_with_its_source(engine: duplicata.Engine) -> None:
    d = engine.evaluate(NAQ_2019)
    html = d._repr_html_()
    assert d.fees is not None
    for line in d.fees.lines:
        assert f"<td>{line.code}</td>" in html
    assert "47.76" in html and "41.00" in html
    assert d.fees.line("Y1").source.split(",")[0] in html


def test_json_text_bytes_and_typed_requests_agree(engine: duplicata.Engine) -> None:
    typed = Request.carte_grise(
        date=datetime.date(2019, 6, 1),
        department="33",
        plate="AB-123-CD",
        category=Category.CAR,
        energy="petrol",
    )
    expected = engine.evaluate(NAQ_2019).to_dict()
    assert engine.evaluate(typed).to_dict() == expected
    assert engine.evaluate(json.dumps(NAQ_2019)).to_dict() == expected
    assert engine.evaluate(json.dumps(NAQ_2019).encode()).to_dict() == expected
    assert engine.evaluate({**NAQ_2019, "date": datetime.date(2019, 6, 1)}).to_dict() == expected
    assert typed.to_dict()["vehicle"] == {
        "plate": "AB-123-CD",
        "category": "car",
        "energy": "petrol",
        "stolen": False,
    }
    with pytest.raises(dataclasses.FrozenInstanceError):
        typed.date = datetime.date(2020, 1, 1)  # type: ignore[misc]


def test_the_fast_path_matches_the_decision(engine: duplicata.Engine) -> None:
    f = engine.fees(
        date=datetime.date(2019, 6, 1), department="33", plate="ab123cd", category="car", energy=Energy.PETROL
    )
    assert (f.y1, f.y4, f.y5, f.total) == (
        Decimal("41.00"),
        Decimal("4.00"),
        Decimal("2.76"),
        Decimal("47.76"),
    )
    assert (f.regime, f.confidence, f.status, f.conversion) == ("cgi", "high", "known", False)
    later = engine.fees(
        date=datetime.date(2023, 1, 1), department=None, plate="AB-123-CD", category="car", energy="petrol"
    )
    assert later.total == Decimal("13.76")


def test_rate_known_and_unknown(engine: duplicata.Engine) -> None:
    r = engine.rate("33", datetime.date(2019, 6, 1))
    assert (r.status, r.rate, r.zone, r.region) == ("known", Decimal("41.00"), "NAQ", "NAQ")
    assert r.source and r.valid_from <= datetime.date(2019, 6, 1)
    # A single rate has no components; a composite one is the sum of its parts: Île-de-France from
    # 2026-03-01 is 54.95 € plus the 14 € IDFM majoration (CIBS L421-54-1; facts.md §1.5).
    assert r.components == ()
    idf = engine.rate("75", datetime.date(2026, 6, 1))
    assert [c.amount for c in idf.components] == [Decimal("54.95"), Decimal("14.00")]
    assert sum((c.amount for c in idf.components), Decimal(0)) == idf.rate == Decimal("68.95")
    # Aquitaine 2011-2014 is a documented gap (facts.md §2.2: 29 € in 2010, 36 € in 2015).
    gap = engine.rate("33", datetime.date(2012, 6, 1))
    assert (gap.status, gap.rate) == ("unknown", None)
    assert gap.known_before is not None and gap.known_after is not None
    assert (gap.known_before.rate, gap.known_after.rate) == (Decimal("29.00"), Decimal("36.00"))
    with pytest.raises(duplicata.UnknownDepartmentError):
        engine.rate("20", datetime.date(2019, 6, 1))


def test_zones_carry_the_rate_history(engine: duplicata.Engine) -> None:
    zones = engine.zones()
    naq = next(z for z in zones if z.code == "NAQ")
    assert "33" in naq.departments
    on = datetime.date(2019, 6, 1)
    period = next(p for p in naq.rates if p.valid_from <= on and (p.valid_to is None or on <= p.valid_to))
    assert period.rate == engine.rate("33", on).rate


def test_parse_plate() -> None:
    p = duplicata.parse_plate("ab123cd")
    assert (p.system, p.normalized, p.department) == ("siv", "AB-123-CD", None)
    assert duplicata.parse_plate("123 ab 45").system == "fni"
    assert duplicata.parse_plate("AB-123-CD") == p
    with pytest.raises(duplicata.InvalidPlateError):
        duplicata.parse_plate("AB-1")


# The Nouvelle-Aquitaine rate of 2017-2022 in core/params/duplicata.toml (41 €, SP-F19211-2019).
NAQ_RATE_LINE = 'per_cv = "41", confidence = "high", source = "SP-F19211-2019, SP-F19211-2020, S21, S22"'


def test_another_parameter_file_changes_the_fees(tmp_path: Path) -> None:
    text = PARAMS.read_text(encoding="utf-8")
    assert text.count(NAQ_RATE_LINE) == 1
    path = tmp_path / "naq-45.toml"
    path.write_text(text.replace(NAQ_RATE_LINE, NAQ_RATE_LINE.replace('"41"', '"45"')), encoding="utf-8")
    base = duplicata.Engine.from_file(PARAMS)
    assert base.fingerprint == duplicata.Engine().fingerprint
    assert base.evaluate(NAQ_2019).total == Decimal("47.76")
    # The file read is the one given: 45 € instead of 41 € for Y1, the rest unchanged.
    other = duplicata.Engine.from_file(path)
    assert other.fingerprint != base.fingerprint
    d = other.evaluate(NAQ_2019)
    assert d.fees is not None and d.fees.line("Y1").amount == Decimal("45.00")
    assert d.total == Decimal("51.76")
    assert duplicata.Engine.from_toml(path.read_text(encoding="utf-8")).fingerprint == other.fingerprint
    assert duplicata.Engine.from_toml(text).fingerprint == base.fingerprint


def test_version_is_the_workspace_version() -> None:
    cargo = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    assert f'version = "{duplicata.__version__}"' in cargo
