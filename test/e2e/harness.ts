// The end-to-end harness: the parts a test file's environment (environment.ts) and the extension
// host layer start: the extension packaged as a .vsix and installed into a fresh extensions folder,
// a code-server (fresh user data, a copy of the fixture workspace, user settings written before it
// starts), the browser context fenced to 127.0.0.1, and when the layer cannot run, the one line
// that says why. Everything it starts it stops (code-server's whole process group), also when a
// step fails.
// Traffic goes only to 127.0.0.1: the browser aborts every other request, and code-server's
// HTTP(S)_PROXY is a trap on 127.0.0.1 that refuses, and records, anything it would fetch itself.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { ENABLE_BROWSER_LAYERS, codeServerIsolation, type Installed } from './install';

export const ROOT = path.resolve(__dirname, '..', '..');
export const FIXTURE_WORKSPACE = path.join(__dirname, 'fixtures', 'workspace');
export const ARTIFACTS = path.join(__dirname, 'artifacts');
export const CHROMIUM = process.env.RERANK_E2E_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const log = (line: string) => console.log(`  [e2e] ${line}`);
export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** $RERANK_E2E: "0" skips the layer; "1" makes every reason to skip a failure (for CI). */
export const E2E_MODE = process.env.RERANK_E2E === '0' ? 'off' : process.env.RERANK_E2E === '1' ? 'required' : 'auto';

/**
 * A layer that cannot run here says why in one "skipped: …" line and counts as pending, unless
 * RERANK_E2E=1 (CI) makes that a failure. Call from a mocha `before` hook.
 */
export function skipLayer(hook: Mocha.Context, layer: string, why: string): never {
  if (E2E_MODE === 'required') throw new Error(`RERANK_E2E=1 but the ${layer} layer cannot run: ${why}`);
  console.log(`skipped: ${why}`);
  hook.skip();
}

/** Why this machine cannot run the layer, or undefined when it can (before installing anything). */
export function whyCannotRun(): string | undefined {
  if (E2E_MODE === 'off') return 'RERANK_E2E=0';
  if (process.platform !== 'linux' || process.arch !== 'x64') return `code-server from npm is set up for linux-x64 here, this is ${process.platform}-${process.arch}`;
  if (!existsSync(CHROMIUM)) return `no ${CHROMIUM}; to run this layer: ${ENABLE_BROWSER_LAYERS}`;
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm ci)';
  }
  return undefined;
}

/**
 * Removes what earlier runs left in test/e2e/artifacts/ (files older than this process), so it
 * shows this run only: every file of the layer calls it, and in one mocha process a later file
 * keeps an earlier file's screenshots and failure logs.
 */
export function clearArtifacts(): void {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const name of readdirSync(ARTIFACTS)) {
    const file = path.join(ARTIFACTS, name);
    if (statSync(file).mtimeMs < performance.timeOrigin) rmSync(file, { recursive: true, force: true });
  }
}

