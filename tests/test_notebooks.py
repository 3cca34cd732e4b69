"""The stored notebooks as readers get them (Colab, local Jupyter, the HTML book)."""

import json
from pathlib import Path

import pytest

CHAPTERS = sorted((Path(__file__).resolve().parents[1] / "chapters").glob("*.ipynb"))


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_stored_as_the_book_shows_them_with_no_widget_state(path):
    """`make notebooks` stores what the book shows (KERASTOUR_BOOK=1): each picker pre-rendered as
    HTML, no live widget and no saved widget state (`make test` builds the book from these outputs)."""
    notebook = json.loads(path.read_text())
    assert "widgets" not in notebook["metadata"], "saved widget state: run `make notebooks`"
    outputs = [o for c in notebook["cells"] for o in c.get("outputs", [])]
    assert not [o for o in outputs if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    pickers = [c for c in notebook["cells"] if c["cell_type"] == "code" and "picker(" in "".join(c["source"])]
    for cell in pickers:
        html = ["".join(o["data"]["text/html"]) for o in cell.get("outputs", []) if "text/html" in o.get("data", {})]
        assert any("class='kt-picker'" in h for h in html), "a picker stored without its pre-rendered options"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_every_figure_can_be_described(path):
    """Each image output is a figure with a title (book.py writes it into the PNG) or a cell with
    alt text (metadata mystnb.image.alt): the book's alt text comes from one of them."""
    import base64
    import io

    from PIL import Image

    notebook = json.loads(path.read_text())
    nameless = []
    for index, cell in enumerate(notebook["cells"]):
        alt = cell.get("metadata", {}).get("mystnb", {}).get("image", {}).get("alt")
        for output in cell.get("outputs", []):
            png = output.get("data", {}).get("image/png")
            if png and not alt and not Image.open(io.BytesIO(base64.b64decode(png))).text.get("Title"):
                nameless.append(index)
    assert not nameless, f"cells {nameless} of {path.name}: a figure with no title and no alt text"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.name)
def test_no_stored_tracebacks_or_stderr(path):
    notebook = json.loads(path.read_text())
    bad = [i for i, c in enumerate(notebook["cells"]) for o in c.get("outputs", [])
           if o.get("output_type") == "error" or o.get("name") == "stderr"]
    assert not bad, f"cells {bad} of {path.name} store a traceback or stderr"
