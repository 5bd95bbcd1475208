// The score cache in the extension's global storage, through vscode.workspace.fs (so it works for
// a web build too), and the command that clears it. Runs use it when rerank.scoreCache.enabled is on.

import * as vscode from 'vscode';
import { ScoreCache, type ScoreCacheStorage } from '../providers/scoreCache';
import { registerCommand } from './commands';

const FILE = 'scores.cache';

export function workspaceFsStorage(folder: vscode.Uri): ScoreCacheStorage {
  const file = vscode.Uri.joinPath(folder, FILE);
  return {
    async read() {
      try {
        return new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
      } catch (err) {
        if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') return undefined;
        throw err;
      }
    },
    async write(text) {
      await vscode.workspace.fs.createDirectory(folder);
      // A name of its own, so two windows writing at once never share a temporary file.
      const random = Array.from(crypto.getRandomValues(new Uint8Array(4)), (b) => b.toString(16).padStart(2, '0')).join('');
      const temp = vscode.Uri.joinPath(folder, `${FILE}.${random}.tmp`);
      try {
        await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(text));
        await vscode.workspace.fs.rename(temp, file, { overwrite: true });
      } catch (err) {
        await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
        throw err;
      }
    },
  };
}

/** The cache for runs, and "Rerank: Clear Score Cache". */
export function registerScoreCache(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): ScoreCache {
  const folder = context.globalStorageUri;
  const cache = new ScoreCache(workspaceFsStorage(folder), { onError: (message) => log.warn(`score cache: ${message}`) });
  context.subscriptions.push(
    registerCommand(
      'rerank.clearScoreCache',
      async () => {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(folder, FILE)).then(undefined, (err: unknown) => {
          if (!(err instanceof vscode.FileSystemError && err.code === 'FileNotFound')) throw err;
        });
        log.info('score cache cleared');
        void vscode.window.showInformationMessage(vscode.l10n.t('Rerank: the score cache is cleared. The next runs send every passage again.'));
      },
      log,
    ),
  );
  return cache;
}
