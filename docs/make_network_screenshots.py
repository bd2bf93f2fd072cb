"""Write the README's screenshots of the network and the timeline pages into docs/.

Debian's chromium through Playwright, at 1366x768 (a laptop) and 390x844 (a phone), and the
paths from Serge to Beria with the chain through the GPU chosen (network-path.png),
the pages opened from file:// with every outside request blocked. Also prints the
readability figures of the network's first view and how long it took to settle.

    .venv/bin/python docs/make_network_screenshots.py        (or: make screenshots)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))
from tests.offline_page import LAPTOP, PHONE, OfflinePage, launch_chromium  # noqa: E402

VIEWS = {"": LAPTOP, "-phone": PHONE}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        api.write_network_page(api.network_graph("full"), site / "network.html")
        api.write_text(site / "timeline.html", api.timeline_html())
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for suffix, viewport in VIEWS.items():
                page = OfflinePage(browser, viewport).page
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
