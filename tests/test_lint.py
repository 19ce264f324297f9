"""The code passes ruff, with the settings in pyproject.toml."""

import subprocess
import sys

from guide.paths import ROOT


def test_ruff():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "src", "scripts", "tools", "overrides", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]


def test_ruff_format():
    """The code is as ``ruff format`` writes it (``make lint`` checks the same)."""
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "format", "--check", "src", "scripts", "tools", "overrides", "tests"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-2000:]
