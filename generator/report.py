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

    def headline(self) -> str:
        """One line: what was built, how much was left out, how long each stage took."""
        timing = ", ".join(f"{stage} {sec:.1f}s" for stage, sec in self.seconds.items())
        line = (
            f"{self.cables} cables, {self.pages} pages ({self.rendered} rendered), "
            f"{self.shards} search shards indexed, {self.files} files written or deleted; "
            f"{len(self.failed)} cables left out, {len(self.warnings)} warnings ({timing})"
        )
        if self.indexing:
            line += f"; Pagefind indexed shards for {self.indexing:.1f}s, beside the stages"
        if self.changed is not None:
            line += f"; read and planned around {self.changed} changed cables only"
        return line

    def lines(self) -> list[str]:
        """A line for each cable or page left out and each warning (standard error's)."""
        return [f"left out: {line}" for line in self.failed] + [
            f"warning: {line}" for line in self.warnings
        ]

    def summary(self) -> str:
        return "\n".join([self.headline(), *(f"  {line}" for line in self.lines())])
