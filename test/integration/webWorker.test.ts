// The web bundle (dist/web/extension.js as esbuild.js builds it) run the way a web worker runs it:
// in a fresh `vm` context holding only what a worker has (no `process`, no Node modules), with a
// `require` that gives `vscode` and refuses everything else. `vscode` is a MOCK (a small stand-in
// for the API, below): this checks that the bundle loads, activates and ranks a selection offline
// without Node, not how VS Code draws it. test/e2e/web.test.ts runs the same bundle in the real
// web worker extension host of code-server.

import * as assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { build, type BuildOptions } from 'esbuild';

const root = path.resolve(__dirname, '../..');
const buildScript = createRequire(__filename)(path.join(root, 'esbuild.js')) as { builds: BuildOptions[]; WEB_EXTENSION: string };

/** The web bundle's text, built in memory with the build's own options. */
async function webBundle(): Promise<string> {
  const web = buildScript.builds.find((b) => b.outfile === buildScript.WEB_EXTENSION);
  assert.ok(web);
  const result = await build({ ...web, absWorkingDir: root, sourcemap: false, write: false, logLevel: 'silent' });
  const output = result.outputFiles.find((f) => f.path.endsWith('extension.js'));
  assert.ok(output);
  return output.text;
}

/** Anything not stubbed below: callable, constructible, every property itself (writes ignored), a no-op disposable. */
function anything(): unknown {
  const target = function () {
    /* stand-in */
  };
  const proxy: unknown = new Proxy(target, {
    get: (_t, key) => (key === 'then' ? undefined : key === Symbol.toPrimitive ? () => '' : key === 'dispose' ? () => undefined : proxy),
    set: () => true,
    apply: () => proxy,
    construct: () => proxy as object,
  });
  return proxy;
}

/** A Memento over a Map. */
function memento() {
  const values = new Map<string, unknown>();
  return { values, get: (key: string, fallback?: unknown) => (values.has(key) ? values.get(key) : fallback), update: async (key: string, value: unknown) => void values.set(key, value), keys: () => [...values.keys()] };
}

interface Harness {
  vscode: unknown;
  commands: Map<string, (...args: unknown[]) => unknown>;
  logLines: string[];
  workspaceState: ReturnType<typeof memento>;
}

/**
 * The mock: what activation and an offline selection run touch, and `anything()` for every other
 * name the bundle reads off `vscode` (esbuild copies the module's own properties, so each name
 * the bundle uses must be one).
 */
function mockVscode(bundle: string, query: string, paragraphs: string[]): Harness {
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const logLines: string[] = [];
  const workspaceState = memento();
  const level = (name: string) => (message: string) => void logLines.push(`[${name}] ${message}`);
  const text = paragraphs.join('\n\n');
  const lineOf = (offset: number) => text.slice(0, offset).split('\n').length - 1;
  const position = (line: number) => ({ line, character: 0, compareTo: (o: { line: number }) => line - o.line });
  const selection = { isEmpty: false, start: position(0), end: position(lineOf(text.length)) };
  const editor = { selections: [selection], document: { uri: { toString: () => 'file:///notes.txt', scheme: 'file', path: '/notes.txt' }, languageId: 'plaintext', getText: () => text } };
  const events = () => {
    const listeners: ((value?: unknown) => void)[] = [];
    return { on: (fn: (value?: unknown) => void) => (listeners.push(fn), { dispose: () => undefined }), fire: (value?: unknown) => listeners.forEach((fn) => fn(value)) };
  };
  const overrides: Record<string, unknown> = {
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
    commands: {
      registerCommand: (id: string, fn: (...args: unknown[]) => unknown) => (commands.set(id, fn), { dispose: () => undefined }),
      executeCommand: async () => undefined,
    },
    window: new Proxy(
      {
        createOutputChannel: () => ({ info: level('info'), warn: level('warn'), error: level('error'), debug: level('debug'), trace: level('trace'), appendLine: level('line'), show: () => undefined, dispose: () => undefined }),
        activeTextEditor: editor,
        showInformationMessage: (m: string) => (logLines.push('[toast] ' + m), Promise.resolve(undefined)),
        showWarningMessage: (m: string) => (logLines.push('[toast] ' + m), Promise.resolve(undefined)),
        showErrorMessage: (m: string) => (logLines.push('[toast] ' + m), Promise.resolve(undefined)),
        withProgress: (_options: unknown, task: (progress: unknown, token: unknown) => Promise<unknown>) => task({ report: () => undefined }, { isCancellationRequested: false, onCancellationRequested: () => ({ dispose: () => undefined }) }),
        createQuickPick: () => {
          const accept = events();
          const pick = { value: '', items: [] as unknown[], selectedItems: [] as unknown[], onDidChangeValue: () => ({ dispose: () => undefined }), onDidAccept: accept.on, onDidHide: () => ({ dispose: () => undefined }), onDidTriggerButton: () => ({ dispose: () => undefined }), dispose: () => undefined, show: () => {
            pick.value = query;
            queueMicrotask(() => accept.fire());
          } };
          return pick;
        },
      },
      { get: (target, key: string) => (key in target ? target[key as keyof typeof target] : anything()) },
    ),
    workspace: new Proxy(
      { getConfiguration: () => ({ get: (key: string) => (key === 'provider' ? 'local' : undefined), inspect: (key: string) => (key === 'provider' ? { key, globalValue: 'local' } : undefined), has: () => false }), isTrusted: true, workspaceFolders: undefined },
      { get: (target, key: string) => (key in target ? target[key as keyof typeof target] : anything()) },
    ),
  };
  const used = new Set([...bundle.matchAll(/\bvscode\d*\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1] as string));
  const vscode = Object.fromEntries([...used].map((name) => [name, anything()]));
  return { vscode: Object.assign(vscode, overrides), commands, logLines, workspaceState };
}

