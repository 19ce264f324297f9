"""The site's identity (name, colours, region, quick exit), from data/site.yml."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from guide.checks.readfile import load_data
from guide.paths import DATA, rel

Hex = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Region = Literal["UK", "US", "Canada", "Australia", "Netherlands", "Ireland", "Europe", "Any"]


class Colors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary: Hex
    primary_dark: Hex
    accent: Hex


class Directory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: Region
    name: str
    url: Annotated[str, StringConstraints(pattern=r"^https://")]


class Identity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(min_length=2, max_length=60)]
    short_name: Annotated[str, StringConstraints(min_length=2, max_length=40)]
    tagline: str
    contact: str = ""
    colors: Colors
    region: Region
    quick_exit_url: Annotated[str, StringConstraints(pattern=r"^https://")]
    directories: list[Directory] = Field(default_factory=list)
    licence: str
    logo: str = ""
    favicon: str = ""

    def region_order(self, regions: list[str]) -> list[str]:
        """Regions with the home region first, 'Any' second, the rest in order."""
        first = [r for r in (self.region, "Any") if r in regions]
        return first + [r for r in regions if r not in first]


def identity_path(root: Path | None = None) -> Path:
    """data/site.yml of the project (GUIDE_IDENTITY points at another file, for tests)."""
    return Path(os.environ.get("GUIDE_IDENTITY") or (root / "data" if root else DATA) / "site.yml")


def _load(path: str) -> Identity:
    """Raises ContentError with one line per problem in the file."""
    return load_data(Path(path), rel(Path(path)), Identity)


def load(path: Path | None = None) -> Identity:
    """Read and check the identity file (once per build: the Site keeps it)."""
    return _load(str(path or identity_path()))
