// The actions a failed run's notification offers. No vscode import, so every case is tested in
// plain Node.

import type { ErrorKind } from '../core/errors';

export const SET_KEY = 'Set API Key';
export const OFFLINE = 'Use Offline Ranker';
export const ENDPOINT = 'Open Endpoint Setting';
export const SETTINGS = 'Open Settings';
export const LOG = 'Show Log';

/**
 * The one most likely to fix the failure first. "Use Offline Ranker" runs the failed run again
 * offline, so it is offered only where there is a run to repeat (`canRunAgain`).
 */
export function failureActions(kind: ErrorKind | undefined, canRunAgain: boolean): string[] {
  if (kind === 'auth') return [SET_KEY];
  if (kind === 'bad-input' || kind === 'rejected') return [SETTINGS];
  // An endpoint that does not answer (a server not running, a wrong host, no network).
  if (kind === 'network') return canRunAgain ? [OFFLINE, ENDPOINT, LOG] : [ENDPOINT, LOG];
  return [LOG];
}
