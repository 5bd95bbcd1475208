// The key commands and the status bar item: set and clear the key for the configured endpoint,
// and switch provider from the status bar.

import * as vscode from 'vscode';
import { PROFILES, type ProfileName } from '../../providers/profiles';
import { endpointUrl, profileFor } from '../providerChoice';
import { forgetOfflineChoice, offlineChosen } from '../rankerChoice';
import { SECTION, readSettings } from '../settings';
import { KeyStore, promptForKey } from './keyStore';
import { rankerStatus } from './status';
import { switchProvider } from './switchProvider';
import { registerCommand } from '../commands';
import { definedOnly } from '../../core/defined';
import { errorText } from '../../core/errors';

export interface KeyFeature {
  /** Says again in the status bar which ranker runs will use (after a choice the settings do not hold). */
  refreshStatus(): void;
}

export function registerKeyCommands(context: vscode.ExtensionContext, keys: KeyStore, log: vscode.LogOutputChannel): KeyFeature {
  const status = vscode.window.createStatusBarItem('rerank.status', vscode.StatusBarAlignment.Right, 100);
  status.name = vscode.l10n.t('Rerank');
  status.command = 'rerank.switchProvider';

  const updateStatus = async () => {
    const settings = readSettings();
    let name: ProfileName | undefined;
    let url: string | undefined;
    let conflict: string | undefined;
    try {
      name = profileFor(settings);
    } catch (err) {
      conflict = errorText(err);
    }
    try {
      url = endpointUrl(settings);
    } catch {
      // A self-hosted provider without an endpoint: the status bar says so without a host.
    }
    const key = name && url ? await keys.get(name, url) : undefined;
    const shown = rankerStatus({
      ...definedOnly({ profile: name, host: url && new URL(url).host, keyFrom: key?.from, conflict }),
      model: settings.model ?? (name ? (PROFILES[name].defaultModel ?? vscode.l10n.t('server default')) : 'bm25'),
      keyRequired: name ? PROFILES[name].keyRequired : false,
      offlineChosen: offlineChosen(context.globalState),
    }, vscode.l10n);
    status.text = shown.text;
    status.tooltip = shown.tooltip;
    status.show();
  };
  // Called without awaiting (events, activation): a failing keyring is logged, not left unhandled.
  const refresh = () => updateStatus().catch((err: unknown) => log.warn(`status bar: could not read the key store: ${errorText(err)}`));

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
        const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Rerank: the provider is "local" (offline BM25), which needs no key.'), vscode.l10n.t('Switch Provider'));
        if (choice) await vscode.commands.executeCommand('rerank.switchProvider');
        return;
      }
      const url = endpointUrl(settings) as string;
      const key = await promptForKey(name, url);
      if (!key) return;
      await keys.set(name, url, key);
      await forgetOfflineChoice(context.globalState);
      log.info(`API key stored for ${name} at ${new URL(url).host}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: API key stored for {0}.', new URL(url).host));
      // Whether a key was stored: a run that failed for want of one runs again (reportFailure).
      return true;
    }, log),
    registerCommand('rerank.clearApiKey', async () => {
      const settings = readSettings();
      const name = profileFor(settings);
      if (!name) return;
      const url = endpointUrl(settings) as string;
      await keys.delete(name, url);
      log.info(`API key cleared for ${name} at ${new URL(url).host}`);
      void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: API key cleared for {0}.', new URL(url).host));
    }, log),
    registerCommand('rerank.switchProvider', async () => {
      const chosen = await switchProvider();
      if (!chosen) return;
      if (chosen.provider !== 'local') await forgetOfflineChoice(context.globalState);
      log.info(`provider: ${chosen.provider}${chosen.model ? ` · ${chosen.model}` : ''}`);
      await refresh();
    }, log),
  );
  void refresh();
  return { refreshStatus: () => void refresh() };
}
