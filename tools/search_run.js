#!/usr/bin/env node
/* Run a site's real search worker under Node and print, for each query, the
 * pages it shows in order. The worker file and index are the built site's own
 * (Material's lunr worker or ours), driven with the same messages the search
 * box sends. Usage:
 *   node tools/search_run.js SITE_DIR WORKER_PATH QUERIES.json  > results.json
 * WORKER_PATH is relative to SITE_DIR; QUERIES.json is a list of strings.
 * Prints {"setup_ms": n, "results": [{"query", "pages", "ms"}]} as JSON. */
"use strict";
const fs = require("fs");
const path = require("path");
const vm = require("vm");

function loadWorker(file) {
  let handler = null, pending = null;
  const context = {
    console, URL, Promise, setTimeout, clearTimeout, TextEncoder, TextDecoder,
    location: { href: "file://" + file, protocol: "file:" },
    addEventListener: (type, fn) => { if (type === "message") handler = fn; },
    postMessage: (msg) => { if (pending) { const p = pending; pending = null; p(msg); } },
    importScripts: (...urls) => { for (const u of urls) vm.runInContext(fs.readFileSync(new URL(u), "utf8"), context, { filename: u }); },
  };
  context.self = context;
  vm.createContext(context);
  vm.runInContext(fs.readFileSync(file, "utf8"), context, { filename: file });
  return (msg) => new Promise((resolve) => { pending = resolve; handler({ data: msg }); });
}

async function main() {
  const [site, worker, queriesFile] = process.argv.slice(2);
  const whole = path.join(site, "search", "guide_index.json"); // the web edition's; offline: search_index.json
  const index = JSON.parse(fs.readFileSync(fs.existsSync(whole) ? whole : path.join(site, "search", "search_index.json"), "utf8"));
  const queries = JSON.parse(fs.readFileSync(queriesFile, "utf8"));
  const send = loadWorker(path.resolve(site, worker));
  let t = performance.now();
  await send({ type: 0, data: { config: index.config, docs: index.docs, options: { suggest: false } } });
  const setup = performance.now() - t;
  const results = [];
  for (const q of queries) {
    t = performance.now();
    const msg = await send({ type: 2, data: q });
    const ms = performance.now() - t;
    const pages = [];
    for (const group of msg.data.items) {
      const page = group[0].location.split("#")[0];
      if (!pages.includes(page)) pages.push(page);
    }
    results.push({ query: q, pages: pages.slice(0, 10), ms: Math.round(ms * 100) / 100,
                   first: msg.data.items[0] ? msg.data.items[0].map((d) => ({ location: d.location, title: d.title, text: d.text })) : [] });
  }
  process.stdout.write(JSON.stringify({ setup_ms: Math.round(setup), results }));
}
main().catch((e) => { console.error(e.stack || String(e)); process.exit(1); });
