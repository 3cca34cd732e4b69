"""Sphinx tweaks for the book's HTML pages, as readers get them (on a phone too, offline).

* No widget JavaScript: the pickers are pre-rendered HTML that switches with a few lines of script
  of its own (kerastour_helpers/widgets/pickers.py), so no page loads ipywidgets' 3.6 MB.
* Every image embedded in a page (the pickers' options) becomes a file in ``_images/``, so an option
  a reader never chooses is never downloaded; every output image gets alt text (its figure's
  title), a numbered caption and a link to its full-size file.
* ``KERASTOUR_STORED_OUTPUTS=1`` builds from the outputs stored in the notebooks instead of
  executing them (``make test``: nbval has just checked those outputs against the code).
* No FontAwesome JavaScript (1.5 MB, render-blocking): the theme's CSS already has the icons as
  a web font. _static/kerastour.css is added by Jupyter Book itself.
* MathJax (served from _static/vendor/mathjax/, not a CDN) only on pages with a formula.
* sphinx-thebe registers its inline configuration script twice under Jupyter Book 1.0.4, which
  the browser reports as an error: keep one copy.
* The theme's colour mode starts empty when the reader never chose one, which the theme reports
  as a console error: start it at "auto". Its search and colour buttons get names that match
  what they show (axe-core's label-content-name-mismatch).
* Code keeps its layout and tables scroll (``_static/kerastour.css``).
* Two editions, English and Chinese (``language = "zh_CN"``, built into ``zh_CN/`` beside the
  English pages by ``make book`` from ``scripts/translate.py source``): every page's header links to
  the same page in the other language, and this extension's own words are in the page's language.
"""

import base64
import hashlib
import html
import os
import re
from pathlib import Path

START = """if (!document.documentElement.dataset.mode) { document.documentElement.dataset.mode = 'auto'; }
function ktNameButtons() {  // icons are decoration: the buttons' names are their labels
  document.querySelectorAll('.theme-switch-button i, .theme-switch-button svg, .search-button i, .search-button svg')
    .forEach(function (icon) {
      icon.removeAttribute('title'); icon.removeAttribute('role'); icon.removeAttribute('aria-labelledby');
      icon.setAttribute('aria-hidden', 'true');
      icon.querySelectorAll('title').forEach(function (t) { t.remove(); });
    });
  document.querySelectorAll('.search-button-field').forEach(function (b) { b.removeAttribute('aria-label'); });
}
document.addEventListener('DOMContentLoaded', ktNameButtons);
window.addEventListener('load', ktNameButtons);
document.addEventListener('change', function (event) {  // a picker's newly shown pane: its wide blocks
  var picker = event.target.closest && event.target.closest('.kt-picker');  // reachable by keyboard, as
  if (!picker) return;  // the theme makes those shown at load (tabindex 0 where a block scrolls)
  picker.querySelectorAll('[data-choice]:not([hidden]) pre').forEach(function (block) {
    block.tabIndex = block.scrollWidth > block.clientWidth ? 0 : -1;
  });
});"""
EMBEDDED = re.compile(r'<img (src|data-src)="data:image/(png|jpeg);base64,([A-Za-z0-9+/=]+)"([^>]*)>')
OUTPUT_IMAGE = re.compile(r'<img alt="([^"]*)" src="([^"]*_images/([^"/]+\.png))"([^>]*)>')


def _title(app, name: str) -> str:
    """The title a figure's PNG carries (kerastour_helpers/book.py writes it), or ""."""
    sources = {dest: src for src, dest in app.builder.images.items()}
    if name not in sources or not name.endswith(".png"):
        return ""
    from PIL import Image

    with Image.open(os.path.join(app.srcdir, sources[name])) as image:
        return image.text.get("Title", "") if hasattr(image, "text") else ""


# The other edition of each page, in its own language; this extension's words in each language.
EDITIONS = {
    "en": {"other": ("zh-CN", "中文", "本页的中文版"), "figure": "Figure {}. ", "zoom": "Open the full-size image",
           "search": "Search this book..."},
    "zh_CN": {"other": ("en", "English", "This page in English"), "figure": "图 {}：", "zoom": "查看原尺寸图片",
              "search": "搜索本书……"},
}


def _words(app) -> dict:
    return EDITIONS["zh_CN" if (app.config.language or "").startswith("zh") else "en"]


def _counterpart(app, pagename: str) -> str:
    """The same page in the other edition: the Chinese book is the folder zh_CN/ of the English one."""
    up = "../" * pagename.count("/")
    return f"{up}../{pagename}.html" if _words(app) is EDITIONS["zh_CN"] else f"{up}zh_CN/{pagename}.html"


