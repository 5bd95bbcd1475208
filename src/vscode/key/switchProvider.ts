// "Rerank: Switch Provider": the providers with the current one marked and each described in a
// line, then the chosen provider's models (or another typed in).

import * as vscode from 'vscode';
import { knownModels, providerSummary, takesModel } from '../../providers/catalog';
import { PROVIDERS, type ProviderName } from '../../providers/index';
import { PROFILES } from '../../providers/profiles';
import { SECTION, readSettings } from '../settings';

interface ProviderItem extends vscode.QuickPickItem {
  provider: ProviderName;
}

interface ModelItem extends vscode.QuickPickItem {
  /** undefined: the provider's (or server's) default; null: ask for a name. */
  model: string | undefined | null;
}

/** The provider and model the user picked and stored; undefined when they dismissed the provider list. */
export async function switchProvider(): Promise<{ provider: ProviderName; model?: string } | undefined> {
  const settings = readSettings();
  const current = settings.provider;
  const items: ProviderItem[] = PROVIDERS.map((provider) => ({
    provider,
    label: provider,
    description: provider === current ? vscode.l10n.t('$(check) current') : '',
    detail: providerSummary(provider),
  }));
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Rerank: provider'), placeHolder: settings.model ? vscode.l10n.t('Current: {0} · {1}', current, settings.model) : vscode.l10n.t('Current: {0}', current), matchOnDetail: true });
  if (!picked) return undefined;
  const config = vscode.workspace.getConfiguration(SECTION);
  const changed = picked.provider !== current;
  if (changed) await config.update('provider', picked.provider, vscode.ConfigurationTarget.Global);
  // A version chosen for the old provider would contradict the new one and fail every run.
  if (changed && settings.apiVersion) await config.update('apiVersion', undefined, vscode.ConfigurationTarget.Global);
  if (!takesModel(picked.provider)) {
    if (changed && settings.model) await config.update('model', undefined, vscode.ConfigurationTarget.Global);
    return { provider: picked.provider };
  }
  const model = await pickModel(picked.provider, changed ? undefined : settings.model);
  // A model named for another provider would fail every run: without a choice, take the new one's default.
  if (model === undefined) {
    if (changed && settings.model) await config.update('model', undefined, vscode.ConfigurationTarget.Global);
    return { provider: picked.provider };
  }
  await config.update('model', model === '' ? undefined : model, vscode.ConfigurationTarget.Global);
  return model === '' ? { provider: picked.provider } : { provider: picked.provider, model };
}

/** The model for `provider`: a name, '' for its default, undefined when dismissed. */
async function pickModel(provider: ProviderName, current: string | undefined): Promise<string | undefined> {
  const fallback = provider === 'local' ? undefined : PROFILES[provider].defaultModel;
  const inUse = current ?? fallback;
  const mark = (model: string | undefined) => (model === inUse ? vscode.l10n.t('$(check) current') : '');
  const items: ModelItem[] = [
    ...knownModels(provider).map((model) => ({ model, label: model, description: [mark(model), model === fallback ? vscode.l10n.t('default') : ''].filter(Boolean).join(' · ') })),
    ...(fallback === undefined ? [{ model: undefined, label: vscode.l10n.t('Server default'), description: mark(undefined), detail: vscode.l10n.t('The model the server was started with') }] : []),
    { model: null, label: vscode.l10n.t('$(edit) Another model…'), description: current !== undefined && !knownModels(provider).includes(current) ? vscode.l10n.t('current: {0}', current) : '' },
  ];
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Rerank: {0} model', provider), placeHolder: vscode.l10n.t('Current: {0}', inUse ?? vscode.l10n.t('server default')) });
  if (!picked) return undefined;
  if (picked.model === undefined) return '';
  if (picked.model !== null) return picked.model;
  const typed = await vscode.window.showInputBox({
    title: vscode.l10n.t('Rerank: {0} model', provider),
    prompt: vscode.l10n.t('The model name as the provider spells it'),
    value: current ?? '',
    validateInput: (value) => (/^[\w.:/@+-]{1,200}$/.test(value.trim()) ? undefined : vscode.l10n.t('A model name: letters, digits and . _ - : / @ +, no spaces')),
  });
  return typed?.trim() || undefined;
}
