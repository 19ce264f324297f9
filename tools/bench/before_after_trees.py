"""The two trees of tools.bench.before_after: clean git worktrees, each set up by its own Makefile.

Each tree gets its virtual environments from its own Makefile targets (pip reuses its cache)
and node_modules as a link to this project's (npm ci is not in either Makefile). The project's
own files are never written: everything lives under the work folder.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from guide.paths import ROOT
from tools.bench.common import base_env, log

NAV_PAGE = "articles/flooding.md"  # in the nav of both trees
GENERATED = ("site", "site-web", "site-navfail", ".cache")


@dataclass
class Tree:
    side: str  # "before" or "after"
    commit: str
    path: Path
    built: bool = False  # a full build ran and nothing changed since

    @property
    def python(self) -> str:
        return str(self.path / ".venv" / "bin" / "python")

    @property
    def split_venvs(self) -> bool:
        """Since the consolidation the tests have their own .venv-test beside the site's .venv."""
        return "TEST_VENV := .venv-test" in (self.path / "Makefile").read_text(encoding="utf-8")

    def build_cmd(self, *args: str) -> list[str]:
        return [self.python, "scripts/build_site.py", *args]

    def clean(self) -> None:
        """Remove every build output and cache (a cold build follows)."""
        self.built = False
        for name in GENERATED:
            shutil.rmtree(self.path / name, ignore_errors=True)
        for stale in self.path.glob(".site*-new-*"):
            shutil.rmtree(stale, ignore_errors=True)


def env(**extra: str) -> dict[str, str]:
    """The caller's environment without anything that would steer a build or a nested make."""
    drop = ("OFFLINE", "DEPLOY", "SITE_URL", "VIRTUAL_ENV", "PYTHONPATH", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")
    return {k: v for k, v in base_env(**extra).items() if k not in drop}


def _git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True).stdout.strip()


def resolve(commit: str) -> str:
    return _git("rev-parse", "--verify", f"{commit}^{{commit}}")


def checkout(work: Path, side: str, commit: str) -> Tree:
    """A detached worktree of ``commit`` at work/side (reused if it is already there, at that commit)."""
    path = work / side
    if path.exists() and subprocess.run(["git", "-C", str(path), "rev-parse", "HEAD"], capture_output=True,
                                        text=True).stdout.strip() != commit:  # fmt: skip
        remove(Tree(side, commit, path))
    if not path.exists():
        _git("worktree", "add", "--detach", str(path), commit)
    if (ROOT / "node_modules").is_dir() and not (path / "node_modules").exists():
        (path / "node_modules").symlink_to(ROOT / "node_modules")
    return Tree(side, commit, path)


def set_up(tree: Tree, with_tests: bool, log_dir: Path) -> float:
    """The tree's environments as its own Makefile makes them; returns the seconds it took."""
    targets = [".venv/.site-installed", ".venv-test/.test-installed"] if tree.split_venvs else [".venv/.test-installed"]
    if with_tests:
        targets.append("deps-test")
    start = time.perf_counter()
    with (log_dir / f"{tree.side}-setup.log").open("w", encoding="utf-8") as out:
        proc = subprocess.run(["make", *targets], cwd=tree.path, env=env(), stdout=out, stderr=subprocess.STDOUT)
    if proc.returncode:
        raise RuntimeError(f"{tree.side}: make {' '.join(targets)} failed; see {log_dir / f'{tree.side}-setup.log'}")
    log(f"  {tree.side} ({tree.commit[:7]}): make {' '.join(targets)} in {time.perf_counter() - start:.0f} s")
    return time.perf_counter() - start


def config_without(tree: Tree, name: str, drop_line) -> Path:
    """A copy of the tree's mkdocs.yml (beside it, so relative paths hold) without the lines
    ``drop_line`` matches. The text is edited, not parsed: the file has ``!ENV`` tags."""
    lines = (tree.path / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not drop_line(line)]
    if len(kept) == len(lines):
        raise RuntimeError(f"{tree.side}: mkdocs.yml has no line to drop for {name}")
    path = tree.path / name
    path.write_text("".join(kept), encoding="utf-8")
    return path


def nav_fail_config(tree: Tree) -> Path:
    """mkdocs.yml with NAV_PAGE left out of the nav: a strict build must fail on it."""
    pattern = re.compile(rf"^\s*-\s*(?:[^:]+:\s*)?{re.escape(NAV_PAGE)}\s*$")
    return config_without(tree, "mkdocs.bench-navfail.yml", pattern.match)


def no_handout_hook_config(tree: Tree) -> Path | None:
    """mkdocs.yml without the handout hook, or None if the tree has none (handouts are a build step)."""
    text = (tree.path / "mkdocs.yml").read_text(encoding="utf-8")
    if "overrides/hooks/build_handouts.py" not in text:
        return None
    return config_without(tree, "mkdocs.bench-web.yml", lambda line: "hooks/build_handouts.py" in line)


def remove(tree: Tree) -> None:
    subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree.path)], capture_output=True)
    shutil.rmtree(tree.path, ignore_errors=True)
    subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], capture_output=True)
