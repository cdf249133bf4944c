"""The site built from the shared cables shows what readers need, and only what it should."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.build import BuildError, build
from generator.cli import main
from generator.commands.check import check_site
from generator.commands.summary import parse_sources
from generator.parse import parse_cable
from generator.site.addresses import Link
from generator.site.collection import build_collection
from generator.site.indexes import INDEXES, IndexKind
from generator.site.page_weight import BUDGET, heavy_pages, page_weight
from generator.site.plan import cable_page
from generator.site.render import Renderer, record_json
from generator.site.settings import SiteConfig
from generator.site.summary import summary_apart
from generator.sources import content
from tests.conftest import ROOT, SEED
from tests.site_project import SCRIPT_ID


@pytest.fixture(scope="module")
def cables(built):
    project, _ = built
    return {c.id: c for c in parse_sources([project / "content" / "cables"])}


def page(out: Path, url: str) -> str:
    return (out / url.strip("/") / "index.html").read_text(encoding="utf-8")


def listed_ids(html: str) -> set[str]:
    """The reference IDs of a list page's table, each row linked to its cable's page."""
    rows = re.findall(r'<td class="ref">([^<]+)</td><td class="subject"><a href="([^"]+)">', html)
    assert all(url.endswith(f"/{cable_id}/") for cable_id, url in rows)
    return {cable_id for cable_id, _ in rows}


def test_example_cable_page(built) -> None:
    _, out = built
    html = page(out, "/cable/2007/12/07ULAANBAATAR693/")
    assert "<h1>IOM&#39;S ENGAGEMENT WITH MONGOLIA INCREASING</h1>" in html
    for text in (
        "07ULAANBAATAR693",
        "14 Dec 2007, 09:01 UTC",
        "CONFIDENTIAL",
        "SIPDIS",
        "ROUTINE",
        "Secretary of State",
        "Embassy Bangkok",
        "2017-12-14",
        "Ambassador Mark C. Minton",
        "1.4(d)",
    ):
        assert text in html, text
    assert '<a href="/origin/embassy-ulaanbaatar/" data-pagefind-filter="origin"' in html
    pgov = '<span class="code">PGOV</span> <span class="note">Internal Governmental Affairs</span>'
    assert pgov.replace('class="code"', 'class="code" data-pagefind-filter="tag"') in html
    mg = '<span class="code" data-pagefind-filter="tag">MG</span>'
    assert f'href="/tag/MG/">{mg} <span class="note">Mongolia</span>' in html
    assert '<a href="/country/mongolia/" data-pagefind-filter="country">Mongolia</a>' in html
    assert "Madagascar" not in html
    # Its summary is its first paragraph again: not shown apart from the text.
    assert '<section class="summary"' not in html
    assert "Charles Harns, Regional Representative" in html
    byline = '<time datetime="2007-12-14T09:01:00Z">14 Dec 2007</time> &middot; Embassy Ulaanbaatar'
    assert f'<p class="byline" data-pagefind-ignore>{byline} &middot; <span class="level' in html
    assert (
        html.index('<p class="byline"')
        < html.index('<details class="record">')
        < html.index('<section class="body"')
    ), "the facts, then the full record one tap away, then the text"
    assert "Printed from https://cablegate.netlify.app/cable/2007/12/07ULAANBAATAR693/<span" in html
    for number in range(1, 6):
        assert f'<p id="par{number}"><a class="permalink" href="#par{number}"' in html
    assert '<a href="/cable/2007/12/07ULAANBAATAR693/07ULAANBAATAR693.txt" download>' in html
    assert "<details>" in html and "<pre>" in html
    assert "Next from Embassy Ulaanbaatar" in html
    folder = out / "cable/2007/12/07ULAANBAATAR693"
    assert (folder / "07ULAANBAATAR693.txt").read_bytes() == SEED.read_bytes()
    record = json.loads((folder / "07ULAANBAATAR693.json").read_text())
    assert record["id"] == "07ULAANBAATAR693" and record["tags"][-1] == "KN"
    assert '<meta property="og:title" content="07ULAANBAATAR693: IOM&#39;S ENGAGEMENT' in html
    assert (
        '<link rel="canonical" href="https://cablegate.netlify.app/cable/2007/12/07ULAANBAATAR693/">'
        in html
    )


def test_a_record_holds_every_field_of_the_cable(cables) -> None:
    # Cable.to_json turns the record into plain types itself, and orjson writes it: the same
    # bytes as the standard library's encoder on what dataclasses.asdict gives.
    for cable in cables.values():
        whole = json.dumps(dataclasses.asdict(cable), ensure_ascii=False, indent=2) + "\n"
        assert record_json(cable) == whole.encode()


def test_markup_in_a_cable_is_text(built) -> None:
    _, out = built
    html = page(out, f"/cable/2007/12/{SCRIPT_ID}/")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; *Charles* _Harns_ [x](y)" in html
    # No script on a cable page but the one writing the date on a printed copy.
    scripts = re.findall(r"<script[^>]*>", html)
    assert len(scripts) == 1
    assert re.fullmatch(r'<script src="/assets/print\.\w+\.js" defer>', scripts[0])


def test_tag_page_lists_exactly_its_cables(built, cables) -> None:
    _, out = built
    expected = {c.id for c in cables.values() if "KN" in c.tags}
    assert 2 <= len(expected) < 500
    assert listed_ids(page(out, "/tag/KN/")) == expected


def test_country_page_lists_tags_and_origins(built, cables) -> None:
    _, out = built
    expected = {
        c.id for c in cables.values() if "MG" in c.tags or c.origin == "Embassy Ulaanbaatar"
    }
    assert listed_ids(page(out, "/country/mongolia/")) == expected


def test_month_page_lists_exactly_its_cables(built, cables) -> None:
    _, out = built
    expected = {c.id for c in cables.values() if c.created and c.created.startswith("2007-12")}
    html = page(out, "/cable/2007/12/")
    assert listed_ids(html) == expected
    assert 'rel="prev" href="/cable/2007/11/"' in html and 'rel="next"' in html


def test_long_list_is_split_by_year_then_month(built, cables) -> None:
    _, out = built
    html = page(out, "/tag/PGOV/")
    in_2009 = {c.id for c in cables.values() if "PGOV" in c.tags and c.created.startswith("2009")}
    assert len(in_2009) > 0
    assert '<a href="/tag/PGOV/2009/">2009</a>' in html
    year = page(out, "/tag/PGOV/2009/")
    assert listed_ids(year) == in_2009


def test_references_link_and_cited_by(built, cables) -> None:
    _, out = built
    pairs = [
        (c, r.id) for c in cables.values() for r in c.references if r.id in cables and r.id != c.id
    ]
    assert pairs, "the corpus holds cables that cite each other"
    citing, cited_id = pairs[0]
    cited = cables[cited_id]
    html = page(
        out, citing_url := f"/cable/{citing.created[:4]}/{citing.created[5:7]}/{citing.id}/"
    )
    cited_url = f"/cable/{cited.created[:4]}/{cited.created[5:7]}/{cited.id}/"
    assert f'<a href="{cited_url}">' in html
    back = page(out, cited_url)
    assert '<h2 id="cited-by">Cited by</h2>' in back
    assert f'<a href="{citing_url}">{citing.id}</a>' in back


def test_home_feed_sitemap_robots_404(built) -> None:
    _, out = built
    home = page(out, "/")
    assert '<strong data-count="cables">1,002</strong>' in home
    assert 'action="/search/"' in home
    assert (out / "feed.xml").read_text().count("<entry>") == 50
    pages = len(list(out.rglob("index.html")))
    assert (out / "sitemap.xml").read_text().count("<url>") == pages > 1700
    assert "Sitemap: https://cablegate.netlify.app/sitemap.xml" in (out / "robots.txt").read_text()
    assert "Not found" in (out / "404.html").read_text()
    assert "How to read a cable" in page(out, "/reading/")


def test_every_page_stays_light(built, tmp_path: Path, capsys) -> None:
    """What a page adds around its own content (a cable's text, a list's rows), stylesheet
    included, stays under 30 KB on every page; `cables check` warns about each page over it,
    and fails on that with --strict."""
    project, out = built
    pages = sorted(out.rglob("*.html"))
    assert len(pages) > 1700 and heavy_pages(out, pages) == []
    sizes: dict[str, int] = {}
    weights = [page_weight(out, p.read_text(encoding="utf-8"), sizes) for p in pages]
    assert min(weights) > 5_000 and max(weights) <= BUDGET, (min(weights), max(weights))
    heavy = tmp_path / "site"
    shutil.copytree(out, heavy)
    about = heavy / "about" / "index.html"
    about.write_text(about.read_text().replace("</main>", "<p>" + "x" * BUDGET + "</p></main>"))
    args = ["-q", "check", "--source", str(project), "--out", str(heavy)]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert f"warning: {about}: " in captured.err and "over the budget of 30,000" in captured.err
    assert captured.out.rstrip().endswith("0 problems, 1 warnings")
    assert main([*args, "--strict"]) == 1


def test_check_passes_then_finds_a_broken_link(built, tmp_path: Path) -> None:
    project, out = built
    problems, _ = check_site(project, out)
    assert problems == [], problems[:5]
    broken = tmp_path / "site"
    shutil.copytree(out, broken)
    target = broken / "cable/2007/12/07ULAANBAATAR693/index.html"
    target.write_text(target.read_text().replace('href="/tag/PGOV/"', 'href="/tag/NOPE/"', 1))
    anchor = broken / "about/index.html"
    anchor.write_text(
        anchor.read_text().replace(
            'href="/about/"', 'href="/cable/2007/12/07ULAANBAATAR693/#par9"', 1
        )
    )
    (broken / "tag/PGOV_0.html").unlink()  # the tag's page at its 2010 address
    problems, _ = check_site(project, broken)
    assert any("broken link '/tag/NOPE/'" in p for p in problems), problems
    assert any("broken anchor" in p and "#par9" in p for p in problems), problems
    # The cable page at its old address is no longer the same page; the tag's is gone.
    assert any("07ULAANBAATAR693.html: not the same as" in p for p in problems), problems
    assert any("PGOV_0.html: missing" in p for p in problems), problems


def test_second_build_is_byte_identical(built, tmp_path: Path) -> None:
    project, out = built
    again = tmp_path / "again"
    build(project, again)
    first = _files(out)
    second = _files(again)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []
    # Pagefind writes its filter files in a different order on each run (docs/search.md);
    # their number is the same, and everything else of the search index is identical.
    assert len(list(out.glob("pagefind/*/filter/*"))) == len(
        list(again.glob("pagefind/*/filter/*"))
    )


def _files(site: Path) -> dict[str, bytes]:
    """Every file of a site by path, without Pagefind's filter files and what names them."""
    unstable = re.compile(r"^pagefind/[^/]+/(filter/|pagefind-entry\.json$|pagefind\..*\.pf_meta$)")
    return {
        str(p.relative_to(site)): p.read_bytes()
        for p in site.rglob("*")
        if p.is_file() and not unstable.match(str(p.relative_to(site)))
    }


