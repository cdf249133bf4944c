"""Sitemap (an index once past 50,000 URLs) and the colours' contrast (WCAG AA)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.site.sitemap import sitemap_files

CSS = (Path(__file__).resolve().parent.parent / "templates" / "static" / "style.css").read_text()


def test_sitemap_becomes_an_index_past_the_limit() -> None:
    urls = [f"/cable/2009/01/09X{n}/" for n in range(7)]
    files = dict(sitemap_files(urls, "https://example.org", per_file=3))
    assert sorted(files) == [
        "sitemap.xml",
        "sitemaps/sitemap-1.xml",
        "sitemaps/sitemap-2.xml",
        "sitemaps/sitemap-3.xml",
    ]
    index = files["sitemap.xml"].decode()
    assert index.count("<sitemap>") == 3 and "<sitemapindex" in index
    assert "https://example.org/sitemaps/sitemap-3.xml" in index
    assert sum(f.decode().count("<url>") for n, f in files.items() if n != "sitemap.xml") == 7
    single = dict(sitemap_files(urls, "https://example.org"))
    assert list(single) == ["sitemap.xml"] and single["sitemap.xml"].decode().count("<url>") == 7


def _palette(block: str) -> dict[str, str]:
    colours = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{6}|#[0-9a-f]{3})\b", block))
    return {
        name: c if len(c) == 7 else "#" + "".join(d * 2 for d in c[1:])
        for name, c in colours.items()
    }


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


LIGHT = _palette(CSS.split("@media (prefers-color-scheme: dark)")[0])
_DARK_BLOCK = CSS.split("@media (prefers-color-scheme: dark)")[1].split(":root {")[1].split("}")[0]
DARK = {**LIGHT, **_palette(_DARK_BLOCK)}


@pytest.mark.parametrize("palette", [LIGHT, DARK], ids=["light", "dark"])
@pytest.mark.parametrize(
    "text", ["fg", "muted", "accent", "secret", "confidential", "unclassified"]
)
@pytest.mark.parametrize("ground", ["bg", "panel"])
def test_text_contrast_meets_wcag_aa(palette: dict[str, str], text: str, ground: str) -> None:
    assert contrast(palette[text], palette[ground]) >= 4.5
