"""How soon a first search answers on a slow link, and what it downloads.

    python -m bench.first_query SITE [--words embassy,07ulaanbaatar693] [--runs 3]
                                     [--kbps 1600] [--latency 150] [--typing 120] [--pause 0]
                                     [--budget KB] [--as-stored] [--script]
                                     [--scripts-from CHECKOUT] [--trace]

For each word, opens SITE's search page in a fresh Chromium (an empty cache) with the link
throttled through the Chrome DevTools protocol (`Network.emulateNetworkConditions`: by
default 1.6 Mbps down, 750 kbps up, 150 ms of latency a request). Once the page has loaded
it waits `--pause` seconds (a reader finding the box), clicks the box (an intent to search:
the page readies Pagefind then) and types the word at `--typing` milliseconds a key, then
times from the last key to the first results shown (the page marks its status line with the
query whose first results it shows). It prints each run, the median and range of the
seconds, and what the browser downloaded from opening the page to the first results and a
quiet network: the page itself (its HTML, stylesheet, script and icon) apart from what the
search cost, by kind of file.

Files are served as Netlify sends them: netlify.toml's headers and redirects (as `cables
serve`), Netlify's own `Cache-Control: public, max-age=0, must-revalidate` where they set
none, and text files (scripts, JSON, HTML, CSS) compressed with gzip; `--as-stored` sends
them as stored. Bytes are bodies as they came over the network. `--budget` writes another
search budget (KB) into the site's search page for the run, and puts the page back after.
`--script` first puts this checkout's search.js and stem.js into a site built earlier
(`--scripts-from CHECKOUT` another checkout's, to compare); `--trace` prints when each
request was made and answered. The figures go to docs/search.md.
"""

from __future__ import annotations

import argparse
import email.utils
import functools
import gzip
import io
import mimetypes
import re
import shutil
import statistics
import threading
import time
from pathlib import Path

from bench.search_figures import ROOT, _kind, _settle, _size
from generator.commands.serve import make_server

PAGE_ITSELF = re.compile(r"/search/(\?.*)?$|/assets/(style|search|favicon)\.")


# What Netlify compresses on the way (its text types); Pagefind's index files are gzip already.
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}


def serve(site: Path, compress: bool) -> tuple[object, str]:
    """The site on a free port as Netlify would send it: netlify.toml's headers and redirects
    (as `cables serve`), Netlify's own Cache-Control where they set none, and text files
    compressed with gzip (unless `compress` is off)."""
    server = make_server(site, ROOT / "netlify.toml", port=0)
    handler = server.RequestHandlerClass.func

    class Compressing(handler):
        def end_headers(self) -> None:
            # Netlify's own Cache-Control where netlify.toml sets none: a browser asks again
            # (a round trip, answered "not modified") before it uses a file it has.
            if "Cache-Control" not in self.netlify.headers_for(self.path.split("?", 1)[0]):
                self.send_header("Cache-Control", "public, max-age=0, must-revalidate")
            super().end_headers()

        def send_head(self):
            local = self._local(self.path.split("?", 1)[0])
            if not compress or local is None or local.suffix not in COMPRESSED:
                return super().send_head()
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return super().send_head()
            changed = int(local.stat().st_mtime)
            since = self.headers.get("If-Modified-Since")
            if since and email.utils.parsedate_to_datetime(since).timestamp() >= changed:
                return super().send_head()  # 304
            body = gzip.compress(local.read_bytes(), compresslevel=6)
            self.send_response(200)
            self.send_header("Content-Type", mimetypes.guess_type(local.name)[0] or "text/plain")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Last-Modified", self.date_time_string(changed))
            self.end_headers()
            return io.BytesIO(body)

    server.RequestHandlerClass = functools.partial(
        Compressing, **server.RequestHandlerClass.keywords
    )
    server.handle_error = lambda request, address: None  # a page closed mid-answer
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host, port = server.server_address[:2]
    return server, f"http://{host}:{port}"


def first_query(
    browser,
    base: str,
    word: str,
    link: dict[str, float],
    typing: int,
    pause: float,
    trace: bool = False,
) -> tuple[float, list[tuple[str, int]], str]:
    """(seconds from the last key to the first results, [(address, bytes)], what the page
    said) of one first search in a fresh browser context."""
    context = browser.new_context()
    page = context.new_page()
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", {"offline": False, **link})
    seen: list[tuple[str, int]] = []
    flying: set = set()
    timeline: list[tuple[float, str, str]] = []  # (when, "asked" or "done", address)

    def asked(request) -> None:
        flying.add(request)
        timeline.append((time.perf_counter(), "asked", request.url))

    def done(request) -> None:
        flying.discard(request)
        timeline.append((time.perf_counter(), "done", request.url))

    page.on("request", asked)
    page.on("requestfailed", lambda r: flying.discard(r))
    page.on("requestfinished", done)
    page.on("response", lambda r: seen.append((r.url, _size(r))))
    try:
        page.goto(base + "/search/", wait_until="load")
        page.wait_for_timeout(pause * 1000)
        box = page.locator("#search-q")
        box.click()
        for key in word:  # a key every `typing` ms, the last one timed
            start = time.perf_counter()
            box.press(key)
            if key is not word[-1]:
                time.sleep(max(0.0, typing / 1000 - (time.perf_counter() - start)))
        # (scripts before issue 21 mark only the whole first page shown, as data-query)
        answered = page.locator(
            f'#search-status[data-first="{word}"], #search-status[data-query="{word}"]'
        ).first
        answered.wait_for(timeout=120000)
        seconds = time.perf_counter() - start
        said = page.locator("#search-status").inner_text()
        _settle(page, flying)
        for when, what, url in timeline if trace else ():
            print(f"      {when - start:+6.2f} s {what:5} {url.removeprefix(base)}")
        return seconds, seen, said
    finally:
        context.close()


