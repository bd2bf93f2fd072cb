"""Write the screenshots of the map page into docs/: map-1366.png and map-390.png.

Debian's chromium through Playwright, at 1366x768 (a laptop, the world view) and 390x844
(a phone, zoomed to Europe), the site's map.html opened from file:// with every outside
request blocked; prints how many places were drawn and how many requests were blocked.

    .venv/bin/python docs/make_map_screenshots.py
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
SHOTS = {
    "map-1366.png": ({"width": 1366, "height": 768}, ""),
    "map-390.png": ({"width": 390, "height": 844}, "#view=europe"),
}


def main() -> int:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        site = api.write_site(Path(folder) / "site").parent
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for name, (viewport, fragment) in SHOTS.items():
                page = browser.new_page(viewport=viewport)
                blocked: list[str] = []

                def route(request_route, blocked=blocked):
                    if request_route.request.url.startswith("file:"):
                        request_route.continue_()
                    else:
                        blocked.append(request_route.request.url)
                        request_route.abort()

                page.route("**/*", route)
                page.goto((site / "map.html").as_uri() + fragment)
                page.wait_for_function("document.body.dataset.mapDrawn === 'yes'")
                drawn = page.evaluate("document.querySelectorAll('#map [data-place]').length")
                page.screenshot(path=str(DOCS / name))
                print(f"{name}: {drawn} places drawn, {len(blocked)} requests blocked")
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
