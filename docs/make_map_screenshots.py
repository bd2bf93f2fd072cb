"""Write the screenshots of the map page into docs/: map-1366.png and map-390.png.

Debian's chromium through Playwright, at 1366x768 (a laptop, the world view) and 390x844
(a phone, zoomed to Europe), the site's map.html opened from file:// with every outside
request blocked; prints how many places were drawn and how many requests were blocked.

    .venv/bin/python docs/make_map_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.offline_page import OfflinePage, launch_chromium  # the tests' chromium

DOCS = Path(__file__).resolve().parent
SHOTS = {
    "map-1366.png": ({"width": 1366, "height": 768}, ""),
    "map-390.png": ({"width": 390, "height": 844}, "#view=europe"),
}


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        site = api.write_site(Path(folder) / "site").parent
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, (viewport, fragment) in SHOTS.items():
                tab = OfflinePage(browser, viewport)
                page = tab.open(site / "map.html", fragment, wait_for=None)
                page.wait_for_function("document.body.dataset.mapDrawn === 'yes'")
                drawn = page.evaluate("document.querySelectorAll('#map [data-place]').length")
                page.screenshot(path=str(DOCS / name))
                print(f"{name}: {drawn} places drawn, {len(tab.blocked)} requests blocked")
                tab.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
