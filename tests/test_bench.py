"""The benchmark's own logic (no timing here: timing lives in make bench)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from conftest import build_tree

from guide.paths import ROOT
from tools.bench import before_after_report, before_after_trees, configs, page_weight, report, scale


@pytest.mark.slow
def test_page_weight_counts_same_site_files_and_keeps_search_apart(site: Path):
    w = page_weight.page_weight(site, "exercises/break-plan/")
    assert w["external"] == [] and w["missing"] == []
    assert w["files"]["html"] == 1 and w["files"]["css"] >= 2 and w["files"]["js"] >= 2
    assert w["total"] == sum(w["by_type"].values())
    assert w["search"]["index"] > 0 and w["search"]["worker"] > 0
    assert "fonts" not in w["by_type"]  # system fonts on the web


def test_budget_verdicts():
    results = {
        "build": {"ratio": 1.6},
        "handouts": {"no_change_s": 0.01, "size_exercise_kb": {"max": 150}},
        "weight": {"ours": {name: {"total": 100 * 1024} for name in page_weight.TEMPLATES}},
        "lighthouse": {
            "summary": {
                "ours/home": {"scores": {"performance": 0.95, "accessibility": 0.99, "best-practices": 1, "seo": 1}}
            }
        },
    }
    verdicts = {b["name"]: b["pass"] for b in report.budgets(results)}
    assert verdicts["build overhead: ours without PDFs / stock Material"] is False
    assert verdicts["page weight, home (gzip, no search index)"] is True
    assert verdicts["lighthouse performance, home"] is True and verdicts["lighthouse accessibility, home"] is False
    assert verdicts["lighthouse performance, help"] is None  # not measured is not a pass
    assert verdicts["handout step with no changes (second build_all)"] is True
    assert verdicts["largest fillable handout"] is False


def test_no_pdf_config_drops_only_the_handout_hook(tmp_path: Path):
    cfg = yaml.load(configs.no_pdf_config(tmp_path).read_text(), Loader=yaml.SafeLoader)
    ours = configs.load_config()
    assert [Path(h).name for h in cfg["hooks"]] == [Path(h).name for h in ours["hooks"] if "build_handouts" not in h]
    assert all(Path(h).is_file() for h in cfg["hooks"])
    assert Path(cfg["docs_dir"]).is_dir() and Path(cfg["theme"]["custom_dir"]).is_dir()
    assert cfg["nav"] == ours["nav"] and cfg["markdown_extensions"] == ours["markdown_extensions"]


def test_stock_config_has_no_hooks_and_no_guide_extensions():
    cfg = configs.stock_config(configs.load_config(), ROOT / "includes")
    assert "hooks" not in cfg and cfg["theme"] == {"name": "material"}
    assert not [e for e in cfg["markdown_extensions"] if "guide." in str(e)]


def test_scale_guess_extrapolates_growing_per_page_cost():
    done = {
        100: {"ours": [5.8], "stock": [3.5], "pages": 133, "exercises": 100},
        300: {"ours": [16.6], "stock": [10.0], "pages": 333, "exercises": 300},
    }
    linear = 1.15 * (16.6 + 10.0) / 333 * 1033
    assert scale._guess(1000, done) > linear


def test_committed_report_matches_its_raw_figures():
    """BENCHMARKS.md is what report.markdown makes of benchmarks.json (re-made with --report-only)."""
    results = json.loads((ROOT / "benchmarks.json").read_text(encoding="utf-8"))
    results["budgets"] = report.budgets(results)
    assert (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") == report.markdown(results)


def test_before_after_configs_are_copies_beside_mkdocs_yml(tmp_path: Path):
    (tmp_path / "mkdocs.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    tree = before_after_trees.Tree("after", "0" * 40, tmp_path)
    navfail = before_after_trees.nav_fail_config(tree)
    assert navfail.parent == tmp_path and navfail.name != "mkdocs.yml"
    original, copy = (tmp_path / "mkdocs.yml").read_text(), navfail.read_text()
    assert before_after_trees.NAV_PAGE in original and before_after_trees.NAV_PAGE not in copy
    assert len(original.splitlines()) - len(copy.splitlines()) == 1 and "!ENV" in copy
    assert before_after_trees.no_handout_hook_config(tree) is None  # handouts are a build step now


def test_before_after_report_gives_ratios_and_says_what_was_not_measured():
    def side(*runs, **kw):
        return {"runs": list(runs), "median_s": sorted(runs)[len(runs) // 2], "rc": [0] * len(runs), "details": [kw]}

    cases = {
        "cold": {
            "before": side(100.0, 120.0, 110.0, pages=60, handouts_rendered=58, handouts=58),
            "after": side(50.0, 55.0, 60.0),
        },
        "web_no_hook": {"before": side(5.0), "after": {"not_measured": "no such mode", "runs": []}},
        "nav_fail": {
            "before": {**side(90.0, pdfs_rendered=58, names_page=True), "rc": [1]},
            "after": {**side(3.0, pdfs_rendered=0, names_page=True), "rc": [1]},
        },
    }
    r = {
        "before_after": {
            "commits": {"before": "de75c26" + "0" * 33, "after": "abcdef1" + "0" * 33},
            "rounds": 3,
            "with_tests": False,
            "date": "2026-12-01",
            "seconds": 10,
            "cores": 2,
            "cases": cases,
        }
    }
    text = "\n".join(before_after_report.markdown(r))
    assert "| 110.0 | 55.0 | 0.50x | 100.0, 120.0, 110.0 / 50.0, 55.0, 60.0 |" in text
    assert "| 5.0 | not measured | n/a |" in text and "after: no such mode" in text
    assert "before: 58 PDFs rendered before it failed" in text and "after: 0 PDFs rendered" in text
    assert "unexpected exit" not in text
    assert "**Not measured in this run:**" in text and "`make test`" in text and "`make test-fast`" in text
    assert before_after_report.markdown({}) == []


@pytest.mark.slow
def test_web_only_build_makes_the_pages_and_no_pdf(tree: Path):
    """The benchmark's scale sites and its web-only row build with --web-only: every page, no PDF."""
    result = build_tree(tree, "--web-only")
    assert result.returncode == 0, result.stderr
    assert "web only: no handouts, book or offline edition" in result.stderr
    assert (tree / "site" / "exercises" / "break-plan" / "index.html").exists()
    assert list((tree / "site").rglob("*.pdf")) == [] and list((tree / "site").rglob("*.zip")) == []
