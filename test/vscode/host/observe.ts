// What the suite reads of the extension from inside the extension host: the lines it writes to its
// "Rerank" log, the data of its Results tree, the handler of its @rerank chat participant and its
// rerank_context tool, as VS Code itself receives them. The suite is loaded from inside the
// extension's development folder, so the extension host hands it the same `vscode` API object as
// the extension: wrapping window.createOutputChannel, window.createTreeView,
// window.createWebviewPanel, chat.createChatParticipant and lm.registerTool before rerank
// activates lets the tests see what the extension passes to VS Code, without a test-only export
// in the product.

import * as vscode from 'vscode';

export const EXTENSION_ID = 'rerank-dev.rerank';
const LOG_NAME = 'Rerank';
const VIEW_ID = 'rerank.results';
const PANEL_VIEW_TYPE = 'rerank.resultsPanel';
const CHAT_PARTICIPANT_ID = 'rerank.chat';
const TOOL_NAME = 'rerank_context';
const LOG_METHODS = ['append', 'appendLine', 'replace', 'trace', 'debug', 'info', 'warn', 'error'] as const;

export interface Observed {
  /** Whether rerank was already active when the suite started (activation is meant to be lazy). */
  activeAtStart: boolean;
  /** Every line rerank wrote to its "Rerank" log, as "level: message args…". */
  readonly log: string[];
  /** Whether rerank created its log channel. */
  logCreated: boolean;
  /** The Results tree's data provider, once rerank has created the view. */
  tree: vscode.TreeDataProvider<unknown> | undefined;
  /** The @rerank participant's request handler, once rerank has registered it. */
  chatHandler: vscode.ChatRequestHandler | undefined;
  /** The rerank_context tool as rerank registered it (its prepareInvocation is what asks the user). */
  tool: vscode.LanguageModelTool<object> | undefined;
  /** The listener the newest Results panel gave its webview for messages from its page: a test speaks as the page. */
  panelMessages: ((message: unknown) => unknown) | undefined;
}

/** Filled in by observeExtension(); one object for the whole run, shared by every suite file. */
export const observed: Observed = { activeAtStart: false, log: [], logCreated: false, tree: undefined, chatHandler: undefined, tool: undefined, panelMessages: undefined };

/** Starts recording. Call once, before anything activates rerank. */
export function observeExtension(): void {
  observed.activeAtStart = vscode.extensions.getExtension(EXTENSION_ID)?.isActive === true;
  const { window } = vscode;

  const createOutputChannel = window.createOutputChannel;
  window.createOutputChannel = ((name: string, options?: string | { log: true }) => {
    const channel = createOutputChannel.call(window, name, options as never) as vscode.OutputChannel;
    if (name === LOG_NAME) {
      observed.logCreated = true;
      recordWrites(channel);
    }
    return channel;
  }) as typeof window.createOutputChannel;

  const createTreeView = window.createTreeView;
  window.createTreeView = (<T>(viewId: string, options: vscode.TreeViewOptions<T>) => {
    if (viewId === VIEW_ID) observed.tree = options.treeDataProvider as vscode.TreeDataProvider<unknown>;
    return createTreeView.call(window, viewId, options);
  }) as typeof window.createTreeView;

  const createWebviewPanel = window.createWebviewPanel;
  window.createWebviewPanel = ((...args: Parameters<typeof window.createWebviewPanel>) => {
    const panel = createWebviewPanel.apply(window, args);
    if (args[0] === PANEL_VIEW_TYPE) {
      const { webview } = panel;
      const onDidReceiveMessage = webview.onDidReceiveMessage;
      try {
        (webview as { onDidReceiveMessage: vscode.Event<unknown> }).onDidReceiveMessage = (listener, thisArgs, disposables) => {
          observed.panelMessages = (message) => listener.call(thisArgs, message);
          return onDidReceiveMessage.call(webview, listener, thisArgs, disposables);
        };
      } catch {
        // A read-only event: the panel works as usual, and a test that needs the listener says it is missing.
      }
    }
    return panel;
  }) as typeof window.createWebviewPanel;

  const { chat } = vscode;
  if (typeof chat?.createChatParticipant === 'function') {
    const createChatParticipant = chat.createChatParticipant;
    chat.createChatParticipant = (id: string, handler: vscode.ChatRequestHandler) => {
      if (id === CHAT_PARTICIPANT_ID) observed.chatHandler = handler;
      return createChatParticipant.call(chat, id, handler);
    };
  }

  const { lm } = vscode;
  if (typeof lm?.registerTool === 'function') {
    const registerTool = lm.registerTool;
    lm.registerTool = (<T>(name: string, tool: vscode.LanguageModelTool<T>) => {
      if (name === TOOL_NAME) observed.tool = tool as vscode.LanguageModelTool<object>;
      return registerTool.call(lm, name, tool);
    }) as typeof lm.registerTool;
  }
}

function recordWrites(channel: vscode.OutputChannel): void {
  const writable = channel as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const method of LOG_METHODS) {
    const write = writable[method];
    if (typeof write !== 'function') continue;
    writable[method] = (...args: unknown[]) => {
      observed.log.push(`${method}: ${args.map((a) => (a instanceof Error ? `${a.message} ${a.stack ?? ''}` : String(a))).join(' ')}`);
      return write.apply(channel, args);
    };
  }
}

/** A row of the Results tree as VS Code would draw it. */
export interface TreeRow {
  label: string;
  description: string;
  /** The hover's text (a Markdown tooltip's source). */
  tooltip: string;
  children: TreeRow[];
}

/** The Results tree's rows (runs newest first, each with its results), read through its data provider. */
export async function resultsTree(): Promise<TreeRow[]> {
  const tree = observed.tree;
  if (!tree) throw new Error('rerank has not created its Results tree (was it active before the suite started?)');
  const rows = async (parent: unknown): Promise<TreeRow[]> => {
    const nodes = (await tree.getChildren(parent)) ?? [];
    return Promise.all(
      nodes.map(async (node) => {
        const item = await tree.getTreeItem(node);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        const expandable = item.collapsibleState !== undefined && item.collapsibleState !== vscode.TreeItemCollapsibleState.None;
        const tooltip = typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '');
        return { label, description: String(item.description ?? ''), tooltip, children: expandable ? await rows(node) : [] };
      }),
    );
  };
  return rows(undefined);
}
