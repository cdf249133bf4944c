"""Search in a real browser: Chromium against the site built from the shared cables, served
with the production headers (CSP included) and redirects."""

from __future__ import annotations

import gzip
import re
import shutil

import pytest
from playwright.sync_api import expect

from generator.commands.summary import parse_sources
from generator.reference.tags import tag_info
from generator.search.shards import Shard, plan_shards
from generator.search.words import shard_words

WORD = "Sharabiani"  # a name found in one cable of the corpus, 09BAKU175


@pytest.fixture(scope="module")
def cables(built):
    project, _ = built
    return {c.id: c for c in parse_sources([project / "content" / "cables"])}


def open_search(browser, url: str):
    page = browser.new_page()
    problems: list[str] = []
    page.on(
        "console", lambda m: problems.append(m.text) if m.type in ("error", "warning") else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.goto(url)
    return page, problems


def wait_for_results(page) -> str:
    """The status line once a search has finished and its first results are shown (the page
    marks the status with the query it answers; string evaluation is barred by the CSP)."""
    status = page.locator("#search-status")
    expect(status).to_contain_text("found", timeout=20000)
    query = page.locator("#search-q").input_value().strip()
    expect(status).to_have_attribute("data-query", query, timeout=20000)
    return status.inner_text()


def result_urls(page) -> list[str]:
    return page.locator("#search-results a.result-title").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )


def test_the_word_is_in_one_cable_only(cables) -> None:
    holders = [c.id for c in cables.values() if re.search(WORD, c.text, re.I)]
    assert holders == ["09BAKU175"]


def test_typing_a_word_finds_its_cable(browser, served) -> None:
    page, problems = open_search(browser, served + "/search/")
    page.locator("#search-q").press_sequentially(WORD.lower(), delay=30)
    # Results for a prefix may show while typing (a pause longer than the debounce); the
    # search for the whole word then replaces them.
    expect(page.locator("#search-status")).to_have_text("1 cable found", timeout=20000)
    assert result_urls(page) == ["/cable/2009/03/09BAKU175/"]
    assert page.locator("#search-results mark").first.inner_text().lower() == WORD.lower()
    paragraph = page.locator("#search-results a.result-paragraph").first
    assert paragraph.get_attribute("href").startswith("/cable/2009/03/09BAKU175/#par")
    assert page.url.endswith(f"/search/?q={WORD.lower()}")
    assert problems == []
    page.close()


def test_filters_alone_give_exactly_the_expected_cables(browser, served, cables) -> None:
    expected = sorted(
        (c.created, c.id)
        for c in cables.values()
        if c.classification == "SECRET"
        and c.origin == "Embassy Ankara"
        and c.created
        and c.created.startswith("2009")
    )
    assert len(expected) >= 2
    url = "/search/?origin=Embassy+Ankara&classification=SECRET&year=2009&sort=newest"
    page, problems = open_search(browser, served + url)
    count = len(expected)
    assert wait_for_results(page) == f"{count} cable{'s' if count > 1 else ''} found"
    ids = [u.rstrip("/").rsplit("/", 1)[1] for u in result_urls(page)]
    assert ids == [cable_id for _, cable_id in reversed(expected)]
    assert problems == []
    page.close()


def test_a_word_absent_from_a_shard_brings_nothing_from_it(browser, served) -> None:
    # A shard without the word falls back to words that begin it ("s" for "Sharabiani");
    # the search page must not show those, here nor with another word beside it.
    for query in (WORD, f"oil {WORD}"):
        page, problems = open_search(browser, served + f"/search/?q={query}")
        assert wait_for_results(page) == "1 cable found"
        assert result_urls(page) == ["/cable/2009/03/09BAKU175/"]
        page.close()
    page, problems = open_search(browser, served + "/search/?q=qwertyuiop")
    assert wait_for_results(page) == "0 cables found"
    assert problems == []
    page.close()


def test_newest_first_holds_across_shards(browser, served, cables) -> None:
    page, problems = open_search(browser, served + "/search/?q=oil&sort=newest")
    wait_for_results(page)
    expect(page.locator("#search-results .result-meta")).to_have_count(10)
    for shown in (20, 30, 40):  # the next shard's results are fetched as needed
        page.locator("#search-more").click()
        expect(page.locator("#search-results .result-meta")).to_have_count(shown)
    dates = page.locator("#search-results .result-meta").evaluate_all(
        "rows => rows.map(row => row.textContent.split(' · ')[1])"
    )
    assert dates == sorted(dates, reverse=True)
    assert dates[0] >= max(c.created for c in cables.values() if c.created)[:4]  # newest year
    assert problems == []
    page.close()


