import pytest

from kerastour_helpers.display import Table


def test_facts_table_has_row_headers_and_escapes_html():
    html = Table([("Dataset", "<MNIST>"), ("Examples", 70000)], caption="Facts")._repr_html_()
    assert "<th style='text-align:left;vertical-align:top'>Dataset</th>" in html
    assert "&lt;MNIST&gt;" in html and "<MNIST>" not in html
    assert "text-align:right;vertical-align:top'>70000" in html and "<caption" in html


def test_table_with_header_reads_as_text_too():
    table = Table([("MobileNet", 4.3), ("VGG16", 528)], header=("model", "MB"), note="keras.io")
    assert repr(table).splitlines() == ["model      MB", "---------  ---", "MobileNet  4.3", "VGG16      528", "keras.io"]
    assert "<thead><tr><th" in table._repr_html_()


def test_ragged_rows_are_refused():
    with pytest.raises(ValueError, match="same number of cells"):
        Table([(1, 2), (3,)])
