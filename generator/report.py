"""What a build did, for its closing summary."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class BuildReport:
    """What a build did, for its closing summary."""

    cables: int = 0
    pages: int = 0
    rendered: int = 0
    shards: int = 0
    files: int = 0
    failed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    changed: int | None = None  # cables changed, when the build read and planned around them
    indexing: float = 0.0  # seconds Pagefind spent on the shards, alongside other stages

    def summary(self) -> str:
        timing = ", ".join(f"{stage} {sec:.1f}s" for stage, sec in self.seconds.items())
        lines = [
            f"{self.cables} cables, {self.pages} pages ({self.rendered} rendered), "
            f"{self.shards} search shards indexed, {self.files} files written or deleted; "
            f"{len(self.failed)} cables left out, {len(self.warnings)} warnings ({timing})"
        ]
        if self.indexing:
            lines[0] += f"; Pagefind indexed shards for {self.indexing:.1f}s, beside the stages"
        if self.changed is not None:
            lines[0] += f"; read and planned around {self.changed} changed cables only"
        lines += [f"  left out: {line}" for line in self.failed]
        lines += [f"  warning: {line}" for line in self.warnings]
        return "\n".join(lines)
