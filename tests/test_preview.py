"""`cables serve`: after a change under content/, the site is rebuilt in place and the page
open in the browser reloads by itself, under the site's Content-Security-Policy."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

from playwright.sync_api import expect

from generator.build import build
from generator.commands.preview import Builds, watch
from generator.commands.serve import make_server
from generator.sources import content
from tests.conftest import ROOT, SEED

CABLE = "07ULAANBAATAR693"


def test_an_edited_cable_reloads_in_the_open_page(tmp_path: Path, browser) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    store = project / "content" / "cables"
    path = content.path_for(store, CABLE)
    content.write(path, SEED.read_text(encoding="utf-8"), {})
    site = project / "site"
    build(project, site, search=False)

    builds, stop = Builds(), threading.Event()
    server = make_server(site, ROOT / "netlify.toml", port=0, builds=builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def rebuild() -> str:
        return build(project, site, search=False).summary()

    folders = [project / "content", project / "templates"]
    watcher = threading.Thread(target=watch, args=(folders, rebuild, builds, stop, print))
    watcher.start()
    try:
        page = browser.new_page()
        problems: list[str] = []
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        host, port = server.server_address[:2]
        page.goto(f"http://{host}:{port}/cable/2007/12/{CABLE}/")
        heading = page.locator("h1")
        expect(heading).to_have_text("IOM'S ENGAGEMENT WITH MONGOLIA INCREASING")
        page.wait_for_timeout(500)  # the page is listening for builds
        text = path.read_text(encoding="utf-8").replace("SUBJECT: IOM'S", "SUBJECT: IOM IS")
        path.write_text(text, encoding="utf-8")
        expect(heading).to_have_text("IOM IS ENGAGEMENT WITH MONGOLIA INCREASING", timeout=30000)
        assert builds.number >= 1
        assert "__live" not in (site / "cable/2007/12" / CABLE / "index.html").read_text()
        assert problems == []
        page.close()
    finally:
        stop.set()
        watcher.join(timeout=10)
        server.shutdown()
        server.server_close()
