// The query box: recent queries in a quick pick, anything typed is a new query.

import * as vscode from 'vscode';
import { chosenQuery } from '../core/queryChoice';

const RECENT_KEY = 'rerank.recentQueries';
const RECENT_MAX = 20;

/** A button in the query box's title bar; what it runs may give the box a new title. */
export interface QueryBoxButton {
  button: vscode.QuickInputButton;
  run: () => Thenable<string | undefined>;
}

export async function askForQuery(memento: vscode.Memento, title: string, extra?: QueryBoxButton): Promise<string | undefined> {
  const recent = memento.get<string[]>(RECENT_KEY, []).filter((q) => typeof q === 'string');
  const pick = vscode.window.createQuickPick();
  pick.title = title;
  if (extra) pick.buttons = [extra.button];
  pick.placeholder = recent.length > 0 ? vscode.l10n.t('Type a query, or pick a recent one') : vscode.l10n.t('Type the query to rank against');
  pick.ignoreFocusOut = true;
  const recentItems = recent.map((q) => ({ label: q, description: vscode.l10n.t('recent') }));
  pick.items = recentItems;
  // What is typed is always offered first, so Enter takes it rather than a recent match.
  pick.onDidChangeValue((value) => {
    pick.items = value.trim() ? [{ label: value, description: vscode.l10n.t('new query'), alwaysShow: true }, ...recentItems.filter((i) => i.label !== value)] : recentItems;
  });
  const query = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(chosenQuery(pick.value, pick.selectedItems[0]?.label)));
    // The button's own pick hides the query box for a moment; the box comes back with what was typed.
    let away = false;
    pick.onDidTriggerButton(async () => {
      if (!extra) return;
      away = true;
      try {
        const next = await extra.run();
        if (next !== undefined) pick.title = next;
      } finally {
        away = false;
        pick.show();
      }
    });
    pick.onDidHide(() => {
      if (!away) resolve(undefined);
    });
    pick.show();
  });
  pick.dispose();
  if (query) await memento.update(RECENT_KEY, [query, ...recent.filter((q) => q !== query)].slice(0, RECENT_MAX));
  return query;
}

export async function clearRecentQueries(memento: vscode.Memento): Promise<void> {
  await memento.update(RECENT_KEY, undefined);
}
