"""Write the README's screenshots of the network and the timeline pages into docs/.

Debian's chromium through Playwright, at 1366x768 (a laptop) and 390x844 (a phone), and the
paths from Serge to Beria with the chain through the GPU chosen (network-path.png),
the pages opened from file:// with every outside request blocked. Also prints the
readability figures of the network's first view and how long it took to settle.

    .venv/bin/python docs/make_network_screenshots.py        (or: make screenshots)
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api

DOCS = Path(__file__).resolve().parent
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWS = {"": {"width": 1366, "height": 768}, "-phone": {"width": 390, "height": 844}}


def main() -> int:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        api.write_network_page(api.network_graph("full"), site / "network.html")
        api.write_text(site / "timeline.html", api.timeline_html())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for suffix, viewport in VIEWS.items():
                page = browser.new_page(viewport=viewport)
                page.route(
                    "**/*",
                    lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort(),
                )
                page.goto((site / "network.html").as_uri())
                page.wait_for_function("document.body.dataset.stable === 'yes'")
                shown = page.evaluate("window.sergeNetwork.labelled.length")
                settled = page.evaluate("document.body.dataset.settledMs")
                print(
                    f"network{suffix}: {shown} names legible, settled {settled} ms after navigation"
                )
                page.screenshot(path=str(DOCS / f"network{suffix}.png"))
                if not suffix:  # Serge to Beria, the chain through the GPU chosen: the rest dims
                    page.goto(
                        (site / "network.html").as_uri() + "#path=victor-serge,lavrenti-beria"
                    )
                    page.wait_for_function("(window.sergeNetwork.paths || []).length > 0")
                    chosen = page.evaluate(
                        "window.sergeNetwork.paths.findIndex(p => p.hops.some(h => h.to.endsWith('/gpu')))"
                    )
                    page.locator("#path-result .path button").nth(max(chosen, 0)).click()
                    page.screenshot(path=str(DOCS / "network-path.png"))
                # the timeline from its first row in 1941, under its sticky axis
                page.goto((site / "timeline.html").as_uri() + "#from-1941")
                page.screenshot(path=str(DOCS / f"timeline{suffix}.png"))
                page.close()
            browser.close()
    print(
        f"wrote {DOCS}/network.png, network-path.png, network-phone.png, timeline.png, "
        "timeline-phone.png"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
