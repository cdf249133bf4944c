"""netlify.toml: build, headers, and redirects that answer every address of the 2010 site."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

from generator.commands.netlify import NetlifyConfig

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "netlify.toml").read_text())


NETLIFY = NetlifyConfig.load(ROOT / "netlify.toml")


def _headers(path: str) -> dict[str, str]:
    return NETLIFY.headers_for(path)


def redirect(path: str, site: Path) -> str | None:
    """Where Netlify sends `path`: no rule applies where a file exists (shadowing)."""
    if (site / path.lstrip("/")).is_file() or (site / path.lstrip("/") / "index.html").is_file():
        return None
    found = NETLIFY.redirect_for(path)
    if found is None:
        return None
    assert found[1] == 301
    return found[0]


def test_build_settings() -> None:
    assert CONFIG["build"]["publish"] == "site"
    assert "cables build" in CONFIG["build"]["command"]
    assert "pip install" in CONFIG["build"]["command"]
    assert CONFIG["build"]["environment"]["PYTHON_VERSION"].startswith("3.11")


def test_headers() -> None:
    page = _headers("/cable/2007/12/07ULAANBAATAR693/")
    csp = page["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", csp).group(1)
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    assert "'unsafe-inline'" not in csp
    assert page["X-Content-Type-Options"] == "nosniff"
    assert page["Referrer-Policy"]
    assert "camera=()" in page["Permissions-Policy"]
    assert page["Strict-Transport-Security"] == "max-age=31536000"
    assert "Cache-Control" not in page  # Netlify's own for pages: max-age=0, must-revalidate
    asset = _headers("/assets/style.0123456789.css")
    assert asset["Cache-Control"] == "public, max-age=31536000, immutable"


@pytest.mark.parametrize(
    "path", ["/", "/assets/style.0123456789.css", "/cable/2007/12/07ULAANBAATAR693/", "/feed.xml"]
)
def test_one_rule_sets_each_header(path: str) -> None:
    """Where two rules set one header for an address, a host may send both values."""
    names = [name.lower() for rule in NETLIFY.rules_for(path) for name in rule["values"]]
    assert names and len(names) == len(set(names)), names


def test_old_addresses_redirect_with_placeholders_only() -> None:
    for rule in CONFIG["redirects"]:
        assert ":" in rule["from"] or "*" in rule["from"], rule
    assert len(CONFIG["redirects"]) < 20


def old_addresses(corpus: Path) -> list[str]:
    """Every address of the 2010 site's cable archive that the 30 original pages link to
    (cables, dates, tags, release dates, origins, classifications), and the pages' own."""
    pages = sorted((corpus / "cablegate-html").rglob("*.html"))
    found = {"/" + p.relative_to(corpus / "cablegate-html").as_posix() for p in pages}
    for page in pages:
        found |= set(
            re.findall(
                r"href='(/(?:cable|tag|date|reldate|origin|classification)/[^']+)'",
                page.read_text(errors="replace"),
            )
        )
    return sorted(found)


def landing(link: str, site: Path, rule: tuple[str, int] | None) -> Path | None:
    """The file a browser shows for an old address: the file at that address, served
    before any rule; else the page a 301 rule sends it to (at most one redirect)."""
    path = link.partition("#")[0]
    if (site / path.lstrip("/")).is_file():
        return site / path.lstrip("/")
    if rule is None:
        return None
    assert rule[1] == 301, (link, rule)
    target = site / rule[0].partition("#")[0].lstrip("/") / "index.html"
    return target if target.is_file() else None


def new_page(link: str) -> str | None:
    """This site's page for an old address of a cable, a tag's or a month's list."""
    for pattern, page in (
        (r"/cable/(\d{4})/(\d\d)/(\w+)\.html", r"/cable/\1/\2/\3/"),
        (r"/tag/(\w+)_0\.html", r"/tag/\1/"),
        (r"/date/(\d{4})-(\d\d)_0\.html", r"/cable/\1/\2/"),
        (r"/reldate/([\d-]+)_0\.html", r"/released/\1/"),
    ):
        if re.fullmatch(pattern, link):
            return re.sub(pattern, page, link)
    return None


def test_every_link_of_the_old_pages_lands_on_this_site(built, corpus: Path) -> None:
    """Each old address lands on a page: the page itself, at its old address, wherever this
    site has it (all 30 cables, the tags and months the collection has); else, by one 301,
    the overview or list that would hold it."""
    _, site = built
    old_links = old_addresses(corpus)
    assert len(old_links) == 633
    direct = 0
    for link in old_links:
        page = landing(link, site, NETLIFY.redirect_for(link))
        assert page is not None, link
        new = new_page(link)
        if new is not None and (site / new.lstrip("/") / "index.html").is_file():
            assert page == site / link.lstrip("/"), link
            assert page.read_bytes() == (site / new.lstrip("/") / "index.html").read_bytes()
            direct += 1
        else:
            assert page != site / link.lstrip("/"), link
    assert direct == 462  # 30 cables, 352 tags, 80 months; the rest by a 301


