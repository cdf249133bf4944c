"""Which search shards hold which words: a small directory the search page reads first, so
that a query opens only the shards that can match it.

Every shard is a Pagefind index of its own, and a browser that opens a shard downloads its
page metadata (about fourteen bytes a page) and a chunk of its word index per query word.
Opening them all costs megabytes at the scale of the full release; a reference ID or a rare
name is in one or two of them. The directory lists every word of every shard's index, as
Pagefind stored it (stemmed), with the shards holding it, in parts of about a thousand words;
`directory.json` lists the first word of each part, and what each shard costs a browser to
open. The search page stems the query words as Pagefind does and opens the shards holding a
word that begins with each stem, as many as its budget of bytes allows.

Beside it, `/search/filters.json` holds the count of cables for each value of each filter
over all shards, which the search page shows before any search without opening them all,
and what each tag means (the menus show `KNNP: Nuclear Nonproliferation`); and
`/search/places/` the other names of the collection's places (`place_names.py`).
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import cbor2

from generator.files import write_if_changed
from generator.incremental import versioned
from generator.reference.tags import tag_info
from generator.search.place_names import places_key, write_place_names

FOLDER = "search/words"
# A part ends before a word whose checksum is divisible by this: about as many words a part.
# Cutting by the words themselves, not by counts, keeps the parts a new word does not fall
# in unchanged (same names, same bytes), so a rebuild uploads one part, not all of them.
PART_WORDS = 1024
# In a Pagefind word index chunk (gzip, then CBOR), each word is a three-item array that
# begins with the word as a text string: 0x83, then the string's header and bytes. Pages
# under a word are three-item arrays too but begin with a number, never with a string.
_WORD = re.compile(rb"\x83(?:([\x60-\x77])|\x78(.)|\x79(..))", re.S)
# 3: with the parts last written; 4: with each shard's costs; 5: estimated; 6: place names
_CACHE_VERSION = 6
SIGNATURE = b"pagefind_dcd"  # begins every decompressed Pagefind index file


def plain(word: str) -> str:
    """A word as the search page compares it: without accents, as Pagefind searches."""
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def index_words(data: bytes) -> set[str]:
    """The words of one decompressed Pagefind word index chunk."""
    words = set()
    for match in _WORD.finditer(data):
        short, byte, pair = match.groups()
        size = short[0] - 0x60 if short else byte[0] if byte else int.from_bytes(pair, "big")
        try:
            words.add(data[match.end() : match.end() + size].decode("utf-8"))
        except UnicodeDecodeError:
            continue  # a number's bytes that happened to look like a word's start
    return words


def shard_words(shard: Path) -> set[str]:
    """Every word Pagefind indexed in the shard at `shard` (its folder), accents removed."""
    words: set[str] = set()
    for chunk in (shard / "index").glob("*.pf_index"):
        words |= index_words(gzip.decompress(chunk.read_bytes()))
    return {plain(word) for word in words}


def shard_costs(shard: Path) -> tuple[int, int, int]:
    """What opening the shard at `shard` costs a browser, in bytes: its page metadata, a
    word index chunk on average (one per query word), and its filter files (read when the
    filter lists are shown).

    Pagefind writes the metadata and filters of the same pages in another order from run to
    run, so their compressed size changes by a few bytes: they are counted from their
    uncompressed size, which does not change (gzip makes about four sevenths of it, and
    some forty bytes of its own), so that the same content gives the same directory."""
    meta = sum(_estimate(path) for path in shard.glob("*.pf_meta"))
    chunks = [path.stat().st_size for path in (shard / "index").glob("*.pf_index")]
    filters = sum(_estimate(path) for path in (shard / "filter").glob("*.pf_filter"))
    return meta, sum(chunks) // max(len(chunks), 1), filters


def _estimate(path: Path) -> int:
    return 40 + len(gzip.decompress(path.read_bytes())) * 4 // 7


def shard_filters(shard: Path) -> dict[str, dict[str, int]]:
    """The count of pages for each value of each filter in the shard at `shard`."""
    counts: dict[str, dict[str, int]] = {}
    for chunk in (shard / "filter").glob("*.pf_filter"):
        name, values = cbor2.loads(gzip.decompress(chunk.read_bytes())[len(SIGNATURE) :])
        for value, pages in values:
            counts.setdefault(name, {})[value] = len(pages)
    return counts


@dataclass
class Directory:
    """Words and the shards holding them, as bit masks over the shards in name order; each
    shard's filter counts; the fingerprint each shard had when they were read."""

    shards: tuple[str, ...] = ()
    prints: dict[str, str] = field(default_factory=dict)
    words: dict[str, int] = field(default_factory=dict)
    filters: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    costs: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    parts: list[tuple[str, str]] = field(default_factory=list)  # (first word, file) written
    places: str = ""  # what the place names last written were made of (`places_key`)

    def totals(self) -> dict[str, dict[str, int]]:
        """Cables per value of each filter, over all shards."""
        out: dict[str, dict[str, int]] = {}
        for shard in self.shards:
            for name, values in self.filters.get(shard, {}).items():
                for value, count in values.items():
                    out.setdefault(name, {})[value] = out.get(name, {}).get(value, 0) + count
        return {name: dict(sorted(values.items())) for name, values in sorted(out.items())}

    def read(self, pagefind: Path, shard: str, bit: int) -> set[str]:
        """Put the words of one shard under `bit`, replacing what it had; the words whose
        shards changed."""
        flag = 1 << bit
        before = {word for word, mask in self.words.items() if mask & flag}
        now = shard_words(pagefind / shard)
        for word in before - now:
            if self.words[word] == flag:
                del self.words[word]
            else:
                self.words[word] &= ~flag
        for word in now - before:
            self.words[word] = self.words.get(word, 0) | flag
        return before ^ now


