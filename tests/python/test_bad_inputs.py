"""The bad-input corpus (tests/bad-inputs/README.md): each hostile request, given as text and as
bytes, raises a DuplicataError with its code and field, and a French message free of the JSON
parser's English."""

from __future__ import annotations

from pathlib import Path

import duplicata
import pytest
from conftest import ROOT

CORPUS = ROOT / "tests" / "bad-inputs"
ENGLISH = ("EOF", "while parsing", "expected", "invalid type", "invalid value", "unknown field",
           "missing field", " at line ", "trailing", "recursion")  # fmt: skip


def _cases() -> list[tuple[Path, str, str]]:
    out = []
    for part in ("generated", "hand"):
        for line in (CORPUS / part / "expected.tsv").read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                file, code, field = line.split("\t")
                out.append((CORPUS / file, code, field))
    return out


CASES = _cases()


def test_the_corpus_is_large() -> None:
    assert len(CASES) >= 300


def _check(e: duplicata.DuplicataError, code: str, field: str) -> None:
    assert e.code == code, (e.code, e.field, e.message_en)
    if field == "-":
        assert not e.field
    elif field != "*":
        assert e.field == field, (e.code, e.field, e.message_en)
    assert e.message_fr and e.message_en and "\n" not in e.message_fr
    assert not [w for w in ENGLISH if w in e.message_fr], e.message_fr


@pytest.mark.parametrize(("path", "code", "field"), CASES, ids=[c[0].name for c in CASES])
def test_each_bad_input_gets_its_code_and_field(
    engine: duplicata.Engine, path: Path, code: str, field: str
) -> None:
    data = path.read_bytes()
    # Bytes that are not UTF-8, or hold a NUL, are not JSON text: request.invalid_json.
    expected = "request.invalid_json" if code in ("not-utf8", "nul-byte") else code
    with pytest.raises(duplicata.DuplicataError) as bytes_error:
        engine.evaluate(data)
    _check(bytes_error.value, expected, "*" if code == "not-utf8" else field)
    if code != "not-utf8":
        with pytest.raises(duplicata.DuplicataError) as text_error:
            engine.evaluate(data.decode("utf-8"))
        _check(text_error.value, expected, field)
