"""docs/python.md: every ``python`` block runs, in order, in one namespace (a doc that no longer
matches the API fails here)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from conftest import ROOT

DOC = ROOT / "docs" / "python.md"


def blocks(text: str) -> list[tuple[int, str]]:
    """The ``python`` fenced blocks of a Markdown text, with the line each starts on."""
    out = []
    for m in re.finditer(r"^```python\n(.*?)^```", text, flags=re.S | re.M):
        out.append((text.count("\n", 0, m.start()) + 2, m.group(1)))
    return out


def test_the_page_has_python_blocks() -> None:
    assert len(blocks(DOC.read_text(encoding="utf-8"))) >= 8


def test_every_python_block_of_the_doc_runs(tmp_path: Path) -> None:
    namespace: dict[str, object] = {"__name__": "docs_python"}
    cwd = Path.cwd()
    os.chdir(tmp_path)
    try:
        for line, code in blocks(DOC.read_text(encoding="utf-8")):
            try:
                exec(compile(code, f"{DOC}:{line}", "exec"), namespace)
            except Exception as e:
                raise AssertionError(f"the block of docs/python.md at line {line} fails: {e!r}") from e
    finally:
        os.chdir(cwd)
