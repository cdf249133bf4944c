"""The `cables` command: argument parsing and nothing else."""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from tqdm import tqdm

from generator.clean import one_line
from generator.commands.importer import import_sources
from generator.commands.summary import describe, parse_sources
from generator.dates import DateError, iso_utc
from generator.files import reason
from generator.sources import SourceError, SourceNote


def _parse(args: argparse.Namespace) -> int:
    failed = 0
    for item in parse_sources(args.paths):
        if isinstance(item, SourceError):
            failed += 1
            print(item, file=sys.stderr)
        elif isinstance(item, SourceNote):
            print(item, file=sys.stderr)
        elif args.json:
            print(json.dumps(item.to_json(), ensure_ascii=False))
        else:
            print(
                f"{item.id}\t{item.created or '-'}\t{item.classification or '-'}\t"
                f"{item.origin or '-'}\t{item.subject or '-'}"
            )
    if failed:
        print(f"{failed} failed", file=sys.stderr)
    return 1 if failed else 0


def _source_bytes(paths: list[str]) -> int:
    total = 0
    for path in map(Path, paths):
        files = [path] if path.is_file() else path.rglob("*")
        total += sum(p.stat().st_size for p in files if p.is_file())
    return total


def _import(args: argparse.Namespace) -> int:
    if args.id and (len(args.sources) != 1 or not Path(args.sources[0]).is_file()):
        print("--id names the cable of one file: give one file", file=sys.stderr)
        return 2
    try:
        added = iso_utc(args.added) if args.added else None
    except DateError as error:
        print(f"--added {args.added!r}: {error}", file=sys.stderr)
        return 2
    # Progress by bytes of the sources, so that a stream (cables.csv) has a time left too.
    total = _source_bytes(args.sources)
    bar = tqdm(total=total, unit="B", unit_scale=True, desc="import", disable=args.quiet or None)
    count = 0

    def advance(item: object) -> None:
        nonlocal count
        count += 1
        bar.update(len(getattr(item, "text", "")))
        bar.set_postfix_str(f"{count:,} read", refresh=False)

    def tell(line: str) -> None:
        tqdm.write(line, file=sys.stderr)

    with bar:
        report = import_sources(
            args.sources,
            Path(args.to),
            overwrite=args.overwrite,
            progress=advance,
            tell=tell,
            cable_id=args.id,
            added=added,
        )
        bar.update(max(0, total - bar.n))
    print(report.summary())
    return 0 if report.ok else 1


def _summary(args: argparse.Namespace) -> int:
    cables = []
    failed = []
    for item in tqdm(
        parse_sources([Path(args.source) / "content" / "cables"]),
        unit=" cables",
        desc="read",
        disable=args.quiet or None,
    ):
        if isinstance(item, SourceError):
            failed.append(str(item))
        elif not isinstance(item, SourceNote):
            cables.append(item)
    print(describe(cables))
    for line in failed:
        print(f"failed: {line}", file=sys.stderr)
    if failed:
        print(f"{len(failed)} cables could not be read", file=sys.stderr)
    return 1 if failed else 0


def _build(args: argparse.Namespace) -> int:
    from generator.build import BuildError, build
    from generator.search.shards import SearchError
    from generator.site.settings import ConfigError

    try:
        report = build(
            Path(args.source),
            Path(args.out),
            strict=args.strict,
            base_url=args.base_url,
            progress=not args.quiet,
            search=not args.no_search,
            jobs=args.jobs,
            search_jobs=args.search_jobs,
            search_minutes=args.search_minutes,
            fresh=args.fresh,
        )
    except (BuildError, ConfigError, SearchError) as error:
        told = getattr(error, "report", None)
        for line in told.lines() if told is not None else ():
            print(line, file=sys.stderr)
        print(one_line(f"build failed: {error}"), file=sys.stderr)
        return 1
    print(report.headline())
    for line in report.lines():
        print(line, file=sys.stderr)
    if report.failed:
        print(
            f"{len(report.failed)} cables or pages could not be made and are not on the site"
            + (" (--strict)" if args.strict else " (--strict makes this fail the build)"),
            file=sys.stderr,
        )
    return 1 if args.strict and report.failed else 0


