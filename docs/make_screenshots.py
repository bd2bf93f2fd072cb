"""Screenshots of the reader's site for the README, at a laptop's and a phone's size.

    .venv/bin/python docs/make_screenshots.py [--out docs]

Builds the site into a temporary folder, opens it from file:// in Debian's chromium
(through Playwright, no browser download) and writes site-<page>-<width>.png.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
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
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        api.write_site(site)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
            for size, (width, height) in SIZES.items():
                page = browser.new_page(viewport={"width": width, "height": height})
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith("file://")
                        else route.abort()
                    ),
                )
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
