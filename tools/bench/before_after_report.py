"""The report of tools.bench.before_after: one table, before and after the consolidation."""

from __future__ import annotations


def markdown(r: dict) -> list[str]:
    return []
