// The results panel's first render in a real browser: Debian's Chromium through playwright-core.
// The page holds the built dist/webview.js and media/panel.css under the panel's CSP, a stub
// acquireVsCodeApi (the one mock: the real host is VS Code, driven by the E2E tests), and a few
// dark-theme --vscode-* variables. A "show" message is posted as the host would post it, and the
// clock runs from postMessage until the rows are in the DOM, then to a forced layout, then to the
// next frame. Each sample is a fresh page (a panel opens cold); sizes alternate A B B A.
//
//   npm run build && node bench/panel.mjs [--reps N] [--json] [--screenshot /tmp/panel.png]
// (--panel-reps N does the same and wins over --reps: bench/run.mjs hands its extra flags to every
// benchmark, and bm25.ts has a --reps of its own)
//
// It also checks, on the way, that a hostile document renders as text and that the page raises no
// CSP violation, and exits 1 if either fails. Started by bench/run.mjs it sends the figures over
// IPC instead of printing them.
import seeded from '../scripts/seededRandom.cjs';
const { seededRandom } = seeded;

/* global window, document, requestAnimationFrame -- the functions given to page.evaluate run in the page */

import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const flag = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 && argv[at + 1] !== undefined ? argv[at + 1] : fallback;
};
const reps = Number(flag('--panel-reps', flag('--reps', '9')));
const json = argv.includes('--json');
const screenshotPath = flag('--screenshot', '/tmp/panel.png');
const SIZES = [100, 1000];
const TARGET_MS = 100;

const script = readFileSync(path.join(root, 'dist/webview.js'), 'utf8');
const css = readFileSync(path.join(root, 'media/panel.css'), 'utf8');

// ---- data: seeded, so every run draws the same text

const WORDS = ('the a of to and in is for with request response retry rate limit server client timeout error status ' +
  'header body token query rank ranking relevance score model batch endpoint cache index chunk file line code function ' +
  'method class interface module setting value return parameter string number array object result order backoff jitter ' +
  'deadline cancel signal stream buffer parse validate range message log secret path folder test latency memory').split(' ');

const HOSTILE = '<img src=x onerror="window.__pwned=1"></td></tr></table><script>window.__pwned=2</script>\n| a | b |';

function makeRun(id, count, seed, query = 'how do I retry a rate-limited request') {
  const random = seededRandom(seed);
  const items = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    while (text.length < 500) {
      const words = Array.from({ length: 6 + Math.floor(random() * 10) }, () => WORDS[Math.floor(random() * WORDS.length)]);
      text += `${words.join(' ')}.${random() < 0.3 ? '\n' : ' '}`;
    }
    if (i === 2) text = HOSTILE;
    const start = 1 + Math.floor(random() * 400);
    const source = i % 10 === 9 ? { kind: 'selection', uri: 'file:///work/notes.md', block: i, range: { startLine: start, endLine: start + 4 } }
      : { kind: 'file', path: `src/module${i % 37}/file${i % 11}.ts`, range: { startLine: start, endLine: start + 19 } };
    items.push({ rank: i + 1, score: Math.max(0, 0.98 - i / count - random() * 0.01), index: (i * 7919) % count, candidate: { id: `c${(i * 7919) % count}`, text, source } });
  }
  return {
    id, query, provider: 'cohere', model: 'rerank-v3.5', scoreKind: 'probability', merge: 'score',
    startedAt: '2025-06-01T10:00:00.000Z', durationMs: 840, candidateCount: count * 4, items,
    stats: { requests: 4, retries: 0, batches: 4 },
  };
}

/** The message the host posts: every run as a summary, in full only the ones the page shows. */
function showMessage(runs, loaded = runs.slice(0, 1), focus = {}) {
  return { type: 'show', runs: runs.map(({ items, ...rest }) => ({ ...rest, itemCount: items.length })), loaded, ...focus };
}

// ---- the page