def _output_image(app, match, number: int) -> str:
    """An output image with alt text that says what it shows, a numbered caption, and a link to its
    full-size file."""
    alt, src, name, rest = match.groups()
    if alt == src or alt.endswith(name) or not alt:
        alt = html.escape(_title(app, name)) or alt
    words = _words(app)
    caption = "" if alt.endswith(name) else f"<figcaption>{words['figure'].format(number)}{alt}</figcaption>"
    return (f'<figure class="kt-figure"><a class="kt-zoom" href="{src}" title="{words["zoom"]}">'
            f'<img alt="{alt}" src="{src}"{rest}></a>{caption}</figure>')


def _unembed(app, context, body: str) -> str:
    """Each embedded image written once to _images/, linked from the page."""
    folder = os.path.join(app.outdir, "_images")
    os.makedirs(folder, exist_ok=True)

    def to_file(match):
        attribute, kind, encoded, rest = match.groups()
        data = base64.b64decode(encoded)
        name = f"kt-{hashlib.sha256(data).hexdigest()[:20]}.{kind}"
        path = os.path.join(folder, name)
        if not os.path.exists(path):
            with open(path, "wb") as file:
                file.write(data)
        url = context["pathto"]("_images/" + name, 1)
        return (f'<a class="kt-zoom" href="{url}" title="{_words(app)["zoom"]}">'
                f'<img {attribute}="{url}"{rest}></a>')

    body = EMBEDDED.sub(to_file, body)
    numbers = iter(range(1, 10_000))
    return OUTPUT_IMAGE.sub(lambda match: _output_image(app, match, next(numbers)), body)


def _other_edition(app, pagename, templatename, context, doctree):
    """Before the theme drops header templates that render empty (pydata-sphinx-theme, priority 500)."""
    lang, name, title = _words(app)["other"]
    url = _counterpart(app, pagename)
    context["kt_other"] = {"url": url, "lang": lang, "name": name, "title": title}
    context["metatags"] = context.get("metatags", "") + f'\n<link rel="alternate" hreflang="{lang}" href="{url}" />'


def _page(app, pagename, templatename, context, doctree):
    if context.get("body"):
        context["body"] = _unembed(app, context, context["body"])
    scripts = context.get("script_files")
    if scripts:
        seen, cleaned = set(), []
        for script in scripts:
            key = (script.filename or None, dict(script.attributes).get("body"))
            if "mathjax" in (script.filename or "") and 'class="math' not in context.get("body", ""):
                continue  # MathJax only where there is a formula
            if key not in seen:
                seen.add(key)
                cleaned.append(script)
        context["script_files"] = cleaned


FONTAWESOME_JS = re.compile(r'\s*<script src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>')


def _drop_fontawesome_js(app, exception):
    """The theme's template loads it in <head>, blocking the first paint: remove it from every page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if "fontawesome.js" in text:
            page.write_text(FONTAWESOME_JS.sub("", text), encoding="utf-8")


def _stored_outputs(app, config):
    if os.environ.get("KERASTOUR_STORED_OUTPUTS", "").strip() in ("1", "true", "yes"):
        config.nb_execution_mode = "off"


def _language_switch(app, config):
    """The header's last items: the link to the other edition, then the theme's buttons; the search
    field's words in the page's language."""
    config.templates_path.append(os.path.join(os.path.dirname(__file__), "templates"))
    config.html_theme_options["article_header_end"] = ["kt-language.html", "article-header-buttons.html"]
    config.html_theme_options["search_bar_text"] = _words(app)["search"]


def _parallel_reading(app, config):
    """Two extensions Jupyter Book adds (sphinx_multitoc_numbering, sphinx_jupyterbook_latex) do not
    declare whether Sphinx may read pages in parallel, so Sphinx reads them one by one. Neither
    keeps anything per page (the first numbers sections after reading, the second acts only for
    LaTeX builders): say they are safe, so that the chapters execute side by side."""
    for name in ("sphinx_multitoc_numbering", "sphinx_jupyterbook_latex"):
        if name in app.extensions:
            app.extensions[name].parallel_read_safe = True


def setup(app):
    app.connect("config-inited", _parallel_reading)
    app.add_js_file(None, body=START, priority=100)
    app.connect("config-inited", _stored_outputs)
    app.connect("config-inited", _language_switch)
    app.connect("html-page-context", _other_edition, priority=400)
    app.connect("html-page-context", _page, priority=501)
    app.connect("build-finished", _drop_fontawesome_js)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