def test_a_filter_narrows_a_word_search(browser, served, cables) -> None:
    page, problems = open_search(browser, served + "/search/?q=refugees")
    wide = int(wait_for_results(page).split()[0])
    page.locator("summary").click()
    select = page.locator('select[data-filter="country"]')
    expect(select.locator("option")).not_to_have_count(1, timeout=20000)
    select.select_option("Mongolia")
    page.wait_for_url("**country=Mongolia**")
    narrow = wait_for_results(page)
    expected = {
        c.id
        for c in cables.values()
        if "Mongolia" in {k.name for k in c.countries} or c.origin == "Embassy Ulaanbaatar"
    }
    ids = {u.rstrip("/").rsplit("/", 1)[1] for u in result_urls(page)}
    assert ids <= expected and "07ULAANBAATAR693" in ids
    assert int(narrow.split()[0]) == len(ids) < wide
    page.go_back()
    page.wait_for_url("**/search/?q=refugees")
    assert int(wait_for_results(page).split()[0]) == wide
    assert problems == []
    page.close()


def test_reference_id_in_lower_case_finds_its_cable_first(browser, served) -> None:
    page, problems = open_search(browser, served + "/search/?q=07ulaanbaatar693")
    wait_for_results(page)
    assert result_urls(page)[0] == "/cable/2007/12/07ULAANBAATAR693/"
    assert page.locator("#search-q").input_value() == "07ulaanbaatar693"
    assert problems == []
    page.close()


def test_a_query_opens_only_the_shards_holding_its_words(browser, served, cables) -> None:
    # The word directory tells which shards hold a word: a reference ID is in one shard,
    # a word in no cable is in none, and shards that cannot match are never downloaded; a
    # year filter opens the shards of that year.
    in_2010 = sum(1 for c in cables.values() if (c.created or "").startswith("2010"))
    for search, opened, status in (
        ("q=07ulaanbaatar693", {"2000s"}, None),
        ("q=qwertyuiop", set(), "0 cables found"),
        (f"q={WORD} ", {"2000s"}, "1 cable found"),
        ("year=2010", {"2010s"}, f"{in_2010} cables found"),
    ):
        page = browser.new_page()
        asked: list[str] = []
        page.on("request", lambda r, asked=asked: asked.append(r.url))
        page.goto(served + f"/search/?{search}")
        found = wait_for_results(page)
        assert status is None or found == status
        shards = {m.group(1) for u in asked if (m := re.search(r"/pagefind/([^/]+)/", u))}
        assert shards == opened, search
        page.close()


def rewrite_search_page(page, change) -> None:
    """Serve the search page to `page` with its HTML passed through `change`."""

    def rewrite(route) -> None:
        response = route.fetch()
        route.fulfill(response=response, body=change(response.text()))

    page.route(re.compile(r"/search/(\?.*)?$"), rewrite)


def with_budget(page, kilobytes: int) -> None:
    """Serve the search page to `page` with another search budget than the site's."""
    rewrite_search_page(
        page, lambda html: re.sub(r'data-budget="\d+"', f'data-budget="{kilobytes}"', html)
    )


def test_a_search_beyond_its_budget_opens_the_newest_periods_first(browser, served) -> None:
    # "oil" is in several shards. The whole search, as the site's budget allows it here:
    page, problems = open_search(browser, served + "/search/?q=oil&sort=newest")
    whole = int(wait_for_results(page).split()[0])
    assert page.locator("#search-partial").is_hidden()
    page.close()
    # With a budget of 1 KB a search opens one shard, the newest that can match, says so,
    # and searches every period when the reader asks.
    page = browser.new_page()
    with_budget(page, 1)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.goto(served + "/search/?q=oil&sort=newest")
    part = int(wait_for_results(page).split()[0])
    shards = {m.group(1) for u in asked if (m := re.search(r"/pagefind/([^/]+)/", u))}
    assert shards == {"2010s"}
    assert 0 < part < whole
    note = page.locator("#search-partial")
    expect(note).to_contain_text(
        re.compile(r"^Searched the cables from 2010 on; earlier ones not yet\.")
    )
    dates = page.locator("#search-results .result-meta").evaluate_all(
        "rows => rows.map(row => row.textContent.split(' · ')[1])"
    )
    assert dates and all(date >= "2010" for date in dates)
    note.locator("button").click()
    page.wait_for_url("**periods=all**")
    expect(page.locator("#search-status")).to_have_text(f"{whole} cables found", timeout=20000)
    assert note.is_hidden()
    page.go_back()  # the partial search again
    expect(page.locator("#search-status")).to_have_text(f"{part} cables found", timeout=20000)
    assert problems == []
    page.close()


