"""Every built page passes the Nu Html Checker (vnu.jar from the pinned npm package)."""

import shutil
import subprocess

import pytest

from guide.paths import ROOT

pytestmark = pytest.mark.slow
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_nu_html_checker_finds_no_errors(site):
    assert shutil.which("java"), "Java is missing: run `make test` (it installs default-jre-headless as root)"
    assert VNU.exists(), "vnu.jar is missing: run `npm ci --ignore-scripts`"
    pages = sorted(str(p) for p in site.rglob("*.html"))
    assert len(pages) >= 50
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *pages], capture_output=True, text=True
    )
    errors = [ln for ln in result.stderr.splitlines() if ": error:" in ln]
    print(f"\nvnu: {len(pages)} pages, {len(errors)} errors")
    assert result.returncode == 0 and errors == [], "\n".join(errors[:20])
