"""Screenshots of the reader's site for the README, at a laptop's and a phone's size.

    .venv/bin/python docs/make_screenshots.py [--out docs]

Builds the site into a temporary folder, opens it from file:// in Debian's chromium
(through Playwright, no browser download) and writes site-<page>-<width>.png.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.offline_page import OfflinePage, launch_chromium  # the tests' chromium

SIZES = {"1366": (1366, 768), "390": (390, 844)}
PAGES = {
    "index": "index.html",
    "serge": "id/person/victor-serge.html",
    "text": "text.html#p36",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        api.write_site(site)
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for size, (width, height) in SIZES.items():
                page = OfflinePage(browser, {"width": width, "height": height}).page
                for name, path in PAGES.items():
                    page.goto((site / path.split("#")[0]).as_uri() + _fragment(path))
                    page.wait_for_function("document.body.dataset.ready === 'yes'")
                    if name == "index":
                        page.fill("#search", "Vishinsky")
                    target = args.out / f"site-{name}-{size}.png"
                    page.screenshot(path=str(target))
                    print(f"wrote {target}")
                page.close()
            browser.close()


def _fragment(path: str) -> str:
    return "#" + path.split("#", 1)[1] if "#" in path else ""


if __name__ == "__main__":
    main()
