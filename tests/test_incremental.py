"""Incremental builds: after adding, editing and deleting cables and editing a template, a
build in place gives byte for byte the site a fresh build gives, and leaves every file it
did not need to change untouched (same bytes, same modification time)."""

from __future__ import annotations

import gc
import json
import re
import shutil
from pathlib import Path

import pytest

from bench.corpus_project import make_project
from generator.build import build
from generator.files import stamp_of
from generator.incremental import fingerprints, manifest
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.manifest import ManifestFile
from generator.incremental.records import ParseCache
from generator.reading import Reader, list_content, read_collection
from generator.report import BuildReport
from generator.site.addresses import file_for
from generator.sources import content
from tests.conftest import ROOT, SEED
from tests.test_changes import _state

NEW_ID = "07ULAANBAATAR777"


def _files(site: Path) -> dict[str, tuple[int, int]]:
    return {
        p.relative_to(site).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in site.rglob("*")
        if p.is_file()
    }


def _comparable(site: Path) -> dict[str, bytes]:
    """Every file's bytes, except Pagefind's own index files, whose filter files Pagefind
    writes in a different order on each run: for those, which shards hold which pages."""
    found = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file():
            continue
        if name.startswith("pagefind/") and name.count("/") > 1:
            if name.split("/")[2] == "fragment":
                found[name] = b"fragment"
            continue
        found[name] = path.read_bytes()
    return found


def _pages(site: Path) -> dict[str, bytes]:
    """Every file but the search index's and the search page (which names its shards)."""
    return {
        name: data
        for name, data in _comparable(site).items()
        if not name.startswith(("pagefind/", "search/"))
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory, corpus: Path) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    project = make_project(root / "project", corpus, SEED)
    (project / "templates").unlink()
    shutil.copytree(ROOT / "templates", project / "templates")
    with (project / "content" / "site.yaml").open("a") as settings:
        settings.write("search_shard_size: 150\n")  # shards by year and quarter
    return project


