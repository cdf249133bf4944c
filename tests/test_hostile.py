"""What a hostile contributor or a careless maintainer can put in a content file, a source row
or a request: each is that cable's failure, told in one line, and the rest goes on."""

from __future__ import annotations

import errno
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path
from xml.etree import ElementTree

import orjson
import pytest

from generator import files
from generator.build import build
from generator.cli import main
from generator.commands.check import check_site
from generator.commands.importer import import_sources
from generator.commands.preview import Builds
from generator.commands.serve import make_server
from generator.parse import parse_cable
from generator.sources import SourceCable, SourceError, content, read_paths
from generator.sources.text import read_text_file
from tests.conftest import ROOT, SEED

SEED_ID = "07ULAANBAATAR693"
BAD_FRONT_MATTER = {
    "tags: [null]": "tags[0]",
    "tags: &a [x, x, x, x, x, x, x, x, x]\nx-b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "x-c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ncountries: [*c, *c, *c]": "countries[0]",
    "references: 5": "references",
    "to: 7": "to",
    "countries: 5": "countries",
    "subject: [a]": "subject",
    "sections: [1]": "sections",
    "released: 2010-13-45": "not valid YAML",
    "created: '2007-13-45'": "month must be in 1..12",
    "created: '2007-02-30'": "day is out of range",
    "created: '2007-12-14T25:61'": "hour must be in 0..23",
    "created: '0000-00-00'": "created",
    "classification: pink": "not a classification",
    "subjet: A typo": "did you mean 'subject'",
    "section: 0": "section",
}


def _seed() -> str:
    return SEED.read_text(encoding="utf-8")


def _as(cable_id: str, serial: str) -> str:
    """The example cable under another serial number (and so another ID)."""
    return _seed().replace("ULAANBAATAR 000693", f"ULAANBAATAR {serial}")


def _project(root: Path) -> Path:
    project = root / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(ROOT / "content" / "pages", project / "content" / "pages")
    (project / "content" / "cables").mkdir(parents=True)
    return project


def _put(project: Path, cable_id: str, text: str, front: str = "") -> Path:
    path = project / "content" / "cables" / "2007" / f"{cable_id}.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text((f"---\n{front}\n---\n" if front else "") + text, encoding="utf-8")
    return path


def test_a_long_spaced_classification_line_without_a_station() -> None:
    line = (
        "C O N F I D E N T I A L NOFORN DISTRIBUTION ONLY FOR THE AMBASSADOR AND THE "
        "DEPUTY CHIEF OF MISSION"
    )
    text = _seed().replace("C O N F I D E N T I A L SECTION 01 OF 02 ULAANBAATAR 000693", line)
    cable = parse_cable(text, facts={"id": SEED_ID})
    assert cable.classification == "CONFIDENTIAL"
    assert cable.subject == "IOM'S ENGAGEMENT WITH MONGOLIA INCREASING"


@pytest.mark.parametrize("front", list(BAD_FRONT_MATTER))
def test_bad_front_matter_is_one_line_naming_the_key(tmp_path: Path, front: str) -> None:
    path = tmp_path / f"{SEED_ID}.txt"
    path.write_text(f"---\n{front}\n---\n{_seed()}", encoding="utf-8")
    item = read_text_file(path)
    assert isinstance(item, SourceError), item
    line = str(item)
    assert line.startswith(f"{path}: front matter") and "\n" not in line
    assert BAD_FRONT_MATTER[front] in line


def test_front_matter_dates_keep_their_time_zone(tmp_path: Path) -> None:
    path = tmp_path / f"{SEED_ID}.txt"
    path.write_text(
        f"---\nreleased: 2010-12-08T21:09:00+05:00\ncreated: '2007-12-14 10:00'\nx-note: mine\n"
        f"---\n{_seed()}",
        encoding="utf-8",
    )
    item = read_text_file(path)
    assert isinstance(item, SourceCable)
    cable = parse_cable(item.text, facts=item.facts, overrides=item.overrides)
    assert cable.released == "2010-12-08T16:09:00Z"
    assert cable.created == "2007-12-14T10:00:00Z"


