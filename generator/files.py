"""Files on disk written so that a build stopped half way never leaves a half-written one,
and the stamps by which a later build knows a file is as it left it."""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import re
import shutil
import stat
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

Stamp = tuple[int, int]  # a file's (size, modification time in ns)


def stamp_of(path: Path | str) -> Stamp | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def read_ahead(paths: Iterable[str]) -> None:
    """Ask the kernel to start reading `paths` into memory, in order, from a thread: the
    workers that read them one by one then seldom wait for the disk. With two workers on
    two cores, every wait is a core idle; a cold build of 100,000 cables spent about a
    seventh of its reading time waiting (docs/benchmarks.md). Where the system has no
    `posix_fadvise` (macOS), the workers read as before."""
    if not hasattr(os, "posix_fadvise"):
        return

    def run() -> None:
        for path in paths:
            try:
                descriptor = os.open(path, os.O_RDONLY)
            except OSError:
                continue  # the worker reading it says what is wrong
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_WILLNEED)
            except OSError:
                pass
            finally:
                os.close(descriptor)

    threading.Thread(target=run, name="read-ahead", daemon=True).start()


class RefusedFile(OSError):
    """A path that is not a regular file of its own (a link, a pipe, a device), or too large."""


def read_regular(path: str, largest: int) -> bytes:
    """The bytes of the regular file at `path`, never through a symbolic link and never
    blocking on a pipe: what a build reads is the tree's own files, whatever a contributor
    put in it. RefusedFile, with the reason, for anything else or more than `largest`."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        if os.path.islink(path):
            raise RefusedFile("a symbolic link, not read (copy the file in instead)") from None
        raise
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise RefusedFile("not a regular file, not read")
        if status.st_size > largest:
            raise RefusedFile(too_large(status.st_size, largest))
        chunks, size = [], 0
        while chunk := os.read(descriptor, max(status.st_size + 1, 65536)):
            chunks.append(chunk)
            size += len(chunk)
            if size > largest:  # it grew while being read
                raise RefusedFile(too_large(size, largest))
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def too_large(size: int, largest: int) -> str:
    return f"{size / 2**20:.1f} MB, more than the {largest / 2**20:g} MB a cable file may hold"


def reason(error: OSError) -> str:
    """What went wrong (`No space left on device`), without the file name an OSError
    repeats: the caller names the file."""
    return error.strerror or str(error)


def make_folder(folder: str, made: set[str]) -> None:
    """Make `folder` and its parents, unless `made` (the folders made so far) has it. Most
    folders a build makes are new ones in a parent made before: one `mkdir`, without the
    `stat` of `os.makedirs` first."""
    if folder in made:
        return
    try:
        os.mkdir(folder)
    except FileExistsError:
        pass
    except FileNotFoundError:
        os.makedirs(folder, exist_ok=True)
    made.add(folder)


def write_file(path: Path | str, data: bytes) -> None:
    """`Path.write_bytes` without its file object: about half the time for the small files a
    build writes by the hundred thousand (docs/benchmarks.md, "Figures behind the code")."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def write_whole(path: Path, data: bytes, scratch: Path | None = None) -> None:
    """Write all of `data` or nothing: through a temporary file renamed into place, made in
    `scratch` (a folder on the same disk) where given, else beside the file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if scratch is not None:
        scratch.mkdir(exist_ok=True)
        temporary = scratch / f"{os.getpid()}.{threading.get_ident()}.part"
    else:
        temporary = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        write_file(temporary, data)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def write_if_changed(path: Path, data: bytes, scratch: Path | None = None) -> bool:
    """Write `data` unless the file already holds exactly it; whether it was written. Into a
    site that is being served, so through a temporary file renamed into place: a build that
    fails half way (a full disk) leaves each file whole, the old bytes or the new."""
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_whole(path, data, scratch)
    return True


def replace_folder(fresh: Path, folder: Path) -> None:
    """Put the complete folder `fresh` in place of `folder`; the old one is deleted after
    (and put back if the new one cannot take its place)."""
    old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
    if folder.exists():
        folder.rename(old)
    try:
        fresh.rename(folder)
    except OSError:
        if old.exists():
            old.rename(folder)
        raise
    shutil.rmtree(old, ignore_errors=True)


def remove_leftovers(folder: Path) -> multiprocessing.Process:
    """Delete, in a process of its own, the folders that builds killed before they finished
    left beside `folder` (`.site.building-<pid>`, `.site.old-<pid>`, `.site.writing-<pid>`),
    those of builds still running excepted. A process, not a thread: the build forks its
    workers meanwhile. Join it before the build ends, so that what it started is done."""
    pattern = re.compile(rf"\.{re.escape(folder.name)}\.(?:building|old|writing)-(\d+)")
    found = []
    try:
        with os.scandir(folder.parent) as listing:
            for item in listing:
                match = pattern.fullmatch(item.name)
                if match and item.is_dir(follow_symlinks=False) and not _alive(int(match[1])):
                    found.append(item.path)
    except OSError:
        pass  # no parent folder yet: nothing left over

    def run() -> None:
        for path in found:
            shutil.rmtree(path, ignore_errors=True)

    process = multiprocessing.get_context("fork").Process(target=run, name="leftovers")
    process.start()
    return process


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError):
        return False
    except PermissionError:
        pass  # another user's process
    return True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Unpickling millions of objects sets the cyclic collector off again and again, each
    time walking everything already loaded (docs/benchmarks.md). So it is off meanwhile,
    and what was loaded is then frozen out of its sight (a build unfreezes it when it ends),
    else its first run would walk all of it at once."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def load_pickle(path: Path) -> object | None:
    """What `save_pickle` wrote, or None when the file is missing or unreadable. Loading
    millions of objects: inside `collector_paused`."""
    try:
        return pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, ImportError):
        return None


def save_pickle(path: Path, value: object) -> None:
    write_whole(path, pickle.dumps(value, pickle.HIGHEST_PROTOCOL))