const DARK_THEME = {
  '--vscode-font-family': 'system-ui, "Segoe UI", Ubuntu, sans-serif', '--vscode-font-size': '13px', '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"DejaVu Sans Mono", monospace', '--vscode-editor-font-size': '12px',
  '--vscode-foreground': '#cccccc', '--vscode-editor-background': '#1e1e1e', '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-focusBorder': '#007fd4', '--vscode-input-background': '#3c3c3c', '--vscode-input-foreground': '#cccccc',
  '--vscode-input-border': '#3c3c3c', '--vscode-input-placeholderForeground': '#a6a6a6', '--vscode-dropdown-background': '#3c3c3c',
  '--vscode-dropdown-foreground': '#f0f0f0', '--vscode-dropdown-border': '#3c3c3c', '--vscode-button-background': '#0e639c',
  '--vscode-button-foreground': '#ffffff', '--vscode-button-hoverBackground': '#1177bb', '--vscode-button-secondaryBackground': '#3a3d41',
  '--vscode-button-secondaryForeground': '#ffffff', '--vscode-button-secondaryHoverBackground': '#45494e',
  '--vscode-textLink-foreground': '#3794ff', '--vscode-textLink-activeForeground': '#3794ff', '--vscode-list-hoverBackground': '#2a2d2e',
  '--vscode-list-inactiveSelectionBackground': '#37373d', '--vscode-charts-blue': '#3794ff', '--vscode-charts-green': '#89d185',
  '--vscode-charts-red': '#f14c4c', '--vscode-panel-border': '#80808059', '--vscode-editorGroup-border': '#444444',
  '--vscode-textBlockQuote-background': '#7f7f7f1a', '--vscode-textBlockQuote-border': '#007acc80',
};

