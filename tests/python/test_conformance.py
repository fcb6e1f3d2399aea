"""The conformance corpus (tests/cases/) through Python, compared byte for byte with the core's own
answers (written by ``core/examples/corpus_reference.rs``). Only the core's conformance test
(``core/tests/conformance.rs``) interprets a case's ``expect``: a surface has to give the same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import duplicata
import pytest
from conftest import CASES, ROOT

CASE_FILES = sorted(CASES.glob("*.json"))


@pytest.fixture(scope="session")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The directory of the core's answers, one ``NAME.json`` per case.

    ``DUPLICATA_REFERENCE_DIR`` may name one already written; otherwise the core's example writes it.
    """
    given = os.environ.get("DUPLICATA_REFERENCE_DIR")
    if given:
        return Path(given)
    cargo = shutil.which("cargo")
    if cargo is None:
        pytest.fail("cargo is needed to write the core's reference answers")
    out = tmp_path_factory.mktemp("reference")
    (out / "requests").mkdir()
    (out / "expected").mkdir()
    subprocess.run(
        [
            cargo,
            "run",
            "-q",
            "--release",
            "-p",
            "duplicata-core",
            "--example",
            "corpus_reference",
            "--",
            str(CASES),
            str(out / "requests"),
            str(out / "expected"),
        ],
        cwd=ROOT,
        check=True,
    )
    return out / "expected"


def _answer(engine: duplicata.Engine, request: str) -> tuple[str | None, dict[str, Any] | None]:
    """Python's decision JSON text, or its error as the contract's error object."""
    try:
        return engine.evaluate(request).to_json(), None
    except duplicata.DuplicataError as e:
        error: dict[str, Any] = {"code": e.code}
        if e.field is not None:
            error["field"] = e.field
        error["message_fr"] = e.message_fr
        error["message_en"] = e.message_en
        return None, error


def test_the_corpus_is_there() -> None:
    assert len(CASE_FILES) >= 60, f"the corpus has {len(CASE_FILES)} cases"


@pytest.mark.parametrize("path", CASE_FILES, ids=[p.stem for p in CASE_FILES])
def test_case_gives_the_core_bytes(engine: duplicata.Engine, reference: Path, path: Path) -> None:
    case = json.loads(path.read_text(encoding="utf-8"))
    request = json.dumps(case["request"], separators=(",", ":"), ensure_ascii=False)
    want = (reference / path.name).read_text(encoding="utf-8")
    decision, error = _answer(engine, request)
    if error is None:
        assert decision == want
        # The dict form of the request gives the same answer as its JSON text.
        assert engine.evaluate(case["request"]).to_dict() == json.loads(want)
    else:
        assert "error" in json.loads(want), f"Python refuses, the core answers: {error}"
        core = json.loads(want)["error"]
        assert {k: core.get(k) for k in error} == error
        with pytest.raises(duplicata.DuplicataError) as info:
            engine.evaluate(case["request"])
        assert (info.value.code, info.value.field) == (error["code"], error.get("field"))
