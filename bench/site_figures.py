"""Figures of a built site: files, size, the weight a cable page adds around the cable's own
text, the biggest folder.

    python -m bench.site_figures SITE

The weight of a cable page's "chrome" is its HTML less the cable's body and original text
(what the cable itself brings), plus the stylesheet (generator/site/page_weight.py, which
`cables check` applies to every page); docs/building.md records the result.
"""

from __future__ import annotations

import re
import statistics
import sys
from pathlib import Path

from generator.site.folders import entries_per_folder
from generator.site.page_weight import chrome_bytes


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else "site")
    files = [p for p in site.rglob("*") if p.is_file()]
    css = sum(p.stat().st_size for p in (site / "assets").glob("*.css"))
    cable_pages = [
        p for p in site.glob("cable/*/*/*/index.html") if re.match(r"\d\d[A-Z]", p.parent.name)
    ]
    chrome = sorted(chrome_bytes(p.read_text(encoding="utf-8")) + css for p in cable_pages)
    folder, size = entries_per_folder(str(p.relative_to(site)) for p in files).most_common(1)[0]
    print(f"{len(files):,} files, {sum(p.stat().st_size for p in files) / 1e6:.1f} MB")
    print(
        f"{len(cable_pages):,} cable pages; around the cable's own text each adds "
        f"(markup + CSS {css:,} B): min {chrome[0]:,} B, median "
        f"{statistics.median(chrome):,.0f} B, max {chrome[-1]:,} B"
    )
    print(f"biggest folder: /{folder}/ with {size:,} entries")


if __name__ == "__main__":
    main()
