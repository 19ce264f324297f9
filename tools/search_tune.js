#!/usr/bin/env node
/* Tune the search weights on the TUNE sets only, by coordinate descent: each weight in turn is
 * scaled up and down, and a change is kept when the tune sets' score improves (mean of
 * recall@3 and MRR over the sets, each set weighing the same). Driven by tools/search_tune.py,
 * which hands over the tune sets, never the report-only ones, each with an index that leaves
 * out that set's own questions (cross-validated, as tools/search_cv.py scores them).
 *   node tools/search_tune.js TUNE.json  > {"start", "best", "weights", "steps"}
 * TUNE.json: {name: {entries: [{query, expected}], config, docs}} */
"use strict";
const fs = require("fs");
const path = require("path");

const R = path.join(__dirname, "..", "docs", "assets", "js");
const MiniSearch = require(path.join(R, "vendor", "minisearch.js"));
const Stem = require(path.join(R, "search", "stem.js"));
const Guide = require(path.join(R, "search", "engine.js"))(MiniSearch, Stem);

const [tuneFile] = process.argv.slice(2);
const sets = JSON.parse(fs.readFileSync(tuneFile, "utf8"));
const config = sets[Object.keys(sets)[0]].config || {};
const STEPS = [0.5, 0.75, 1.33, 2];
const FIXED = { bm25_d: 1 };  /* weights left alone */

function evaluate(weights) {
  let total = 0;
  const per = {};
  for (const name of Object.keys(sets)) {
    const set = sets[name];
    const engine = Guide.create({ config: Object.assign({}, set.config, { weights: weights }), docs: set.docs });
    let r3 = 0, mrr = 0;
    for (const e of set.entries) {
      const pages = engine.search(e.query).items.map((it) => it[0].location);
      const k = pages.findIndex((p) => e.expected.includes(p));
      if (k >= 0 && k < 3) r3++;
      if (k >= 0 && k < 10) mrr += 1 / (k + 1);
    }
    per[name] = { recall3: r3 / set.entries.length, mrr: mrr / set.entries.length };
    total += (per[name].recall3 + per[name].mrr) / 2;
  }
  return { score: total / Object.keys(sets).length, per: per };
}

const defaults = Guide.create({ config: Object.assign({}, config, { weights: {} }), docs: [] }).w;
let weights = Object.assign({}, defaults, config.weights || {});
const start = evaluate(weights);
let best = start, steps = [];
for (let round = 0; round < 2; round++) {
  let changed = false;
  for (const key of Object.keys(weights)) {
    if (key in FIXED) continue;
    for (const f of STEPS) {
      const trial = Object.assign({}, weights, { [key]: +(weights[key] * f).toPrecision(3) });
      if (key === "bm25_b" && trial[key] > 1) continue;
      const got = evaluate(trial);
      if (got.score > best.score + 1e-9) {
        best = got; weights = trial; changed = true;
        steps.push({ key: key, value: trial[key], score: +got.score.toFixed(4) });
      }
    }
  }
  if (!changed) break;
}
process.stdout.write(JSON.stringify({ start: start, best: best, weights: weights, steps: steps }, null, 1) + "\n");
