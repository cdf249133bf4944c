"""Shared fixtures: where the shared corpus and the example cable are, read in place."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seed" / "000_8064cce5387d321f.txt"


@pytest.fixture(scope="session")
def corpus() -> Path:
    assert CORPUS.is_dir(), f"the shared corpus is expected at {CORPUS}"
    return CORPUS


@pytest.fixture(scope="session")
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def built(tmp_path_factory, corpus: Path):
    """(project, site) built once from the shared cables, the example and a hostile cable."""
    from tests.site_project import make_site

    return make_site(tmp_path_factory.mktemp("site"), corpus, SEED)


@pytest.fixture(scope="session")
def served(built):
    """The built site on a local port, with netlify.toml's headers (the CSP) and redirects."""
    from generator.commands.serve import serve_in_background

    _, site = built
    server, base = serve_in_background(site, ROOT / "netlify.toml")
    yield base
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    from tests.browser import chromium

    with chromium() as instance:
        yield instance
