"""Add N cables to a synthetic project, as a maintainer adding a batch would, for the rebuild
benchmarks:

    python -m bench.add_cables N DIR [--hugo HUGO_CONTENT]

Each new cable is a copy of an existing synthetic cable of 2009 under a new reference ID, so
it lands among the busiest months. With --hugo, its Markdown export is written there too, so
Hugo rebuilds the same collection.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.export import front_matter, goldmark_anchors, markdown_page
from generator.parse import parse_cable
from generator.site.addresses import month_key
from generator.sources import content
from generator.sources.text import read_text_file


def add_cables(count: int, project: Path, hugo: Path | None = None) -> list[str]:
    store = project / "content" / "cables"
    models = sorted((store / "2009").iterdir())[:count]
    added = []
    for number, model in enumerate(models):
        item = read_text_file(model)
        facts = dict(item.facts)
        station = facts["id"][2:].rstrip("0123456789")
        serial = 100000 + number
        while content.path_for(store, f"09{station}{serial}").exists():
            serial += 1000
        facts["id"] = cable_id = f"09{station}{serial}"
        content.write(content.path_for(store, cable_id), item.text, facts)
        added.append(cable_id)
        if hugo is not None:
            cable = parse_cable(item.text, facts=facts)
            year, month = month_key(cable.id, cable.created)
            page = hugo / "cables" / year / month / f"{cable.id}.md"
            body = goldmark_anchors(cable.body_markdown)
            page.write_text(markdown_page(front_matter(cable), body), encoding="utf-8")
    return added


if __name__ == "__main__":
    arguments = argparse.ArgumentParser(description=__doc__)
    arguments.add_argument("count", type=int)
    arguments.add_argument("project", type=Path)
    arguments.add_argument("--hugo", type=Path, help="the Hugo content folder to add to")
    options = arguments.parse_args()
    print(" ".join(add_cables(options.count, options.project, options.hugo)))
