"""The built site in a real browser, served with the production headers and redirects."""

from __future__ import annotations

import re

import pytest


def visit(browser, url: str, **options):
    page = browser.new_page(**options)
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, problems


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/cable/2007/12/07ULAANBAATAR693/",
        "/tag/",
        "/tag/PGOV/2009/",
        "/cable/2009/03/",
        "/about/",
        "/origin/",
    ],
)
def test_pages_load_without_console_errors_under_the_csp(browser, served, path: str) -> None:
    page, problems = visit(browser, served + path)
    assert page.locator("h1").count() == 1
    assert problems == []
    page.close()


@pytest.mark.parametrize(
    ("old", "lands"),
    [
        # Pages the 2010 site had are published at their old address: no redirect.
        ("/cable/2009/03/09BAKU175.html", "/cable/2009/03/09BAKU175.html"),
        ("/cable/2007/12/07ULAANBAATAR693.html", "/cable/2007/12/07ULAANBAATAR693.html"),
        ("/tag/PREL_0.html", "/tag/PREL_0.html"),
        ("/date/2009-03_0.html", "/date/2009-03_0.html"),
        # The others: a 301 to an overview or list, then on to the page where there is one.
        ("/origin/92_0.html", "/origin/"),
        ("/tag/PREL_1.html", "/tag/PREL/"),
        ("/date/2009-03_1.html", "/cable/2009/03/"),
        ("/date/2009-13_0.html", "/cable/2009/"),  # no such month: its year
        ("/reldate/2010-12-01_0.html", "/released/"),  # no cable carries a release date
        ("/cable/2009/03/09NOWHERE1.html", "/cable/2009/03/"),
    ],
)
def test_old_addresses_reach_their_page(browser, served, old: str, lands: str) -> None:
    page, problems = visit(browser, served + old)
    page.wait_for_url(lambda url: url.split("#")[0] == served + lands)
    page.wait_for_load_state("networkidle")
    assert page.url.split("#")[0] == served + lands
    assert page.locator("h1").count() == 1
    assert problems == []
    page.close()


@pytest.mark.parametrize(
    "address",
    [
        "/cable/2009/01/09BRASILIA28.html#par5",  # as the 2010 site gave it
        "/cable/2009/01/09BRASILIA28/#par5",  # this site's own
    ],
)
def test_a_paragraph_link_lands_on_its_paragraph_without_javascript(
    browser, served, address: str
) -> None:
    page = browser.new_page(java_script_enabled=False, viewport={"width": 390, "height": 844})
    answer = page.goto(served + address)
    assert answer.status == 200 and answer.request.redirected_from is None
    assert page.url == served + address
    assert page.evaluate("document.querySelector(':target').id") == "par5"
    top = page.evaluate("document.getElementById('par5').getBoundingClientRect().top")
    assert -1 < top < 844 / 2, "scrolled to the paragraph"
    assert "5. " in page.locator("#par5").inner_text()
    page.close()


def test_an_old_address_without_javascript_lands_on_the_list(browser, served) -> None:
    # A cable the collection does not hold: its month, where its row would be.
    page = browser.new_page(java_script_enabled=False)
    page.goto(served + "/cable/2009/03/09NOWHERE1.html")
    assert page.url == served + "/cable/2009/03/#09NOWHERE1.html"
    assert page.locator("h1").count() == 1
    page.close()


def test_reading_works_without_javascript_on_a_phone(browser, served) -> None:
    page = browser.new_page(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page.goto(served + "/cable/2007/12/07ULAANBAATAR693/")
    assert page.locator("#par3").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, "no sideways scrolling on a phone"
    page.locator("details summary").last.click()
    assert page.locator("pre").is_visible()
    page.close()


def test_print_hides_navigation(browser, served) -> None:
    page = browser.new_page()
    page.goto(served + "/cable/2007/12/07ULAANBAATAR693/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    assert not page.locator("header.site").is_visible()
    assert page.locator("#par5").is_visible(), "the cable's text prints"
    assert page.locator("dl.meta").is_visible(), "the whole record prints, without a tap"
    assert not page.locator(".original").is_visible(), "the text is printed once"
    printed = page.locator(".printed").inner_text()
    address = "https://cablegate.netlify.app/cable/2007/12/07ULAANBAATAR693/"
    assert re.fullmatch(f"Printed from {address} on \\d{{1,2}} [A-Z][a-z]+ \\d{{4}}", printed)
    page.close()


def test_print_without_javascript_shows_the_address(browser, served) -> None:
    page = browser.new_page(java_script_enabled=False)
    page.goto(served + "/cable/2007/12/07ULAANBAATAR693/")
    assert not page.locator(".printed").is_visible(), "on paper only"
    page.emulate_media(media="print")
    printed = page.locator(".printed").inner_text()
    assert printed == "Printed from https://cablegate.netlify.app/cable/2007/12/07ULAANBAATAR693/"
    page.close()
