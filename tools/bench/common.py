"""What every benchmark job shares: running a timed process, medians, and Markdown table cells.

Nothing here measures anything by itself; every section module imports from here, and this
module imports from none of them.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

from guide.paths import ROOT


def log(msg: str) -> None:
    print(msg, flush=True)


# --- running -----------------------------------------------------------------------------------


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_timed(
    cmd: list[str], env: dict[str, str], cwd: Path = ROOT, timeout: float = 900, check: bool = True
) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return wall seconds, CPU seconds (it and its children) and the process.

    With ``check`` (the default) a non-zero exit raises, with the output's last lines.
    """
    cpu0, start = _child_cpu(), time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    seconds, cpu = time.perf_counter() - start, _child_cpu() - cpu0
    if check and proc.returncode != 0:
        tail = "\n".join((proc.stderr + proc.stdout).strip().splitlines()[-15:])
        raise RuntimeError(f"{' '.join(map(str, cmd[:4]))} ... failed ({proc.returncode}):\n{tail}")
    return seconds, cpu, proc


def base_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("GUIDE_ROOT", "GUIDE_CACHE", "GUIDE_SKIP_HANDOUTS")}
    env.update(extra)
    return env


def ours_cmd(site: Path, config: Path, extra: list[str] | None = None) -> list[str]:
    return [
        sys.executable,
        str(ROOT / "scripts" / "build_site.py"),
        "--site-dir",
        str(site),
        "--config",
        str(config),
        *(extra or []),
    ]


def stock_cmd(site: Path, config: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)]


# --- figures -----------------------------------------------------------------------------------


def med(values):
    """Median of the values that were measured (None for none)."""
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def spread(values: list[float]) -> dict:
    if not values:
        return {}
    return {"n": len(values), "min": min(values), "median": statistics.median(values), "max": max(values)}


def get(data, *keys):
    """``data[k1][k2]...``, or None where a key is missing (a section that did not run)."""
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def div(x, y):
    return None if x is None else x / y


# --- Markdown ----------------------------------------------------------------------------------


def fmt(value, digits=2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}" if isinstance(value, int | float) and not isinstance(value, bool) else str(value)


def kb(n) -> str:
    return "n/a" if n is None else f"{n / 1024:.1f}"


def table(head: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    return lines + ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
