"""Numbering the sources of the figures a result shows, for footnotes and reports."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SourceList:
    """Distinct (name, url) sources in order of first use, numbered from 1."""

    entries: list[tuple[str, str]] = field(default_factory=list)

    def ref(self, name: str, url: str = "") -> int:
        key = (name, url)
        if key not in self.entries:
            self.entries.append(key)
        return self.entries.index(key) + 1
