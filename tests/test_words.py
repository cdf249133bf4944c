"""The word directory (which shards hold which words) and the stemmer the search page uses
to look words up in it, each checked against Pagefind's own index."""

from __future__ import annotations

import gzip
import json
import random
import re
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import cbor2
import pytest

from generator.reference.tags import tag_info
from generator.search.words import (
    PART_WORDS,
    Directory,
    index_words,
    shard_words,
    shards_of,
    update_directory,
    write_directory,
)


def _decoded(chunk: Path) -> list:
    """A Pagefind index chunk: gzip, the signature "pagefind_dcd", then CBOR."""
    data = gzip.decompress(chunk.read_bytes())
    assert data.startswith(b"pagefind_dcd")
    return cbor2.loads(data[len(b"pagefind_dcd") :])


def _shards(site: Path) -> list[Path]:
    return sorted(p for p in (site / "pagefind").iterdir() if p.is_dir())


def test_words_read_from_index_chunks_are_pagefinds(built) -> None:
    _, site = built
    for shard in _shards(site):
        for chunk in (shard / "index").glob("*.pf_index"):
            exact = {entry[0] for entry in _decoded(chunk)[0]}
            assert index_words(gzip.decompress(chunk.read_bytes())) == exact, chunk


def test_directory_lists_for_each_word_the_shards_holding_it(built) -> None:
    _, site = built
    folder = site / "search" / "words"
    listing = json.loads((folder / "directory.json").read_text())
    assert listing["shards"] == [shard.name for shard in _shards(site)]
    holders: dict[str, set[str]] = {}
    firsts = []
    for first, name in listing["parts"]:
        lines = gzip.decompress((folder / name).read_bytes()).decode().split("\n")
        assert lines[0].split("\t")[0] == first
        firsts.append(first)
        for line in lines:
            holders[line.split("\t")[0]] = {listing["shards"][n] for n in shards_of(line)}
    assert firsts == sorted(firsts)
    for shard in _shards(site):
        words = shard_words(shard)
        assert words == {word for word, names in holders.items() if shard.name in names}
    assert "sharabiani" in holders and holders["sharabiani"] == {"2000s"}
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        [name for _, name in listing["parts"]] + ["directory.json"]
    )


def test_directory_prices_each_shard_from_its_files(built) -> None:
    # What the search page weighs against its budget: metadata, a mean index chunk, filters.
    _, site = built
    listing = json.loads((site / "search" / "words" / "directory.json").read_text())
    for shard, (meta, chunk, filters) in zip(_shards(site), listing["costs"], strict=True):
        sizes = [p.stat().st_size for p in (shard / "index").iterdir()]
        # Metadata and filters by their uncompressed size, which does not change from run to
        # run as the order Pagefind writes them in does: close to what a browser downloads.
        meta_bytes = sum(p.stat().st_size for p in shard.glob("*.pf_meta"))
        filter_bytes = sum(p.stat().st_size for p in (shard / "filter").iterdir())
        # (a tiny file is mostly gzip's own header: within 100 bytes there)
        assert abs(meta - meta_bytes) <= max(100, meta_bytes / 4), (meta, meta_bytes)
        assert min(sizes) <= chunk <= max(sizes)
        assert abs(filters - filter_bytes) <= max(100, filter_bytes / 4), (filters, filter_bytes)


@pytest.fixture(scope="module")
def pagefind_stems(built, tmp_path_factory) -> dict[str, str]:
    """Every word of the cables' texts with the stem Pagefind indexes it under: one page of
    all the words, indexed by Pagefind, read back by word position."""
    _, site = built
    words = sorted(
        {
            w.lower()
            for p in (site / "cable").rglob("*.txt")
            for w in re.findall(r"[A-Za-z]+", p.read_text())
        }
    )
    root = tmp_path_factory.mktemp("stems")
    (root / "site").mkdir()
    (root / "site" / "index.html").write_text(f"<html><body><p>{' '.join(words)}</p></body></html>")
    command = [sys.executable, "-m", "pagefind", "--site", str(root / "site")]
    command += ["--output-path", str(root / "index"), "--force-language", "en", "--silent"]
    subprocess.run(command, check=True)
    stems = {}
    for chunk in (root / "index" / "index").glob("*.pf_index"):
        for stem, pages, *_ in _decoded(chunk)[0]:
            for _page, locations, *_ in pages:
                at = 0
                for step in locations:
                    if step >= 0:  # negative numbers set the weight of what follows
                        at += step
                        stems[words[at]] = stem
    assert len(stems) == len(words) > 20000
    return stems


