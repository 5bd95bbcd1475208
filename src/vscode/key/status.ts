// What the status bar says: the ranker the next run will actually use, not merely the configured
// provider. No vscode import at run time (the type of vscode.l10n only), so every case is tested in plain Node.

import type * as vscode from 'vscode';
import { ENGLISH } from '../l10n';

export interface RankerState {
  /** The configured provider's profile; undefined when the provider is "local". */
  profile?: string;
  /** Host of the endpoint runs go to; undefined when it is not set (a self-hosted provider) or invalid. */
  host?: string;
  model: string;
  keyRequired: boolean;
  /** Where the key comes from, when there is one. */
  keyFrom?: string;
  /** The user chose the offline ranker for runs without a key. */
  offlineChosen: boolean;
  /** Why the settings name no ranker (an API version that contradicts the provider): every run fails with it. */
  conflict?: string;
}

export interface StatusText {
  text: string;
  tooltip: string;
  /** Whether runs go to the offline BM25 ranker. */
  offline: boolean;
}

export function rankerStatus(state: RankerState, l10n: Pick<typeof vscode.l10n, 't'> = ENGLISH): StatusText {
  const { profile, host, keyFrom } = state;
  if (state.conflict !== undefined) return { text: '$(list-ordered) rerank $(warning)', tooltip: l10n.t('Rerank: {0}. Click to switch provider.', state.conflict), offline: false };
  if (profile === undefined) return { text: '$(list-ordered) local · bm25', tooltip: l10n.t('Rerank: offline BM25 ranker, nothing leaves this machine. Click to switch provider.'), offline: true };
  if (host === undefined) return { text: `$(list-ordered) ${profile} $(warning)`, tooltip: l10n.t("Rerank: {0} is self-hosted: set rerank.endpoint to the server's URL. Click to switch provider.", profile), offline: false };
  const missingKey = state.keyRequired && keyFrom === undefined;
  if (missingKey && state.offlineChosen) {
    return {
      text: '$(list-ordered) local · bm25',
      tooltip: l10n.t('Rerank: runs use the offline BM25 ranker: no API key for {0} at {1} ("Rerank: Set API Key" to use {0}). Click to switch provider.', profile, host),
      offline: true,
    };
  }
  const tooltip =
    keyFrom === 'secret storage'
      ? l10n.t('Rerank: {0} at {1}; key from secret storage. Click to switch provider.', profile, host)
      : keyFrom !== undefined
        ? l10n.t('Rerank: {0} at {1}; key from {2}. Click to switch provider.', profile, host, keyFrom)
        : missingKey
          ? l10n.t('Rerank: {0} at {1}; no API key set: the next run asks for one or offers the offline ranker. Click to switch provider.', profile, host)
          : l10n.t('Rerank: {0} at {1}; no key needed. Click to switch provider.', profile, host);
  return { text: `$(list-ordered) ${profile} · ${state.model}${missingKey ? ' $(warning)' : ''}`, tooltip, offline: false };
}
