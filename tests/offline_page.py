"""Debian's chromium kept off the network, and a browser tab for pages that must work offline:
it lets file:// through, blocks and counts every other request, and collects console errors
and uncaught exceptions. The tests, benchmarks/network_page.py and the screenshot scripts in
docs/ all launch chromium and open pages through this module."""

from __future__ import annotations

import shutil
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# as root it needs no sandbox; the rest keep it from reaching the network on its own
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

LAPTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# the network page and the timeline say when their layout has settled
STABLE = "document.body.dataset.stable === 'yes'"


def launch_chromium(playwright):
    """Debian's chromium (no browser download) through a running sync_playwright()."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


class OfflinePage:
    def __init__(self, browser, viewport: dict = LAPTOP):
        self.page = browser.new_page(viewport=viewport)
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route):
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def open(self, path: Path, fragment: str = "", wait_for: str | None = STABLE):
        """Go to the file (plus a `#fragment`), then wait until `wait_for` (JavaScript) is true."""
        self.page.goto(path.as_uri() + fragment)
        if wait_for:
            self.page.wait_for_function(wait_for, timeout=60_000)
        return self.page

    def assert_clean(self):
        assert self.blocked == [] and self.errors == []

    def close(self):
        self.page.close()
