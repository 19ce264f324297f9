"""A clinic can rebrand the whole site and its handouts from one identity file."""

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import copy_tree
from pypdf import PdfReader

from guide.paths import ROOT

# One worker builds the clinic for both tests (a fixture is per worker under xdist). Session scope:
# a module fixture is torn down, and the clinic built again, when the worker runs another module's
# test between these two (it did: two builds of about 200 s each).
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("clinic")]

CLINIC_LOCAL = """\
name: Harbour Lane Relationship Clinic
short_name: Harbour Lane
author: Harbour Lane Relationship Clinic
tagline: Sex and relationship therapy in plain words.
site_url: https://guide.harbourlane.example/
region: US
contact:
  text: Harbour Lane Clinic, 4 Harbour Lane, Portland
  phone: "(503) 555-0148"
  email: hello@harbourlane.example
colors: {primary: "#5b2a86", primary_dark: "#d7bff0", accent: "#7a3e00", header_dark: "#3b1a57"}
quick_exit_url: https://www.example.com/weather
directories:
  - {region: US, name: Harbour Lane Referral List, url: "https://harbourlane.example/referrals/"}
licence: Words adapted by Harbour Lane from Sex Therapy, Explained, under CC BY-SA 4.0.
hide_pages: [articles/for-therapists.md]
"""
OLD_NAMES = ("Sex Therapy, Explained", "sex-therapy-explained", "Sex Therapy Explained")


@pytest.fixture(scope="session")
def clinic_site(tmp_path_factory) -> Path:
    """The whole site, handouts, book and zip, built once for a fictional clinic from data/site.local.yml
    (every handout carries the identity, so each build renders all of them: one build serves both tests)."""
    tree = copy_tree(tmp_path_factory.mktemp("clinic"))
    (tree / "data" / "site.local.yml").write_text(CLINIC_LOCAL)
    site = tree / "site"
    env = {**os.environ, "GUIDE_ROOT": str(tree), "GUIDE_CACHE": str(ROOT / ".cache")}
    env.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "guide.build", "--site-dir", str(site), "--config", str(tree / "mkdocs.yml")],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return site


def test_clinic_identity_shows_everywhere(clinic_site: Path):
    site = clinic_site
    home = lxml.html.parse(str(site / "index.html"))
    assert "Harbour Lane Relationship Clinic" in home.xpath("string(//title)")
    assert "Harbour Lane Relationship Clinic" in home.xpath("string(//header)")
    # A phone shows the short name; the full one stays for screen readers (overrides/main.html).
    short = home.xpath("//header//div[@class='md-header__topic']/span[@class='site-short-name']")
    assert [(s.text, s.get("aria-hidden")) for s in short] == [("Harbour Lane", "true")]
    head = lxml.html.tostring(home.xpath("//head")[0]).decode()
    assert "--site-primary:#5b2a86" in head and "--site-primary-dark:#d7bff0" in head
    assert home.xpath("//a[@data-quick-exit='https://www.example.com/weather']")
    assert "4 Harbour Lane" in home.xpath("string(//footer)")
    assert "Words adapted by Harbour Lane" in home.xpath("string(//footer)")
    help_page = lxml.html.parse(str(site / "help" / "index.html"))
    regions = help_page.xpath("//div[@class='helplines']/h2/text()")
    assert regions[0] == "US", regions
    finding = lxml.html.parse(str(site / "articles" / "finding-a-therapist" / "index.html"))
    assert finding.xpath("//ul[@class='directories']/li/a/text()") == ["Harbour Lane Referral List"]
    pdf = PdfReader(site / "handouts" / "break-plan-letter.pdf")
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Harbour Lane Relationship Clinic" in text and "Words adapted by Harbour Lane" in text
    assert "guide.harbourlane.example/exercises/break-plan/" in " ".join(text.split())
    assert "call 911" in text.lower()  # the emergency number for the home region, from data/helplines.yml
    sheet = " ".join(p.extract_text() for p in PdfReader(site / "handouts" / "break-plan-sheet-letter.pdf").pages)
    assert "Harbour Lane Relationship Clinic" in sheet and "911" in sheet and "988" in sheet and "999" not in sheet
    assert "guide.harbourlane.example/help/" in " ".join(sheet.split())


def _text_files(root: Path):
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in (".html", ".json", ".xml", ".txt", ".webmanifest"):
            yield path.relative_to(root).as_posix(), path.read_text(encoding="utf-8", errors="replace")


def test_a_hidden_page_is_not_built_linked_searched_or_printed(clinic_site: Path):
    site = clinic_site
    assert not (site / "articles" / "for-therapists").exists()
    assert (site / "articles" / "flooding" / "index.html").exists()
    home = lxml.html.parse(str(site / "index.html"))
    assert not home.xpath("//a[contains(@href, 'for-therapists')]")  # not in the nav, not in the text
    assert "For therapists" in home.xpath("string(//article)")  # the link's words stay, as plain text
    index = (site / "search" / "guide_index.json").read_text(encoding="utf-8")
    assert "for-therapists" not in index
    linked = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if "for-therapists/" in p.read_text()]
    assert linked == []


def test_fictional_clinic_leaves_no_trace_of_the_original_name(clinic_site: Path):
    import zipfile

    site = clinic_site
    credit = "Words adapted by Harbour Lane from Sex Therapy, Explained, under CC BY-SA 4.0."
    found = []
    texts = list(_text_files(site))
    downloads = sorted((site / "downloads").iterdir())
    assert [p.name for p in downloads if p.suffix in (".pdf", ".zip")] == [
        "harbour-lane-guide-a4.pdf",
        "harbour-lane-guide-letter.pdf",
        "harbour-lane-offline.zip",
    ]
    listed = lxml.html.parse(str(site / "downloads" / "index.html")).xpath("//ul[@class='downloads']//a/@href")
    assert [h.rsplit("/", 1)[-1] for h in listed] == [  # region US: Letter first
        "harbour-lane-guide-letter.pdf",
        "harbour-lane-guide-a4.pdf",
        "harbour-lane-offline.zip",
    ]
    with zipfile.ZipFile(site / "downloads" / "harbour-lane-offline.zip") as zf:
        assert all(n.startswith("harbour-lane/") for n in zf.namelist())
        texts += [
            (f"zip:{n}", zf.read(n).decode("utf-8", "replace"))
            for n in zf.namelist()
            if n.endswith((".html", ".json", ".txt", ".xml"))
        ]
    for pdf in sorted(site.rglob("*.pdf")):
        out = subprocess.run(["pdftotext", "-q", str(pdf), "-"], capture_output=True, text=True).stdout
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        texts.append((pdf.relative_to(site).as_posix(), out + info))
    for name, text in texts:
        text = " ".join(text.split()).replace(credit, "")
        found += [f"{name}: {old}" for old in OLD_NAMES if old.lower() in text.lower()]
    assert found == [], found[:20]
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "--site-primary-dark:#d7bff0" in home and "--site-header-dark:#3b1a57" in home
    assert '<meta name="author" content="Harbour Lane Relationship Clinic">' in home
    assert 'href="tel:5035550148"' in home and "mailto:hello@harbourlane.example" in home
    css = (site / "assets" / "css" / "site.css").read_text(encoding="utf-8")
    assert "#1f3d41" not in css and "#8a3b12" not in css  # no old colour left hard-coded for dark mode
    assert '<link rel="canonical" href="https://guide.harbourlane.example/' in home
