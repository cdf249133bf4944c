"""Headless Chromium (Debian's package) driven by Playwright, for the end-to-end tests."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def chromium() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


AXE = Path(__file__).resolve().parent.parent / "node_modules" / "axe-core" / "axe.min.js"
# axe-core's rules as it sets them, and the WCAG 2.2 AA target size (24x24 px or spaced so),
# which it leaves off by default.
RUN_AXE = """async () => {
  const results = await axe.run(document, {rules: {"target-size": {enabled: true}}});
  return results.violations.flatMap(v => v.nodes.map(n =>
    `${v.id} (${v.impact}): ${n.target.join(" ")}: ${n.failureSummary.replace(/\\s+/g, " ")}`));
}"""


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page as it is now, one line each: rule, impact, where,
    why. The script goes in through the DevTools protocol, so the page's Content-Security-
    Policy does not apply to it (an injected <script> would be refused, as it should be)."""
    assert AXE.is_file(), f"{AXE} is missing: `npm ci` installs it (package.json)"
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    return page.evaluate(RUN_AXE)