/** Runs a command to completion; throws with the output's tail when it fails. */
export function runChecked(cmd: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): string {
  const result = spawnSync(cmd, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, encoding: 'utf8', timeout: options.timeoutMs ?? 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0) {
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed (${result.error?.message ?? result.signal ?? `exit ${result.status}`}):\n${output.slice(-4000)}`);
  }
  return output;
}

/**
 * `npm run build` then `vsce package --no-dependencies`: the .vsix a user would install.
 * $RERANK_E2E_VSIX names one built already (npm test's package step, or a CI artifact).
 * `baseImagesUrl` packages one whose README images are absolute (`vsce --baseImagesUrl`), as a
 * published one's are; it is always built here, since a given .vsix keeps relative links.
 */
export function packageVsix(dir: string, options: { baseImagesUrl?: string } = {}): string {
  const given = process.env.RERANK_E2E_VSIX;
  if (given && !options.baseImagesUrl) {
    if (!existsSync(given)) throw new Error(`RERANK_E2E_VSIX=${given}: no such file`);
    return path.resolve(given);
  }
  const vsix = path.join(dir, options.baseImagesUrl ? 'rerank-base-images.vsix' : 'rerank.vsix');
  const links = options.baseImagesUrl ? ['--baseImagesUrl', options.baseImagesUrl] : ['--no-rewrite-relative-links'];
  runChecked(process.execPath, ['esbuild.js']);
  runChecked(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', ...links, '-o', vsix]);
  return vsix;
}

/**
 * A "proxy" on 127.0.0.1 that answers nothing: every connection is recorded by its first line
 * (CONNECT host:443, GET http://…) and closed. code-server gets it as HTTP(S)_PROXY, so whatever
 * it or an extension would fetch from the internet fails at once, and the report names it.
 */
export interface ProxyTrap {
  url: string;
  attempts: string[];
  close(): Promise<void>;
}

export async function startProxyTrap(): Promise<ProxyTrap> {
  const attempts: string[] = [];
  const sockets = new Set<Socket>();
  const server = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (chunk: Buffer) => {
      attempts.push(chunk.toString('latin1').split('\r\n')[0] ?? '');
      socket.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The scratch folder's tmp/ (TMPDIR for code-server). */
function scratchTmp(scratch: string): string {
  const tmp = path.join(scratch, 'tmp');
  mkdirSync(tmp, { recursive: true });
  return tmp;
}

/** The environment code-server runs in: no key from the outside, and no way out but 127.0.0.1. */
function codeServerEnv(installed: Installed, isolation: NodeJS.ProcessEnv, tmp: string, proxy: string): NodeJS.ProcessEnv {
  const dropped = /^(COHERE_API_KEY|RERANK_API_KEY|CO_API_KEY|VSCODE_.*|ELECTRON_.*|npm_.*|NODE_OPTIONS|PASSWORD|HASHED_PASSWORD|GITHUB_TOKEN|CS_.*|PORT)$/i;
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.test(name)));
  return {
    ...env,
    PATH: `${path.dirname(installed.node)}${path.delimiter}${env.PATH ?? ''}`,
    // The proxy trap: whatever code-server or an extension fetches from the internet fails at
    // once (and is reported); 127.0.0.1 goes direct.
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    NO_PROXY: '127.0.0.1,localhost',
    no_proxy: '127.0.0.1,localhost',
    // No extension gallery (Open VSX by default): an empty product entry turns the gallery off.
    EXTENSIONS_GALLERY: '{}',
    // VS Code's IPC sockets and temporary files land in the scratch folder, removed at the end.
    TMPDIR: tmp,
    ...isolation,
  };
}

/**
 * fixtures/lm-probe as a .vsix: a test-only extension that calls the rerank_context tool through
 * vscode.lm.invokeTool, as another extension or an agent would.
 */
export function packageProbe(dir: string): string {
  const vsix = path.join(dir, 'lm-probe.vsix');
  runChecked(path.join(ROOT, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '-o', vsix], { cwd: path.join(ROOT, 'test', 'e2e', 'fixtures', 'lm-probe') });
  return vsix;
}

/** Installs a .vsix into an extensions folder with `code-server --install-extension`; `id` must then be listed. */
export function installExtension(installed: Installed, vsix: string, extensionsDir: string, scratch: string, proxy: string, id = 'rerank-dev.rerank'): string {
  const dir = mkdtempSync(path.join(scratch, 'install-'));
  const userDataDir = path.join(dir, 'user-data');
  const isolation = codeServerIsolation(dir);
  const env = codeServerEnv(installed, isolation.env, scratchTmp(scratch), proxy);
  const common = [installed.codeServerEntry, ...isolation.args, '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir];
  const out = runChecked(installed.node, [...common, '--install-extension', vsix, '--force'], { env, timeoutMs: 120_000 });
  const listed = runChecked(installed.node, [...common, '--list-extensions', '--show-versions'], { env });
  if (!listed.includes(`${id}@`)) throw new Error(`the .vsix did not install:\n${out}\n${listed}`);
  return listed.trim();
}

/** User settings every scenario starts from (with rerank.endpoint when given); a scenario adds its own. */
export function baseSettings(endpoint?: string): Record<string, unknown> {
  return {
    ...(endpoint === undefined ? {} : { 'rerank.endpoint': endpoint }),
    // Scenarios count the requests each run sends; the score cache's own scenario turns it on.
    'rerank.scoreCache.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.editor.enablePreview': false,
    'security.workspace.trust.enabled': false,
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'update.mode': 'none',
    'update.showReleaseNotes': false,
    'chat.disableAIFeatures': true,
    'chat.commandCenter.enabled': false,
    'git.enabled': false,
    'git.autofetch': false,
    'npm.fetchOnlinePackageInfo': false,
    'json.schemaDownload.enable': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'typescript.tsserver.web.typeAcquisition.enabled': false,
    'http.proxySupport': 'off',
    'editor.minimap.enabled': false,
    'window.dialogStyle': 'custom',
  };
}

export interface CodeServer {
  url: string;
  /** The workbench URL with the workspace folder open. */
  workbenchUrl: string;
  workspace: string;
  userDataDir: string;
  /** code-server's output so far (for a failure's message). */
  output(): string;
  stop(): Promise<void>;
}

/** Starts code-server in a process group of its own and waits until it listens. */
export async function startCodeServer(options: {
  installed: Installed;
  extensionsDir: string;
  scratch: string;
  settings: Record<string, unknown>;
  proxy: string;
  /** More code-server arguments (before the workspace folder). */
  args?: readonly string[];
  /** More environment variables for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Files written into the user data folder before start, by path relative to it. */
  userData?: Record<string, string>;
}): Promise<CodeServer> {
  const dir = mkdtempSync(path.join(options.scratch, 'session-'));
  const userDataDir = path.join(dir, 'user-data');
  const workspace = path.join(dir, 'workspace');
  cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify(options.settings, null, 2)}\n`);
  for (const [file, content] of Object.entries(options.userData ?? {})) writeFileSync(path.join(userDataDir, file), content);

  const isolation = codeServerIsolation(dir);
  const child = spawn(
    options.installed.node,
    [
      options.installed.codeServerEntry,
      ...isolation.args,
      '--bind-addr',
      '127.0.0.1:0',
      '--auth',
      'none',
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      '--ignore-last-opened',
      '--user-data-dir',
      userDataDir,
      '--extensions-dir',
      options.extensionsDir,
      ...(options.args ?? []),
      workspace,
    ],
    {
      env: { ...codeServerEnv(options.installed, isolation.env, scratchTmp(options.scratch), options.proxy), ...options.env },
      cwd: dir,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  if (child.pid !== undefined) liveGroups.add(child.pid);
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not listen within 60 s:\n${output.slice(-3000)}`)), 60_000);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-200_000);
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited (${signal ?? `exit ${code}`}) before listening:\n${output.slice(-3000)}`));
    });
  }).catch(async (err: unknown) => {
    await killGroup(child, exited);
    throw err;
  });
  return {
    url,
    workbenchUrl: `${url}/?folder=${encodeURIComponent(workspace)}`,
    workspace,
    userDataDir,
    output: () => output,
    stop: () => killGroup(child, exited),
  };
}

