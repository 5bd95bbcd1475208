// The extension's face of the provider decision: the settings handed to the one function the CLI
// also uses, with errors that name the settings. No vscode import: unit tests run it in Node.

import { profileFor as resolvedProfile, resolveProvider, type ChoiceWords } from '../providers/index';
import type { ProfileName } from '../providers/profiles';
import type { RerankSettings } from './settings';

const SETTING_WORDS: ChoiceWords = { provider: 'rerank.provider', apiVersion: 'rerank.apiVersion', endpoint: 'rerank.endpoint' };

type Choice = Pick<RerankSettings, 'provider' | 'apiVersion' | 'endpoint'>;

/** The profile the settings name, Cohere's API version applied; undefined for the offline ranker. Throws on a contradiction. */
export function profileFor(settings: Choice): ProfileName | undefined {
  const name = resolvedProfile(settings, SETTING_WORDS);
  return name === 'local' ? undefined : name;
}

/** Where requests go for these settings; undefined for the offline ranker. Throws for a self-hosted provider without an endpoint. */
export function endpointUrl(settings: Choice): string | undefined {
  return resolveProvider(settings, SETTING_WORDS).url;
}
