// Which ranker a run uses: the configured provider with the key stored for its endpoint's origin,
// or the offline BM25 ranker when the user chose it (or there is no key and they choose it now).

import * as vscode from 'vscode';
import type { Ranker } from '../core/types';
import type { Transport } from '../providers/http';
import { createRanker, type ProviderName } from '../providers/index';
import { endpointUrl, profileFor } from './providerChoice';
import { PROFILES } from '../providers/profiles';
import { KeyStore, promptForKey } from './key/keyStore';
import type { RerankSettings } from './settings';
import { definedOnly } from '../core/defined';
import type { ScoreCache } from '../providers/scoreCache';

const OFFLINE_CHOICE = 'rerank.useOfflineWithoutKey';

export interface RankerDeps {
  keys: KeyStore;
  globalState: vscode.Memento;
  transport: Transport;
  log: vscode.LogOutputChannel;
  /** Told when an answer here changes which ranker runs use, so the status bar can say it. */
  rankerChanged?: () => void;
  /** Used while rerank.scoreCache.enabled is on, by rankers whose scores compare across requests. */
  scoreCache?: ScoreCache;
}

export function offlineChosen(globalState: vscode.Memento): boolean {
  return globalState.get<boolean>(OFFLINE_CHOICE) === true;
}

export async function forgetOfflineChoice(globalState: vscode.Memento): Promise<void> {
  await globalState.update(OFFLINE_CHOICE, undefined);
}

/**
 * The ranker for a run, or undefined when the user dismissed the question. `remoteAllowed` is
 * false when workspace text must not leave the machine (an untrusted workspace). Without a key,
 * `interactive` asks the user; otherwise (a language-model tool) the offline ranker answers.
 */
export async function chooseRanker(settings: RerankSettings, deps: RankerDeps, remoteAllowed: boolean, interactive: boolean): Promise<Ranker | undefined> {
  const name = profileFor(settings);
  if (!name || !remoteAllowed) return createRanker({ provider: 'local', http: { transport: deps.transport } });
  const url = endpointUrl(settings) as string;
  const profile = PROFILES[name];
  let stored = await deps.keys.get(name, url);
  if (!stored && profile.keyRequired) {
    if (offlineChosen(deps.globalState) || !interactive) return createRanker({ provider: 'local', http: { transport: deps.transport } });
    const host = new URL(url).host;
    const setKey = vscode.l10n.t('Set API Key');
    const offline = vscode.l10n.t('Use Offline Ranker (BM25)');
    // A non-modal message shows no `detail`, so the choice is said in the message itself.
    const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Rerank: no API key for {0} at {1}. Store a key for this endpoint, or rank offline with BM25.', name, host), setKey, offline);
    if (answer === offline) {
      await deps.globalState.update(OFFLINE_CHOICE, true);
      deps.rankerChanged?.();
      return createRanker({ provider: 'local', http: { transport: deps.transport } });
    }
    if (answer !== setKey) return undefined;
    const key = await promptForKey(name, url);
    if (!key) return undefined;
    await deps.keys.set(name, url, key);
    stored = { key, from: 'secret storage' };
  }
  deps.log.info(`ranker: ${name} at ${new URL(url).host}${stored ? ` (key from ${stored.from})` : ' (no key)'}`);
  return createRanker({
    provider: name as ProviderName,
    endpoint: url,
    ...definedOnly({ apiKey: stored?.key, model: settings.model, maxTokensPerDoc: settings.maxTokensPerDoc }),
    allowInsecureHttp: settings.allowInsecureHttp,
    ...(settings.scoreCache && deps.scoreCache ? { scoreCache: deps.scoreCache } : {}),
    http: { transport: deps.transport, timeoutMs: settings.timeoutMs, maxRetries: settings.maxRetries },
  });
}
