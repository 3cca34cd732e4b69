"""Sphinx tweaks so that every page of the book works offline with a clean console.

* Widgets: RequireJS must load before the vendored html-manager, and be told
  where the manager's own files are (it finds its fonts next to its RequireJS
  module path), relative to each page so the book works wherever it is hosted.
  Widget modules it does not bundle are looked up in ``_static/vendor/`` too,
  never on a CDN.
* sphinx-thebe registers its inline configuration script twice under Jupyter
  Book 1.0.4, which the browser reports as an error: keep one copy.
* Long output and code lines wrap (``_static/kerastour.css``).
* The theme's colour mode starts empty when the reader never chose one, which
  the theme reports as a console error: start it at "auto".
"""

import json

from sphinx.builders.html._assets import _JavaScript

WIDGET_MANAGER = "vendor/embed-amd.js"
REQUIRE = "vendor/require.js"
DEFAULT_MODE = "if (!document.documentElement.dataset.mode) { document.documentElement.dataset.mode = 'auto'; }"


def _clean_scripts(app, pagename, templatename, context, doctree):
    scripts = context.get("script_files")
    if not scripts:
        return
    vendor = context["pathto"]("_static/vendor/", 1)
    seen, cleaned = set(), []
    for script in scripts:
        filename, attributes = script.filename, dict(script.attributes)
        key = (filename or None, attributes.get("body"))
        if key in seen:
            continue
        seen.add(key)
        if filename and filename.endswith(REQUIRE):
            cleaned.append(_JavaScript(filename, priority=script.priority - 2, **attributes))
            # Every widget module resolves to _static/vendor/@jupyter-widgets/, where the fonts are.
            fonts = vendor + "@jupyter-widgets"
            paths = {"@jupyter-widgets/html-manager/dist": fonts, "@jupyter-widgets": fonts}
            script = _JavaScript(None, priority=script.priority - 1, body=f"require.config({{paths: {json.dumps(paths)}}});")
        elif filename and filename.endswith(WIDGET_MANAGER):
            attributes["data-jupyter-widgets-cdn"] = vendor
            script = _JavaScript(filename, priority=script.priority + 1, **attributes)
        cleaned.append(script)
    context["script_files"] = cleaned


def setup(app):
    app.add_css_file("kerastour.css")
    app.add_js_file(None, body=DEFAULT_MODE, priority=100)
    app.connect("html-page-context", _clean_scripts, priority=501)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