def test_a_build_leaves_out_each_bad_cable_and_goes_on(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    bad = [
        _put(project, f"07ULAANBAATAR{800 + n}", _as("", f"000{800 + n}"), front)
        for n, front in enumerate(BAD_FRONT_MATTER)
    ]
    site = project / "site"
    status = main(["-q", "build", "--source", str(project), "--out", str(site), "--no-search"])
    said = capsys.readouterr()
    assert status == 0
    left_out = [line for line in said.err.splitlines() if line.startswith("left out: ")]
    assert sorted(line.split(": ")[1] for line in left_out) == sorted(map(str, bad))
    assert "Traceback" not in said.err
    assert (site / "cable/2007/12" / SEED_ID / "index.html").is_file()
    problems, _ = check_site(project, site)
    assert problems == []
    strict = ["-q", "build", "--source", str(project), "--out", str(site), "--strict"]
    assert main([*strict, "--no-search"]) == 1


def test_duplicate_ids_are_a_cable_left_out_and_fail_strict(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    copy = project / "content" / "cables" / "2007" / "copy.txt"
    copy.write_text(_seed(), encoding="utf-8")
    site = project / "site"
    command = ["-q", "build", "--source", str(project), "--out", str(site), "--no-search"]
    assert main(command) == 0
    err = capsys.readouterr().err
    assert f"left out: {copy}: {SEED_ID} is also in" in err
    assert main([*command, "--strict"]) == 1


def test_links_and_pipes_in_content_are_refused(tmp_path: Path, capsys) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    secret = tmp_path / "outside.txt"
    secret.write_text(_as("", "000701").replace("IOM", "SECRET OF THE BUILD MACHINE"))
    folder = project / "content" / "cables" / "2007"
    (folder / "07ULAANBAATAR701.txt").symlink_to(secret)
    (folder / "linked").symlink_to(tmp_path, target_is_directory=True)
    os.mkfifo(folder / "07ULAANBAATAR702.txt")
    site = project / "site"
    command = ["-q", "build", "--source", str(project), "--out", str(site), "--no-search"]
    assert main(command) == 0
    err = capsys.readouterr().err
    assert "07ULAANBAATAR701.txt: a symbolic link, not read" in err
    assert "linked: a symbolic link, not read" in err
    assert "07ULAANBAATAR702.txt: not a regular file, not read" in err
    published = "".join(p.read_text(errors="replace") for p in site.rglob("*") if p.is_file())
    assert "SECRET OF THE BUILD MACHINE" not in published
    summary = [item for item in read_paths([folder]) if isinstance(item, SourceError)]
    assert {Path(item.label).name for item in summary} == {
        "07ULAANBAATAR701.txt",
        "linked",
        "07ULAANBAATAR702.txt",
    }


def test_oversized_and_utf16_files(tmp_path: Path) -> None:
    big = tmp_path / "07ULAANBAATAR703.txt"
    big.write_bytes(_as("", "000703").encode() * 1500)  # 5 MB
    item = read_text_file(big)
    assert isinstance(item, SourceError) and "a cable file may hold" in item.message
    wide = tmp_path / f"{SEED_ID}.txt"
    wide.write_bytes(_seed().encode("utf-16"))
    item = read_text_file(wide)
    assert isinstance(item, SourceCable) and item.text == _seed()


def test_control_and_invisible_characters_reach_no_page_feed_or_record(tmp_path: Path) -> None:
    project = _project(tmp_path)
    hostile = "\x1a\x1b\x01\ufffe\u202e\u200b"
    text = _seed().replace("IOM'S ENGAGEMENT", f"IOM'S{hostile} ENGAGEMENT")
    path = _put(project, SEED_ID, text + "\x1a")
    site = project / "site"
    build(project, site, search=False)
    ElementTree.parse(site / "feed.xml")  # well-formed
    folder = site / "cable/2007/12" / SEED_ID
    page = (folder / "index.html").read_text(encoding="utf-8")
    record = orjson.loads((folder / f"{SEED_ID}.json").read_bytes())
    for character in hostile:
        assert character not in page and character not in record["text"]
        assert character not in (site / "feed.xml").read_text(encoding="utf-8")
    assert "IOM'S ENGAGEMENT" in page and record["subject"].startswith("IOM'S ENGAGEMENT")
    assert (folder / f"{SEED_ID}.txt").read_bytes() == path.read_bytes()  # the bytes kept
    assert check_site(project, site)[0] == []


def test_check_reads_the_feed_as_xml(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    site = project / "site"
    build(project, site, search=False)
    feed = site / "feed.xml"
    feed.write_bytes(feed.read_bytes().replace(b"IOM", b"I\x1aOM", 1))
    problems, _ = check_site(project, site)
    assert any(p.startswith(f"{feed}: not well-formed XML") for p in problems)


def test_import_goes_on_past_bad_rows_and_names_them(tmp_path: Path, capsys) -> None:
    header = "P 140901Z DEC 07\nFM AMEMBASSY ULAANBAATAR\nTO SECSTATE WASHDC"
    body = "UNCLAS ULAANBAATAR 001\n\nSUBJECT: A TEST\n\n1. Text.\n"

    def row(number: int, cable_id: str, created: str = "12/14/2007 09:01", head=header) -> str:
        return f'"{number}","{created}","{cable_id}","Embassy Ulaanbaatar","UNCLASSIFIED","",' + (
            f'"{head}","{body}"\n'
        )

    rows = [
        row(1, "07ULAANBAATAR1"),
        row(2, "07ULAANBAATAR" + "9" * 4400),
        row(3, "07" + "X" * 300 + "1"),
        row(4, "07ULAANBAATAR4", created="13/45/2007 10:00", head="FM AMEMBASSY ULAANBAATAR"),
        row(5, "07ULAANBAATAR5").replace(f'"{body}"', f'"{body}'),  # the quote left open
        row(6, "07ULAANBAATAR6"),
        row(7, "07ULAANBAATAR7").replace("SUBJECT", "SECTION 01 OF " + "9" * 4400 + "\nSUBJECT"),
    ]
    source = tmp_path / "cables.csv"
    source.write_text("".join(rows), encoding="utf-8")
    store = tmp_path / "store"
    assert main(["-q", "import", str(source), "--to", str(store)]) == 1
    said = capsys.readouterr()
    failed = [line for line in said.err.splitlines() if line.startswith("failed: ")]
    assert [line.split(":")[2] for line in failed] == ["2", "3", "4", "5"], failed
    assert "not a cable reference ID" in failed[0] and "not a cable reference ID" in failed[1]
    assert "'13/45/2007 10:00' is not a date" in failed[2]
    assert "runs this row on into row 6 (07ULAANBAATAR6)" in failed[3]
    assert "imported 2, unchanged 0, conflicting 0, failed 4" in said.out
    assert sorted(p.name for p in store.rglob("*.txt")) == [
        "07ULAANBAATAR1.txt",
        "07ULAANBAATAR7.txt",
    ]


def test_import_stops_with_one_line_on_a_full_disk(tmp_path: Path, monkeypatch) -> None:
    def full(path, data) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(content, "write_whole", full)
    told: list[str] = []
    report = import_sources([SEED], tmp_path / "store", tell=told.append)
    assert not report.ok and report.imported == 0
    assert told == [f"stopped: {report.stopped}"] and "No space left on device" in told[0]


def test_a_failed_build_in_place_leaves_every_page_whole(tmp_path: Path, monkeypatch) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    _put(project, "07ULAANBAATAR704", _as("", "000704"))
    site = project / "site"
    build(project, site, search=False, jobs=1)
    old = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for path in (project / "templates").glob("*.html"):  # every page changes
        path.write_text(path.read_text() + "\n<!-- changed -->\n")

    written = 0
    real = files.write_file

    def fills_up(path, data) -> None:
        nonlocal written
        written += 1
        if written > 3:
            real(path, data[: len(data) // 2])  # what a full disk leaves
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, data)

    monkeypatch.setattr(files, "write_file", fills_up)
    with pytest.raises(OSError):
        build(project, site, search=False, jobs=1)
    monkeypatch.undo()
    for path, data in old.items():
        now = path.read_bytes()
        assert now == data or now.endswith(b"<!-- changed -->\n"), path
    assert not [p for p in site.rglob("*.part")]
    again = build(project, site, search=False)  # no manifest: a fresh build, swapped in
    assert again.rendered == again.pages and check_site(project, site)[0] == []


def test_disk_trouble_is_one_line(tmp_path: Path, monkeypatch, capsys) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())

    def full(path, data) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    from generator.site import output

    monkeypatch.setattr(output, "write_file", full)  # the pages'
    site = project / "site"
    command = ["-q", "build", "--source", str(project), "--out", str(site), "--no-search"]
    assert main([*command, "--jobs", "1"]) == 1
    err = capsys.readouterr().err.strip()
    assert "\n" not in err and err.startswith("cables build: ") and "/cable/" in err
    assert err.endswith("No space left on device")
    assert not list(tmp_path.glob("project/.site.*"))


def test_folders_left_by_killed_builds_are_removed(tmp_path: Path) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], text=True,
                          capture_output=True, check=True).stdout.strip()  # fmt: skip
    left = [project / f".site.building-{dead}", project / f".site.old-{dead}"]
    running = project / ".site.building-1"  # process 1 runs as long as the machine
    for folder in [*left, running]:
        (folder / "cable").mkdir(parents=True)
    build(project, project / "site", search=False)
    assert not any(folder.exists() for folder in left)
    assert running.exists()  # a build still running, as far as it can tell


def test_workers_end_with_the_main_process(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import os, signal, sys, time
        from generator.workers import in_workers

        def wait(_):
            os.write(1, f"{os.getpid()}\\n".encode())  # one write: lines never interleave
            time.sleep(600)

        for _ in in_workers(wait, list(range(200)), 2):
            pass
        """
    )
    main_process = subprocess.Popen(
        [sys.executable, "-c", script], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    workers = {int(main_process.stdout.readline()) for _ in range(2)}
    main_process.kill()
    main_process.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in workers)


def _with_pid(item: int) -> tuple[int, int]:
    return item, os.getpid()


def test_renewed_workers_keep_the_order() -> None:
    from generator.workers import in_workers

    done = list(in_workers(_with_pid, list(range(300)), 2, renew_every=100))
    assert [item for item, _ in done] == list(range(300))
    pools = [{pid for item, pid in done if item // 100 == n} for n in range(3)]
    assert os.getpid() not in set().union(*pools)
    assert not pools[0] & pools[1] and not pools[1] & pools[2]  # fresh workers each time


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # a zombie waiting for its parent to be reaped is gone for this purpose
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[1][0] != "Z"
    except OSError:
        return False


# ---- cables serve ---------------------------------------------------------------------------


@pytest.fixture(scope="module", params=["no-watch", "watch"])
def server(request, tmp_path_factory):
    root = tmp_path_factory.mktemp("serve")
    site = root / "site"
    (site / "cable").mkdir(parents=True)
    (site / "index.html").write_text("<p>home</p>")
    (site / "404.html").write_text("<p>not here</p>")
    secret = root / "secret"
    secret.mkdir()
    for name in ("secret.html", "index.html"):
        (secret / name).write_text("SECRET")
    (site / "link").symlink_to(secret, target_is_directory=True)
    builds = Builds() if request.param == "watch" else None
    server = make_server(site, ROOT / "netlify.toml", port=0, builds=builds)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def _ask(port: int, request_line: bytes, host: str = "127.0.0.1") -> tuple[bytes, bytes]:
    with socket.create_connection(("127.0.0.1", port), timeout=10) as connection:
        connection.sendall(request_line + f"\r\nHost: {host}\r\n\r\n".encode())
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    return head.split(b"\r\n")[0], body


@pytest.mark.parametrize(
    "path",
    [
        b"/..%2f..%2f..%2fsecret/secret.html",
        b"/../secret/secret.html",
        b"/%2e%2e/secret/",
        b"/link/secret.html",
        b"/link/",
        b"/nothing-here.html",
        b"/cable/%00.html",
    ],
)
def test_serve_answers_only_files_of_the_site(server: int, path: bytes) -> None:
    status, body = _ask(server, b"GET " + path + b" HTTP/1.1")
    assert (status, body) == (b"HTTP/1.0 404 Not Found", b"<p>not here</p>")


def test_serve_refuses_other_host_names_and_bad_requests(server: int) -> None:
    assert _ask(server, b"GET / HTTP/1.1")[0] == b"HTTP/1.0 200 OK"
    assert _ask(server, b"GET / HTTP/1.1", host="localhost:8000")[0] == b"HTTP/1.0 200 OK"
    assert _ask(server, b"GET / HTTP/1.1", host="evil.example")[0] == b"HTTP/1.0 403 Forbidden"
    long_line = b"GET /" + b"a" * 8000 + b" HTTP/1.1"
    assert _ask(server, long_line)[0] == b"HTTP/1.0 414 Request-URI Too Long"
    assert _ask(server, b"\x16\x03\x01 garbage")[0].startswith(b"HTTP/1.0 400")


def test_export_reports_a_cable_that_went_bad_meanwhile(tmp_path: Path) -> None:
    from generator.commands import export
    from generator.incremental.records import ParseCache, key_of

    path = tmp_path / f"{SEED_ID}.txt"
    path.write_text(f"---\ntags: [null]\n---\n{_seed()}", encoding="utf-8")
    export._TARGET.update(out=tmp_path / "out", cache=ParseCache(None))
    # Changed since the collection was read: its bytes no longer have the key read then.
    failed = export._export_one((str(path), "the key it had when it was read"))
    assert failed == f"{path}: changed since it was read; left out of the export"
    # Read as it is now, and no record kept: parsed, and refused in one line.
    failed = export._export_one((str(path), key_of(path.read_bytes(), path.name)))
    assert failed == (
        f"{path}: front matter tags[0]: Input should be a valid string, not null;"
        " left out of the export"
    )


def test_two_files_of_the_same_bytes_are_two_cables(tmp_path: Path) -> None:
    """The file name gives the ID: a record kept for the bytes of one file is not another's."""
    project = _project(tmp_path)
    text = _seed().replace("C O N F I D E N T I A L SECTION 01 OF 02 ULAANBAATAR 000693", "")
    for cable_id in ("07ULAANBAATAR705", "07ULAANBAATAR706"):
        _put(project, cable_id, text)
    report = build(project, project / "site", search=False)
    assert report.failed == [] and report.cables == 2


def test_serve_puts_no_request_into_a_header(server: int) -> None:
    status, _ = _ask(server, b"GET /tag/x%0d%0aSet-Cookie:%20evil=1 HTTP/1.1")
    assert status == b"HTTP/1.0 404 Not Found"
    with socket.create_connection(("127.0.0.1", server), timeout=10) as connection:
        connection.sendall(b"GET /tag/a%22b HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        head = connection.recv(65536).split(b"\r\n\r\n")[0]
    assert b"Location: /tag/#a%22b" in head and b"\r\nSet-Cookie" not in head


def test_serve_follows_no_index_html_leading_out(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "a").mkdir(parents=True)
    (site / "404.html").write_text("<p>not here</p>")
    (tmp_path / "secret.html").write_text("SECRET")
    (site / "a" / "index.html").symlink_to(tmp_path / "secret.html")
    server = make_server(site, ROOT / "netlify.toml", port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for path in (b"/a/", b"/a", b"/a/index.html"):
            assert _ask(server.server_address[1], b"GET " + path + b" HTTP/1.1")[1] == (
                b"<p>not here</p>"
            )
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("name", ["...md", "..md", "search.md", "Upper.md", "link.md", "pipe.md"])
def test_editorial_pages_are_read_as_cables_are(tmp_path: Path, name: str, capsys) -> None:
    project = _project(tmp_path)
    _put(project, SEED_ID, _seed())
    page = project / "content" / "pages" / name
    if name == "link.md":
        page.symlink_to(tmp_path / "outside.md")
        (tmp_path / "outside.md").write_text("SECRET OF THE BUILD MACHINE")
    elif name == "pipe.md":
        os.mkfifo(page)
    else:
        page.write_text("# A page\\n")
    site = project / "site"
    assert main(["-q", "build", "--source", str(project), "--out", str(site), "--no-search"]) == 0
    assert f"warning: {page}: " in capsys.readouterr().err
    published = "".join(p.read_text(errors="replace") for p in site.rglob("*.html"))
    assert "SECRET OF THE BUILD MACHINE" not in published
    assert not (project / "index.html").exists()
    assert check_site(project, site)[0] == []