function pageHtml() {
  // The panel's own CSP, with the nonce carried by inline copies of the files (a file:// page
  // cannot stand in for webview.cspSource).
  const nonce = randomBytes(16).toString('base64');
  const theme = Object.entries(DARK_THEME).map(([k, v]) => `${k}: ${v};`).join(' ');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:; font-src 'none'`;
  const stub = `(() => {
    window.__posted = []; window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
    let state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
  })();`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">:root { ${theme} }</style><style nonce="${nonce}">${css}</style></head>
<body class="vscode-dark"><div id="app"></div>
<script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

/** In the page: post the message, time the draw. Runs after the app's listener (registered first). */
async function measureInPage(message) {
  let drawn = 0;
  const done = new Promise((resolve) => window.addEventListener('message', () => { drawn = performance.now(); resolve(); }, { once: true }));
  const t0 = performance.now();
  window.postMessage(message, '*');
  await done;
  const rows = document.querySelectorAll('.ranking-body > .row').length;
  void document.body.offsetHeight; // style and layout, now
  const laidOut = performance.now();
  await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  return { dom: drawn - t0, layout: laidOut - t0, frame: performance.now() - t0, rows };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const failures = [];
try {
  const runs = Object.fromEntries(SIZES.map((n) => [n, makeRun(`run-${n}`, n, n)]));
  const html = pageHtml();
  let page;
  // A new page for every sample: nothing warmed up by the one before.
  const open = async () => {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (err) => failures.push(`page error: ${err.message}`));
    await page.setContent(html);
    await page.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  };

  const samples = Object.fromEntries(SIZES.map((n) => [n, []]));
  const showAll = [];
  // The host posts the whole history: 1,000 items in focus with nine more such runs behind it.
  const history = [runs[1000], ...Array.from({ length: 9 }, (_, i) => makeRun(`old-${i}`, 1000, 100 + i))];
  const withHistory = [];
  for (let rep = 0; rep < reps; rep++) {
    for (const n of rep % 2 ? [...SIZES].reverse() : SIZES) {
      await open();
      samples[n].push(await page.evaluate(measureInPage, showMessage([runs[n]])));
      if (n !== 1000) continue;
      await open();
      withHistory.push(await page.evaluate(measureInPage, showMessage(history)));
      // Every one of the 1,000 rows ("Show all" when the first page holds fewer), from the click
      // to the forced layout.
      showAll.push(await page.evaluate(() => {
        const t0 = performance.now();
        document.querySelector('button.show-all')?.click();
        const rows = document.querySelectorAll('.ranking-body > .row').length;
        void document.body.offsetHeight;
        return { layout: performance.now() - t0, rows };
      }));
    }
  }

  // ---- checks: a hostile document is text, and nothing broke the CSP
  await open();
  await page.evaluate((m) => window.postMessage(m, '*'), showMessage([runs[100]]));
  await page.waitForSelector('.ranking-body > .row');
  const hostile = await page.evaluate((text) => ({
    imgs: document.querySelectorAll('#app img').length,
    scripts: document.querySelectorAll('#app script').length,
    pwned: window.__pwned,
    shownAsText: [...document.querySelectorAll('.text-body')].some((n) => text.startsWith(n.textContent ?? '\u0000')),
    violations: window.__violations,
  }), HOSTILE);
  if (hostile.imgs || hostile.scripts || hostile.pwned !== undefined || !hostile.shownAsText) failures.push(`hostile document not rendered as text: ${JSON.stringify(hostile)}`);
  if (hostile.violations.length) failures.push(`CSP violations: ${hostile.violations.join('; ')}`);

  // ---- a screenshot of two runs compared, in the dark theme, for a person to look at
  // The same candidates in another order, ten of them missing: shifts, new and dropped rows.
  const other = makeRun('run-other', 100, 7, 'retry after a 429 with backoff');
  const shuffle = seededRandom(11);
  other.items = runs[100].items.map((item) => ({ item, key: item.rank + shuffle() * 12 })).sort((a, b) => a.key - b.key)
    .slice(0, 90).map(({ item }, i) => ({ ...item, rank: i + 1, score: 0.95 - i / 100 }));
  await open();
  await page.evaluate((m) => window.postMessage(m, '*'), showMessage([runs[100], other], [runs[100]], { focusRunId: 'run-100' }));
  await page.waitForSelector('.ranking-body > .row');
  await page.screenshot({ path: screenshotPath });
  await page.evaluate((m) => window.postMessage(m, '*'), showMessage([runs[100], other], [runs[100], other], { focusRunId: 'run-100', compareRunId: 'run-other' }));
  await page.waitForSelector('.rankings.compare');
  await page.screenshot({ path: screenshotPath.replace(/\.png$/, '-compare.png') });

  const figures = {
    date: new Date().toISOString(),
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model?.trim()}, ${browser.version()}`,
    reps,
    sizes: Object.fromEntries(SIZES.map((n) => [n, {
      rowsDrawn: samples[n][0].rows,
      domMs: median(samples[n].map((s) => s.dom)),
      layoutMs: median(samples[n].map((s) => s.layout)),
      frameMs: median(samples[n].map((s) => s.frame)),
    }])),
    showAll1000: { rows: showAll[0]?.rows, layoutMs: median(showAll.map((s) => s.layout)) },
    history10x1000: { rowsDrawn: withHistory[0]?.rows, domMs: median(withHistory.map((s) => s.dom)), layoutMs: median(withHistory.map((s) => s.layout)), frameMs: median(withHistory.map((s) => s.frame)) },
    checks: hostile,
    failures,
  };
  const [small, large] = SIZES.map((n) => figures.sizes[n]);
  figures.ratio1000over100 = { dom: large.domMs / small.domMs, layout: large.layoutMs / small.layoutMs, frame: large.frameMs / small.frameMs };

  if (process.send) {
    await new Promise((resolve, reject) => process.send({ type: 'result', result: figures }, undefined, {}, (err) => (err ? reject(err) : resolve())));
    // An open IPC channel would keep this process alive.
    process.disconnect();
  } else if (json) process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
  else {
    const ms = (x) => x.toFixed(1).padStart(7);
    console.log(`results panel · first render · ${figures.date}`);
    console.log(`machine: ${figures.machine}; median of ${reps} fresh pages per size`);
    console.log('  items   rows drawn   to DOM ms   + layout ms   to next frame ms');
    for (const n of SIZES) {
      const f = figures.sizes[n];
      console.log(`  ${String(n).padStart(5)}   ${String(f.rowsDrawn).padStart(10)}   ${ms(f.domMs)}     ${ms(f.layoutMs)}       ${ms(f.frameMs)}`);
    }
    const r = figures.ratio1000over100;
    console.log(`  ratio 1000/100: DOM ${r.dom.toFixed(2)}×, + layout ${r.layout.toFixed(2)}×, frame ${r.frame.toFixed(2)}×`);
    const h = figures.history10x1000;
    console.log(`  1000 + 9 runs of history   ${String(h.rowsDrawn).padStart(4)}   ${ms(h.domMs)}     ${ms(h.layoutMs)}       ${ms(h.frameMs)}   (9 of them as summaries)`);
    if (large.rowsDrawn < 1000) console.log(`  "Show all" 1,000 rows: ${ms(figures.showAll1000.layoutMs)} ms to layout (${figures.showAll1000.rows} rows)`);
    console.log(`  target: 1,000 items drawn and laid out in < ${TARGET_MS} ms: ${large.layoutMs < TARGET_MS ? 'met' : 'MISSED'} (${large.layoutMs.toFixed(1)} ms)`);
    console.log(`  hostile document shown as text, no CSP violation: ${failures.length === 0 ? 'ok' : 'FAILED'}`);
    console.log(`  screenshots: ${screenshotPath}, ${screenshotPath.replace(/\.png$/, '-compare.png')}`);
  }
} finally {
  await browser.close();
}
for (const f of failures) console.error(f);
process.exitCode = failures.length ? 1 : 0;