/** code-server process groups still running and scratch folders: gone on exit even when mocha is interrupted. */
const liveGroups = new Set<number>();
const scratchDirs = new Set<string>();
process.on('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // gone already
    }
  }
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

/** A fresh scratch folder, removed when the process exits should nothing remove it before. */
export function scratchFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerank-e2e-'));
  scratchDirs.add(dir);
  return dir;
}

/** SIGTERM to the whole process group, SIGKILL after 5 s if anything is left. */
async function killGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.pid === undefined) return;
  const pid = child.pid;
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-pid, signal);
    } catch {
      // the group is gone already
    }
  };
  signalGroup('SIGTERM');
  const timeout = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 5000).unref());
  if ((await Promise.race([exited, timeout])) === 'timeout') signalGroup('SIGKILL');
  // The extension host and other children may outlive the parent for a moment.
  await new Promise((resolve) => setTimeout(resolve, 200));
  signalGroup('SIGKILL');
  liveGroups.delete(pid);
}

const isLoopback = (url: string) => {
  try {
    const { protocol, hostname } = new URL(url);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, vscode-…: never leave the machine
    return hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]';
  } catch {
    return true;
  }
};

/**
 * A browser context for one code-server's workbench: the clipboard allowed, and every request off
 * 127.0.0.1 aborted and recorded in `blocked`.
 */
export async function workbenchContext(browser: Browser, origin: string, blocked: string[], ignoreHTTPSErrors = false): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, serviceWorkers: 'allow', ignoreHTTPSErrors });
  try {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
    // tsx compiles with esbuild's keepNames, which wraps named functions in __name(…); the
    // functions Playwright sends to the page (page.evaluate) need that helper there too.
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    await context.route(
      (url) => !isLoopback(url.toString()),
      (route) => {
        blocked.push(route.request().url());
        return route.abort('blockedbyclient');
      },
    );
    return context;
  } catch (err) {
    await context.close().catch(() => undefined);
    throw err;
  }
}