def _check(args: argparse.Namespace) -> int:
    from generator.commands.check import check_site, old_copies
    from generator.site.page_weight import heavy_pages

    site = Path(args.out)
    problems, summary = check_site(Path(args.source), site)
    pages = sorted(site.rglob("*.html")) if site.is_dir() else []
    copies = old_copies(site, pages)  # the same pages again, at the 2010 site's addresses
    warnings = heavy_pages(site, [page for page in pages if page not in copies])
    for problem in problems:
        print(problem, file=sys.stderr)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"{summary}, {len(warnings)} warnings")
    return 1 if problems or (args.strict and warnings) else 0


def _serve(args: argparse.Namespace) -> int:
    from generator.commands.serve import make_server

    source, site = Path(args.source), Path(args.out)
    builds = None
    if args.watch:
        from generator.build import BuildError, build
        from generator.commands.preview import Builds, watch
        from generator.search.shards import SearchError
        from generator.site.settings import ConfigError

        def rebuild() -> str:
            return build(source, site, search=not args.no_search).summary()

        try:
            print(build(source, site, progress=not args.quiet, search=not args.no_search).summary())
        except (BuildError, ConfigError, SearchError) as error:
            print(one_line(f"build failed: {error}"), file=sys.stderr)
            return 1
        builds, stop = Builds(), threading.Event()
        folders = [source / "content", source / "templates"]
        threading.Thread(target=watch, args=(folders, rebuild, builds, stop), daemon=True).start()
    elif not (site / "index.html").is_file():
        print(f"{site}: no built site here; run `cables build` first", file=sys.stderr)
        return 1
    host = args.bind or "127.0.0.1"
    loopback = host in ("127.0.0.1", "::1", "localhost")
    server = make_server(
        site,
        source / "netlify.toml",
        port=args.port,
        host=host,
        builds=builds,
        any_host=not loopback,  # bound where others reach it: by names of their own
    )
    shown = f"[{host}]" if ":" in host else host
    address = f"http://{shown}:{server.server_address[1]}/"
    watching = "; rebuilding and reloading on changes" if builds else ""
    print(f"serving {site} on {address}{watching} (Ctrl-C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()
    if builds is not None:
        stop.set()
    return 0


def _synth(args: argparse.Namespace) -> int:
    from generator.commands.synth import make_synthetic_project

    corpus = Path(args.corpus)
    if not (corpus / "cables.csv").is_file():
        print(f"{corpus}: no cables.csv to take texts from", file=sys.stderr)
        return 1
    written = make_synthetic_project(
        args.count, Path(args.to), corpus, Path(args.source), progress=not args.quiet
    )
    print(f"{written} synthetic cables in {Path(args.to) / 'content' / 'cables'}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from generator.commands.export import export_markdown

    report = export_markdown(Path(args.source), Path(args.markdown), progress=not args.quiet)
    for line in report.lines():
        print(line, file=sys.stderr)
    print(f"{report.cables - len(report.failed)} cables written as Markdown to {args.markdown}")
    return 1 if report.failed else 0


def _command(
    commands: argparse._SubParsersAction,
    name: str,
    run: Callable[[argparse.Namespace], int],
    about: str,
    *,
    source: bool = False,
    out: str = "",
) -> argparse.ArgumentParser:
    """A subcommand; `source`: it reads a project folder; `out`: it has a site folder."""
    command = commands.add_parser(name, help=about)
    if source:
        command.add_argument("--source", default=".", help="project folder holding content/")
    if out:
        command.add_argument("--out", default="site", help=out)
    command.set_defaults(run=run)
    return command


def parser() -> argparse.ArgumentParser:
    """The command line, one subcommand per job."""
    top = argparse.ArgumentParser(prog="cables", description=__doc__)
    top.add_argument("-q", "--quiet", action="store_true", help="no progress bars")
    commands = top.add_subparsers(dest="command", required=True)
    flag = {"action": "store_true"}

    parse = _command(commands, "parse", _parse, "print the record of each cable")
    parse.add_argument("paths", nargs="+", help="cable files or folders, in any source form")
    parse.add_argument("--json", **flag, help="one JSON object per line")

    imp = _command(commands, "import", _import, "add cables to the collection")
    imp.add_argument("sources", nargs="+", help="text files, 2010 site pages, cables.csv, folders")
    imp.add_argument("--to", default="content/cables", help="content folder (content/cables)")
    imp.add_argument("--overwrite", **flag, help="replace cables whose text differs")
    imp.add_argument(
        "--id",
        help="the reference ID of the one cable in SOURCE, where its text does not tell it "
        "(as a file name such as 07ULAANBAATAR693.txt or `id:` in front matter would)",
    )
    imp.add_argument(
        "--added",
        help="when the cables are added to the collection, recorded as `added` in their front "
        "matter (2026-12-01 or 2026-12-01T14:30:00Z; by default now)",
    )

    about = "read content/ and describe the collection"
    _command(commands, "summary", _summary, about, source=True)

    build = _command(
        commands,
        "build",
        _build,
        "build the site from content/",
        source=True,
        out="output folder (site/)",
    )
    build.add_argument(
        "--strict", **flag, help="fail if any cable, file or page is left out (duplicates too)"
    )
    build.add_argument("--base-url", help="the site's address, for canonical URLs and feeds")
    build.add_argument("--no-search", **flag, help="skip the search index")
    build.add_argument("--jobs", type=int, help="worker processes (default: one per core)")
    build.add_argument(
        "--search-jobs",
        type=int,
        default=1,
        help="shards Pagefind indexes at once (1; each takes up to about 2.5 GB)",
    )
    build.add_argument(
        "--search-minutes",
        type=float,
        help="start no search shard this many minutes after the build began; the next "
        "build indexes the rest (to fit a build time limit)",
    )
    build.add_argument("--fresh", **flag, help="build everything anew, trusting no cache")

    about = "verify a built site: pages, links, anchors"
    check = _command(commands, "check", _check, about, source=True, out="the built site (site/)")
    check.add_argument("--strict", **flag, help="fail on warnings too (a page over 30 KB)")

    about = "build, serve like Netlify would, rebuild and reload on changes"
    serve = _command(commands, "serve", _serve, about, source=True, out="the built site (site/)")
    serve.add_argument("--port", type=int, default=8000, help="port (8000)")
    serve.add_argument(
        "--bind",
        help="address to listen on, answering any host name (default: 127.0.0.1, answering "
        "this machine's own names only)",
    )
    serve.add_argument("--no-watch", dest="watch", action="store_false", help="serve it as it is")
    serve.add_argument("--no-search", **flag, help="leave the search index out")

    about = "write the collection as Markdown pages"
    export = _command(commands, "export", _export, about, source=True)
    export.add_argument("--markdown", required=True, help="folder to write (a Hugo content/)")

    synth = _command(commands, "synth", _synth, "make a synthetic collection for benchmarks")
    synth.add_argument("count", type=int, help="how many cables")
    synth.add_argument("--to", required=True, help="project folder to create")
    synth.add_argument("--corpus", default="../shared/corpus", help="real cables to reuse")
    synth.add_argument("--source", default=".", help="project whose templates to copy (.)")
    return top


def main(argv: list[str] | None = None) -> int:
    """Entry point of the console script."""
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except OSError as error:  # a full disk, a folder one may not write to: said in one line
        where = f"{error.filename}: " if error.filename else ""
        print(one_line(f"cables {args.command}: {where}{reason(error)}"), file=sys.stderr)
        return 1


def run() -> None:
    """The console script: `main`, then out without freeing one by one the millions of
    objects a build at full scale loaded, as mypy does (docs/benchmarks.md, "Figures behind
    the code")."""
    status = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


if __name__ == "__main__":
    run()
