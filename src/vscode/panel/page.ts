// The panel's page and its Content Security Policy, from the URIs the host resolved. No vscode
// import, so what the policy allows is tested in plain Node.

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

/** No data in the HTML: the runs arrive later through postMessage. */
export function panelPage(resources: PanelPageResources): string {
  const links = resources.styles.map((href) => `  <link rel="stylesheet" href="${href}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${panelCsp(resources.cspSource, resources.nonce)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${links}
  <title>Rerank Results</title>
</head>
<body>
  <div id="app"></div>
  <script nonce="${resources.nonce}" src="${resources.script}"></script>
</body>
</html>`;
}