def kind_of(url: str) -> str:
    """What a downloaded file is: Pagefind's scripts, a shard's entry, its metadata..."""
    kind = _kind(url)
    if kind == "other" and "/pagefind/" in url:
        return "shard entries" if "pagefind-entry.json" in url else "scripts"
    if kind == "other" and "/search/places/" in url:
        return "place names"
    return kind


def put_scripts(site: Path, checkout: Path = ROOT) -> None:
    """A checkout's search.js and stem.js in place of a built site's."""
    page = (site / "search" / "index.html").read_text()
    for script in ("search", "stem"):
        name = re.search(rf'"/(assets/{script}\.[0-9a-f]+\.js)"', page).group(1)
        shutil.copyfile(checkout / "templates" / "static" / f"{script}.js", site / name)


def report(word: str, run: int, seconds: float, files: list[tuple[str, int]], said: str) -> None:
    """One run's time and downloads, the page's own files apart, the search's by kind."""
    own = sum(n for url, n in files if PAGE_ITSELF.search(url))
    search = [(url, n) for url, n in files if not PAGE_ITSELF.search(url)]
    kinds: dict[str, int] = {}
    for url, n in search:
        kinds[kind_of(url)] = kinds.get(kind_of(url), 0) + n
    shards = {m for url, _ in search for m in re.findall(r"/pagefind/([^/]+)/", url)}
    print(
        f"  {word!r} run {run}: {seconds:.2f} s to the first results; "
        f"{sum(n for _, n in search) / 1000:,.0f} KB for the search ({len(search)} requests, "
        f"{len(shards)} shards), the page itself {own / 1000:,.0f} KB; {said}"
    )
    print("    " + ", ".join(f"{k} {n / 1000:,.0f} KB" for k, n in sorted(kinds.items())))


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("site", type=Path)
    options.add_argument("--words", default="embassy,07ulaanbaatar693")
    options.add_argument("--runs", type=int, default=3)
    options.add_argument("--kbps", type=int, default=1600, help="download, kilobits a second")
    options.add_argument("--latency", type=int, default=150, help="milliseconds a request")
    options.add_argument("--typing", type=int, default=120, help="milliseconds a key")
    options.add_argument("--pause", type=float, default=0.0, help="seconds before the click")
    options.add_argument("--budget", type=int, help="the search budget, KB, for the run")
    options.add_argument("--as-stored", action="store_true", help="no compression on the way")
    options.add_argument("--script", action="store_true")
    options.add_argument("--scripts-from", type=Path, help="a checkout whose scripts to put")
    options.add_argument("--trace", action="store_true", help="print each request's times")
    args = options.parse_args()
    if args.script or args.scripts_from:
        put_scripts(args.site, args.scripts_from or ROOT)
    from tests.browser import chromium

    link = {
        "latency": args.latency,
        "downloadThroughput": args.kbps * 1000 / 8,
        "uploadThroughput": 750 * 1000 / 8,
    }
    shards = sum(1 for p in (args.site / "pagefind").iterdir() if p.is_dir())
    print(
        f"{args.site}: {shards} shards; {args.kbps} kbps, {args.latency} ms a request, "
        f"a key every {args.typing} ms, the box clicked {args.pause} s after the page loaded"
    )
    search_page = args.site / "search" / "index.html"
    built = search_page.read_text()
    if args.budget is not None:
        search_page.write_text(re.sub(r'data-budget="\d+"', f'data-budget="{args.budget}"', built))
    budget = re.search(r'data-budget="(\d+)"', search_page.read_text()).group(1)
    sent = "as stored" if args.as_stored else "text files compressed, as Netlify sends them"
    print(f"  search budget {budget} KB; files {sent}")
    server, base = serve(args.site, not args.as_stored)
    try:
        with chromium() as browser:
            for word in args.words.split(","):
                times = []
                for run in range(1, args.runs + 1):
                    seconds, files, said = first_query(
                        browser, base, word, link, args.typing, args.pause, args.trace
                    )
                    times.append(seconds)
                    report(word, run, seconds, files, said)
                print(
                    f"  {word!r}: median {statistics.median(times):.2f} s "
                    f"(from {min(times):.2f} to {max(times):.2f} s, {len(times)} runs)"
                )
    finally:
        server.shutdown()
        search_page.write_text(built)


if __name__ == "__main__":
    main()