def test_old_paragraph_anchors_land_on_their_paragraph(built, corpus: Path) -> None:
    """Every `#parN` of a 2010 cable page is a paragraph of the page at its old address."""
    _, site = built
    anchors = 0
    for original in sorted((corpus / "cablegate-html").rglob("*.html")):
        address = original.relative_to(corpus / "cablegate-html").as_posix()
        ours = (site / address).read_text(encoding="utf-8")
        for anchor in re.findall(r"<a id='(par\d+)'", original.read_text(errors="replace")):
            anchors += 1
            if (address, anchor) != ("cable/2009/06/09STATE67105.html", "par2007"):
                # (the 2010 site took a wrapped line opening with the year `2007.` for one)
                assert f'<p id="{anchor}">' in ours, (address, anchor)
        folder = site / address.removesuffix(".html") / "index.html"
        assert ours == folder.read_text(encoding="utf-8")  # the same page, canonical there
        assert '<link rel="canonical" href="https://' in ours
        assert f'{address.removesuffix(".html")}/">' in ours
    assert anchors == 325


@pytest.mark.parametrize("path", ["/cable/2007/12/07ULAANBAATAR693/", "/tag/PGOV/", "/cable/2009/"])
def test_rules_never_shadow_pages(built, path: str) -> None:
    _, site = built
    assert redirect(path, site) is None


# ---- netlify.toml as Netlify's own packages read it (tests/netlify_rules.mjs) -------------

PAGES = ["/", "/assets/x.css", "/cable/2007/12/07ULAANBAATAR693/"]


def netlify_answers(redirects: list[str], headers: list[str]) -> dict:
    """What Netlify's redirect parser and matcher and its headers parser make of netlify.toml
    for these paths; the packages come from package-lock.json (`npm ci`, README)."""
    node = shutil.which("node")
    assert node, "Node.js is needed to run Netlify's own rule packages"
    assert (ROOT / "node_modules" / "netlify-redirector").is_dir(), (
        "Netlify's packages are not installed: run `npm ci` in the project folder (README)"
    )
    done = subprocess.run(
        [node, str(ROOT / "tests" / "netlify_rules.mjs"), str(ROOT / "netlify.toml")],
        input=json.dumps({"redirects": redirects, "headers": headers}),
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    answers = json.loads(done.stdout)
    assert answers["errors"] == [], answers["errors"]
    return answers


@pytest.fixture(scope="module")
def netlify(corpus: Path) -> dict:
    return netlify_answers(old_addresses(corpus), PAGES)


def test_netlify_sends_every_old_address_to_a_page_of_the_site(built, corpus, netlify) -> None:
    _, site = built
    for link in old_addresses(corpus):
        match = netlify["redirects"][link]
        if match is not None:
            assert match["status"] == 301 and not match["force"], link
        rule = match and (match["to"], match["status"])
        assert landing(link, site, rule) is not None, (link, match)


def test_the_local_server_redirects_as_netlify_does(corpus, netlify) -> None:
    """`cables serve` answers old addresses with the project's own model of the rules
    (generator/commands/netlify.py): the same target as Netlify's matcher, for every one."""
    for link in old_addresses(corpus):
        match = netlify["redirects"][link]
        ours = NETLIFY.redirect_for(link)
        assert ours == (match and (match["to"], match["status"])), link


@pytest.mark.parametrize("path", PAGES)
def test_netlify_gives_one_value_per_header(netlify, path: str) -> None:
    """Netlify applies every header rule that matches a path and sends all their values; two
    rules that set the same header (as `/assets/*` and `/*` both did with Cache-Control)
    would send both. The local server's model (generator/commands/netlify.py) sends the same."""
    headers = netlify["headers"][path]
    assert {name: len(values) for name, values in headers.items() if len(values) != 1} == {}
    sent = {name: values[0] for name, values in headers.items()}
    assert sent == {name.lower(): value for name, value in _headers(path).items()}
    if path.startswith("/assets/"):
        assert "immutable" in sent["cache-control"] and "31536000" in sent["cache-control"]
        return
    csp = sent["content-security-policy"]
    assert "'unsafe-inline'" not in csp and "frame-ancestors 'none'" in csp
    assert sent["x-content-type-options"] == "nosniff"
