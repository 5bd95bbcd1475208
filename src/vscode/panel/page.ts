// The panel's page and its Content Security Policy, from the URIs the host resolved. No vscode
// import, so what the policy allows is tested in plain Node.

import { L10N_ELEMENT_ID } from '../../webview/protocol';

/** The panel's viewType: its own id (the Results tree is the view `rerank.results`), named in activationEvents for its serializer. */
export const VIEW_TYPE = 'rerank.resultsPanel';

/** The extension's files the page loads, relative to the extension's folder. */
export const PANEL_FILES = {
  script: 'dist/webview.js',
  /** In cascade order: the codicon font's stylesheet (copied there by esbuild.js), then ours. */
  styles: ['dist/codicons/codicon.css', 'media/panel.css'],
} as const;

export interface PanelPageResources {
  /** webview.cspSource: where the webview serves the extension's files from. */
  cspSource: string;
  /** Fresh for every page load, from a CSPRNG. */
  nonce: string;
  /** Webview URIs of PANEL_FILES.script and PANEL_FILES.styles. */
  script: string;
  styles: readonly string[];
  /** vscode.env.language: the page's lang attribute. */
  language?: string;
  /** vscode.l10n.bundle: the panel's strings in the display language; undefined for English. */
  l10nBundle?: Record<string, unknown>;
}

/**
 * Only our bundle runs (by its nonce); styles, images and the icon font come only from the
 * extension's own files. No inline script or style.
 */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/**
 * No data in the HTML but the strings of the display language, in a JSON block the page reads and
 * never runs (the policy runs only the nonced bundle); the runs arrive later through postMessage.
 */
export function panelPage(resources: PanelPageResources): string {
  const links = resources.styles.map((href) => `  <link rel="stylesheet" href="${href}">`).join('\n');
  const lang = /^[A-Za-z0-9-]{1,35}$/.test(resources.language ?? '') ? resources.language : 'en';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${panelCsp(resources.cspSource, resources.nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
  <title>Rerank Results</title>
</head>
<body>
  <div id="app"></div>
${resources.l10nBundle ? `  <script type="application/json" id="${L10N_ELEMENT_ID}">${jsonForHtml(resources.l10nBundle)}</script>\n` : ''}  <script nonce="${resources.nonce}" src="${resources.script}"></script>
</body>
</html>`;
}

/** JSON that cannot end its <script> block or open a comment: `<`, `>` and `&` as \u escapes. */
export function jsonForHtml(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
