"""A page to make: the plan's unit, and all the renderer is given."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Page:
    """One page to render: its address, template and the data the template reads."""

    url: str
    template: str
    context: dict[str, Any] = field(default_factory=dict, hash=False)
