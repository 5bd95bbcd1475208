// A real Chromium page holding the panel bundle, for the panel's browser tests: the bundle is
// built from source in memory, the page carries the panel's CSP, and acquireVsCodeApi is a stub
// that records what the page posts. Skipped where Debian's Chromium is not installed.

import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { jsonForHtml } from '../../../src/vscode/panel/page';
import { L10N_ELEMENT_ID } from '../../../src/webview/protocol';

export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run. Without Chromium they are skipped with a printed reason,
 * except where a skip must count as a failure (CI, RERANK_E2E=1, the way .ci/run runs): there
 * this throws, so the layer cannot pass silently.
 */
export function chromiumAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  const why = `${CHROMIUM} is missing; to run them: sudo apt-get install -y --no-install-recommends chromium`;
  if (process.env.RERANK_E2E === '1' || process.env.CI === 'true') throw new Error(`the panel's browser tests cannot run: ${why}`);
  console.log(`  skipped: the panel's browser tests: ${why}`);
  return false;
}

const root = join(__dirname, '../../..');

export async function bundlePanel(): Promise<string> {
  const result = await build({
    entryPoints: [join(root, 'src/webview/main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    logLevel: 'silent',
  });
  const file = result.outputFiles[0];
  if (!file) throw new Error('esbuild produced no bundle');
  return file.text;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The page's HTML: the panel's CSP, the CSS and bundle inline under a nonce, a stub VS Code API, and the strings of a display language when given. */
export function panelPageHtml(script: string, savedState?: unknown, l10nBundle?: Record<string, string>): string {
  const nonce = randomBytes(16).toString('base64');
  const css = readFileSync(join(root, 'media/panel.css'), 'utf8');
  const stub = `(() => {
    window.__posted = []; window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective));
    let state = ${JSON.stringify(savedState ?? null)} ?? undefined;
    window.__state = () => state;
    window.acquireVsCodeApi = () => ({ postMessage: (m) => window.__posted.push(m), getState: () => state, setState: (s) => { state = s; } });
  })();`;
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:`;
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">${css}</style></head><body><div id="app"></div>
${l10nBundle ? `<script type="application/json" id="${L10N_ELEMENT_ID}">${jsonForHtml(l10nBundle)}</script>` : ''}
<script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${script.replace(/<\/script/gi, '<\\/script')}</script></body></html>`;
}

export async function openPanel(browser: Browser, script: string, savedState?: unknown, l10nBundle?: Record<string, string>): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  await page.setContent(panelPageHtml(script, savedState, l10nBundle));
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return page;
}

/** Posts a message to the page as the host would, and waits for the page to handle it. */
export async function post(page: Page, message: unknown): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, '*'), message);
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

export async function posted(page: Page): Promise<{ type: string; [key: string]: unknown }[]> {
  return page.evaluate(() => (window as unknown as { __posted: { type: string }[] }).__posted);
}
