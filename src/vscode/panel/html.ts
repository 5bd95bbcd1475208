// The panel's page and the options every panel gets, whether created now or restored after a
// reload (the serializer must give a restored panel the same narrow resource roots).

import { randomBytes } from 'node:crypto';
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

/** A fresh nonce per page load, from the OS's CSPRNG (see page.ts for what the page may load). */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...file.split('/'))).toString();
  return panelPage({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    script: uri(PANEL_FILES.script),
    styles: PANEL_FILES.styles.map(uri),
    language: vscode.env.language,
    l10nBundle: vscode.l10n.bundle,
  });
}
