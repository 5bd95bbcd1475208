// The panel's page and the options every panel gets, whether created now or restored after a
// reload (the serializer must give a restored panel the same narrow resource roots).

import * as vscode from 'vscode';
import { PANEL_FILES, panelPage } from './page';

/** Scripts on; files only from media/ (our CSS) and dist/ (the bundle, and the codicon font in dist/codicons/). */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist')],
  };
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { ...webviewOptions(extensionUri), enableFindWidget: true };
}

/**
 * A fresh nonce per page load: 16 bytes from the platform's CSPRNG (Web Crypto, in Node's extension
 * host and in the web worker alike), base64. See page.ts for what the page may load.
 */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...file.split('/'))).toString();
  return panelPage({
    cspSource: webview.cspSource,
    nonce: btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16)))),
    script: uri(PANEL_FILES.script),
    styles: PANEL_FILES.styles.map(uri),
    language: vscode.env.language,
    l10nBundle: vscode.l10n.bundle,
  });
}
