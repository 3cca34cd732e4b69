"""The built book, as a reader's browser sees it (Playwright driving Debian's Chromium).

Run after `make book`: every page of `_build/html`, in English and in its Chinese edition
(`_build/html/zh_CN/`), is opened from a local HTTP server with every other address refused, at a
phone's width (390 px) and a laptop's (1280 px), and used as a reader uses it: the menu and
contents buttons clicked, every picker option chosen, tables and code measured, axe-core run, the
switch to the other language followed. Screenshots of each page at both widths go to
`_build/screenshots/`. Pages open when a test first needs them, so `-k zh_CN/chapters/offline`
opens that page only.
"""

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
AXE = ROOT / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"  # make test installs it
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WIDTHS = {"phone": (390, 844), "laptop": (1280, 800)}


EDITIONS = {"": "en", "zh_CN/": "zh-CN"}  # folder under _build/html: the pages' language


def book_pages() -> list[str]:
    """The pages the table of contents promises, in each edition, as paths under _build/html."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [c["file"] for c in toc.get("chapters", [])]
    return [edition + f + ".html" for edition in EDITIONS for f in files]


def edition(path: str) -> str:
    return "zh_CN/" if path.startswith("zh_CN/") else ""


def repository_url() -> str:
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    return config["repository"]["url"].rstrip("/")


PAGES = book_pages()
VIEWS = [(path, width) for path in PAGES for width in WIDTHS]
# axe at both widths on the English pages; the Chinese pages are the same HTML, CSS, code and outputs
# with the prose translated, so axe runs there at the phone's width only (its language, headings,
# alt text and colours are checked there; each run costs several seconds).
AXE_VIEWS = [(path, width) for path, width in VIEWS if not edition(path) or width == "phone"]


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
    """One page loaded at one width, with the network limited to the local server."""

    def __init__(self, browser, base, path, width):
        w, h = WIDTHS[width]
        self.context = browser.new_context(viewport={"width": w, "height": h})
        self.external, self.errors, self.requested = [], [], []
        local = urlparse(base).netloc

        def route(r):
            self.requested.append(r.request.url)
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

    def visible(self, selector):
        return [e for e in self.page.query_selector_all(selector) if e.is_visible()]

    def close(self):
        self.context.close()


class Visits(dict):
    """(path, width) -> PageVisit, each page opened (and screenshotted) when a test first asks for it."""

    def __init__(self, browser, server):
        super().__init__()
        self.browser, self.server = browser, server

    def __missing__(self, key):
        path, width = key
        visit = self[key] = PageVisit(self.browser, self.server, path, width)
        name = path.replace("/", "_")[:-5]
        visit.page.screenshot(path=str(SHOTS / f"{name}-{WIDTHS[width][0]}.png"), full_page=True)
        return visit


@pytest.fixture(scope="module")
def visits(browser, server):
    SHOTS.mkdir(parents=True, exist_ok=True)
    opened = Visits(browser, server)
    yield opened
    for visit in opened.values():
        visit.close()


@pytest.mark.parametrize("path,width", VIEWS)
def test_page_loads_without_errors_or_network(visits, path, width):
    visit = visits[path, width]
    assert visit.errors == [], f"console errors on {path}"
    assert visit.external == [], f"{path} asked for addresses outside the book"
    widget_js = [url for url in visit.requested if "require.js" in url or "embed-amd" in url or "ipywidgets" in url]
    assert widget_js == [], "a page loads ipywidgets' JavaScript: the book's pickers need none"


@pytest.mark.parametrize("path,width", VIEWS)
def test_the_menu_and_contents_buttons_open_and_close_their_panels(visits, path, width):
    page = visits[path, width].page
    # Beside the page at 1280 px; in a modal dialog on a phone (pydata-sphinx-theme 0.16).
    panels = {".primary-toggle": "#pst-primary-sidebar", ".secondary-toggle": "#pst-secondary-sidebar"}
    clicked = 0
    for button, panel in panels.items():
        buttons = visits[path, width].visible(button)
        if not buttons:
            continue  # at 1280 px the contents panel is shown beside the page, with no button
        before = _panel_shown(page, panel)
        buttons[0].click()
        page.wait_for_timeout(400)
        assert _panel_shown(page, panel) != before, f"{button} did not open or close {panel} at {width}"
        page.keyboard.press("Escape") if _is_modal(page) else buttons[0].click()
        page.wait_for_timeout(400)
        assert _panel_shown(page, panel) == before, f"{panel} did not go back after a second click"
        clicked += 1
    assert clicked >= 1 + (width == "phone"), "no visible menu button"


def _panel_shown(page, selector) -> bool:
    return page.evaluate(
        """s => { if (document.querySelector(s + '-modal[open]')) return true;
                  const e = document.querySelector(s); if (!e) return false;
                  const r = e.getBoundingClientRect(), st = getComputedStyle(e);
                  return st.visibility !== 'hidden' && st.display !== 'none' && r.width > 50
                         && r.right > 10 && r.left < window.innerWidth - 10; }""",
        selector,
    )


def _is_modal(page) -> bool:
    return page.evaluate("!!document.querySelector('dialog[id$=\"-sidebar-modal\"][open]')")


@pytest.mark.parametrize("path", PAGES)
def test_no_page_is_wider_than_a_phone(visits, path):
    page = visits[path, "phone"].page
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """() => Array.from(document.querySelectorAll('article *')).filter(e => {
               const r = e.getBoundingClientRect(); return r.right > window.innerWidth + 1 && r.width > 0
                 && !e.closest('pre, .output, .cell_output, .highlight, table, .table-wrapper, mjx-container, .kt-picker');
             }).slice(0, 5).map(e => e.tagName + ' ' + (e.textContent || '').slice(0, 60))"""
    )
    assert width <= 391 and not wide, f"{path} is {width} px wide at 390 px: {wide}"


@pytest.mark.parametrize("path,width", VIEWS)
def test_code_keeps_its_layout_and_wide_blocks_scroll(visits, path, width):
    page = visits[path, width].page
    bad = page.evaluate(
        """() => Array.from(document.querySelectorAll('div.cell_input pre, div.cell_output pre')).filter(p =>
               getComputedStyle(p).whiteSpace !== 'pre' && !p.querySelector('span[style]')
             ).length"""
    )
    assert bad == 0, "code or output that wraps (its indentation and columns are lost)"
    cut = page.evaluate(
        """() => Array.from(document.querySelectorAll('article pre, article table')).filter(e => {
               if (e.scrollWidth <= e.clientWidth + 1 && e.getBoundingClientRect().right <= window.innerWidth + 1) return false;
               for (let p = e; p && p.tagName !== 'ARTICLE'; p = p.parentElement) {
                 const o = getComputedStyle(p).overflowX;
                 if ((o === 'auto' || o === 'scroll') && p.scrollWidth > p.clientWidth) return false;
               }
               return true;
             }).map(e => e.tagName + ': ' + e.textContent.slice(0, 50))"""
    )
    assert cut == [], f"wide blocks that neither fit nor scroll: {cut}"


@pytest.mark.parametrize("path,width", VIEWS)
def test_every_image_loaded_with_alt_text_that_says_what_it_shows(visits, path, width):
    page = visits[path, width].page
    images = page.evaluate(
        """() => Array.from(document.images).filter(i => i.offsetParent !== null).map(i => ({
               src: i.getAttribute('src'), alt: i.getAttribute('alt') || '', ok: i.complete && i.naturalWidth > 0,
               zoom: !!i.closest('a[href]') }))"""
    )
    assert [i["src"] for i in images if not i["ok"]] == []
    nameless = [i["src"] for i in images if not i["alt"].strip() or "/" in i["alt"] or i["alt"].endswith(".png")]
    assert nameless == [], "images whose alt text is empty or a file name"
    outputs = [i for i in images if "_images/" in (i["src"] or "") and not i["src"].endswith(".svg")]
    assert all(i["zoom"] for i in outputs), "an output image that does not open at full size"


@pytest.mark.parametrize("path", PAGES)
def test_internal_links_resolve(visits, server, path):
    visit = visits[path, "laptop"]
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
        elif fragment and target.endswith(".html") and f'id="{fragment}"' not in response.text():
            dead.append(href)
    assert dead == [], f"dead internal links on {path}"


def pickers(page) -> int:
    return page.evaluate("document.querySelectorAll('.kt-picker').length")


def shown_choice(picker) -> dict:
    return picker.evaluate(
        """p => { const shown = Array.from(p.querySelectorAll('[data-choice]')).filter(d => !d.hidden);
                  return {count: shown.length, choice: shown.length ? JSON.parse(shown[0].dataset.choice) : null,
                          selects: Object.fromEntries(Array.from(p.querySelectorAll('select')).map(s => [s.dataset.key, s.value])),
                          broken: shown.length ? Array.from(shown[0].querySelectorAll('img')).filter(i => !i.complete || i.naturalWidth === 0).length : 0}; }"""
    )


@pytest.mark.parametrize("path,width", VIEWS)
def test_every_picker_option_can_be_chosen_without_a_kernel(visits, path, width):
    """Choose each option of each dropdown, as a reader does: the page shows that choice, images loaded."""
    page = visits[path, width].page
    if not pickers(page):
        pytest.skip(f"{path} has no picker")
    for picker in page.query_selector_all(".kt-picker"):
        assert shown_choice(picker)["count"] == 1  # the default, before any script runs
        for index in range(len(picker.query_selector_all("select"))):
            select = picker.query_selector_all("select")[index]
            for value in select.evaluate("s => Array.from(s.options).map(o => o.value)"):
                select.select_option(value)
                page.wait_for_timeout(50)
                for image in picker.query_selector_all("[data-choice]:not([hidden]) img"):
                    image.evaluate("i => i.decode ? i.decode().catch(() => {}) : null")
                state = shown_choice(picker)
                assert state["count"] == 1 and state["choice"] == state["selects"], (value, state)
                assert state["choice"][select.get_attribute("data-key")] == value
                assert state["broken"] == 0, f"images of {state['choice']} did not load"


@pytest.mark.parametrize("folder", EDITIONS)
def test_the_datasets_picker_shows_the_chosen_dataset_and_offers_its_classes(visits, folder):
    page = visits[folder + "chapters/datasets.html", "phone"].page
    picker = page.query_selector(".kt-picker")
    picker.query_selector('select[data-key="dataset"]').select_option("cifar10")
    classes = picker.query_selector('select[data-key="cls"]').evaluate("s => Array.from(s.options).map(o => o.value)")
    assert classes[1:] == ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    picker.query_selector('select[data-key="cls"]').select_option("ship")
    shown = picker.query_selector("[data-choice]:not([hidden])")
    assert "CIFAR-10" in shown.inner_text() and "ship" in shown.query_selector("img").get_attribute("alt")


@pytest.mark.parametrize("path", PAGES)
def test_banners_speak_to_readers_not_in_resolver_errors(visits, path):
    """Our banners and reports say what happened in words; only Keras's own failure message, shown on
    purpose where a chapter teaches what Keras prints ("URL fetch failure on ..."), quotes the socket."""
    lines = visits[path, "laptop"].page.inner_text("article").splitlines()
    ours = [line for line in lines if "URL fetch failure on" not in line]
    for machine_words in ("Errno", "Name or service", "urlopen error", "Temporary failure in name resolution"):
        assert not [line for line in ours if machine_words in line]


@pytest.mark.parametrize("path,width", AXE_VIEWS)
def test_axe_finds_no_serious_or_critical_violations(visits, path, width):
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: make test installs axe-core from npm.")
    page = visits[path, width].page
    page.add_script_tag(path=str(AXE))
    # Light mode with every rule; dark mode changes only colours, so its pass runs the colour rules.
    every_rule = {"resultTypes": ["violations"]}
    colour_rules = {**every_rule, "runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}
    for mode, options in (("light", every_rule), ("dark", colour_rules)):
        page.evaluate("m => { document.documentElement.dataset.theme = m; document.documentElement.dataset.mode = m; }", mode)
        result = page.evaluate("async options => (await axe.run(document, options)).violations", options)
        serious = [(v["id"], len(v["nodes"]), v["nodes"][0]["target"]) for v in result if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{mode} mode: {serious}"


@pytest.mark.parametrize("path", PAGES)
def test_colab_and_download_buttons_point_at_this_notebook(visits, server, path):
    visit = visits[path, "laptop"]
    notebook = path[:-5] + ".ipynb"
    hrefs = visit.page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
    colab = f"https://colab.research.google.com/github/{urlparse(repository_url()).path.strip('/')}/blob/main/{notebook}"
    assert colab in hrefs, f"no Colab launch link to {colab}"
    downloads = [h for h in hrefs if h.startswith(server) and h.endswith(".ipynb")]
    assert any(h.endswith("/" + Path(notebook).name) for h in downloads), "no .ipynb download link"
    for href in downloads:
        assert visit.context.request.get(href).ok, href


@pytest.mark.parametrize("path,width", VIEWS)
def test_each_page_links_to_itself_in_the_other_language(visits, server, path, width):
    """A visible switch in the header, at both widths, to the same page in the other edition."""
    visit = visits[path, width]
    assert visit.page.evaluate("document.documentElement.lang") == EDITIONS[edition(path)]
    switches = visit.visible("a.kt-language")
    assert len(switches) == 1, f"no visible link to the other language on {path} at {width}"
    other = path[len("zh_CN/"):] if edition(path) else "zh_CN/" + path
    assert switches[0].evaluate("a => a.href") == urljoin(server, other)
    response = visit.context.request.get(urljoin(server, other))
    assert response.ok and f'lang="{EDITIONS[edition(other)]}"' in response.text()
    if edition(path):  # the theme's own words in Chinese where it has them (the search field)
        assert "搜索" in visit.page.evaluate("document.querySelector('.search-button-field').textContent")
