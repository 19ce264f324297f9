"""The machine a run was made on: CPU, cores, memory, load, and the versions that matter."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import re
import subprocess
from importlib import metadata
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import table

CHROME = "/usr/bin/chromium"
PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "pymdown-extensions",
    "Markdown",
    "Jinja2",
    "pydantic",
    "weasyprint",
    "pydyf",
    "fonttools",
    "segno",
    "PyYAML",
)


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _cmd_version(cmd: list[str]) -> str:
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout.strip().splitlines()[0]
    except (OSError, IndexError, subprocess.SubprocessError):
        return "missing"


def machine() -> dict:
    cpu = re.search(r"^model name\s*:\s*(.+)$", _read("/proc/cpuinfo"), re.M)
    mem = re.search(r"^MemTotal:\s*(\d+) kB", _read("/proc/meminfo"), re.M)
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "missing"
    lh = ROOT / "node_modules" / "lighthouse" / "package.json"
    versions["lighthouse"] = json.loads(lh.read_text())["version"] if lh.exists() else "missing"
    versions["node"] = _cmd_version(["node", "--version"])
    versions["chromium"] = _cmd_version([CHROME, "--version"])
    return {
        "cpu": cpu.group(1).strip() if cpu else platform.processor() or "unknown",
        "cores": os.cpu_count(),
        "cores_usable": len(os.sched_getaffinity(0)),
        "ram_gib": round(int(mem.group(1)) / 1024**2, 1) if mem else None,
        "os": platform.platform(),
        "python": platform.python_version(),
        "packages": versions,
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "load_average_start": list(os.getloadavg()),
    }


def busy(m: dict) -> bool:
    """Load above the core count when the run started."""
    return max(m["load_average_start"][:2]) > (m["cores"] or 1)


def markdown(m: dict) -> list[str]:
    loads = lambda key: ", ".join(f"{x:.2f}" for x in m.get(key, []))  # noqa: E731
    out = ["## Machine", ""]
    out += table(
        ["", ""],
        [
            ["CPU", m["cpu"]],
            ["Cores", f"{m['cores']} ({m['cores_usable']} usable)"],
            ["RAM", f"{m['ram_gib']} GiB"],
            ["OS", m["os"]],
            ["Python", m["python"]],
            ["Load average (1, 5, 15 min) at start", loads("load_average_start")],
            ["Load average at end", loads("load_average_end")],
        ]
        + [[k, v] for k, v in m["packages"].items()],
    )
    if busy(m):
        out += [
            "",
            "**The machine was busy with other work when the run started** (load above the core count): "
            "wall-clock times are inflated. CPU seconds are given too; they suffer less from sharing.",
        ]
    return out