def test_a_shard_left_for_the_next_build_is_not_opened(browser, served) -> None:
    # The search page names a shard (2011) the word directory lacks, as after a build that
    # ran out of its time for search: the page says so and never asks for it.
    page = browser.new_page()
    rewrite_search_page(page, lambda html: html.replace('data-shards="', 'data-shards="2011 '))
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(served + "/search/?q=oil")
    assert int(wait_for_results(page).split()[0]) > 0
    note = page.locator("#search-partial")
    expect(note.locator("span")).to_have_text(
        "1 period of the collection is not indexed for search yet."
    )
    assert note.locator("button").is_hidden()
    assert not [url for url in asked if "/pagefind/2011/" in url]
    page.close()


def test_one_or_two_letters_wait_for_enter(browser, served) -> None:
    page, problems = open_search(browser, served + "/search/")
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url) if "/pagefind/" in r.url else None)
    page.locator("#search-q").press_sequentially("un", delay=400)  # slower than the debounce
    expect(page.locator("#search-status")).to_contain_text("Keep typing", timeout=5000)
    page.wait_for_timeout(500)
    # Nothing searched: no word index, no result; no shard opened but the newest, which the
    # page readies for a first search.
    assert not [url for url in asked if re.search(r"\.pf_(index|fragment)$", url)]
    assert {m.group(1) for u in asked if (m := re.search(r"/pagefind/([^/]+)/", u))} <= {"2010s"}
    page.locator("#search-q").press("Enter")
    assert int(wait_for_results(page).split()[0]) > 0
    assert problems == []
    page.close()


def test_query_text_is_never_html(browser, served) -> None:
    page, problems = open_search(
        browser, served + "/search/?q=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E"
    )
    wait_for_results(page)
    assert page.locator("#search-results img, #search img").count() == 0
    assert problems == []
    page.close()


def test_search_box_in_the_header_leads_to_results(browser, served) -> None:
    page, problems = open_search(browser, served + "/tag/")
    page.locator("#q").fill(WORD)
    page.locator("header form.search button").click()
    assert wait_for_results(page) == "1 cable found"
    assert problems == []
    page.close()


def test_index_holds_the_cable_pages_only(built, cables) -> None:
    _, site = built
    shards = [p for p in (site / "pagefind").iterdir() if p.is_dir()]
    fragments = sum(len(list((s / "fragment").iterdir())) for s in shards)
    assert fragments == len(cables)
    for shared in ("pagefind.js", "pagefind-worker.js", "wasm.en.pagefind"):
        assert (site / "pagefind" / shared).is_file()
        assert not list(site.glob(f"pagefind/*/{shared}"))
    # Every index file is whole: a truncated one fails to decompress (it happened when the
    # service API was stopped before its writes were done).
    for path in site.glob("pagefind/*/*/*.pf_*"):
        gzip.decompress(path.read_bytes())
    for path in site.glob("pagefind/*/*.pf_meta"):
        gzip.decompress(path.read_bytes())


def test_shards_follow_the_calendar_and_stay_small() -> None:
    months = {("2009", f"{m:02d}"): [f"09X{m}{n}" for n in range(900)] for m in range(1, 13)}
    months |= {("2008", "05"): ["08A1"] * 10, ("2007", "01"): ["07B1"] * 10}
    months |= {("1999", "01"): ["99C1"] * 5}
    shards = plan_shards(months, 3000)
    names = ["2009-q4", "2009-q3", "2009-q2", "2009-q1", "2008", "2007", "1990s"]
    assert [s.name for s in shards] == names
    assert shards[0] == Shard("2009-q4", "cable/2009/{10,11,12}/[0-9][0-9][A-Z]*/index.html", 2700)
    assert shards[-1].glob == "cable/1999/*/[0-9][0-9][A-Z]*/index.html"
    big = plan_shards(
        {("2009", "03"): [f"09{c}X{n}" for c in "ABCDEFGH" for n in range(500)]}, 2000
    )
    assert [(s.name, s.count) for s in big] == [
        ("2009-03-f-j", 1500), ("2009-03-e", 500), ("2009-03-d", 500), ("2009-03-c", 500),
        ("2009-03-b", 500), ("2009-03-a", 500),
    ]  # fmt: skip
    assert big[0].glob == "cable/2009/03/[0-9][0-9][F-J]*/index.html"


