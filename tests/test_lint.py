"""The code passes ruff, with the settings in pyproject.toml."""

import subprocess
import sys

from guide.paths import ROOT


def test_ruff():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "src", "scripts", "tools", "overrides", "tests"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-2000:]
