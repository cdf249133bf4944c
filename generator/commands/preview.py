"""`cables serve` for maintainers: build, serve, watch `content/` and `templates/`, rebuild in
place after each change and reload the pages open in the browser.

Reloading works under the site's own Content-Security-Policy: the server adds one external
script (`/__live/reload.js`) to each HTML page it serves, which listens to server-sent events
on `/__live/events` and reloads when a build has finished. Nothing of this is in the built
site itself.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.clean import one_line

RELOAD_SCRIPT = b"""// cables serve: reload this page when the site has been built again.
const events = new EventSource("/__live/events");
let seen = null;
events.onmessage = (event) => {
  if (seen !== null && event.data !== seen) location.reload();
  seen = event.data;
};
"""
TAG = b'<script src="/__live/reload.js" defer></script>'


class Builds:
    """The number of the latest finished build; waiters wake when it changes."""

    def __init__(self) -> None:
        self.number = 0
        self._changed = threading.Condition()

    def finished(self) -> None:
        with self._changed:
            self.number += 1
            self._changed.notify_all()

    def wait_after(self, number: int, timeout: float) -> int:
        with self._changed:
            self._changed.wait_for(lambda: self.number != number, timeout)
            return self.number


def with_reload_script(html: bytes) -> bytes:
    """The page with the reload script before `</body>` (or at the end)."""
    at = html.rfind(b"</body>")
    return html[:at] + TAG + html[at:] if at >= 0 else html + TAG


def watch(
    folders: list[Path],
    rebuild: Callable[[], str],
    builds: Builds,
    stop: threading.Event,
    report: Callable[[str], None] = print,
) -> None:
    """Rebuild after every batch of changes under `folders` until `stop` is set."""
    from watchfiles import watch as changes_in

    existing = [str(folder) for folder in folders if folder.is_dir()]
    for changes in changes_in(*existing, stop_event=stop, debounce=300):
        started = time.perf_counter()
        names = sorted({Path(path).name for _, path in changes})
        try:
            summary = rebuild()
        except Exception as error:  # the preview goes on; the maintainer fixes and saves again
            report(one_line(f"rebuild failed after {', '.join(names[:3])}: {error}"))
            continue
        builds.finished()
        report(f"rebuilt in {time.perf_counter() - started:.1f}s after {', '.join(names[:3])}")
        report(summary)
