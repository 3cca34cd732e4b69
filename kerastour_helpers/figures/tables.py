"""The book's one table helper (HTML in a notebook, aligned text elsewhere), and preformatted text."""

import html
from dataclasses import dataclass


class Table:
    """Rows of cells, with an optional header (else the first column heads each row), caption and note.

    Example::

        Table([(1, "espresso", "97.4 %")], header=("id", "class", "probability"), caption="Top 1")
    """

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
    """Text a notebook shows as is, after an optional one-line note in italics.

    Example::

        Preformatted(model_summary, note="plot_model cannot draw here, so here is the model as text.")
    """

    text: str
    note: str = ""

    def __str__(self):
        return f"{self.note}\n{self.text}" if self.note else self.text

    def _repr_pretty_(self, p, cycle):
        p.text(str(self))

    def _repr_html_(self):
        note = f"<p><em>{html.escape(self.note)}</em></p>" if self.note else ""
        return f"{note}<pre>{html.escape(self.text)}</pre>"