def _bytes(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_interrupted_build_leaves_the_old_site(built, tmp_path: Path, monkeypatch) -> None:
    project, out = built
    site = tmp_path / "site"
    shutil.copytree(out, site)
    # An older site than the build would write: a page that reads otherwise, a cable page the
    # new build has and the old one lacks, a page the new build no longer makes.
    home = site / "index.html"
    home.write_text(home.read_text().replace("</main>", "<p>An older build.</p></main>"))
    shutil.rmtree(site / "cable/2007/12/07ULAANBAATAR693")
    gone = site / "cable/2001/01/01OLDPOST1/index.html"
    gone.parent.mkdir(parents=True)
    gone.write_text("<!doctype html><title>a cable since taken out</title>")
    before = _bytes(site)
    assert before != _bytes(out)
    calls = {"n": 0}
    original = Renderer.render

    def interrupted(self, page):
        calls["n"] += 1
        if calls["n"] > 100:
            raise KeyboardInterrupt
        return original(self, page)

    monkeypatch.setattr(Renderer, "render", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build(project, site)
    assert _bytes(site) == before, "the old site is left byte for byte"
    assert not list(tmp_path.glob(".site.building-*")), "the half-built folder is removed"


def test_bad_cable_is_left_out_and_strict_fails(tmp_path: Path, seed_text: str) -> None:
    project = tmp_path / "project"
    (project / "content" / "cables" / "2007").mkdir(parents=True)
    (project / "content" / "cables" / "2007" / "07ULAANBAATAR693.txt").write_text(seed_text)
    (project / "content" / "cables" / "2007" / "broken.txt").write_text("not a cable\n")
    (project / "templates").symlink_to(Path(__file__).parent.parent / "templates")
    report = build(project, tmp_path / "out")
    assert report.cables == 1
    assert len(report.failed) == 1 and "broken.txt: no reference ID found" in report.failed[0]
    with pytest.raises(BuildError, match="--strict"):
        build(project, tmp_path / "strict", strict=True)
    assert not (tmp_path / "strict").exists()


def test_collection_neighbours_are_from_the_same_origin(cables) -> None:
    collection = build_collection(cables.values())
    ids = collection.terms["origin"]["Embassy Madrid"]
    older, newer = collection.neighbours(ids[1])
    assert newer.id == ids[0] and older.id == ids[2]
    assert collection.neighbours(ids[0])[1] is None


def _small_project(root: Path, settings: str = "") -> Path:
    """The example cable and two more of other dates, with this repository's templates."""
    project = root / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    (project / "content" / "site.yaml").write_text(settings)
    text = SEED.read_text(encoding="utf-8")
    for serial, day in (("000693", "14"), ("000701", "15"), ("000702", "16")):
        cable_id = f"07ULAANBAATAR{int(serial)}"
        same = text.replace("ULAANBAATAR 000693", f"ULAANBAATAR {serial}")
        content.write(content.path_for(project / "content" / "cables", cable_id),
                      same.replace("140901Z DEC 07", f"{day}0901Z DEC 07"), {})  # fmt: skip
    return project


def test_a_new_kind_of_index(tmp_path: Path, monkeypatch) -> None:
    """One registered kind of index gets its overview, a page per value, a link in the
    navigation and on the home page, and a filter on the search page."""
    kind = IndexKind(
        "precedence", "/precedence/", "Precedences", "precedences",
        values=lambda cable: [cable.precedence] if cable.precedence else [],
        search_filter="Precedence",
    )  # fmt: skip
    monkeypatch.setitem(INDEXES, kind.name, kind)
    project = _small_project(tmp_path)
    out = project / "site"
    build(project, out, search=False)
    assert "3 cables" in page(out, "/precedence/routine/")
    assert '<a href="/precedence/routine/">ROUTINE</a>' in page(out, "/precedence/")
    home = page(out, "/")
    assert '<a href="/precedence/">Precedences</a>' in home  # the navigation
    assert '<a href="/precedence/"><strong>1</strong> precedences</a>' in home
    assert '<select name="precedence" data-filter="precedence">' in page(out, "/search/")
    assert check_site(project, out)[0] == []


def test_the_home_page_shows_as_many_cables_as_set(tmp_path: Path) -> None:
    project = _small_project(tmp_path, "latest: 2\n")
    build(project, project / "site", search=False)
    assert len(listed_ids(page(project / "site", "/"))) == 2


def test_a_template_error_stops_the_build_naming_the_template(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    cable = project / "templates" / "cable.html"
    cable.write_text(cable.read_text().replace("{{ title }}", "{{ no_such_value }}"))
    with pytest.raises(BuildError, match=r"templates/cable.html: 'no_such_value' is undefined"):
        build(project, project / "site", search=False)


@pytest.mark.parametrize("name", ["base.html", "cable.html", "list.html", "macros.html"])
def test_templates_of_pages_made_by_the_thousand_are_ascii(name: str) -> None:
    """Python encodes an all-ASCII page as a copy, any other character by character: the
    templates of cable and list pages write what lies beyond ASCII as entities."""
    assert (ROOT / "templates" / name).read_text(encoding="utf-8").isascii()


def test_a_template_syntax_error_is_one_line_naming_the_template(tmp_path: Path, capsys) -> None:
    project = _small_project(tmp_path)
    (project / "templates" / "list.html").write_text("{% if %}")
    command = ["-q", "build", "--source", str(project), "--out", str(project / "site")]
    assert main([*command, "--no-search"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("build failed: templates/list.html, line 1: ") and "\n" not in err


def test_a_summary_is_shown_apart_only_where_the_text_does_not_open_with_it(
    seed_text: str, cables
) -> None:
    cable = parse_cable(seed_text)
    assert cable.summary and summary_apart(cable) is None  # it is paragraph 1 again
    shouting = dataclasses.replace(cable, summary=cable.summary.upper() + ".")
    assert summary_apart(shouting) is None, "case and final punctuation aside"
    written = "The IOM's regional representative asked for help with trafficking and border work"
    assert summary_apart(dataclasses.replace(cable, summary=written)) == written
    # On the shared cables nearly every summary is the opening of the text again.
    summaries = [c for c in cables.values() if c.summary]
    shown = [c.id for c in summaries if summary_apart(c)]
    assert len(summaries) > 700 and len(shown) <= 5, shown


def test_a_summary_written_in_front_matter_opens_the_page(tmp_path: Path) -> None:
    project = _small_project(tmp_path)
    written = "Who met whom, and why it matters: a summary a maintainer wrote."
    path = content.path_for(project / "content" / "cables", "07ULAANBAATAR693")
    content.write(path, SEED.read_text(encoding="utf-8"), {"summary": written})
    build(project, project / "site", search=False)
    html = page(project / "site", "/cable/2007/12/07ULAANBAATAR693/")
    summary = f'<h2 id="summary">Summary</h2>\n<p>{written}</p>'
    assert summary in html
    assert html.index(summary) < html.index('<section class="body"')


def test_the_cable_page_makes_room_for_contents_and_onward(built, cables) -> None:
    """What the plan may add to a cable page (issue 20), each drawn by its partial template:
    its contents (`contents`) one tap away beside the record, before the text; the cables
    leading onward after the article, outside what the search index reads."""
    project, _ = built
    collection = build_collection(cables.values())
    planned = cable_page(cables["08MADRID552"], collection)
    sections = [Link("The cabinet", "#sec-1"), Link("Biographies", "#sec-2")]
    renderer = Renderer(project / "templates", SiteConfig())

    def render(contents: list[Link]) -> str:
        context = planned.context | {"contents": contents}
        return renderer.render(dataclasses.replace(planned, context=context)).decode()

    html = render(sections)
    toc = html.index('<details class="toc">\n<summary>Contents</summary>')
    assert html.index('<details class="record">') < toc < html.index('<section class="body"')
    assert '<details class="toc">' not in render([])
    source = (ROOT / "templates" / "cable.html").read_text(encoding="utf-8")
    assert source.index("</article>") < source.index('<section class="onward"')
