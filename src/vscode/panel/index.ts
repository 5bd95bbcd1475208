// The results panel feature: one panel at a time, restored after a reload by a serializer, opened
// through show() (by the "Rerank: Open Results Panel" command and the tree's "Open in Panel").

import * as vscode from 'vscode';
import { VIEW_TYPE } from './page';
import { ResultsPanel, type ResultsPanelDeps } from './resultsPanel';

export type { ResultsPanelDeps } from './resultsPanel';

export interface ResultsPanelFeature {
  /** Opens (or brings forward) the panel; with ids, focuses that run and compares it with another. */
  show(runId?: string, compareRunId?: string): void;
}

export function registerResultsPanel(context: vscode.ExtensionContext, given: Omit<ResultsPanelDeps, 'workspaceState'>): ResultsPanelFeature {
  const deps: ResultsPanelDeps = { ...given, workspaceState: context.workspaceState };
  let current: ResultsPanel | undefined;
  const open = (make: (onClosed: () => void) => ResultsPanel): ResultsPanel => {
    // onClosed runs only when the panel closes, long after `panel` is assigned.
    const panel: ResultsPanel = make(() => {
      if (current === panel) current = undefined;
    });
    current = panel;
    return panel;
  };

  const feature: ResultsPanelFeature = {
    show(runId, compareRunId) {
      const panel = current ?? open((onClosed) => ResultsPanel.create(context.extensionUri, deps, onClosed));
      panel.show({ runId, compareRunId });
    },
  };

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      // The page restores its own view state (getState); the host only re-attaches, and sends the
      // runs when the page says it is ready. There is one panel: a second restored one is closed.
      async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel): Promise<void> {
        if (current) webviewPanel.dispose();
        else open((onClosed) => new ResultsPanel(webviewPanel, context.extensionUri, deps, onClosed));
      },
    }),
    { dispose: () => current?.dispose() },
  );
  return feature;
}