def update_directory(site: Path, prints: dict[str, str], cache: Path | None) -> int:
    """Bring site/search/words/ up to date with the shards (name -> fingerprint) now in
    the site; the number of shards whose words were read. Shards whose fingerprint is the
    one the cached directory saw are not read again."""
    pagefind = site / "pagefind"
    names = tuple(sorted(prints))
    directory = versioned.load(cache, _CACHE_VERSION)
    if not isinstance(directory, Directory):
        directory = Directory()
    if directory.shards != names:
        directory = Directory(shards=names)
    stale = [name for name in names if directory.prints.get(name) != prints[name]]
    changed: set[str] | None = set()
    if len(stale) > len(names) // 2:  # reading every shard afresh beats clearing bits
        changed = None
        directory.words.clear()
        for bit, name in enumerate(names):
            for word in shard_words(pagefind / name):
                directory.words[word] = directory.words.get(word, 0) | (1 << bit)
    else:
        for name in stale:
            changed |= directory.read(pagefind, name, names.index(name))
    for name in stale:
        directory.filters[name] = shard_filters(pagefind / name)
        directory.costs[name] = shard_costs(pagefind / name)
    directory.prints = dict(prints)
    if stale or not (site / FOLDER / "directory.json").exists():
        write_directory(site / FOLDER, directory, changed)
        totals = directory.totals()
        write_if_changed(site / "search" / "filters.json", filters_json(totals))
        if directory.places != places_key(totals) or not (site / "search" / "places").is_dir():
            write_place_names(site, totals)
            directory.places = places_key(totals)
    if stale:
        versioned.save(cache, directory, _CACHE_VERSION)
    return len(stale)


def filters_json(totals: dict[str, dict[str, int]]) -> bytes:
    """`/search/filters.json`: the counts of every filter value over all shards, and what
    each tag means (a country's code, the country's name)."""
    labels = {tag: tag_info(tag).description for tag in totals.get("tag", {})}
    described = {tag: label for tag, label in labels.items() if label}
    return json.dumps({"counts": totals, "labels": {"tag": described}}, ensure_ascii=False).encode()


