"""What a reader sees: tables, preformatted text, banners, exercise feedback, the error for a name not among the
choices; HTML in a notebook, plain text elsewhere. Imports nothing of the package, so every module can use it."""

import difflib
import html
import sys
import warnings
from dataclasses import dataclass


class UnknownNameError(KeyError, ValueError):
    """A name that is not one of the choices (a dataset, a model, a photo...); the message lists them."""

    def __str__(self):
        return str(self.args[0])


def choose(name, choices, what: str):
    """``choices[name]`` (``choices`` a dict; a list: the choice itself), in any case, else an
    :class:`UnknownNameError` naming the closest and all choices: ``choose("mnsit", DATASETS, "dataset")``."""
    keys = {str(key).lower(): key for key in choices}
    key = keys.get(name.lower(), name) if isinstance(name, str) else name
    try:
        return choices[key] if isinstance(choices, dict) else choices[list(choices).index(key)]
    except (KeyError, TypeError, ValueError):
        close = difflib.get_close_matches(str(name), [str(key) for key in choices], n=3)
        hint = f" Did you mean {' or '.join(close)}?" if close else ""
        raise UnknownNameError(f"Unknown {what} {name!r}.{hint} Choose one of: "
                               f"{', '.join(map(str, choices))}.") from None


def as_names(names) -> list:
    """A list of names from a list, or from one name alone: ``as_names("mnist") == ["mnist"]``."""
    return [names] if isinstance(names, str) else list(names)


class Table:
    """Rows of cells, with an optional header (else the first column heads each row), caption and note:
    ``Table([(1, "espresso", "97.4 %")], header=("id", "class", "probability"), caption="Top 1")``."""

    def __init__(self, rows, header=None, caption: str | None = None, note: str | None = None):
        self.rows = [tuple(row) for row in rows]
        self.header = tuple(header) if header is not None else None
        self.caption, self.note = caption, note
        widths = {len(row) for row in self.rows + ([self.header] if self.header else [])}
        if len(widths) > 1:
            raise ValueError(f"Every row needs the same number of cells; got rows of {sorted(widths)} cells.")

    @staticmethod
    def _cell(value, tag="td"):
        align = "right" if isinstance(value, (int, float)) and not isinstance(value, bool) else "left"
        return f"<{tag} style='text-align:{align};vertical-align:top'>{html.escape(str(value))}</{tag}>"

    def _repr_html_(self):
        parts = ["<table class='kerastour-table'>"]
        if self.caption:
            parts.append(f"<caption style='caption-side:top;text-align:left'>{html.escape(self.caption)}</caption>")
        head = "".join(self._cell(h, "th") for h in self.header or ())
        parts.append((f"<thead><tr>{head}</tr></thead>" if self.header else "") + "<tbody>")
        for row in self.rows:
            first = self._cell(row[0], "td" if self.header else "th")
            parts.append("<tr>" + first + "".join(self._cell(v) for v in row[1:]) + "</tr>")
        parts.append("</tbody></table>" + (f"<p>{html.escape(self.note)}</p>" if self.note else ""))
        return "".join(parts)

    def __repr__(self):
        lines = ([self.header] if self.header else []) + self.rows
        widths = [max(len(str(line[i])) for line in lines) for i in range(len(lines[0]))] if lines else []
        text = ["  ".join(str(v).ljust(w) for v, w in zip(line, widths)).rstrip() for line in lines]
        if self.header:
            text.insert(1, "  ".join("-" * w for w in widths))
        return "\n".join(([self.caption] if self.caption else []) + text + ([self.note] if self.note else []))


@dataclass
class Preformatted:
    """Text a notebook shows as is, after an optional one-line note in italics: ``Preformatted(summary, note)``."""

    text: str
    note: str = ""

    def __str__(self):
        return f"{self.note}\n{self.text}" if self.note else self.text

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        note = f"<p><em>{html.escape(self.note)}</em></p>" if self.note else ""
        return f"{note}<pre>{html.escape(self.text)}</pre>"


@dataclass
class Banner:
    """A visible notice in a notebook's output: what the data really is."""

    source: str
    text: str
    LABELS = {"synthetic": "Made-up stand-in, not real data", "offline-subset": "Real data, not Keras's complete dataset"}

    def __repr__(self):
        return f"[{self.LABELS.get(self.source, self.source)}] {self.text}"

    def _repr_html_(self):
        colour = "#b45309" if self.source == "synthetic" else "#1d4ed8"
        label, text = html.escape(self.LABELS.get(self.source, "Data source")), html.escape(self.text)
        return (f'<div class="kerastour-banner" style="border-left:6px solid {colour};background:#f8fafc;'
                f'padding:0.5em 1em;margin:0.5em 0"><strong>{label}:</strong> {text}</div>')


def show(notice, category=UserWarning, stacklevel: int = 2):
    """Display ``notice`` in a notebook; elsewhere, warn with its text (a ``category`` warning)."""
    shell = getattr(sys.modules.get("IPython"), "get_ipython", lambda: None)()
    if shell is None:
        return warnings.warn(repr(notice), category, stacklevel=stacklevel + 1)
    from IPython.display import display  # IPython is there: a notebook
    display(notice)


LOOKS = {"Right": ("&#10004;", "#15803d"), "Not yet": ("&#10008;", "#b91c1c"), "Your turn": ("&#9998;", "#1d4ed8")}


@dataclass(frozen=True)
class Feedback:
    """An exercise's verdict (a key of ``LOOKS``) and message; shown in colour in a notebook."""

    exercise_id: str
    verdict: str
    message: str

    def __bool__(self):
        return self.verdict == "Right"

    def __repr__(self):
        return f"{self.verdict} ({self.exercise_id}): {self.message}"

    def _repr_html_(self):
        mark, colour = LOOKS[self.verdict]
        parts = html.escape(self.message).split("`")  # `backticked` parts shown as code
        text = "".join(f"<code>{part}</code>" if i % 2 else part for i, part in enumerate(parts))
        return f'<p style="color:{colour}"><strong>{mark} {self.verdict}</strong> {text}</p>'
