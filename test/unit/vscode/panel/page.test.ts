import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { panelCsp, panelPage } from '../../../../src/vscode/panel/page';
import { L10N_ELEMENT_ID } from '../../../../src/webview/protocol';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'bm9uY2Utbm9uY2Utbm9uY2U=';
const CODICONS = `${SOURCE}/ext/dist/codicons/codicon.css`;
const PANEL_CSS = `${SOURCE}/ext/media/panel.css`;
const SCRIPT = `${SOURCE}/ext/dist/webview.js`;

/** The policy as directive name -> its sources. */
function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name ?? '', sources]));
}

describe('the panel page', () => {
  const html = panelPage({ cspSource: SOURCE, nonce: NONCE, script: SCRIPT, styles: [CODICONS, PANEL_CSS] });

  it('loads fonts only from the webview source (the codicon font), nothing looser', () => {
    assert.deepEqual(directives(panelCsp(SOURCE, NONCE)).get('font-src'), [SOURCE]);
  });

  it('keeps everything else as strict: no default, styles from the webview source, scripts by nonce only', () => {
    const csp = directives(panelCsp(SOURCE, NONCE));
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('style-src'), [SOURCE]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${NONCE}'`]);
    assert.deepEqual([...csp.keys()].sort(), ['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  });

  it('puts that policy in the page', () => {
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="${panelCsp(SOURCE, NONCE)}">`));
  });

  it('links the codicon stylesheet before its own, so panel.css can size the icons', () => {
    const codicons = html.indexOf(`<link rel="stylesheet" href="${CODICONS}">`);
    const own = html.indexOf(`<link rel="stylesheet" href="${PANEL_CSS}">`);
    assert.ok(codicons > 0, 'the codicon stylesheet is linked');
    assert.ok(own > codicons, 'panel.css comes after it');
  });

  it('runs only its bundle, under the nonce, and has no inline style', () => {
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="${NONCE}" src="${SCRIPT}">`]);
    assert.doesNotMatch(html, /<style|style="/);
  });

  it('carries the strings of the display language in a JSON block no script runs, which no string can end', () => {
    const bundle = { Filter: 'Filtre', Export: '</script><script>window.__pwned=1</script><!--' };
    const localized = panelPage({ cspSource: SOURCE, nonce: NONCE, script: SCRIPT, styles: [], language: 'fr', l10nBundle: bundle });
    assert.match(localized, /<html lang="fr">/);
    assert.deepEqual(localized.match(/<script[^>]*>/g), [`<script type="application/json" id="${L10N_ELEMENT_ID}">`, `<script nonce="${NONCE}" src="${SCRIPT}">`]);
    const block = /<script type="application\/json"[^>]*>(.*?)<\/script>/s.exec(localized)?.[1] ?? '';
    assert.doesNotMatch(block, /</);
    assert.deepEqual(JSON.parse(block), bundle);
  });

  it('says English and carries no strings when VS Code has no bundle for its language', () => {
    assert.match(html, /<html lang="en">/);
    assert.ok(!html.includes(L10N_ELEMENT_ID));
    assert.match(panelPage({ cspSource: SOURCE, nonce: NONCE, script: SCRIPT, styles: [], language: '"><script>' }), /<html lang="en">/);
  });

  it('needs only codicon.css and codicon.ttf: the stylesheet loads no other file', () => {
    // A codicons update that renamed or added a file would leave the packaged copy broken.
    const css = readFileSync(join(__dirname, '../../../../node_modules/@vscode/codicons/dist/codicon.css'), 'utf8');
    const urls = [...css.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => (m[1] ?? '').replace(/[?#].*$/, ''));
    assert.deepEqual([...new Set(urls)], ['./codicon.ttf']);
  });
});
