"""Page fingerprints: a hash of everything a page's bytes depend on.

The generator's version, the site settings, the templates it uses (and those they include)
and the content keys of the cables it shows. The manifest keeps them (`manifest.py`); the
next build into the same folder renders only the pages whose fingerprint changed.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, meta

from generator.incremental import versioned
from generator.site.collection import Collection, Entry, Onward
from generator.site.plan import Page

# The code a page's bytes are made by, beside the templates: a change to it, version bumped
# or not, renders every page again.
RENDER_DIGEST = versioned.code_digest("cable.py", "clean.py", "reference", "site")

# The digest of the cable page's templates as the search index sees them.
INDEXED = "cable.html, as indexed"


def template_digests(
    env: Environment, templates: Path, assets: dict[str, str] | None = None
) -> dict[str, str]:
    """Per template, a hash of its source and of every template it extends, includes or
    imports, and of the addresses of the assets they name (`asset('search.js')`, an address
    that changes with the file), so editing a template or a script changes the fingerprints
    of the pages that use it and no others."""
    assets = assets or {}
    sources = {
        path.relative_to(templates).as_posix(): path.read_bytes()
        for path in sorted(templates.rglob("*"))
        if path.is_file() and path.relative_to(templates).parts[0] != "static"
    }
    uses: dict[str, set[str]] = {}
    for name, source in sources.items():
        if name.endswith((".html", ".xml")):
            tree = env.parse(source.decode("utf-8"), name=name)
            uses[name] = {n for n in meta.find_referenced_templates(tree) if n in sources}

    def closure(name: str, seen: set[str]) -> set[str]:
        for used in uses.get(name, ()):
            if used not in seen:
                seen.add(used)
                closure(used, seen)
        return seen

    def digest(name: str, with_assets: bool = True) -> str:
        hashed = hashlib.sha256()
        for part in sorted(closure(name, {name})):
            hashed.update(part.encode() + b"\0" + sources[part] + b"\0")
            for named in _ASSET.findall(sources[part].decode("utf-8")) if with_assets else ():
                used = assets.get(named, "") if named else repr(sorted(assets.items()))
                hashed.update(used.encode())
        return hashed.hexdigest()

    digests = {name: digest(name) for name in uses}
    if "cable.html" in uses:
        # Pagefind reads the cable pages' markup, not the stylesheet or scripts they link.
        digests[INDEXED] = digest("cable.html", with_assets=False)
    return digests


# An asset named in a template (its name in quotes); a name not in quotes, an empty match,
# stands for every asset.
_ASSET = re.compile(r"""asset\(\s*(?:['"]([^'"]+)['"])?""")


class _Tokens(dict[str, str]):
    """Per cable, what its entry and records are a function of: its ID and its file's key
    (content and generator version). Made when first asked for: a rebuild after one new
    cable asks for a few hundred of a quarter of a million."""

    def __init__(self, where: dict[str, tuple[str, str]]) -> None:
        super().__init__()
        self.where = where

    def __missing__(self, cable_id: str) -> str:
        token = self[cable_id] = f"{cable_id}={self.where[cable_id][1]}"
        return token

    def cited(self, cable_id: str) -> str:
        """A cited cable's token; a cable not in the collection stands for itself."""
        return self[cable_id] if cable_id in self.where else cable_id


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """A dataclass's field names: a list page's links are a few thousand dataclasses, and
    `fields` builds its answer anew each time."""
    return tuple(item.name for item in fields(kind))


class Fingerprints:
    """Computes page fingerprints for one build."""

    def __init__(
        self,
        site_wide: Iterable[object],
        templates: dict[str, str],
        where: dict[str, tuple[str, str]],
        collection: Collection,
    ) -> None:
        """`where`: per cable, its file and the key of its content."""
        # Hashed once; each page's hash starts from it.
        self.site_wide = hashlib.sha256(repr((RENDER_DIGEST, *site_wide)).encode())
        self.templates = templates
        self.collection = collection
        self.tokens = _Tokens(where)

    def basis(self, search_version: str | None) -> str:
        """A hash of what every page depends on: a rebuild with another plans every page."""
        digest = self.site_wide.copy()
        digest.update(repr((sorted(self.templates.items()), search_version)).encode())
        return digest.hexdigest()

    def _hash(self, template: str, parts: list[str]) -> str:
        digest = self.site_wide.copy()
        digest.update(self.templates.get(template, template).encode())
        digest.update("\x1e".join(parts).encode())
        return digest.hexdigest()

    def page(self, page: Page) -> str:
        parts: list[str] = [page.url]
        self._walk(page.context, parts)
        return self._hash(page.template, parts)

    def cable(self, cable_id: str, onward: Onward | None = None) -> str:
        """A cable page (and its text and record) depends on its own file, its neighbours
        from the same origin and by date, the cables leading onward from it (and which
        tag, country and origin lead there: `onward`, unless given), the cables that cite
        it and those it cites."""
        collection, tokens = self.collection, self.tokens
        onward = onward or collection.onward(cable_id)
        parts = [tokens[cable_id]]
        shown = (onward.older_from_origin, onward.newer_from_origin, onward.older, onward.newer)
        for entry in shown:
            parts.append(tokens[entry.id] if entry else "-")
        for kind, value, entries in onward.groups:
            parts += [kind, value, *(tokens[entry.id] for entry in entries)]
        parts += [
            "cited",
            *(tokens[i] for i in collection.cited_by.get(cable_id, ())),
            "cites",
            *(tokens.cited(i) for i in collection.references.get(cable_id, ())),
        ]
        return self._hash("cable.html", parts)

    def search(self, cable_id: str) -> str:
        """What the search index takes of a cable page (its article, which shows the cables
        it cites but not its neighbours or the cables citing it) depends on these only."""
        tokens = self.tokens
        cites = (tokens.cited(i) for i in self.collection.references.get(cable_id, ()))
        return self._hash(INDEXED, [tokens[cable_id], "search", *cites])

    def _walk(self, value: Any, parts: list[str]) -> None:
        """Flatten a page context into strings, an entry into its cable's token."""
        kind = type(value)
        if kind is str or kind is int or kind is bool or value is None:
            parts.append(repr(value))
        elif kind is Entry:
            parts.append(self.tokens[value.id])
        elif isinstance(value, (list, tuple)):
            parts.append(f"[{len(value)}")
            if value and type(value[0]) is Entry:
                tokens = self.tokens
                parts.extend([tokens[e.id] for e in value])
            else:
                for item in value:
                    self._walk(item, parts)
        elif isinstance(value, dict):
            parts.append(f"{{{len(value)}")
            for key, item in value.items():
                parts.append(str(key))
                self._walk(item, parts)
        elif is_dataclass(value):
            parts.append(kind.__name__)
            for name in _field_names(kind):
                self._walk(getattr(value, name), parts)
        else:
            parts.append(repr(value))
