"""The conformance corpus (tests/cases/) through Python: the checker of core/tests/conformance.rs,
ported rule for rule (tests/cases/README.md), unknown expect keys included."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duplicata
import pytest
from conftest import CASES


def _codes(v: Any) -> set[str]:
    return (
        {x["code"] for x in v if isinstance(x, dict) and isinstance(x.get("code"), str)}
        if isinstance(v, list)
        else set()
    )


def _strings(v: Any) -> set[str]:
    return {x for x in v if isinstance(x, str)} if isinstance(v, list) else set()


def _get(obj: Any, key: str) -> Any:
    return obj.get(key) if isinstance(obj, dict) else None


def check(expect: dict[str, Any], outcome: dict[str, Any], error: dict[str, Any] | None) -> list[str]:
    """Every mismatch between ``expect`` and a decision (or an error) as JSON objects."""
    bad: list[str] = []
    want_error = expect.get("error")
    if error is not None:
        if want_error is None:
            return [f"unexpected error {error}"]
        if error.get("code") != want_error.get("code"):
            bad.append(f"error code {error.get('code')} != expected {want_error.get('code')}")
        if "field" in want_error and error.get("field") != want_error["field"]:
            bad.append(f"error field {error.get('field')} != expected {want_error['field']}")
        return bad
    if want_error is not None:
        return [f"expected error {want_error}, got a decision"]
    decision = outcome
    for key, want in expect.items():
        if key == "fees":
            fees = _get(decision, "fees")
            for k, w in want.items():
                if k in ("total", "status", "confidence", "regime", "highest_event_only"):
                    if _get(fees, k) != w:
                        bad.append(f"fees.{k} = {_get(fees, k)} (expected {w})")
                elif k in ("lines", "line_confidence"):
                    field = "amount" if k == "lines" else "confidence"
                    lines = _get(fees, "lines") or []
                    for code, wl in w.items():
                        line = next((ln for ln in lines if ln.get("code") == code), None)
                        if line is None:
                            bad.append(f"fees line {code} missing")
                        elif line.get(field) != wl:
                            bad.append(f"fees {code}.{field} = {line.get(field)} (expected {wl})")
                else:
                    bad.append(f"unknown expect key fees.{k}")
        elif key == "eligibility":
            el = _get(decision, "eligibility")
            for k, w in want.items():
                if k in ("eligible", "confidence"):
                    if _get(el, k) != w:
                        bad.append(f"eligibility.{k} = {_get(el, k)} (expected {w})")
                elif k == "reasons":
                    if _codes(_get(el, "reasons")) != _strings(w):
                        bad.append(f"eligibility.reasons = {_codes(_get(el, 'reasons'))} (expected {w})")
                elif k == "remedies_include":
                    have = _codes(_get(el, "remedies"))
                    bad += [f"remedy {c} missing from {have}" for c in _strings(w) if c not in have]
                else:
                    bad.append(f"unknown expect key eligibility.{k}")
        elif key in ("plate", "procedure"):
            part = _get(decision, key)
            for k, w in want.items():
                if _get(part, k) != w:
                    bad.append(f"{key}.{k} = {_get(part, k)} (expected {w})")
        elif key in ("documents", "validity"):
            items = _get(decision, key)
            have = _codes(items)
            for k, w in want.items():
                if k == "include":
                    bad += [f"{key}: {c} missing from {have}" for c in _strings(w) if c not in have]
                elif k == "exclude":
                    bad += [f"{key}: {c} present" for c in _strings(w) if c in have]
                elif k == "durations" and key == "validity":
                    for code, dur in w.items():
                        item = next((i for i in items or [] if i.get("code") == code), None)
                        if item is None or item.get("duration") != dur:
                            bad.append(f"validity {code} duration {_get(item, 'duration')} (expected {dur})")
                else:
                    bad.append(f"unknown expect key {key}.{k}")
        elif key == "cmi":
            cmi = _get(decision, "cmi")
            for k, w in want.items():
                if k in ("listed_titles", "fee"):
                    if _get(cmi, k) != w:
                        bad.append(f"cmi.{k} = {_get(cmi, k)} (expected {w})")
                elif k == "effects":
                    if _codes(_get(cmi, "effects")) != _strings(w):
                        bad.append(f"cmi.effects = {_codes(_get(cmi, 'effects'))} (expected {w})")
                else:
                    bad.append(f"unknown expect key cmi.{k}")
        elif key == "trace_rules":
            have = {e.get("rule") for e in _get(decision, "trace") or []}
            bad += [f"trace rule {r} missing" for r in _strings(want) if r not in have]
        elif key != "error":
            bad.append(f"unknown expect key {key}")
    return bad


def _run(engine: duplicata.Engine, request: Any) -> tuple[dict[str, Any], dict[str, Any] | None]:
    try:
        return json.loads(engine.evaluate(json.dumps(request)).to_json()), None
    except duplicata.DuplicataError as e:
        return {}, {"code": e.code, "field": e.field}


CASE_FILES = sorted(CASES.glob("*.json"))


def test_the_corpus_is_there() -> None:
    assert len(CASE_FILES) >= 60, f"the corpus has {len(CASE_FILES)} cases"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_holds(engine: duplicata.Engine, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    for k in ("name", "description", "source", "request", "expect"):
        assert k in case, f"{path.name}: missing {k}"
    decision, error = _run(engine, case["request"])
    assert check(case["expect"], decision, error) == []
    # The dict form of the request gives the same answer as its JSON text.
    if error is None:
        assert engine.evaluate(case["request"]).to_dict() == decision
    else:
        with pytest.raises(duplicata.DuplicataError) as info:
            engine.evaluate(case["request"])
        assert (info.value.code, info.value.field) == (error["code"], error["field"])


def test_the_checker_catches_mismatches() -> None:
    decision = {
        "fees": {"total": "47.76", "lines": [{"code": "Y1", "amount": "41.00", "confidence": "high"}]},
        "eligibility": {"eligible": True, "reasons": [], "remedies": []},
        "documents": [{"code": "identity_proof"}],
        "trace": [{"rule": "fees.regime"}],
    }
    wrong = {
        "fees": {"total": "13.76", "lines": {"Y1": "0.00"}},
        "eligibility": {"eligible": False},
        "documents": {"include": ["kbis"], "exclude": ["identity_proof"]},
        "trace_rules": ["fees.rounding"],
        "typo": True,
    }
    assert len(check(wrong, decision, None)) == 7
    assert check({"fees": {"totl": "1"}}, decision, None) == ["unknown expect key fees.totl"]
    assert check({"error": {"code": "x"}}, decision, None) != []
    assert check({}, {}, {"code": "plate.empty", "field": "vehicle.plate"}) != []