def test_adding_cables_changes_the_shard_of_their_period_only() -> None:
    months = {("2009", f"{m:02d}"): [f"09X{m}{n}" for n in range(1400)] for m in range(1, 13)}
    for year in range(2000, 2009):
        months[(str(year), "06")] = [f"{year % 100:02d}Y{n}" for n in range(500)]
    before = plan_shards(months, 4000)
    months[("2009", "08")] = months[("2009", "08")] + ["09NEW1"]
    months[("2004", "06")] = months[("2004", "06")] + ["04NEW1"]
    after = plan_shards(months, 4000)
    changed = {s.name for s in after} ^ {s.name for s in before} | {
        a.name for a, b in zip(after, before, strict=True) if a != b
    }
    assert changed == {"2009-08", "2004"}


def excerpt_words(page, item) -> str:
    """A result's excerpt as plain words, without the marks of a cut."""
    return " ".join(item.locator(".result-excerpt").inner_text().strip("… ").split())


def test_the_excerpt_comes_from_the_paragraph_it_links_to(browser, served) -> None:
    # 10PARIS193 showed an excerpt of its paragraph 5 with a link to paragraph 1 (the first
    # that matched): the excerpt is now cut from the paragraph the link leads to.
    checked = 0
    for query in ("nuclear security summit", "radiological threats", "refugees", "sanctions"):
        page, problems = open_search(browser, served + f"/search/?q={query}")
        wait_for_results(page)
        for item in page.locator("#search-results li").all():
            link = item.locator("a.result-paragraph")
            if not link.count():
                continue
            address, _, anchor = link.get_attribute("href").partition("#")
            assert link.inner_text() == f"Go to paragraph {anchor[3:]}"
            cable = browser.new_page()
            cable.goto(served + address)
            paragraph = " ".join(cable.locator(f"#{anchor}").inner_text().strip("¶ ").split())
            cable.close()
            assert excerpt_words(page, item) in paragraph, (query, address, anchor)
            checked += 1
        assert problems == []
        page.close()
    assert checked >= 30
    page, _ = open_search(browser, served + "/search/?q=radiological threats")
    wait_for_results(page)
    found = page.locator("#search-results li", has_text="10PARIS193")
    assert found.locator("a.result-paragraph").get_attribute("href").endswith("#par5")
    page.close()


def test_a_cable_found_by_its_tags_says_so(browser, served, cables) -> None:
    # "Waterborne" is in no cable's text (one writes "water-borne", which Pagefind reads as
    # one word): only in what the tag EWWT means. The cables tagged so are found, and each
    # says where the word was found, the excerpt being the opening of its text.
    tagged = {c.id for c in cables.values() if "EWWT" in c.tags}
    written = {c.id for c in cables.values() if re.search(r"water-?borne", c.text, re.I)}
    assert tagged and not tagged & written
    page, problems = open_search(browser, served + "/search/?q=waterborne")
    assert wait_for_results(page) == f"{len(tagged | written)} cables found"
    by_terms = set()
    for item in page.locator("#search-results li").all():
        terms = item.locator(".result-terms")
        if terms.count():
            assert terms.inner_text() == (
                "Found in its origin, countries or tags: EWWT Waterborne Transportation"
            )
            assert item.locator(".result-excerpt mark").count() == 0
            by_terms.add(item.locator(".result-meta").inner_text().split(" · ")[0])
    assert by_terms == tagged
    assert problems == []
    page.close()


def options(page, name: str) -> list[str]:
    return page.locator(f'select[data-filter="{name}"] option').all_inner_texts()


