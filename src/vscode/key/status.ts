// What the status bar says: the ranker the next run will actually use, not merely the configured
// provider. No vscode import, so every case is tested in plain Node.

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

const CLICK = 'Click to switch provider.';

export function rankerStatus(state: RankerState): StatusText {
  const { profile, host, keyFrom } = state;
  if (state.conflict !== undefined) return { text: '$(list-ordered) rerank $(warning)', tooltip: `Rerank: ${state.conflict}. ${CLICK}`, offline: false };
  if (profile === undefined) return { text: '$(list-ordered) local · bm25', tooltip: `Rerank: offline BM25 ranker, nothing leaves this machine. ${CLICK}`, offline: true };
  if (host === undefined) return { text: `$(list-ordered) ${profile} $(warning)`, tooltip: `Rerank: ${profile} is self-hosted: set rerank.endpoint to the server's URL. ${CLICK}`, offline: false };
  const missingKey = state.keyRequired && keyFrom === undefined;
  if (missingKey && state.offlineChosen) {
    return {
      text: '$(list-ordered) local · bm25',
      tooltip: `Rerank: runs use the offline BM25 ranker: no API key for ${profile} at ${host} ("Rerank: Set API Key" to use ${profile}). ${CLICK}`,
      offline: true,
    };
  }
  const key = keyFrom !== undefined ? `key from ${keyFrom}` : missingKey ? 'no API key set: the next run asks for one or offers the offline ranker' : 'no key needed';
  return { text: `$(list-ordered) ${profile} · ${state.model}${missingKey ? ' $(warning)' : ''}`, tooltip: `Rerank: ${profile} at ${host}; ${key}. ${CLICK}`, offline: false };
}
