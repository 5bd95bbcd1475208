// The rankers' HTTP connections in the extension host: what rankerChoice hands createRanker.

import * as vscode from 'vscode';
import type { Dispatcher } from 'undici';
import { DEFAULT_DEADLINE_MS, createDispatcher } from '../providers/http';

/**
 * One keep-alive pool for the extension's requests, built on first use and rebuilt when VS Code's
 * http.proxy changes. Passed per request: undici's global dispatcher is never touched. A pool
 * replaced while runs may still hold it is closed only once the longest run could have ended
 * (closing it at once would fail their next batch or retry), or when the extension stops.
 */
export function registerHttpPool(context: vscode.ExtensionContext): () => Dispatcher {
  let current: Dispatcher | undefined;
  const retired = new Map<Dispatcher, ReturnType<typeof setTimeout>>();
  const retire = () => {
    const old = current;
    current = undefined;
    if (!old) return;
    retired.set(
      old,
      setTimeout(() => {
        retired.delete(old);
        void old.close();
      }, DEFAULT_DEADLINE_MS),
    );
  };
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('http.proxy')) retire();
    }),
    {
      dispose: () => {
        for (const [old, timer] of retired) {
          clearTimeout(timer);
          void old.close();
        }
        retired.clear();
        void current?.close();
        current = undefined;
      },
    },
  );
  return () => {
    if (!current) {
      const proxy = vscode.workspace.getConfiguration('http').get<string>('proxy')?.trim();
      current = createDispatcher(proxy ? { proxy } : {});
    }
    return current;
  };
}