/** A context holding what a dedicated worker has, and none of Node's globals. */
function workerContext(vscode: unknown, required: string[]): vm.Context {
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext({
    module,
    exports: module.exports,
    require: (name: string) => {
      required.push(name);
      if (name === 'vscode') return vscode;
      throw new Error(`a web worker cannot require ${name}`);
    },
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    queueMicrotask,
    URL,
    TextEncoder,
    TextDecoder,
    AbortController,
    AbortSignal,
    crypto: globalThis.crypto,
    btoa,
    atob,
    fetch: () => Promise.reject(new Error('no network in this test')),
  });
  vm.runInContext('globalThis.self = globalThis;', context);
  return context;
}

describe('the web bundle in a worker-like context (vm, with a MOCK vscode)', function () {
  this.timeout(60_000);

  it('has no process and no Node module to require, activates, and ranks a selection offline with BM25', async () => {
    const paragraphs = ['The lighthouse keeper trimmed the wick.', 'Sourdough bread needs flour, water and a starter.', 'Rate limits protect an API; honour Retry-After.'];
    const bundle = await webBundle();
    const mock = mockVscode(bundle, 'bread flour starter', paragraphs);
    const required: string[] = [];
    const context = workerContext(mock.vscode, required);
    assert.equal(vm.runInContext('typeof process', context), 'undefined');
    vm.runInContext(bundle, context, { filename: 'dist/web/extension.js' });
    const extension = (context.module as { exports: { activate: (c: unknown) => void } }).exports;

    const subscriptions: unknown[] = [];
    extension.activate({ subscriptions, workspaceState: mock.workspaceState, globalState: memento(), secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined, onDidChange: () => ({ dispose: () => undefined }) }, extensionUri: anything(), extension: { packageJSON: { version: '0.0.0-test' } } });
    assert.deepEqual([...new Set(required)], ['vscode']);
    assert.ok(mock.logLines.includes('[info] Rerank runs in the web worker extension host.'), mock.logLines.join('\n'));
    for (const id of ['rerank.rerankSelection', 'rerank.rerankWorkspace', 'rerank.openPanel', 'rerank.copyPromptContext']) assert.ok(mock.commands.has(id), `${id} is registered`);

    await mock.commands.get('rerank.rerankSelection')?.();
    const ran = mock.logLines.find((l) => l.startsWith('[info] run "bread flour starter": 3/3 via local'));
    assert.ok(ran, mock.logLines.join('\n'));
    const history = mock.workspaceState.get('rerank.history.v1') as { items: { candidate: { text: string } }[] }[] | undefined;
    assert.match(history?.[0]?.items[0]?.candidate.text ?? '', /^Sourdough bread/, 'BM25 puts the bread paragraph first');
  });
});
