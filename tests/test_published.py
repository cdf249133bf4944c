"""What's new is what was published: `cables import` records when each cable was added, and
the feed and the home page list cables by when they were published on the site (the release
date, else that), newest first, each with its own date beside it (issue 20)."""

from __future__ import annotations

import re
from pathlib import Path

from generator.build import build
from generator.cli import main
from generator.sources import content
from generator.sources.front_matter import FrontMatterError, check_front_matter
from tests.conftest import ROOT, SEED


def _cable(serial: int, day: str, front: dict) -> tuple[str, str, dict]:
    """The example cable under another serial, written on another day."""
    text = SEED.read_text(encoding="utf-8").replace(
        "ULAANBAATAR 000693", f"ULAANBAATAR {serial:06d}"
    )
    return f"07ULAANBAATAR{serial}", text.replace("140901Z DEC 07", f"{day}0901Z DEC 07"), front


def test_import_records_when_each_cable_was_added(tmp_path: Path, capsys) -> None:
    source = tmp_path / "07ULAANBAATAR693.txt"
    source.write_text(SEED.read_text(encoding="utf-8"))
    store = tmp_path / "store"
    assert main(["-q", "import", str(source), "--to", str(store), "--added", "2026-12-01"]) == 0
    front, _ = content.stored(content.path_for(store, "07ULAANBAATAR693"))
    assert front == {"added": "2026-12-01T00:00:00Z"}
    assert main(["-q", "import", str(source), "--to", str(store), "--added", "2026-13-01"]) == 2
    assert "--added '2026-13-01'" in capsys.readouterr().err
    # Without --added, the moment of the import.
    assert main(["-q", "import", str(source), "--to", str(tmp_path / "other")]) == 0
    front, _ = content.stored(content.path_for(tmp_path / "other", "07ULAANBAATAR693"))
    assert re.fullmatch(r"20\d\d-\d\d-\d\dT\d\d:\d\d:00Z", front["added"])


def test_added_is_a_front_matter_date() -> None:
    assert check_front_matter({"added": "2026-12-01 14:30"}) == {"added": "2026-12-01T14:30:00Z"}
    try:
        check_front_matter({"added": "yesterday"})
    except FrontMatterError as error:
        assert "front matter added:" in str(error)
    else:
        raise AssertionError("a date that is no date is refused")


def test_feed_and_home_list_what_was_published_last(tmp_path: Path) -> None:
    project = tmp_path / "project"
    for folder in ("templates", "content/pages"):
        (project / folder).parent.mkdir(parents=True, exist_ok=True)
        (project / folder).symlink_to(ROOT / folder, target_is_directory=True)
    (project / "content" / "site.yaml").write_text("latest: 3\nfeed_size: 3\n")
    store = project / "content" / "cables"
    for cable_id, text, front in (
        _cable(701, "01", {"added": "2026-11-01"}),
        _cable(702, "02", {"added": "2026-11-20"}),  # added last: first in both lists
        _cable(703, "03", {"released": "2010-11-28", "added": "2026-11-25"}),  # released 2010
        _cable(704, "04", {"added": "2026-11-20"}),  # added with 702, written later
        _cable(705, "05", {}),  # added by hand, no date: last
    ):
        content.write(content.path_for(store, cable_id), text, front)
    site = project / "site"
    build(project, site, search=False)
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    listed = re.findall(r"<title>(07ULAANBAATAR\d+):", feed)
    assert listed == ["07ULAANBAATAR704", "07ULAANBAATAR702", "07ULAANBAATAR701"]
    assert "<updated>2026-11-20T00:00:00Z</updated>" in feed.split("<entry>")[0]
    first = feed.split("<entry>")[1]
    assert "<published>2026-11-20T00:00:00Z</published>" in first
    assert "written 4 Dec 2007" in first  # the cable's own date beside it
    home = (site / "index.html").read_text(encoding="utf-8")
    assert re.findall(r'<a href="/cable/2007/12/(07ULAANBAATAR\d+)/', home) == [
        "07ULAANBAATAR704",
        "07ULAANBAATAR702",
        "07ULAANBAATAR701",
    ]
    assert home.count("<h3>Published ") == 2  # 20 November (two cables), 1 November
    assert '<time datetime="2026-11-20T00:00:00Z">20 Nov 2026</time>' in home
