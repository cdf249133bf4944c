"""The seam between a build and the last one into the same folder.

Every stage takes its inputs and, where a rebuild knows them, what changed; this module is
where the two meet: it loads the last build's manifest (when it can be trusted), decides
whether the plan is made afresh or only around the cables that changed, which pages must be
rendered again and which are gone, and keeps this build's manifest for the next. A stage
never looks at the last build's objects itself.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.files import stamp_of
from generator.incremental.cache_folder import CacheFolder
from generator.incremental.fingerprints import Fingerprints
from generator.incremental.manifest import Manifest, ManifestFile
from generator.reading import Changes, Inputs
from generator.search.indexer import LastShards
from generator.site.addresses import file_for
from generator.site.collection import Collection
from generator.site.output import Task
from generator.site.plan import Page, changed_periods, plan_site
from generator.site.settings import SiteConfig

NOT_YET = ""  # a fingerprint to be taken when the page is drawn


class Rebuild:
    """What this build knows of the last build into `out`, and what it keeps of itself."""

    def __init__(self, kept: CacheFolder, out: Path, fresh: bool) -> None:
        self.out = out
        self.manifests = ManifestFile(kept.manifest) if kept.manifest is not None else None
        self.last: Manifest | None = None
        if self.manifests is not None and not fresh:
            self.last = self.manifests.load(out)

    @property
    def in_place(self) -> bool:
        """Whether this build writes into the last build's site."""
        return self.last is not None

    @property
    def last_inputs(self) -> Inputs | None:
        """What the last build read, loaded for this build to bring up to date."""
        return self.last.inputs if self.last is not None else None

    def plan(
        self,
        inputs: Inputs,
        changes: Changes | None,
        prints: Fingerprints,
        settings: SiteConfig,
        editorial: list[Page],
        shards: list[str],
        search_version: str | None,
    ) -> tuple[list[Page], Manifest, Changes | None]:
        """The pages to plan and this build's manifest, every page fingerprinted in it: only
        around the cables that changed when the last build was made with the same templates,
        settings and generator; else every page, with no changes."""
        collection = inputs.collection
        last = self.last
        manifest = Manifest(str(self.out.resolve()), search_version)
        manifest.basis = prints.basis(search_version)
        manifest.inputs = None if inputs.duplicates or self.manifests is None else inputs
        if last is not None and last.search_version != search_version:
            shutil.rmtree(self.out / "pagefind", ignore_errors=True)
            last.shards.clear()
        if changes is not None and last is not None and last.basis == manifest.basis:
            pages, manifest.lists = plan_site(
                collection,
                settings,
                editorial,
                shards,
                last.lists,
                changed_periods([*changes.gone, *changes.new]),
            )
            manifest.pages = dict(last.pages)
            self._forget(manifest, changes, collection)
            for page in pages:
                manifest.pages[page.url] = (prints.page(page), (0, 0))
            for cable_id in changes.touched:
                manifest.pages[collection.entries[cable_id].url] = (prints.cable(cable_id), (0, 0))
            return pages, manifest, changes
        pages, manifest.lists = plan_site(collection, settings, editorial, shards)
        manifest.pages = {page.url: (prints.page(page), (0, 0)) for page in pages}
        # With no last build to compare with (not in place), a cable page's fingerprint is
        # taken where the page is drawn, in the workers (`RenderJob.prints`, given then), not
        # by this process alone before the first is drawn; one not drawn keeps NOT_YET and is
        # drawn next time.
        fingerprint = prints.cable if self.in_place else lambda _: NOT_YET
        manifest.pages |= {
            collection.entries[i].url: (fingerprint(i), (0, 0)) for i in sorted(collection.entries)
        }
        return pages, manifest, None

    def _forget(self, manifest: Manifest, changes: Changes, collection: Collection) -> None:
        """Take out of the manifest the list pages and cable pages that are no more."""
        assert self.last is not None
        for url, periods in self.last.lists.items():
            if manifest.lists.get(url) is not periods:
                for gone in periods.keys() - manifest.lists.get(url, {}).keys():
                    del manifest.pages[gone]
        for light in changes.gone:
            now = collection.entries.get(light.entry.id)
            if now is None or now.url != light.entry.url:  # deleted, or dated otherwise
                manifest.pages.pop(light.entry.url, None)

    def last_shards(self) -> LastShards | None:
        """What the last build kept of its search shards."""
        if self.last is None:
            return None
        return LastShards(self.last.shards, self.last.members)

    def begin(self) -> None:
        """The site is about to change: until the manifest is saved, none is trusted."""
        if self.manifests is not None:
            self.manifests.begin()

    def gone(self, manifest: Manifest) -> set[str]:
        """The pages the last build wrote and this one does not."""
        return self.last.pages.keys() - manifest.pages.keys() if self.last is not None else set()

    def gone_files(self, written: set[str]) -> set[str]:
        """The site-wide files (an asset of another content hash) the last build wrote and
        this one did not."""
        return self.last.files - written if self.last is not None else set()

    def to_render(
        self,
        manifest: Manifest,
        plan: list[Page],
        collection: Collection,
        where: dict[str, tuple[str, str]],
        order: list[str],
    ) -> list[Task]:
        """Every page of a fresh build; in place, the pages whose fingerprint changed or
        whose file is not as the last build left it (those kept take their stamp from the
        last manifest). Cables come in `order` (shard by shard)."""
        kept = self._unchanged(manifest, [collection.entries[i].url for i in order])
        kept |= self._unchanged(manifest, [page.url for page in plan])
        for url in kept:
            manifest.pages[url] = self.last.pages[url]  # type: ignore[union-attr]
        entries = collection.entries
        tasks: list[Task] = [("cable", (i, *where[i])) for i in order if entries[i].url not in kept]
        tasks += [("page", n) for n, page in enumerate(plan) if page.url not in kept]
        return tasks

    def _unchanged(self, manifest: Manifest, urls: list[str]) -> set[str]:
        """The pages among `urls` whose fingerprint is the last build's and whose file is
        as it left it."""
        if self.last is None:
            return set()
        pages, root = self.last.pages, str(self.out)
        found = set()
        for url in urls:
            last = pages.get(url)
            if (
                last is not None
                and last[0] == manifest.pages[url][0]
                and stamp_of(os.path.join(root, file_for(url))) == last[1]
            ):
                found.add(url)
        return found

    def save(self, manifest: Manifest, changes: Changes | None) -> None:
        """Keep this build's manifest for the next build."""
        if self.manifests is not None:
            self.manifests.save(manifest, self.last, changes)
