"""The site's identity (name, colours, region, quick exit), from data/site.yml."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

from guide.checks.readfile import load_data
from guide.paths import DATA, data_name

Hex = Annotated[str, StringConstraints(pattern=r"^#[0-9a-fA-F]{6}$")]
Region = Literal["UK", "US", "Canada", "Australia", "Netherlands", "Ireland", "Europe", "Any"]


class Colors(BaseModel):
    model_config = ConfigDict(extra="forbid")
    primary: Hex = Field(description="Header and buttons in the light scheme.")
    primary_dark: Hex = Field(description="Links, outline buttons and accents in the dark scheme (a light tint).")
    accent: Hex = Field(description="Accent (focus rings, highlights) in the light scheme.")
    header_dark: Hex | None = Field(default=None, description="Header in the dark scheme; default: primary.")

    @property
    def header_dark_or_primary(self) -> str:
        return self.header_dark or self.primary


class Contact(BaseModel):
    """The practice's own contact: in the footer and on handouts, never on the crisis page."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(default="", description="A line for the footer, e.g. the address.")
    phone: Annotated[str, StringConstraints(pattern=r"^[+(]?[\d][\d ().\-]{4,20}\d$")] | Literal[""] = ""
    email: Annotated[str, StringConstraints(pattern=r"^[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}$")] | Literal[""] = ""
    web: Annotated[str, StringConstraints(pattern=r"^https://")] | Literal[""] = ""

    @property
    def tel(self) -> str:
        return "tel:" + ("+" if self.phone.startswith("+") else "") + re.sub(r"\D", "", self.phone)

    def __bool__(self) -> bool:
        return bool(self.text or self.phone or self.email or self.web)


class Directory(BaseModel):
    model_config = ConfigDict(extra="forbid")
    region: Region
    name: str
    url: Annotated[str, StringConstraints(pattern=r"^https://")]


PLACEHOLDER_URL = "https://example.github.io/"


class LocalSection(BaseModel):
    """A navigation section of a fork's own pages (in data/site.local.yml), added after upstream's."""

    model_config = ConfigDict(extra="forbid")
    section: Annotated[str, StringConstraints(min_length=2, max_length=40)]
    pages: list[Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]] = Field(min_length=1)


class Identity(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(min_length=2, max_length=60)]
    short_name: Annotated[str, StringConstraints(min_length=2, max_length=24)] = Field(
        description="For narrow headers (a phone) and file names."
    )
    author: str = Field(default="", description="For <meta name=author> and PDF metadata; default: name.")
    tagline: str
    site_url: Annotated[str, StringConstraints(pattern=r"^https?://[^\s<>]+/$")] | Literal[""] = Field(
        default="",
        description="The real web address, ending in '/'. SITE_URL overrides it. Empty: no address on paper.",
    )
    contact: Contact = Field(default_factory=Contact)
    colors: Colors
    region: Region
    quick_exit_url: Annotated[str, StringConstraints(pattern=r"^https://")]
    directories: list[Directory] = Field(default_factory=list)
    local_nav: list[LocalSection] = Field(default_factory=list, description="A fork's own nav sections.")
    hide_pages: list[Annotated[str, StringConstraints(pattern=r"^[\w./-]+\.md$")]] = Field(
        default_factory=list, description="Upstream pages a fork leaves out (docs-relative), e.g. downloads.md."
    )
    licence: str
    logo: str = ""
    favicon: str = ""

    @field_validator("contact", mode="before")
    @classmethod
    def _contact_line(cls, value):
        return {"text": value} if isinstance(value, str) else value  # the old one-line form

    @property
    def author_or_name(self) -> str:
        return self.author or self.name

    @property
    def file_stem(self) -> str:
        """For download names: 'harbour-lane' from the short name."""
        return re.sub(r"[^a-z0-9]+", "-", self.short_name.lower()).strip("-") or "guide"

    @property
    def paper(self) -> str:
        """The home region's paper size first: Letter in the US and Canada, A4 elsewhere."""
        return "letter" if self.region in ("US", "Canada") else "a4"

    def real_url(self, env_url: str | None = None) -> str:
        """The site's address if it is a real one (SITE_URL first), else ''."""
        url = (env_url if env_url is not None else os.environ.get("SITE_URL", "")) or self.site_url
        return "" if not url or url.startswith(PLACEHOLDER_URL) else url

    def region_order(self, regions: list[str]) -> list[str]:
        """Regions with the home region first, 'Any' second, the rest in order."""
        first = [r for r in (self.region, "Any") if r in regions]
        return first + [r for r in regions if r not in first]


def identity_path(root: Path | None = None) -> Path:
    """data/site.yml of the project (GUIDE_IDENTITY points at another file, for tests)."""
    return Path(os.environ.get("GUIDE_IDENTITY") or (root / "data" if root else DATA) / "site.yml")


def _load(path: str) -> Identity:
    """Raises ContentError with one line per problem in the file (or in its site.local.yml overlay)."""
    return load_data(Path(path), data_name(Path(path)), Identity, local=Path(path).with_name("site.local.yml"))


def load(path: Path | None = None) -> Identity:
    """Read and check the identity file (once per build: the Site keeps it)."""
    return _load(str(path or identity_path()))


def local_line(root: Path, needle: str) -> int | None:
    """The first line of data/site.local.yml that names ``needle`` (a page), for a problem line.
    Read again only when there is a problem to report."""
    path = Path(root) / "data" / "site.local.yml"
    lines = path.read_text(encoding="utf-8").split("\n") if path.exists() else []
    return next((n for n, line in enumerate(lines, 1) if needle in line), None)