def test_filter_menus_show_the_values_of_the_results_most_frequent_first(
    browser, served, cables
) -> None:
    page, problems = open_search(browser, served + "/search/?q=sharabiani")
    wait_for_results(page)
    page.locator("summary").click()
    baku = cables["09BAKU175"]
    countries = {country.name for country in baku.countries} | {"Azerbaijan"}
    expect(page.locator('select[data-filter="country"] option')).to_have_count(
        len(countries) + 1, timeout=20000
    )
    assert options(page, "country") == ["Any country", *sorted(f"{c} (1)" for c in countries)]
    meanings = {tag: tag_info(tag).description for tag in baku.tags}
    labels = [f"{tag}: {text} (1)" if text else f"{tag} (1)" for tag, text in meanings.items()]
    assert options(page, "tag") == ["Any tag", *sorted(labels)]
    assert options(page, "origin") == ["Any origin", "Embassy Baku (1)"]
    page.close()
    # A word in many cables: counts within the results, most frequent first.
    page, _ = open_search(browser, served + "/search/?q=refugees")
    found = int(wait_for_results(page).split()[0])
    page.locator("summary").click()
    expect(page.locator('select[data-filter="country"] option')).not_to_have_count(1)
    page.wait_for_function("document.querySelector('#search-status').dataset.query !== undefined")
    wait_for_results(page)
    counts = [int(re.search(r"\((\d+)\)$", text).group(1)) for text in options(page, "country")[1:]]
    assert counts == sorted(counts, reverse=True) and max(counts) <= found and min(counts) > 0
    years = [text.split()[0] for text in options(page, "year")[1:]]
    assert years == sorted(years, reverse=True)
    assert problems == []
    page.close()


def test_a_filter_combination_with_no_result_says_what_to_try(browser, served) -> None:
    page, problems = open_search(browser, served + f"/search/?q={WORD}&country=Mongolia")
    assert wait_for_results(page) == "0 cables found"
    help_ = page.locator("#search-help")
    expect(help_).to_contain_text("The words match 1 cable without the filters")
    drop = help_.locator('button[data-drop="country"]')
    assert drop.inner_text() == "Without country Mongolia (1 cable)"
    assert help_.locator("button").count() == 1  # no "clear filters" beside it: the same
    drop.click()
    page.wait_for_url(f"**/search/?q={WORD}")
    expect(page.locator("#search-status")).to_have_text("1 cable found", timeout=20000)
    assert help_.is_hidden()
    page.go_back()  # the empty search again: one filter dropped, the other kept
    page.goto(served + f"/search/?q={WORD}&country=Mongolia&year=2009")
    assert wait_for_results(page) == "0 cables found"
    expect(help_.locator('button[data-drop=""]')).to_have_text("Clear filters")
    help_.locator('button[data-drop="country"]').click()
    page.wait_for_url("**year=2009**")
    expect(page.locator("#search-status")).to_have_text("1 cable found", timeout=20000)
    page.goto(served + "/search/?q=qwertyuiop")
    wait_for_results(page)
    expect(help_).to_have_text(
        "No cable holds “qwertyuiop”: check the spelling, or try another word."
    )
    assert problems == []
    page.close()


def test_the_search_page_has_one_search_box(browser, served) -> None:
    page, problems = open_search(browser, served + "/search/")
    assert page.locator("input[type=search]").count() == 1
    assert page.locator("form[role=search]").count() == 1
    assert page.locator("header form.search").count() == 0
    page.close()
    page, problems = open_search(browser, served + "/cable/2009/03/09BAKU175/")
    page.locator("header form.search input").fill("sharabiani")
    page.locator("header form.search input").press("Enter")
    assert wait_for_results(page) == "1 cable found"
    assert page.locator("#search-q").input_value() == "sharabiani"
    assert problems == []
    page.close()


def test_other_names_of_places_find_the_collections(browser, served, cables) -> None:
    # No cable writes "Ulan Bator": the search is made for Ulaanbaatar, and says so.
    assert not [c for c in cables.values() if "ulan bator" in c.text.lower()]
    page, problems = open_search(browser, served + "/search/?q=Ulan Bator")
    wait_for_results(page)
    assert "/cable/2007/12/07ULAANBAATAR693/" in result_urls(page)
    expect(page.locator("#search-places")).to_have_text(
        "No cable here writes Ulan Bator: searched for Ulaanbaatar, the name they use. "
    )
    page.close()
    # Some cables write "Kiev": those are found, and the collection's name is offered.
    page, problems = open_search(browser, served + "/search/?q=kiev")
    kiev = int(wait_for_results(page).split()[0])
    assert kiev == sum(1 for c in cables.values() if re.search(r"\bkiev\b", c.text, re.I))
    note = page.locator("#search-places")
    expect(note).to_contain_text("Most cables here write Kiev as Kyiv")
    note.locator("a").click()
    page.wait_for_url("**q=kyiv**")
    assert int(wait_for_results(page).split()[0]) > kiev
    assert problems == []
    page.close()


