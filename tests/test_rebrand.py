"""A clinic can rebrand the whole site and its handouts from one identity file."""

import os
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from pypdf import PdfReader

from guide.paths import ROOT

pytestmark = pytest.mark.slow

CLINIC = """\
name: Harbour Lane Relationship Clinic
short_name: Harbour Lane
tagline: Sex and relationship therapy in plain words.
contact: "Harbour Lane Clinic, 4 Harbour Lane, Exampletown. Email hello@harbourlane.example."
colors: {primary: "#5b2a86", primary_dark: "#c9a7eb", accent: "#7a3e00"}
region: Australia
quick_exit_url: https://www.example.com/weather
directories:
  - {region: Australia, name: Society of Australian Sexologists, url: "https://societyaustraliansexologists.org.au/"}
licence: Adapted by Harbour Lane from Sex Therapy, Explained (CC BY-SA 4.0).
logo: ""
favicon: ""
"""


def test_second_identity_shows_everywhere(tmp_path: Path):
    ident = tmp_path / "clinic.yml"
    ident.write_text(CLINIC)
    site = tmp_path / "site"
    env = {**os.environ, "GUIDE_IDENTITY": str(ident), "SITE_URL": "https://guide.harbourlane.example/"}
    result = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_site.py"), "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-2000:]
    home = lxml.html.parse(str(site / "index.html"))
    assert "Harbour Lane Relationship Clinic" in home.xpath("string(//title)")
    assert "Harbour Lane Relationship Clinic" in home.xpath("string(//header)")
    head = lxml.html.tostring(home.xpath("//head")[0]).decode()
    assert "--site-primary:#5b2a86" in head and "--site-primary-dark:#c9a7eb" in head
    assert home.xpath("//a[@data-quick-exit='https://www.example.com/weather']")
    assert "4 Harbour Lane" in home.xpath("string(//footer)")
    assert "Adapted by Harbour Lane" in home.xpath("string(//footer)")
    help_page = lxml.html.parse(str(site / "help" / "index.html"))
    regions = help_page.xpath("//div[@class='helplines']/h2/text()")
    assert regions[0] == "Australia", regions
    finding = lxml.html.parse(str(site / "articles" / "finding-a-therapist" / "index.html"))
    assert finding.xpath("//ul[@class='directories']/li/a/text()") == ["Society of Australian Sexologists"]
    pdf = PdfReader(site / "handouts" / "break-plan-a4.pdf")
    text = " ".join(p.extract_text() for p in pdf.pages)
    assert "Harbour Lane Relationship Clinic" in text and "Adapted by Harbour Lane" in text
    assert "guide.harbourlane.example/exercises/break-plan/" in text
    assert "call 000" in text.lower()  # the emergency number for the home region, from data/helplines.yml
    sheet = " ".join(p.extract_text() for p in PdfReader(site / "handouts" / "break-plan-sheet-a4.pdf").pages)
    assert "Harbour Lane Relationship Clinic" in sheet and "Call 000" in sheet and "999" not in sheet
    assert "guide.harbourlane.example/help/" in " ".join(sheet.split())
