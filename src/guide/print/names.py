"""The file names of the handouts and the papers they come in (no imports: the web
fragments, the pack builder and the PDF code all use these)."""

from __future__ import annotations

PAPERS = {"a4": "A4", "letter": "letter"}  # file suffix: CSS page size
PAPER_LABELS = {"a4": "A4", "letter": "US Letter"}
LETTER_REGIONS = ("US", "Canada")


def paper_order(region: str) -> list[str]:
    """The home region's paper first (Letter for the US and Canada), then the other."""
    return ["letter", "a4"] if region in LETTER_REGIONS else ["a4", "letter"]


def handout_name(slug: str, paper: str) -> str:
    """The full guide handout of an exercise."""
    return f"{slug}-{paper}.pdf"


def sheet_name(slug: str, paper: str) -> str:
    """The 1-2 page client sheet of an exercise."""
    return f"{slug}-sheet-{paper}.pdf"


def pack_name(slug: str, paper: str) -> str:
    return f"pack-{slug}-{paper}.pdf"
