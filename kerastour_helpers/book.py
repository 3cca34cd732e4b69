"""The book's build (``KERASTOUR_BOOK=1``, ``make book``): pickers render every option (widgets/pickers.py)
and each figure's PNG carries its title, which _ext/kerastour_html.py makes the image's alt text."""

import os


def book_mode() -> bool:  # True while the book is built
    return os.environ.get("KERASTOUR_BOOK", "").strip().lower() in ("1", "true", "yes")


def figure_title(fig) -> str:
    """A figure's title (its suptitle, else its panels' titles), or "" when it has none."""
    if getattr(fig, "_suptitle", None) and fig._suptitle.get_text():
        return fig._suptitle.get_text()
    return "; ".join(ax.get_title().replace("\n", " ") for ax in fig.axes if ax.get_title())[:300]


def title_figures_in_pngs():
    """In a notebook kernel, write each figure's title into its PNG (a 'Title' text chunk), by wrapping
    the ``print_figure`` that IPython's formatters (and matplotlib's inline backend) call."""
    try:
        from IPython import get_ipython
        from IPython.core import pylabtools
        from matplotlib.figure import Figure
    except ImportError:
        return
    original = pylabtools.print_figure
    if get_ipython() is None or getattr(original, "titles_figures", False):
        return

    def print_figure(fig, fmt="png", *args, **kwargs):
        if fmt == "png":
            kwargs.setdefault("metadata", {"Title": figure_title(fig)})
        return original(fig, fmt, *args, **kwargs)

    print_figure.titles_figures = True
    pylabtools.print_figure = print_figure
    get_ipython().display_formatter.formatters["image/png"].for_type(
        Figure, lambda fig: print_figure(fig, "png", bbox_inches="tight"))
