"""The chapters' typed training settings are the ones the validation search chose (benchmarks/settings_search.py),
and the record that says so is consistent with itself and with the search's current grid."""

import ast
import importlib.util
import json
import re
from pathlib import Path

import pytest

import kerastour_helpers as kt
from kerastour_helpers import searches

ROOT = Path(__file__).resolve().parents[1]


def _mean(values):
    return sum(values) / len(values)


def _cells(chapter: str) -> list:
    return ["".join(c["source"]) for c in json.loads((ROOT / "chapters" / chapter).read_text())["cells"]
            if c["cell_type"] == "code"]


def _benchmark():
    spec = importlib.util.spec_from_file_location("settings_search", ROOT / "benchmarks" / "settings_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def record():
    return searches._record()


def test_the_record_covers_the_search_grid_and_seeds(record):
    bench = _benchmark()
    convnet, reuters = record["mnist_convnet"], record["reuters"]
    assert [(p["width"], p["learning_rate"]) for p in convnet["grid"]] == [
        (w, lr) for w in bench.CONVNET_WIDTHS for lr in bench.CONVNET_LEARNING_RATES]
    assert [(p["model"], p["learning_rate"]) for p in reuters["grid"]] == [
        (m, lr) for m in bench.REUTERS_MODELS for lr in bench.REUTERS_LEARNING_RATES]
    for search in (convnet, reuters):
        assert search["seeds"] == bench.SEEDS
        assert all(len(v) == len(bench.SEEDS) for p in search["grid"] for k, v in p.items() if isinstance(v, list))


def test_each_choice_is_the_best_point_of_its_grid(record):
    convnet = record["mnist_convnet"]
    assert convnet["max_width"] == _benchmark().CONVNET_MAX_WIDTH
    allowed = [p for p in convnet["grid"] if p["width"] <= convnet["max_width"]]
    assert len(allowed) < len(convnet["grid"])  # wider ones are measured too, to show what the budget costs
    best = max(allowed, key=lambda p: _mean(p["val_accuracy"]))
    assert convnet["chosen"] == {"width": best["width"], "learning_rate": best["learning_rate"]}
    reuters = record["reuters"]
    for model, rate in reuters["chosen"].items():
        points = [p for p in reuters["grid"] if p["model"] == model]
        assert rate == min(points, key=lambda p: _mean(p["val_loss"]))["learning_rate"]


def _typed_learning_rates(chapter: str) -> dict:
    source = next(s for s in _cells(chapter) if re.search(r"^learning_rates = \{", s, re.M))
    assign = next(node for node in ast.parse(source).body
                  if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == "learning_rates")
    return ast.literal_eval(assign.value)


def test_the_architecture_chapter_types_the_chosen_reuters_rates(record):
    assert _typed_learning_rates("architecture.ipynb") == record["reuters"]["chosen"]


@pytest.mark.parametrize("chapter", ["architecture.ipynb", "datasets.ipynb"])
def test_the_convnet_is_trained_with_the_chosen_width_and_rate(record, chapter):
    chosen = record["mnist_convnet"]["chosen"]
    code = "\n".join(_cells(chapter))
    assert re.search(rf"def build_convnet\(input_shape, num_classes, width={chosen['width']}\)", code)
    rates = {float(r) for r in re.findall(r"CosineDecay\(([0-9.e-]+), decay_steps", code)}
    assert rates == {chosen["learning_rate"]}


def test_the_printed_record_fits_a_phone_and_marks_each_choice(record):
    convnet, reuters = str(kt.settings_search("mnist_convnet")), str(kt.settings_search("reuters"))
    for text in (convnet, reuters):
        assert max(len(line) for line in text.splitlines()) <= searches.WIDTH
        assert "not the test set" in " ".join(text.split())
    chosen_rows = [[line for line in text.splitlines() if line.endswith(" chosen")] for text in (convnet, reuters)]
    assert len(chosen_rows[0]) == 1 and chosen_rows[0][0].split()[:2] == [
        str(record["mnist_convnet"]["chosen"]["width"]), f'{record["mnist_convnet"]["chosen"]["learning_rate"]:g}']
    assert {tuple(line.split()[:2]) for line in chosen_rows[1]} == {
        (model, f"{rate:g}") for model, rate in record["reuters"]["chosen"].items()}


def test_an_unknown_search_names_the_choices():
    with pytest.raises(KeyError, match="reuters"):
        kt.settings_search("reuter")


def test_no_reuters_choice_lies_at_an_end_of_the_grid(record):
    # a choice at an end would mean the grid stopped too soon (the architecture chapter discusses how close one comes)
    rates = sorted({p["learning_rate"] for p in record["reuters"]["grid"]})
    assert all(rates[0] < rate < rates[-1] for rate in record["reuters"]["chosen"].values())
