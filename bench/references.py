"""What the reader makes of the REF blocks of a folder of cables (by default the 1,000 shared).

    python -m bench.references [../shared/corpus or a folder of cables] [--list] [--site S]

Prints how many texts have a REF label (`REF:`, `REFS:`, `REFTEL`, `Ref(s):`, counted on the
text, apart from the parser), how many records have references, how many references there
are, how many carry a cable ID and how many of those IDs are cables of the same folder.
`--list` prints every reference without an ID, for reading by eye. `--site S` also counts, in
a site built from those cables (`cables build --out S`), the cable pages with a reference
that links to another cable and those with a "Cited by" list.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from generator.parse import parse_cable
from generator.sources import SourceCable, read_paths

_REF_LABEL = re.compile(
    r"(?:^|\s|[a-z])(?:REF(?:TELS?|S|\(S\))?|Refs?|Reftels?|Ref\(s\))[.:]", re.MULTILINE
)


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("corpus", nargs="?", default="../shared/corpus")
    options.add_argument("--list", action="store_true", help="print references without an ID")
    options.add_argument("--site", type=Path, help="a site built from the same cables")
    args = options.parse_args()
    folder = Path(args.corpus)
    found = read_paths([folder / "cablegate" if (folder / "cablegate").is_dir() else folder])
    sources = [s for s in found if isinstance(s, SourceCable)]
    cables = [parse_cable(s.text, facts=s.facts, overrides=s.overrides) for s in sources]
    ids = {cable.id for cable in cables}
    labelled = sum(1 for s in sources if _REF_LABEL.search(s.text[:6000]))
    references = [(cable.id, r) for cable in cables for r in cable.references]
    resolved = [r for _, r in references if r.id]
    print(f"{len(cables)} cables")
    print(f"texts with a REF label        {labelled:6}")
    print(f"records with references       {sum(1 for c in cables if c.references):6}")
    print(f"references                    {len(references):6}")
    print(f"  with a cable ID             {len(resolved):6}")
    print(f"  citing a cable of the folder{sum(1 for r in resolved if r.id in ids):6}")
    cited = {r.id for r in resolved if r.id in ids}
    citing = {cable.id for cable in cables if any(r.id in ids for r in cable.references)}
    print(f"cables citing one of the folder {len(citing):4}")
    print(f"cables cited by one of the folder {len(cited):2}")
    if args.site:
        linking = cited = either = pages = 0
        for page in (args.site / "cable").rglob("index.html"):
            if page.parent.name not in ids:
                continue  # a list of a year or month, not a cable's page
            html = page.read_text(encoding="utf-8")
            pages += 1
            references = html.partition('aria-labelledby="references"')[2].partition("</ul>")[0]
            links = '<a href="' in references
            cites = 'aria-labelledby="cited-by"' in html
            linking, cited, either = linking + links, cited + cites, either + (links or cites)
        print(f"site: {pages} cable pages; with a reference linking to a cable {linking},")
        print(f"      with a cited-by list {cited}, with either {either}")
    if args.list:
        for cable_id, reference in references:
            if not reference.id:
                print(f"{cable_id}\t{reference.text}")


if __name__ == "__main__":
    main()
