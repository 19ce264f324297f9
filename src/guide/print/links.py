"""What a sheet may print about the web: the site's address (never a placeholder) and the
home region's help lines.

A build with no real address (no site_url in data/site.yml, no SITE_URL, or a placeholder
such as example.github.io) prints no address and no QR code on paper, and the build says so
once; a deploy build (DEPLOY=true, as the GitHub Pages workflow sets) stops instead.
"""

from __future__ import annotations

import os
from urllib.parse import urlparse

# mkdocs.yml's default, and the fallback of guide.config.site_url when there is none.
PLACEHOLDER_HOSTS = ("example.github.io", "example.org")
# The emergency number of the home region, and a crisis line where the region has one.
EMERGENCY = {"UK": "emergency-uk", "US": "emergency-us", "Canada": "emergency-us", "Australia": "emergency-au"}
CRISIS = {"US": "us-988"}
DEFAULT_EMERGENCY = "emergency-eu"


class PlaceholderURLError(Exception):
    """A deploy build would print a placeholder address on paper."""


def is_placeholder(site_url: str) -> bool:
    host = (urlparse(site_url or "").hostname or "").lower()
    return not host or host in PLACEHOLDER_HOSTS


def deploying(environ=None) -> bool:
    """A build that publishes (DEPLOY=true). Not CI in general: CI runs the README's commands as a new user."""
    environ = os.environ if environ is None else environ
    return environ.get("DEPLOY", "").lower() == "true"


def paper_url(site_url: str, environ=None) -> str:
    """The address to print, or '' for a placeholder. Raises PlaceholderURLError in a deploy build."""
    if not is_placeholder(site_url):
        return site_url.rstrip("/") + "/"
    if deploying(environ):
        raise PlaceholderURLError(
            f"site_url is a placeholder ({site_url or 'empty'}): set SITE_URL to the real address, "
            "or the handouts and the book would print it"
        )
    return ""


def help_lines(site, url: str) -> list[str]:
    """One emergency line for the home region (plus 988 in the US), and the help page's address."""
    region = site.identity.region
    lines = site.helplines
    words = site.ui["paper"]
    out = [words["emergency"].format(number=lines[EMERGENCY.get(region, DEFAULT_EMERGENCY)].main_number)]
    if region in CRISIS and CRISIS[region] in lines:
        out.append(words["crisis"].format(number=lines[CRISIS[region]].main_number))
    if url:
        out.append(words["more_help"].format(url=url + "help/"))
    return out


def qr_svg(url: str, label: str) -> str:
    import segno  # only when a handout is rendered (its import costs 25 ms)

    svg = segno.make(url, error="m").svg_inline(scale=2, border=0, omitsize=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def short_url(url: str) -> str:
    """The address without its scheme and trailing slash, to print beside the QR code."""
    return url.split("://", 1)[-1].rstrip("/")
