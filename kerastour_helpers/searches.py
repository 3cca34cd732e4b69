"""Where the chapters' typed training settings come from: the record that ``benchmarks/settings_search.py``
writes after trying a small grid on validation data (3 seeds a point), shown as short lines a phone can read."""

import json
import statistics
import textwrap
from dataclasses import dataclass
from importlib import resources

from .display import choose

WIDTH = 38  # characters: what a displayed result (a padded output block) shows at 390 px


def _record() -> dict:
    return json.loads(resources.files(__package__).joinpath("records/settings_search.json").read_text())


def _mean_sd(values) -> tuple:
    return statistics.mean(values), statistics.stdev(values)  # the sample sd, over the seeds


@dataclass(frozen=True)
class SearchResult:
    """One search: its grid, what it measured, and the setting it chose (``.chosen``)."""

    name: str
    record: dict

    @property
    def chosen(self) -> dict:
        return self.record["chosen"]

    def _rows(self) -> list:
        rows = []
        if self.name == "mnist_convnet":
            rows.append(f"{'width':>5} {'rate':6}{'val. accuracy':15}{'fit':>4}")
            for point in self.record["grid"]:
                mean, sd = _mean_sd(point["val_accuracy"])
                seconds = sorted(point["seconds"])[len(point["seconds"]) // 2]  # the median run
                mark = ("chosen" if {k: point[k] for k in self.chosen} == self.chosen
                        else "(over)" if point["width"] > self.record["max_width"] else "")
                rows.append(f"{point['width']:5} {point['learning_rate']:<6g}{mean:.2%} ±{sd:.2%} "
                            f"{seconds:2.0f} s {mark}".rstrip())
            rows.append(textwrap.fill(f"fit: the median run's seconds of training on this machine; (over): wider "
                                      f"than the time budget allows ({self.record['max_width']}), shown, not chosen.",
                                      WIDTH))
        else:
            rows.append(f"{'model':13}{'rate':6}val. loss")
            for point in self.record["grid"]:
                mean, sd = _mean_sd(point["val_loss"])
                mark = "chosen" if self.chosen[point["model"]] == point["learning_rate"] else ""
                rows.append(f"{point['model']:13}{point['learning_rate']:<6g}{mean:.3f} ±{sd:.3f} {mark}".rstrip())
        return rows

    def __str__(self):
        r = self.record
        intro = (f"Chosen on validation data, not the test set: {r['data']}; {len(r['seeds'])} seeds a point; "
                 f"{r['criterion']}, mean ± sd over the seeds (benchmarks/settings_search.py, Keras {r['keras']}, "
                 f"{r['backend']}, {r['date']}).")
        return textwrap.fill(intro, WIDTH) + "\n" + "\n".join(self._rows())

    __repr__ = __str__

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))


def settings_search(name: str) -> SearchResult:
    """The validation search behind a chapter's settings: ``settings_search("reuters").chosen["gru"]``."""
    record = _record()
    key = choose(name, list(record), "settings search")
    return SearchResult(key, record[key])
