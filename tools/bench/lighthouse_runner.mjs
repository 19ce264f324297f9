// Run Lighthouse (mobile preset) on several pages with one Node process and one Chrome.
// Usage: node tools/bench/lighthouse_runner.mjs jobs.json
//   jobs.json: {"chromeFlags": [...], "categories": [...], "skipAudits": [...],
//               "jobs": [{"url": "...", "out": "report.json"}, ...]}
// Each report is Lighthouse's own JSON, written as soon as its run ends. CHROME_PATH names the browser.
import fs from 'node:fs';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({chromePath: process.env.CHROME_PATH, chromeFlags: spec.chromeFlags});
let failed = 0;
try {
  for (const job of spec.jobs) {
    const started = Date.now();
    try {
      const result = await lighthouse(job.url, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: spec.categories,
        skipAudits: spec.skipAudits, disableFullPageScreenshot: true,
      });
      fs.writeFileSync(job.out, result.report);
      console.log(JSON.stringify({url: job.url, out: job.out, seconds: (Date.now() - started) / 1000}));
    } catch (err) {
      failed += 1;
      console.log(JSON.stringify({url: job.url, out: job.out, error: String(err && err.message || err)}));
    }
  }
} finally {
  await chrome.kill();
}
process.exit(failed ? 1 : 0);
