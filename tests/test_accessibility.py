"""The reader's pages in Chromium: axe-core finds no violation on any kind of page, in light
and dark, on a desk and a phone; lists fit a small phone and each row is its cable's link; a
cable page opens on the cable; a paragraph's link is a target one can cite from."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.browser import axe_violations

DESK = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 320, "height": 640}

# Every kind of page of the corpus site: home, cables, lists by date (all, year, month) and
# by each index (one split by year and a year of it), overviews, search, editorial, 404. The
# shared cables carry no release dates, so the release index has its overview only.
PAGES = [
    "/",
    "/cable/2007/12/07ULAANBAATAR693/",
    "/cable/2008/05/08MADRID552/",
    "/cable/2009/04/09PARIS504/",
    "/cable/2010/02/10PARIS193/",
    "/cable/",
    "/cable/2009/",
    "/cable/2009/03/",
    "/tag/PGOV/",
    "/tag/PGOV/2009/",
    "/tag/KN/",
    "/country/mongolia/",
    "/origin/embassy-madrid/",
    "/classification/unclassified-for-official-use-only/",
    "/tag/",
    "/country/",
    "/origin/",
    "/classification/",
    "/released/",
    "/search/",
    "/search/?q=embassy",
    "/about/",
    "/reading/",
    "/no-such-page/",
]
CABLES = [path for path in PAGES if re.fullmatch(r"/cable/\d{4}/\d\d/\w+/", path)]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violation(browser, served, path: str) -> None:
    """axe-core's rules, the WCAG 2.2 AA target size among them, in both colour schemes at
    both widths."""
    page = browser.new_page(viewport=DESK)
    page.goto(served + path)
    page.wait_for_load_state("networkidle")
    if "?q=" in path:
        page.wait_for_selector("#search-results li", timeout=20000)
    found = []
    for scheme in ("light", "dark"):
        for viewport in (DESK, PHONE):
            page.emulate_media(color_scheme=scheme)
            page.set_viewport_size(viewport)
            found += [f"{scheme} {viewport['width']}: {v}" for v in axe_violations(page)]
    page.close()
    assert found == []


def _overflowing(page) -> list[str]:
    """What reaches past the right edge of the window, clipped by a scroll box or not."""
    return page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => e.getClientRects().length)
            .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5)
            .map(e => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent.slice(0, 60)}`)"""
    )


def _lists_holding(site: Path, text: str) -> list[str]:
    """The address of the first list page showing `text` of each kind and depth (the home
    page, all cables, a year, a month; a tag, a year of a tag...)."""
    found: dict[tuple[str, int], str] = {}
    for file in sorted(site.rglob("index.html")):
        parts = file.parent.relative_to(site).parts
        url = "/" + "".join(f"{part}/" for part in parts)
        if re.fullmatch(r"/cable/\d{4}/\d\d/\w+/", url):
            continue  # a cable's page
        key = (parts[0] if parts else "", len(parts))
        if key not in found and text in file.read_text(encoding="utf-8"):
            found[key] = url
    return sorted(found.values())


def test_lists_fit_a_small_phone(browser, served, built) -> None:
    """No list is wider than a 320 px phone, even with the longest classification label."""
    _, site = built
    paths = _lists_holding(site, "UNCLASSIFIED//FOR OFFICIAL USE ONLY")
    kinds = {(path.split("/")[1], path.count("/")) for path in paths}
    assert {("", 1), ("cable", 2), ("cable", 3), ("cable", 4), ("tag", 3), ("tag", 4)} <= kinds
    assert {"country", "origin", "classification"} <= {kind for kind, _ in kinds}
    page = browser.new_page(viewport=SMALL_PHONE)
    for path in [*paths, "/tag/", "/cable/2009/03/", *CABLES]:
        page.goto(served + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= SMALL_PHONE["width"], path
        assert _overflowing(page) == [], path
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["phone", "desk"])
def test_a_whole_row_is_its_cables_link(browser, served, viewport) -> None:
    page = browser.new_page(viewport=viewport)
    page.goto(served + "/tag/KN/")
    row = page.locator("table.cables tbody tr").first
    link = row.locator("td.subject a")
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    target = link.get_attribute("href")
    date = row.locator("td.date").bounding_box()  # not the subject: elsewhere in the row
    page.mouse.click(date["x"] + date["width"] / 2, date["y"] + date["height"] / 2)
    page.wait_for_url(f"**{target}")
    page.close()


@pytest.mark.parametrize("path", CABLES)
def test_a_cable_page_opens_on_the_cable(browser, served, path: str) -> None:
    """On a phone the first screen shows the reference ID, the subject, date, origin and
    classification and the first lines of the text; the full record is one tap away. On a
    desk the record stands beside the text."""
    page = browser.new_page(viewport=PHONE)
    page.goto(served + path)
    fold = PHONE["height"]
    for part in (".ref", "h1", ".byline"):
        assert page.locator(part).bounding_box()["y"] + 8 < fold, part
    byline = page.locator(".byline").inner_text()
    assert re.match(r"\d{1,2} \w{3} \d{4} \u00b7 \w.* \u00b7 [A-Z/ ]+$", byline), byline
    first = page.locator(".body > :not(h2)").first.bounding_box()
    assert first["y"] + 48 < fold, "two lines of the text at least above the fold"
    record = page.locator("details.record dl.meta")
    assert not record.is_visible()
    page.locator("details.record > summary").click()
    assert record.is_visible()
    page.set_viewport_size(DESK)
    page.reload()
    assert record.is_visible(), "beside the text on a desk, without a tap"
    assert not page.locator("details.record > summary").is_visible()
    beside = page.locator(".aside").bounding_box()
    assert beside["x"] > page.locator(".body").bounding_box()["x"] + 400
    assert page.locator(".body > :not(h2)").first.bounding_box()["y"] + 48 < DESK["height"]
    page.close()


def test_paragraph_links_can_be_seen_and_hit(browser, served) -> None:
    """A paragraph's link is underlined, not told by colour alone, and at least 24x24 px."""
    page = browser.new_page(viewport=PHONE)
    page.goto(served + "/cable/2007/12/07ULAANBAATAR693/")
    link = page.locator("#par3 a.permalink")
    box = link.bounding_box()
    assert box["width"] >= 24 and box["height"] >= 24
    assert "underline" in link.evaluate("a => getComputedStyle(a).textDecorationLine")
    assert link.get_attribute("href") == "#par3"
    link.click()
    assert page.url.endswith("/cable/2007/12/07ULAANBAATAR693/#par3")
    page.close()
