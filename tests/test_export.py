"""`cables export --markdown`: every cable as a Markdown page with front matter, in a layout
Hugo builds (bench/hugo/), with paragraph anchors kept and the cable's own markup as text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.commands.export import export_markdown
from tests.conftest import ROOT
from tests.site_project import SCRIPT_ID


@pytest.fixture(scope="module")
def exported(built, tmp_path_factory) -> Path:
    project, _ = built
    hugo = tmp_path_factory.mktemp("hugo")
    shutil.copytree(ROOT / "bench" / "hugo", hugo, dirs_exist_ok=True)
    report = export_markdown(project, hugo / "content")
    assert not report.failed
    return hugo


def test_every_cable_is_a_page_with_its_facts(exported: Path, built) -> None:
    project, _ = built
    pages = list((exported / "content" / "cables").rglob("[0-9]*.md"))
    assert len(pages) == len(list((project / "content" / "cables").rglob("*.txt")))
    text = (exported / "content/cables/2007/12/07ULAANBAATAR693.md").read_text(encoding="utf-8")
    _, front, body = text.split("---\n", 2)
    facts = yaml.safe_load(front)
    assert facts["id"] == "07ULAANBAATAR693" and facts["date"] == "2007-12-14T09:01:00Z"
    assert facts["url"] == "/cable/2007/12/07ULAANBAATAR693/"
    assert facts["origins"] == ["Embassy Ulaanbaatar"] and "PGOV" in facts["tags"]
    assert "Mongolia" in facts["countries"] and facts["classifications"] == ["CONFIDENTIAL"]
    assert "\n{#par1}\n" in body and not body.lstrip().startswith("{#")
    assert "### ENGAGEMENT ACROSS MANY FRONTS {#sec-1}\n" in body and ":::" not in body


def test_hugo_builds_the_export(exported: Path) -> None:
    hugo = shutil.which("hugo")
    assert hugo, "the hugo package (test extra) provides the hugo command"
    subprocess.run([hugo, "--quiet", "--source", str(exported)], check=True, capture_output=True)
    public = exported / "public"
    page = (public / "cable/2007/12/07ULAANBAATAR693/index.html").read_text(encoding="utf-8")
    assert '<p id="par1">' in page and '<p id="par5">' in page
    assert '<h3 id="sec-1">ENGAGEMENT ACROSS MANY FRONTS</h3>' in page and ":::" not in page
    assert (public / "origins/embassy-ulaanbaatar/index.html").is_file()
    assert (public / "cables/2007/12/index.html").is_file()
    hostile = (public / f"cable/2007/12/{SCRIPT_ID}/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in hostile and "&lt;script&gt;" in hostile
