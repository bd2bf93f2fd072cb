"""Measure the network page: the layout in Python, and in Debian's chromium how soon the
page is drawn and settled and how many names its first view shows.

The page draws positions computed in Python, so "settled" is the first drawing: the
time from navigation to `document.body.dataset.stable` (the median of several loads).

    python benchmarks/network_page.py [--runs 5] [--projection full]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from serge_graph import api
from serge_graph.site import network_page

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.offline_page import LAPTOP, PHONE, launch_chromium  # the tests' chromium

VIEWPORTS = {"1366x768": LAPTOP, "390x844": PHONE}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--projection", default="full", choices=("full", "actors", "comention"))
    args = parser.parse_args()
    graph = api.network_graph(args.projection)
    began = time.perf_counter()
    network_page.layout(graph)
    layout_ms = 1000 * (time.perf_counter() - began)
    print(f"{args.projection}: {len(graph)} nodes, {graph.number_of_edges()} edges")
    print(f"layout in Python (ForceAtlas2, 400 steps): {layout_ms:.0f} ms")
    with tempfile.TemporaryDirectory() as folder:
        page_file = Path(folder) / "network.html"
        api.write_network_page(graph, page_file)
        print(f"page size: {page_file.stat().st_size / 1024:.0f} KiB")
        with sync_playwright() as playwright:
            browser = launch_chromium(playwright)
            for name, viewport in VIEWPORTS.items():
                settled, names = [], []
                for _ in range(args.runs):
                    page = browser.new_page(viewport=viewport)
                    page.goto(page_file.as_uri())
                    page.wait_for_function("document.body.dataset.stable === 'yes'", timeout=60_000)
                    settled.append(int(page.evaluate("document.body.dataset.settledMs")))
                    names.append(page.evaluate("window.sergeNetwork.labelled.length"))
                    page.close()
                print(
                    f"{name}: settled after {statistics.median(settled)} ms (median of {args.runs},"
                    f" max {max(settled)}), {min(names)} names legible"
                )
            browser.close()


if __name__ == "__main__":
    main()