def test_the_search_page_stems_words_as_pagefind_does(browser, served, pagefind_stems) -> None:
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(served + "/search/")
    module = page.locator("#search").get_attribute("data-stem")
    words = list(pagefind_stems)
    script = "async ([module, words]) => words.map((await import(module)).stem)"
    stems = page.evaluate(script, [module, words])
    wanted = pagefind_stems.values()
    wrong = [(w, a, b) for w, a, b in zip(words, wanted, stems, strict=True) if a != b]
    assert wrong == []
    context.close()


def test_filter_totals_are_pagefinds_over_all_shards(browser, served, built) -> None:
    _, site = built
    written = json.loads((site / "search" / "filters.json").read_text())
    totals = written["counts"]
    # What each tag means, for the menus: every tag the reference tables describe.
    assert written["labels"]["tag"] == {
        tag: tag_info(tag).description for tag in totals["tag"] if tag_info(tag).description
    }
    assert written["labels"]["tag"]["KNNP"] == "Nuclear Nonproliferation"
    names = [shard.name for shard in _shards(site)]
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.goto(served + "/search/")
    script = """async (names) => {
      const pf = await import("/pagefind/pagefind.js");
      await pf.options({ basePath: `/pagefind/${names[0]}/` });
      for (const name of names.slice(1)) await pf.mergeIndex(`/pagefind/${name}/`);
      return await pf.filters();
    }"""
    pagefind = page.evaluate(script, names)
    assert set(totals) == {"tag", "country", "origin", "classification", "year"}
    assert totals == {name: values for name, values in pagefind.items() if name in totals}
    context.close()


def test_reading_changed_shards_again_gives_the_directory_of_a_full_read(built, tmp_path) -> None:
    _, site = built
    shutil.copytree(site / "pagefind", tmp_path / "pagefind")
    cache = tmp_path / "words.pickle"
    prints = {shard.name: "first" for shard in _shards(site)}
    assert update_directory(tmp_path, prints, cache) == len(prints) == 5

    def written() -> dict[str, bytes]:
        return {p.name: p.read_bytes() for p in (tmp_path / "search").rglob("*") if p.is_file()}

    whole = written()
    assert whole == {
        p.name: p.read_bytes()
        for p in (site / "search").rglob("*")
        if p.is_file() and p.name != "index.html"
    }
    for changed in (1, 3, 0):  # a few shards, most of them, none
        prints |= {name: f"again {changed}" for name in sorted(prints)[:changed]}
        assert update_directory(tmp_path, prints, cache) == changed
        assert written() == whole


@pytest.mark.parametrize("seed", range(4))
def test_parts_made_again_where_words_changed_equal_a_whole_write(tmp_path, seed: int) -> None:
    """Words added (before the first word, as a part's first word), dropped (a part's first
    word among them) and moved to other shards: the parts made again where they fall, with
    the rest kept, are those a whole write makes."""
    rng = random.Random(seed)
    pool = [f"{rng.choice('abcdefghij')}{rng.randrange(10**6)}" for _ in range(40_000)]
    words = {word: rng.randrange(1, 64) for word in pool[:30_000]}
    kept = Directory(shards=tuple("abcdef"), words=dict(words))
    write_directory(tmp_path / "kept", kept)
    assert len(kept.parts) > 10
    for _ in range(3):
        firsts = [first for first, _ in kept.parts]
        gone = rng.sample(sorted(kept.words), 40) + rng.sample(firsts[1:], 2)
        new = [*rng.sample(pool[30_000:], 40), "0" + firsts[0]]
        new += [w for w in pool[30_000:] if zlib.crc32(w.encode()) % PART_WORDS == 0][:2]
        moved = rng.sample(sorted(kept.words), 40)
        for word in gone:
            kept.words.pop(word, None)
        for word in new + moved:
            kept.words[word] = rng.randrange(1, 64)
        write_directory(tmp_path / "kept", kept, set(gone + new + moved))
        whole = Directory(shards=kept.shards, words=dict(kept.words))
        write_directory(tmp_path / "whole", whole)
        assert kept.parts == whole.parts
        files = {p.name: p.read_bytes() for p in (tmp_path / "kept").iterdir()}
        assert files == {p.name: p.read_bytes() for p in (tmp_path / "whole").iterdir()}