def write_directory(folder: Path, directory: Directory, changed: set[str] | None = None) -> None:
    """The parts (gzip text, a line per word: the word, a tab, the shards as ranges of their
    numbers, `0-3,7`) under names that change with their content, and directory.json (the
    shards, what each costs to open, and the first word of each part).

    Given the words whose shards changed since the parts in `directory.parts` were
    written, only the parts those words fall in are made again."""
    folder.mkdir(parents=True, exist_ok=True)
    written = directory.parts
    if changed is None or not written or not all((folder / n).exists() for _, n in written):
        directory.parts = _parts(folder, directory, sorted(directory.words))
    else:
        for first, last in reversed(_spans(written, directory.words, changed)):
            low = written[first][0] if first else None
            high = written[last + 1][0] if last + 1 < len(written) else None
            words = sorted(
                word
                for word in directory.words
                if (low is None or word >= low) and (high is None or word < high)
            )
            written[first : last + 1] = _parts(folder, directory, words)
    listing = {
        "shards": list(directory.shards),
        "costs": [list(directory.costs.get(name, (0, 0, 0))) for name in directory.shards],
        "parts": [list(p) for p in directory.parts],
    }
    write_if_changed(folder / "directory.json", json.dumps(listing).encode())
    keep = {name for _, name in directory.parts} | {"directory.json"}
    for old in folder.iterdir():
        if old.name not in keep:
            old.unlink()


def _spans(
    parts: list[tuple[str, str]], words: dict[str, int], changed: set[str]
) -> list[tuple[int, int]]:
    """The runs of parts (first, last index) that the changed words fall in. A part whose
    first word is gone is joined to the part before it: its words now continue that one."""
    firsts = [first for first, _ in parts]
    hit = {max(bisect.bisect_right(firsts, word) - 1, 0) for word in changed}
    hit |= {index - 1 for index in hit if index and firsts[index] not in words}
    spans: list[tuple[int, int]] = []
    for index in sorted(hit):
        if spans and spans[-1][1] >= index - 1:
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((index, index))
    return spans


def _parts(folder: Path, directory: Directory, words: list[str]) -> list[tuple[str, str]]:
    """`words` (sorted, and beginning where a part begins) cut into parts and written."""
    ranges: dict[int, str] = {}
    parts: list[tuple[str, str]] = []
    lines: list[str] = []
    for word in words:
        if lines and zlib.crc32(word.encode()) % PART_WORDS == 0:
            parts.append(_write_part(folder, lines))
            lines = []
        mask = directory.words[word]
        if mask not in ranges:
            ranges[mask] = _ranges(mask)
        lines.append(f"{word}\t{ranges[mask]}")
    if lines:
        parts.append(_write_part(folder, lines))
    return parts


def _write_part(folder: Path, lines: list[str]) -> tuple[str, str]:
    """(first word, file name) of a part written to `folder`."""
    data = gzip.compress("\n".join(lines).encode(), mtime=0)
    name = hashlib.sha256(data).hexdigest()[:16] + ".words"
    write_if_changed(folder / name, data)
    return lines[0].split("\t", 1)[0], name


def _ranges(mask: int) -> str:
    """The set bits of `mask` as ranges: 0b10111 -> "0-2,4"."""
    out: list[str] = []
    bit = 0
    while mask >> bit:
        if not (mask >> bit) & 1:
            bit += 1
            continue
        start = bit
        while (mask >> bit) & 1:
            bit += 1
        out.append(str(start) if bit - 1 == start else f"{start}-{bit - 1}")
    return ",".join(out)


def shards_of(line: str) -> Iterable[int]:
    """The shard numbers of a directory line (for tests and tools)."""
    for span in line.split("\t", 1)[1].split(","):
        first, _, last = span.partition("-")
        yield from range(int(first), int(last or first) + 1)
