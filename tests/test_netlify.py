"""netlify.toml: build, headers, and redirects that answer every address of the 2010 site."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from generator.netlify import NetlifyConfig

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


def test_every_link_of_the_old_pages_lands_on_this_site(built, corpus: Path) -> None:
    _, site = built
    old_links = set()
    for page in (corpus / "cablegate-html").rglob("*.html"):
        old_links |= set(
            re.findall(
                r"href='(/(?:cable|tag|date|reldate|origin|classification)/[^']+)'",
                page.read_text(errors="replace"),
            )
        )
    assert len(old_links) > 100
    for link in sorted(old_links):
        target = redirect(link, site)
        assert target is not None, link
        path, _, fragment = target.partition("#")
        assert (site / path.lstrip("/") / "index.html").is_file(), (link, target)
        if link.startswith("/cable/") and link.endswith(".html"):
            month_page = (site / path.lstrip("/") / "index.html").read_text()
            assert f'id="{fragment}"' in month_page, (link, target)


@pytest.mark.parametrize("path", ["/cable/2007/12/07ULAANBAATAR693/", "/tag/PGOV/", "/cable/2009/"])
def test_rules_never_shadow_pages(built, path: str) -> None:
    _, site = built
    assert redirect(path, site) is None
