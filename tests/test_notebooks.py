"""The stored notebooks as readers get them (Colab, local Jupyter, the HTML book)."""

import json
from pathlib import Path

import pytest

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_saved_widget_state_belongs_to_widgets_on_the_page(path):
    """A picker removed from a chapter must not leave its saved state behind (the HTML would promise
    dropdowns that never render)."""
    notebook = json.loads(path.read_text())
    state = notebook["metadata"].get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    views = [o for c in notebook["cells"] for o in c.get("outputs", [])
             if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert bool(state.get("state")) == bool(views)


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_stored_tracebacks_or_stderr(path):
    notebook = json.loads(path.read_text())
    bad = [i for i, c in enumerate(notebook["cells"]) for o in c.get("outputs", [])
           if o.get("output_type") == "error" or o.get("name") == "stderr"]
    assert not bad, f"cells {bad} of {path.name} store a traceback or stderr"
