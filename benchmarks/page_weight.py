"""What each page of the built book costs a reader on a phone: bytes, requests, first paint.

Serves `_build/html` locally and opens every page in Debian's Chromium with a throttled phone
profile (4x CPU slowdown, 6.4 Mbit/s down, 150 ms latency, 390 x 844), a fresh cache each time.
Prints, per page, the bytes transferred (uncompressed: the local server does not compress), the
number of requests and the first contentful paint, and whether the page has a picker; then checks
the targets: a page without pickers <= 3 MB, the intro's first paint <= 3 s, and a picker page at
most twice the weight of the same page without its picker's pre-rendered options (those load only
when chosen).

    .venv/bin/python benchmarks/page_weight.py   # after make book
"""

import functools
import http.server
import sys
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
HTML = ROOT / "_build" / "html"
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from test_book import CHROMIUM, CHROMIUM_ARGS, book_pages  # noqa: E402

PROFILE = {"offline": False, "latency": 150, "downloadThroughput": 6.4e6 / 8, "uploadThroughput": 1.6e6 / 8}


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def measure(browser, url, block_hidden_options=False):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    cdp.send("Network.emulateNetworkConditions", PROFILE)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    sizes = {}
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    page.goto(url, wait_until="networkidle", timeout=120_000)
    paint = page.evaluate(
        "(performance.getEntriesByName('first-contentful-paint')[0] || {startTime: NaN}).startTime / 1000")
    # The same page without its picker's options that are not on screen: the lower bound of its weight.
    hidden = page.evaluate(
        """() => Array.from(document.querySelectorAll('.kt-picker [data-choice][hidden]'))
                .reduce((n, d) => n + d.outerHTML.length, 0)""")
    pickers = page.evaluate("document.querySelectorAll('.kt-picker').length")
    context.close()
    return sum(sizes.values()), len(sizes), paint, pickers, hidden


def main() -> int:
    if not (HTML / "index.html").is_file():
        sys.exit("Build the book first: make book")
    handler = functools.partial(Quiet, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    failures = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print(f"{'page':28} {'bytes':>10} {'requests':>8} {'first paint':>11}  pickers")
        for path in book_pages():
            size, requests, paint, pickers, hidden = measure(browser, base + path)
            print(f"{path:28} {size:>10,} {requests:>8} {paint:>10.2f}s  {pickers}"
                  + (f" (options not shown: {hidden:,} bytes of HTML)" if pickers else ""))
            if not pickers and size > 3_000_000:
                failures.append(f"{path}: {size:,} bytes, over 3 MB without a picker")
            if pickers and size > 2 * (size - hidden):
                failures.append(f"{path}: {size:,} bytes, over twice the page without its picker's options")
            if path.endswith("intro.html") and not paint <= 3.0:
                failures.append(f"{path}: first paint after {paint:.2f} s, over 3 s")
        browser.close()
    server.shutdown()
    print("\n".join(["", "Targets:"] + (failures or ["all met"])))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
