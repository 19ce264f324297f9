"""The benchmark's own logic (no timing here: timing lives in make bench)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from guide.paths import ROOT
from tools.bench import configs, page_weight, report, scale


@pytest.mark.slow
def test_page_weight_counts_same_site_files_and_keeps_search_apart(site: Path):
    w = page_weight.page_weight(site, "exercises/break-plan/")
    assert w["external"] == [] and w["missing"] == []
    assert w["files"]["html"] == 1 and w["files"]["css"] >= 2 and w["files"]["js"] >= 2
    assert w["total"] == sum(w["by_type"].values())
    assert w["search"]["index"] > 0 and w["search"]["worker"] > 0
    assert "fonts" not in w["by_type"]  # system fonts on the web


def test_budget_verdicts():
    results = {"build": {"ratio": 1.6}, "handouts": {"no_change_s": 0.01, "size_exercise_kb": {"max": 150}},
               "weight": {"ours": {name: {"total": 100 * 1024} for name in page_weight.TEMPLATES}},
               "lighthouse": {"summary": {"ours/home": {"scores": {"performance": 0.95, "accessibility": 0.99,
                                                                   "best-practices": 1, "seo": 1}}}}}
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
    done = {100: {"ours": [5.8], "stock": [3.5], "pages": 133, "exercises": 100},
            300: {"ours": [16.6], "stock": [10.0], "pages": 333, "exercises": 300}}
    linear = 1.15 * (16.6 + 10.0) / 333 * 1033
    assert scale._guess(1000, done) > linear


def test_committed_report_matches_its_raw_figures():
    """BENCHMARKS.md is what report.markdown makes of benchmarks.json (re-made with --report-only)."""
    results = json.loads((ROOT / "benchmarks.json").read_text(encoding="utf-8"))
    results["budgets"] = report.budgets(results)
    assert (ROOT / "BENCHMARKS.md").read_text(encoding="utf-8") == report.markdown(results)