def test_the_first_search_is_readied_before_a_key_is_pressed(browser, served) -> None:
    # Pagefind's script and WebAssembly, the word directory, the stemmer and the newest
    # shard's entry and metadata are fetched once the reader shows an intent to search.
    page = browser.new_page()
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    page.goto(served + "/search/")
    page.locator("#search-q").focus()
    page.wait_for_load_state("networkidle")
    fetched = {url.split("?")[0].removeprefix(served) for url in asked}
    for path in (
        "/pagefind/pagefind.js",
        "/pagefind/wasm.en.pagefind",
        "/pagefind/2010s/pagefind-entry.json",
        "/search/words/directory.json",
    ):
        assert path in fetched, path
    assert [url for url in fetched if url.startswith("/pagefind/2010s/pagefind.en_")]
    assert [url for url in fetched if re.match(r"/assets/stem\.[0-9a-f]+\.js$", url)]
    assert not [url for url in fetched if re.search(r"\.pf_(index|fragment)$", url)]
    page.close()


# A site of a few cables: the body puts the lines before the first numbered paragraph
# (banner, section counter, routing, SIPDIS, E.O. and TAGS lines, subject) inside
# <div class="preamble">, which Pagefind is told to leave out.
CONTRACT = ("10PARIS193", "09BAKU175", "07ULAANBAATAR693")


@pytest.fixture(scope="module")
def contract_site(built, tmp_path_factory):
    from generator.build import build
    from generator.commands.serve import serve_in_background
    from tests.conftest import ROOT

    project, _ = built
    mine = tmp_path_factory.mktemp("contract") / "project"
    for cable_id in CONTRACT:
        found = next((project / "content" / "cables").glob(f"*/{cable_id}.txt"))
        (mine / "content" / "cables" / found.parent.name).mkdir(parents=True, exist_ok=True)
        shutil.copy(found, mine / "content" / "cables" / found.parent.name / found.name)
    (mine / "templates").symlink_to(ROOT / "templates", target_is_directory=True)
    site = mine / "site"
    build(mine, site)
    server, base = serve_in_background(site, ROOT / "netlify.toml")
    yield site, base
    server.shutdown()
    server.server_close()


def test_the_preamble_is_not_searched(contract_site) -> None:
    site, _ = contract_site
    page = next(site.glob("cable/*/*/10PARIS193/index.html")).read_text()
    assert '<div class="preamble">' in page
    words = set().union(*(shard_words(s) for s in (site / "pagefind").iterdir() if s.is_dir()))
    assert {"sipdis", "noforn", "12958", "decl"}.isdisjoint(words)
    assert {"tauscher", "sharabiani", "knnp", "nonprolifer", "ulaanbaatar"} <= words


def test_an_excerpt_is_the_cables_text_not_its_header(browser, contract_site) -> None:
    _, base = contract_site
    page, problems = open_search(browser, base + "/search/?q=sipdis")
    assert wait_for_results(page) == "0 cables found"
    page.close()
    # "Tauscher" is in the subject line of the preamble and in the text; "Paris" in the
    # section counter, the text and the origin.
    for query in ("tauscher", "paris", "french officials"):
        page, problems = open_search(browser, base + f"/search/?q={query}")
        assert wait_for_results(page) == "1 cable found"
        excerpt = page.locator(".result-excerpt").inner_text()
        assert not re.search(r"SIPDIS|TAGS|E\.O\.|S E C R E T|SECTION 01|SUBJECT", excerpt)
        assert (
            page.locator("a.result-paragraph")
            .get_attribute("href")
            .startswith("/cable/2010/02/10PARIS193/#par")
        )
        assert problems == []
        page.close()


def test_other_names_of_places_come_from_geonames_and_iso() -> None:
    from generator.reference.places import other_names

    names = other_names(
        ["Embassy Ulaanbaatar", "Consulate Mumbai", "Embassy Kyiv", "Secretary of State"],
        ["Myanmar", "Democratic Republic of the Congo", "Republic of the Congo"],
        ["Beijing"],
    )
    assert names["ulan bator"] == "Ulaanbaatar"
    assert names["bombay"] == "Mumbai"
    assert names["kiev"] == "Kyiv"
    assert names["peking"] == "Beijing"
    assert names["burma"] == "Myanmar"  # ISO 3166-3, a former name
    assert names["zaire"] == "Democratic Republic of the Congo"
    assert "congo" not in names  # two places of the collection are named so
    assert "ulaanbaatar" not in names and "bom" not in names  # its own name; a code
