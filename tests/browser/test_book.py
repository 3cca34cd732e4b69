"""The built book, as a reader's browser sees it (Playwright driving Debian's Chromium).

Run after `make book`: every page of `_build/html` is opened from a local HTTP
server with every other address refused, and checked for console errors,
broken images, dead internal links, rendered widgets and the Colab/download
buttons. A screenshot of each page goes to `_build/screenshots/` for a person
to look at.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlparse

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HTML = ROOT / "_build" / "html"
SHOTS = ROOT / "_build" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def book_pages() -> list[str]:
    """The pages the table of contents promises, as paths under _build/html."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    return [f + ".html" for f in files]


def repository_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return config["repository"]["url"].rstrip("/")


@pytest.fixture(scope="module")
def server():
    if not (HTML / "index.html").is_file():
        pytest.fail("The book is not built: run `make book` first (make test does).")
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def browser():
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium (make test does).")
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class PageVisit:
    """One page loaded with the network limited to the local server."""

    def __init__(self, browser, base, path):
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.external, self.errors = [], []
        local = urlparse(base).netloc

        def route(r):
            if urlparse(r.request.url).netloc == local:
                return r.continue_()
            self.external.append(r.request.url)
            return r.abort()

        self.context.route("**/*", route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.errors.append(f"HTTP {r.status}: {r.url}"))
        self.url = urljoin(base, path)
        self.page.goto(self.url, wait_until="networkidle")
        self.page.wait_for_timeout(500)  # widgets render after load

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(browser, server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    opened = {}
    for path in book_pages():
        visit = PageVisit(browser, server, path)
        visit.page.screenshot(path=str(SHOTS / (path.replace("/", "_")[:-5] + ".png")), full_page=True)
        opened[path] = visit
    yield opened
    for visit in opened.values():
        visit.close()


@pytest.mark.parametrize("path", book_pages())
def test_page_loads_without_errors_or_network(visits, path):
    visit = visits[path]
    assert visit.errors == [], f"console errors on {path}"
    assert visit.external == [], f"{path} asked for addresses outside the book"


@pytest.mark.parametrize("path", book_pages())
def test_every_image_loaded(visits, path):
    broken = visits[path].page.evaluate(
        "Array.from(document.images).filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src)"
    )
    assert broken == []


@pytest.mark.parametrize("path", book_pages())
def test_internal_links_resolve(visits, server, path):
    visit = visits[path]
    hrefs = visit.page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    request = visit.context.request
    dead = []
    for href in sorted(set(hrefs)):
        if not href.startswith(server):
            continue
        target, fragment = urldefrag(href)
        response = request.get(target)
        if not response.ok:
            dead.append(href)
        elif fragment and target.endswith(".html"):
            ids = f'id="{fragment}"'
            if ids not in response.text():
                dead.append(href)
    assert dead == [], f"dead internal links on {path}"


def saved_dropdowns(page) -> list[str]:
    """The labels the saved widget state says each dropdown shows."""
    states = page.evaluate(
        "Array.from(document.querySelectorAll('script[type=\"application/vnd.jupyter.widget-state+json\"]'))"
        ".map(s => s.textContent)"
    )
    labels = []
    for text in states:
        for model in json.loads(text)["state"].values():
            if model["model_name"] == "DropdownModel":
                state = model["state"]
                labels.append(state["_options_labels"][state["index"]])
    return labels


@pytest.mark.parametrize("path", book_pages())
def test_widgets_render_at_their_saved_values(visits, path):
    page = visits[path].page
    expected = saved_dropdowns(page)
    if not expected:
        pytest.skip(f"{path} has no widgets")
    page.wait_for_selector(".widget-dropdown select", timeout=10_000)
    shown = page.evaluate(
        "Array.from(document.querySelectorAll('.widget-dropdown select'))"
        ".map(s => s.options[s.selectedIndex] ? s.options[s.selectedIndex].text : null)"
    )
    shown = [label.replace("\xa0", " ") if label else label for label in shown]  # widgets show spaces as nbsp
    assert sorted(shown) == sorted(expected)


@pytest.mark.parametrize("path", book_pages())
def test_colab_and_download_buttons_point_at_this_notebook(visits, server, path):
    visit = visits[path]
    notebook = path[:-5] + ".ipynb"
    hrefs = visit.page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    colab = f"https://colab.research.google.com/github/{urlparse(repository_url()).path.strip('/')}/blob/main/{notebook}"
    assert colab in hrefs, f"no Colab launch link to {colab}"
    downloads = [h for h in hrefs if h.startswith(server) and h.endswith(".ipynb")]
    assert any(h.endswith("/" + Path(notebook).name) for h in downloads), "no .ipynb download link"
    for href in downloads:
        assert visit.context.request.get(href).ok, href
