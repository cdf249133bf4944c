"""What search costs: indexing time and memory per shard, and what one query downloads.

    python -m bench.search_figures SITE [--index] [--shard-size N] [--words W1,W2] [--script]
                                        [--budget KB]

With --index, (re)builds SITE/pagefind and the word directory with the shards a build would
plan, timing each shard and reading Pagefind's peak memory (the largest child process so far,
from getrusage). Then serves SITE with netlify.toml's headers and redirects, opens the search
page in Chromium, types the words in turn, waits for each answer and for the network to fall
quiet, and prints what the browser downloaded for each query: bytes by kind of file, requests
and shards touched, and what the page said. A word `+all` presses "Search every period" for
the query before it. --budget serves the search page with another search budget (KB) than
the site was built with. With --script, the site's search script and stemmer are first replaced by
this checkout's (to measure today's scripts on a site built earlier). The figures go to
docs/search.md.
"""

from __future__ import annotations

import argparse
import re
import resource
import shutil
import time
from pathlib import Path

from generator.commands.serve import serve_in_background
from generator.search.shards import index_site, plan_shards
from generator.search.words import update_directory

ROOT = Path(__file__).resolve().parent.parent


def months_of(site: Path) -> dict[tuple[str, str], list[str]]:
    """The cable pages of a built site by (year, month), read from its folders."""
    months: dict[tuple[str, str], list[str]] = {}
    for page in site.glob("cable/*/*/*/index.html"):
        if re.match(r"\d\d[A-Z]", page.parent.name):
            key = (page.parent.parent.parent.name, page.parent.parent.name)
            months.setdefault(key, []).append(page.parent.name)
    return months


def reindex(site: Path, shard_size: int) -> list[str]:
    """Index the site again in the shards a build would plan; their names, newest first."""
    shutil.rmtree(site / "pagefind", ignore_errors=True)
    shards = plan_shards(months_of(site), shard_size)
    print(
        f"{sum(s.count for s in shards):,} pages in {len(shards)} shards of at most {shard_size:,}"
    )
    total = time.perf_counter()
    for shard in shards:
        start = time.perf_counter()
        index_site(site, [shard])
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"  {shard.name:14} {shard.count:6,} pages {time.perf_counter() - start:6.1f} s, "
            f"Pagefind peak so far {peak:,.0f} MB"
        )
    print(f"indexing: {time.perf_counter() - total:.1f} s")
    start = time.perf_counter()
    update_directory(site, {shard.name: "re-indexed" for shard in shards}, None)
    print(f"word directory: {time.perf_counter() - start:.1f} s")
    return [shard.name for shard in shards]


def point_search_page(site: Path, names: list[str]) -> None:
    """Make the search page name the shards of a re-index, in their order."""
    page = site / "search" / "index.html"
    html = re.sub(r'data-shards="[^"]*"', f'data-shards="{" ".join(names)}"', page.read_text())
    page.write_text(html)


def downloads(
    site: Path, words: list[str], budget: int | None = None
) -> list[tuple[str, list[tuple[str, int]], str]]:
    """(word, [(address, bytes)], what the page said) of what a browser downloads for each
    query typed in turn. A `budget` is written into the site's search page for the time
    (routing the page through Playwright instead would turn the browser's cache off)."""
    from tests.browser import chromium

    search_page = site / "search" / "index.html"
    built = search_page.read_text()
    if budget is not None:
        search_page.write_text(re.sub(r'data-budget="\d+"', f'data-budget="{budget}"', built))
    server, base = serve_in_background(site, ROOT / "netlify.toml")
    figures = []
    try:
        with chromium() as browser:
            page = browser.new_page()
            seen: list[tuple[str, int]] = []
            flying: set = set()
            page.on("request", lambda r: flying.add(r))
            page.on("requestfailed", lambda r: flying.discard(r))
            page.on("response", lambda r: seen.append((r.url, _size(r))))
            page.on("requestfinished", lambda r: flying.discard(r))
            page.goto(base + "/search/")
            _settle(page, flying)
            figures.append(("(page itself)", seen[:], ""))
            for word in words:
                start = len(seen)
                if word == "+all":
                    page.locator("#search-partial button").click()
                    page.wait_for_url("**periods=all**")
                    page.locator("#search-partial").wait_for(state="hidden", timeout=120000)
                else:
                    page.locator("#search-q").fill(word)
                    page.locator(f'#search-status[data-query="{word}"]').wait_for(timeout=120000)
                _settle(page, flying)  # the results' data is fetched after the count shows
                said = page.locator("#search-status").inner_text()
                if page.locator("#search-partial").is_visible():
                    said += " " + page.locator("#search-partial span").inner_text()
                figures.append((word, seen[start:], said))
    finally:
        server.shutdown()
        search_page.write_text(built)
    return figures


def _settle(page, flying: set, quiet: float = 1.0) -> None:
    """Wait until no request has been in flight for `quiet` seconds."""
    calm = time.monotonic()
    while time.monotonic() - calm < quiet:
        page.wait_for_timeout(100)
        if flying:
            calm = time.monotonic()


def _kind(url: str) -> str:
    """What a downloaded file is: shard metadata, index chunk, fragment, word directory..."""
    if "/search/words/" in url:
        return "word directory"
    suffix = url.rsplit(".", 1)[-1]
    kinds = {"pf_meta": "metadata", "pf_index": "index chunks", "pf_fragment": "fragments"}
    return kinds.get(suffix, "filters" if suffix == "pf_filter" else "other")


def _size(response) -> int:
    """Bytes of the body that came over the network: none for an answer from the browser's
    cache, or a "not modified" (the local server sends files uncompressed, as stored)."""
    try:
        return max(0, response.request.sizes()["responseBodySize"])
    except Exception:
        return 0


def main() -> None:
    options = argparse.ArgumentParser()
    options.add_argument("site")
    options.add_argument("--index", action="store_true")
    options.add_argument("--shard-size", type=int, default=4000)
    options.add_argument("--words", default="embassy,sanctions")
    options.add_argument("--script", action="store_true")
    options.add_argument("--budget", type=int)
    args = options.parse_args()
    site = Path(args.site)
    if args.script:
        page = (site / "search" / "index.html").read_text()
        for script in ("search", "stem"):
            name = re.search(rf'"/(assets/{script}\.[0-9a-f]+\.js)"', page).group(1)
            shutil.copyfile(ROOT / "templates" / "static" / f"{script}.js", site / name)
    if args.index:
        point_search_page(site, reindex(site, args.shard_size))
    shards = [p for p in (site / "pagefind").iterdir() if p.is_dir()]
    print(f"{len(shards)} shards, {sum(1 for _ in (site / 'pagefind').rglob('*')):,} files")
    for word, files, said in downloads(site, args.words.split(","), args.budget):
        size = sum(n for _, n in files)
        shards = {m for url, _ in files for m in re.findall(r"/pagefind/([^/]+)/", url)}
        requests = len(files)
        print(f"  query {word!r}: {size / 1024:,.0f} KB, {requests} requests, {len(shards)} shards")
        kinds: dict[str, int] = {}
        for url, n in files:
            kinds[_kind(url)] = kinds.get(_kind(url), 0) + n
        print("    " + ", ".join(f"{k} {n / 1024:,.0f} KB" for k, n in sorted(kinds.items())))
        if said:
            print(f"    {said}")


if __name__ == "__main__":
    main()