def test_a_build_in_place_equals_a_fresh_build(project: Path, monkeypatch) -> None:
    site = project / "site"
    first = build(project, site)
    assert first.rendered == first.pages
    store = project / "content" / "cables"
    before = _files(site)

    again = build(project, site)
    assert (again.rendered, again.shards, again.files) == (0, 0, 0)
    assert gc.get_freeze_count() == 0  # what the build froze is back with the collector
    assert _files(site) == before

    # Add a cable: the example cable under another number, in the same month.
    seed = content.path_for(store, "07ULAANBAATAR693")
    text = SEED.read_text(encoding="utf-8").replace("ULAANBAATAR 000693", "ULAANBAATAR 000777")
    content.write(content.path_for(store, NEW_ID), text, {})
    added = build(project, site)
    after = _files(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert "cable/2007/12/07ULAANBAATAR777/index.html" in changed
    assert "cable/2007/12/07ULAANBAATAR693/index.html" in changed  # its neighbour now
    # Every page that leads to the new cable (its neighbours by date, origin, rarest tag,
    # country and week) was written again.
    showing = {
        name
        for name in after
        if name.endswith(".html")
        and f'href="/cable/2007/12/{NEW_ID}/"' in (site / name).read_text(encoding="utf-8")
    }
    assert showing <= changed
    assert len({name for name in showing if name.startswith("cable/2")}) >= 5
    # and gives the pages a fresh build gives (before the stylesheet edit below renders
    # every page again).
    fresh = project.parent / "fresh-after-add"
    build(project, fresh, search=False, cache=False)
    assert _pages(site) == _pages(fresh)
    assert "cable/2007/12/index.html" in changed and "index.html" in changed
    other = next(site.glob("cable/2009/*/09ABIDJAN406/index.html")).relative_to(site).as_posix()
    assert other not in changed
    assert added.rendered < 60 and added.shards == 1
    assert added.changed == 1  # read and planned around the new cable only
    shards = {n.split("/")[1] for n in before if n.startswith("pagefind/") and n.count("/") > 1}
    assert len(shards) > 5
    touched = {name.split("/")[1] for name in changed if name.startswith("pagefind/")}
    assert touched == {"2007-q4"} or touched == {"2007"}
    # The word directory changes where the new cable's own words (its ID) fall, not all over.
    parts = [name for name in after if name.startswith("search/words/")]
    rewritten = [name for name in changed if name.startswith("search/words/")]
    assert len(parts) > 20 and len(rewritten) <= 4

    # Edit one cable's subject, delete another, edit the template of list pages.
    edited = store / "2009" / "09ABIDJAN406.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("SUBJECT:", "SUBJECT: EDITED"), "utf-8"
    )
    gone = sorted(store.glob("2008/*"))[0]
    gone.unlink()
    edited_and_gone = build(project, site)
    assert edited_and_gone.changed == 2

    # Both rebuilds kept their changes beside the whole manifest; replayed, they give the
    # collection a full read gives and the pages as they are on disk.
    cache = project / ".cache"
    assert sorted(p.name for p in cache.glob("site.*.pickle")) == ["site.1.pickle", "site.2.pickle"]
    kept = ManifestFile(cache).load(site)
    assert kept is not None and kept.inputs is not None
    nothing = CacheFolder(None)
    read = read_collection(list_content(store), Reader(ParseCache(None), nothing, BuildReport()))
    assert _state(kept.inputs.collection) == _state(read.collection)
    assert kept.inputs.files == read.files
    pages = {file_for(url): stamp for url, (_, stamp) in kept.pages.items()}
    assert len(pages) == edited_and_gone.pages
    assert all(stamp_of(site / name) == stamp for name, stamp in pages.items())
    cable_pages = {n for n in _files(site) if n.startswith("cable/") and n.endswith("/index.html")}
    assert cable_pages and cable_pages <= pages.keys()

    # A generator that keeps the collection otherwise reads it all again, still in place.
    monkeypatch.setattr(manifest, "LAYOUT", -1)
    (cache / "site.9.pickle").write_bytes(b"left by a clean-up that was stopped")
    upgraded = build(project, site)
    assert upgraded.changed is None and upgraded.rendered == 0
    assert not list(cache.glob("site.*.pickle"))  # kept whole again, the stray one gone
    monkeypatch.undo()
    list_template = project / "templates" / "list.html"
    list_template.write_text(list_template.read_text().replace("<h1>", "<h1 class=edited>"))
    before = _files(site)
    templated = build(project, site)
    assert templated.changed is None  # a template changed: every page planned and checked
    after = _files(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert templated.rendered < templated.pages / 2
    assert "tag/index.html" not in changed  # an overview page: another template
    month = other.rsplit("/", 2)[0]
    assert not any(name.startswith(f"{month}/09") for name in changed)
    assert f"{month}/index.html" in changed
    assert seed.exists()

    # Edit the search script: only the page that names it changes, and its new asset file.
    script = project / "templates" / "static" / "search.js"
    script.write_text(script.read_text() + "\n// edited\n")
    before = _files(site)
    scripted = build(project, site)
    after = _files(site)
    changed = {name for name in after if after[name] != before.get(name)}
    assert scripted.rendered == 1
    assert {n for n in changed if not n.startswith("assets/")} == {"search/index.html"}

    # Edit the stylesheet: every page names it, but Pagefind does not read it.
    style = project / "templates" / "static" / "style.css"
    style.write_text(style.read_text() + "\n/* edited */\n")
    styled = build(project, site)
    assert styled.rendered == styled.pages and styled.shards == 0

    # Change the search budget: the search page only.
    with (project / "content" / "site.yaml").open("a") as settings:
        settings.write("search_budget_kb: 250\n")
    budgeted = build(project, site)
    assert (budgeted.rendered, budgeted.shards) == (1, 0)
    assert 'data-budget="250"' in (site / "search" / "index.html").read_text()

    fresh = project / "fresh"
    build(project, fresh, fresh=True)
    assert _comparable(site) == _comparable(fresh)
    assert not (site / "cable" / gone.parent.name / gone.stem).exists()

    # A build stopped while it worked in place leaves its marker: the next trusts no manifest.
    build(project, fresh, search=False)  # without the marker, the next would render nothing
    (project / ".cache" / "site.building").touch()
    after_stop = build(project, fresh, search=False)
    assert after_stop.rendered == after_stop.pages
    assert not (project / ".cache" / "site.building").exists()


def test_a_record_cut_short_in_the_parse_cache_is_parsed_again(tmp_path: Path) -> None:
    # Records are written in place, not through a temporary file: one cut short (a build
    # stopped while writing it) must read as missing, never as a wrong record.
    from generator.parse import parse_cable

    cache = ParseCache(tmp_path / "records")
    cable = parse_cable(SEED.read_text(encoding="utf-8"))
    cache.store("ab" * 32, cable)
    assert cache.load("ab" * 32) == cable
    path = next((tmp_path / "records").rglob("*.lz4"))
    whole = path.read_bytes()
    for size in (0, 1, len(whole) // 2, len(whole) - 1):
        path.write_bytes(whole[:size])
        assert cache.load("ab" * 32) is None
    # A byte changed in the middle (a damaged disk) fails the record's checksum.
    middle = len(whole) // 2
    path.write_bytes(whole[:middle] + bytes([whole[middle] ^ 0x20]) + whole[middle + 1 :])
    assert cache.load("ab" * 32) is None


def test_shards_left_by_a_time_limit_are_indexed_by_the_next_build(tmp_path, corpus) -> None:
    # `--search-minutes 0`: every page is written, no shard is started; the site says so and
    # opens none, and the next build indexes them all.
    project = make_project(tmp_path / "project", corpus, SEED)
    with (project / "content" / "site.yaml").open("a") as settings:
        settings.write("search_shard_size: 300\n")
    site = project / "site"
    first = build(project, site, search_minutes=0)
    assert first.rendered == first.pages and first.shards == 0
    assert any("not indexed in the time given" in warning for warning in first.warnings)
    assert not [p for p in (site / "pagefind").glob("*") if p.is_dir()]
    listing = json.loads((site / "search" / "words" / "directory.json").read_text())
    assert listing["shards"] == []
    planned = re.search(r'data-shards="([^"]*)"', (site / "search" / "index.html").read_text())
    assert len(planned.group(1).split()) > 3

    second = build(project, site)
    assert second.rendered == 0 and second.shards == len(planned.group(1).split())
    assert not second.warnings
    listing = json.loads((site / "search" / "words" / "directory.json").read_text())
    assert sorted(listing["shards"]) == sorted(planned.group(1).split())
    assert build(project, site).shards == 0


def test_another_generator_version_renders_every_page_again(tmp_path, corpus, monkeypatch):
    """A new generator may render any page otherwise: a rebuild after a version change
    reads and plans in full, renders every page again and gives a fresh build's site."""
    from generator.incremental import records
    from generator.reference import posts

    project = make_project(tmp_path / "project", corpus, SEED)
    site = tmp_path / "site"
    first = build(project, site, search=False)
    assert first.rendered == first.pages
    for module in (manifest, posts):
        monkeypatch.setattr(module, "__version__", "0.0.0+test")
    monkeypatch.setattr(records, "PARSER_DIGEST", "another parser")
    monkeypatch.setattr(fingerprints, "RENDER_DIGEST", "another renderer")
    again = build(project, site, search=False)
    assert again.changed is None  # read and planned in full
    assert again.rendered == again.pages == first.pages
    fresh = build(project, tmp_path / "fresh", search=False, fresh=True)
    assert fresh.pages == again.pages
    assert _comparable(site) == _comparable(tmp_path / "fresh")
