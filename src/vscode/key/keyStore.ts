// API keys in SecretStorage, one per provider and endpoint origin: a key is only ever sent to the
// origin it was stored for. COHERE_API_KEY in the host's environment (Platform.env; the web has
// none) works as a fallback for Cohere's own origins, as Cohere's docs suggest.

import * as vscode from 'vscode';
import { isSendableKey } from '../../providers/http';

const COHERE_ORIGINS = new Set(['https://api.cohere.com', 'https://api.cohere.ai']);

export interface StoredKey {
  key: string;
  from: 'secret storage' | 'COHERE_API_KEY';
}

export class KeyStore {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: Readonly<Record<string, string | undefined>>,
  ) {}

  get onDidChange(): vscode.Event<vscode.SecretStorageChangeEvent> {
    return this.secrets.onDidChange;
  }

  /** Cohere v1 and v2 share a key; every other provider has its own. */
  static slot(provider: string, url: string): string {
    return `rerank.apiKey:${provider.replace(/-v1$/, '')}:${new URL(url).origin}`;
  }

  async get(provider: string, url: string): Promise<StoredKey | undefined> {
    const stored = await this.secrets.get(KeyStore.slot(provider, url));
    if (stored) return { key: stored, from: 'secret storage' };
    const env = this.env.COHERE_API_KEY?.trim();
    if (env && provider.startsWith('cohere') && COHERE_ORIGINS.has(new URL(url).origin)) return { key: env, from: 'COHERE_API_KEY' };
    return undefined;
  }

  async set(provider: string, url: string, key: string): Promise<void> {
    await this.secrets.store(KeyStore.slot(provider, url), key);
  }

  async delete(provider: string, url: string): Promise<void> {
    await this.secrets.delete(KeyStore.slot(provider, url));
  }
}

/** Asks for a key in a password box; undefined when the user cancels. */
export async function promptForKey(provider: string, url: string): Promise<string | undefined> {
  const origin = new URL(url).host;
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Rerank: API key for {0} ({1})', provider, origin),
    prompt: vscode.l10n.t("Stored in VS Code's secret storage and sent only to {0}.", origin),
    password: true,
    ignoreFocusOut: true,
    placeHolder: vscode.l10n.t('Paste the API key'),
    validateInput: (value) => keyProblem(value.trim()),
  });
  return key?.trim() || undefined;
}

/** Why a pasted key cannot be right, or undefined. */
function keyProblem(key: string): string | undefined {
  if (key === '') return vscode.l10n.t('The key cannot be empty.');
  if (/\s/.test(key)) return vscode.l10n.t('A key has no spaces inside.');
  if (!isSendableKey(key)) return vscode.l10n.t("A key holds only printable ASCII characters: paste it again from the provider's dashboard.");
  return undefined;
}
