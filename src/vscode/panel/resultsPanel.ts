// One results panel: a WebviewPanel, the page inside it, and the messages between them. Data goes
// to the page only through postMessage; what the page sends is checked in messages.ts.

import * as vscode from 'vscode';
import type { Run, RunItem } from '../../core/types';
import { summarizeRun, type HostToPanel } from '../../webview/protocol';
import type { RunStore } from '../runStore';
import { saveExport } from './exportFile';
import { panelHtml, panelOptions, webviewOptions } from './html';
import { VIEW_TYPE } from './page';
import { handlePanelMessage, type PanelActions } from './messages';

export interface ResultsPanelDeps {
  store: RunStore;
  log: vscode.LogOutputChannel;
  /** Opens the file range or reveals the selection block a result came from. */
  reveal(run: Run, item: RunItem): Promise<void>;
  /** The run's results (or the listed candidates, by RunItem.index, in that order) as LLM prompt context. */
  promptContext(run: Run, itemIndices?: number[]): string;
  /** The workspace's state: the folder of the last export. */
  workspaceState: vscode.Memento;
  /** The user's home folder, where an export goes when there is no workspace folder; the web has none. */
  homeFolder: (() => vscode.Uri) | undefined;
}

export interface PanelFocus {
  runId?: string;
  compareRunId?: string;
}

export class ResultsPanel implements vscode.Disposable {
  /** The page listens: set by its "ready", cleared when it is hidden (VS Code unloads it then). */
  private ready = false;
  private pendingFocus: PanelFocus | undefined;
  /** The runs the page shows, as it last said; sent in full with every update. */
  private selection: PanelFocus = {};
  /** Runs sent in full since the page last loaded (it keeps them while they are in the history). */
  private readonly sent = new Set<string>();
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly actions: PanelActions;

  static create(extensionUri: vscode.Uri, deps: ResultsPanelDeps, onClosed: () => void): ResultsPanel {
    const column = vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, vscode.l10n.t('Rerank Results'), column, panelOptions(extensionUri));
    return new ResultsPanel(panel, extensionUri, deps, onClosed);
  }

  /** Also the way in for a panel restored after a reload, which comes with its options unset. */
  constructor(
    private readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly deps: ResultsPanelDeps,
    private readonly onClosed: () => void,
  ) {
    this.actions = this.panelActions();
    panel.webview.options = webviewOptions(extensionUri);
    panel.webview.html = panelHtml(panel.webview, extensionUri);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void handlePanelMessage(message, this.actions)),
      panel.onDidChangeViewState(() => {
        if (!panel.visible) this.ready = false;
      }),
      deps.store.onDidChange(() => this.postRuns()),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** Brings the panel forward; with a run id, shows that run (and compares it with another). */
  show(focus: PanelFocus = {}): void {
    if (focus.runId !== undefined) this.pendingFocus = focus;
    this.panel.reveal(this.panel.viewColumn);
    this.postRuns();
  }

  private postRuns(): void {
    if (!this.ready || this.disposed) return; // the page asks again with "ready" when it loads
    const focus = this.pendingFocus;
    this.pendingFocus = undefined;
    const { store } = this.deps;
    // In full: what the page shows or is asked to show, and the newest run (a page that follows
    // the newest switches to it without asking). Everything else as a summary.
    const ids = new Set([focus?.runId, focus?.compareRunId, this.selection.runId, this.selection.compareRunId, store.latest()?.id]);
    const loaded = [...ids].flatMap((id) => (id === undefined ? [] : (store.get(id) ?? [])));
    for (const run of loaded) this.sent.add(run.id);
    const message: HostToPanel = { type: 'show', runs: store.all().map(summarizeRun), loaded, focusRunId: focus?.runId, compareRunId: focus?.compareRunId };
    this.panel.webview.postMessage(message).then(undefined, (err: unknown) => this.deps.log.warn(`results panel: could not send the runs: ${String(err)}`));
  }

  private panelActions(): PanelActions {
    const { deps } = this;
    return {
      log: deps.log,
      l10n: vscode.l10n,
      findRun: (runId) => deps.store.get(runId),
      reveal: (run, item) => deps.reveal(run, item),
      promptContext: (run, itemIndices) => deps.promptContext(run, itemIndices),
      writeClipboard: async (text) => vscode.env.clipboard.writeText(text),
      saveExport: (content, format, run) => saveExport(content, format, run, deps.log, deps.workspaceState, deps.homeFolder),
      status: (message) => void vscode.window.setStatusBarMessage(message, 3000),
      inform: (message) => void vscode.window.showInformationMessage(message),
      fail: (message) =>
        void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Log')).then((choice) => {
          if (choice) deps.log.show();
        }),
      ready: () => {
        this.ready = true;
        this.sent.clear(); // a (re)loaded page holds nothing yet
        this.postRuns();
      },
      select: (runId, compareRunId) => {
        this.selection = { runId, compareRunId };
        // Only a run the page lacks is worth a round trip (and a redraw of its tables).
        const lacks = (id: string | undefined) => id !== undefined && !this.sent.has(id) && deps.store.get(id) !== undefined;
        if (lacks(runId) || lacks(compareRunId)) this.postRuns();
      },
    };
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.ready = false;
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.onClosed();
  }
}
