"""How the cables' own structure comes out on their pages: headings, section breaks, and
the faults issue 20 found (a line of dashes as a paragraph or a list item, a redaction
marker as a heading).

    python -m bench.structure [../shared/corpus or a folder of cables] [--show KIND]

Parses every cable, renders its body as the cable page does (`markdown.cable_html`) and
counts in that HTML. `--show` prints the cases of one count (`headings`, `punctuation`,
`dashes`, `redacted`), one a line with the cable's ID: the figures in docs/parser.md.
"""

from __future__ import annotations

import argparse
import html
import re
from collections import Counter
from pathlib import Path

from generator.parse import parse_cable
from generator.site.markdown import cable_html, contents_of
from generator.sources import SourceCable, read_paths

_PERMALINK = re.compile(r'<a class="permalink"[^>]*>.*?</a>')
_TAG = re.compile(r"<[^>]+>")
_ELEMENT = {
    "heading": re.compile(r"<h3[^>]*>(.*?)</h3>", re.DOTALL),
    "paragraph": re.compile(r"<p[^>]*>(.*?)</p>", re.DOTALL),
    "item": re.compile(r"<li>(.*?)</li>", re.DOTALL),
}
_REDACTION = re.compile(r"X{4,}", re.IGNORECASE)


def texts(body: str, kind: str) -> list[str]:
    """The text of every element of one kind in a body's HTML, as a reader sees it."""
    found = _ELEMENT[kind].findall(_PERMALINK.sub("", body))
    return [" ".join(html.unescape(_TAG.sub("", text)).split()) for text in found]


def only_punctuation(text: str) -> bool:
    return not any(character.isalnum() for character in text)


def starts_with_dashes(text: str) -> bool:
    return text.startswith("--")


def is_redaction(text: str) -> bool:
    """A heading that says nothing but a redaction marker (`XXXXXXXXXXXX`, `XXXXXXXXXXXX:`)."""
    left = _REDACTION.sub("", text)
    return bool(_REDACTION.search(text)) and sum(map(str.isalpha, left)) < 3


def measure(cables: list[SourceCable]) -> tuple[Counter[str], dict[str, list[str]]]:
    counts: Counter[str] = Counter()
    cases: dict[str, list[str]] = {
        "headings": [],
        "punctuation": [],
        "dashes": [],
        "redacted": [],
        "split": [],
    }
    for source in cables:
        cable = parse_cable(source.text, facts=source.facts, overrides=source.overrides)
        body = cable_html(cable.body_markdown)
        headings = texts(body, "heading")
        counts["cables"] += 1
        counts["headings"] += len(headings)
        counts["cables with a heading"] += bool(headings)
        counts["cables with a contents list"] += bool(contents_of(cable.body_markdown))
        counts["section breaks"] += body.count("<hr />")
        counts["preambles"] += body.startswith('<div class="preamble">')
        cases["headings"] += [f"{cable.id}: {text}" for text in headings]
        for text in texts(body, "paragraph"):
            if only_punctuation(text):
                cases["punctuation"].append(f"{cable.id}: {text}")
        for text in texts(body, "paragraph"):
            if text[:1].islower():  # a sentence's second half, cut by a blank line
                cases["split"].append(f"{cable.id}: {text[:60]}")
        for text in texts(body, "item"):
            if starts_with_dashes(text):
                cases["dashes"].append(f"{cable.id}: {text}")
        cases["redacted"] += [f"{cable.id}: {text}" for text in headings if is_redaction(text)]
    counts["paragraphs only of punctuation"] = len(cases["punctuation"])
    counts["list items opening with dashes"] = len(cases["dashes"])
    counts["headings that are a redaction marker"] = len(cases["redacted"])
    counts["paragraphs opening with a small letter"] = len(cases["split"])
    return counts, cases


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("corpus", nargs="?", default="../shared/corpus")
    options.add_argument(
        "--show", choices=["headings", "punctuation", "dashes", "redacted", "split"]
    )
    args = options.parse_args()
    folder = Path(args.corpus)
    found = read_paths([folder / "cablegate" if (folder / "cablegate").is_dir() else folder])
    counts, cases = measure([s for s in found if isinstance(s, SourceCable)])
    if args.show:
        print("\n".join(cases[args.show]))
        return
    for name, count in counts.items():
        print(f"{name:40} {count:6,}")


if __name__ == "__main__":
    main()
