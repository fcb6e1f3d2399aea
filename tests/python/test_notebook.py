"""examples/python/analyst.ipynb runs from top to bottom (nbclient, a fresh Python kernel).

nbformat and nbclient are installed by scripts/setup-python.sh: a missing one is an error, not a skip."""

from __future__ import annotations

import nbclient
import nbformat
from conftest import ROOT

NOTEBOOK = ROOT / "examples" / "python" / "analyst.ipynb"


def test_the_analyst_notebook_runs() -> None:
    nb = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]  # nbformat has no annotations
    assert all(not c.get("outputs") for c in nb.cells if c.cell_type == "code"), "outputs are stripped in git"
    client = nbclient.NotebookClient(
        nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert images, "the what-if chart is drawn"
