// The key commands and the status bar item: set and clear the key for the configured endpoint,
// and switch provider from the status bar.

import * as vscode from 'vscode';
import { PROVIDERS } from '../../providers/index';
import { PROFILES } from '../../providers/profiles';
import { endpointUrl, forgetOfflineChoice, offlineChosen, profileFor } from '../rankerChoice';
import { SECTION, readSettings } from '../settings';
import { KeyStore, promptForKey } from './keyStore';
import { registerCommand } from '../commands';

export function registerKeyCommands(context: vscode.ExtensionContext, keys: KeyStore, log: vscode.LogOutputChannel): void {
  const status = vscode.window.createStatusBarItem('rerank.status', vscode.StatusBarAlignment.Right, 100);
  status.name = 'Rerank';
  status.command = 'rerank.switchProvider';

  const updateStatus = async () => {
    const settings = readSettings();
    const name = profileFor(settings);
    let url: string | undefined;
    try {
      url = endpointUrl(settings);
    } catch {
      url = undefined;
    }
    const key = name && url ? await keys.get(name, url) : undefined;
    const model = settings.model ?? (name ? (PROFILES[name].defaultModel ?? 'server default') : 'bm25');
    const offline = !name || (!key && offlineChosen(context.globalState));
    status.text = offline ? '$(list-ordered) local · bm25' : `$(list-ordered) ${name} · ${model}${key ? '' : ' $(warning)'}`;
    status.tooltip = offline
      ? 'Rerank: offline BM25 ranker. Click to switch provider.'
      : `Rerank: ${name} at ${url ? new URL(url).host : 'no endpoint'}; ${key ? `key from ${key.from}` : 'no API key set'}. Click to switch provider.`;
    status.show();
  };
  // Called without awaiting (events, activation): a failing keyring is logged, not left unhandled.
  const refresh = () => updateStatus().catch((err: unknown) => log.warn(`status bar: could not read the key store: ${err instanceof Error ? err.message : String(err)}`));

  context.subscriptions.push(
    status,
    keys.onDidChange(() => void refresh()),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(SECTION)) void refresh();
    }),
    registerCommand('rerank.setApiKey', async () => {
      const settings = readSettings();
      const name = profileFor(settings);
      if (!name) {
        const choice = await vscode.window.showInformationMessage('Rerank: the provider is "local" (offline BM25), which needs no key.', 'Switch Provider');
        if (choice) await vscode.commands.executeCommand('rerank.switchProvider');
        return;
      }
      const url = endpointUrl(settings) as string;
      const key = await promptForKey(name, url);
      if (!key) return;
      await keys.set(name, url, key);
      await forgetOfflineChoice(context.globalState);
      log.info(`API key stored for ${name} at ${new URL(url).host}`);
      void vscode.window.showInformationMessage(`Rerank: API key stored for ${new URL(url).host}.`);
    }, log),
    registerCommand('rerank.clearApiKey', async () => {
      const settings = readSettings();
      const name = profileFor(settings);
      if (!name) return;
      const url = endpointUrl(settings) as string;
      await keys.delete(name, url);
      log.info(`API key cleared for ${name} at ${new URL(url).host}`);
      void vscode.window.showInformationMessage(`Rerank: API key cleared for ${new URL(url).host}.`);
    }, log),
    registerCommand('rerank.switchProvider', async () => {
      const current = readSettings().provider;
      const pick = await vscode.window.showQuickPick(
        PROVIDERS.map((p) => ({ label: p, description: p === 'local' ? 'offline BM25, no key' : p === current ? 'current' : '', picked: p === current })),
        { title: 'Rerank: provider', placeHolder: `Current: ${current}` },
      );
      if (!pick) return;
      await vscode.workspace.getConfiguration(SECTION).update('provider', pick.label, vscode.ConfigurationTarget.Global);
      if (pick.label !== 'local') await forgetOfflineChoice(context.globalState);
      await refresh();
    }, log),
  );
  void refresh();
}
