// The extension-host suite inside code-server, where VS Code itself cannot be downloaded.
// code-server's workbench runs extension tests the way VS Code's web build does: the page's
// `payload` names an extensionDevelopmentPath and an extensionTestsPath, the extension host that
// holds the extension under development loads the tests' run(), and when it returns the
// workbench calls window.codeAutomationExit(code). A built workbench reads `payload` only with
// VS Code's `enable-smoke-test-driver` option, which code-server passes on with --vscode-option.
// The extension comes from this folder (as with @vscode/test-electron), not from a .vsix; the
// suite writes its results to a file this side reads. The code-server install, its sandbox (user
// data, workspace copy, the proxy trap) and the browser are the end-to-end harness's.
// bench/editor.ts runs its timing entry the same way, through runInExtensionHost.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, ROOT, baseSettings, log, runChecked, seconds, startCodeServer, startProxyTrap, workbenchContext, type CodeServer } from '../e2e/harness';
import { ensureInstalled, type Installed } from '../e2e/install';
import { RESULTS_ENV, parseResults, type HostResults } from './results';

/** The suite's bundle (esbuild.js builds it with the extension). */
export const TESTS_BUNDLE = path.join(ROOT, 'test', 'vscode', '.build', 'index.js');

/** What a test entry's run in code-server's extension host gave back. */
export interface ExtensionHostRun {
  /** What the extension host reported: 0 when the entry's run() resolved. */
  exitCode: number;
  /** code-server's output and the workbench's console errors (for a failure's message). */
  output: string;
  /** What tried to leave 127.0.0.1: aborted by the browser or refused by the proxy trap. */
  offLoopback: string[];
}

export interface CodeServerRun extends ExtensionHostRun {
  /** The suite's results, or undefined when it wrote none. */
  results: HostResults | undefined;
}

/** The workbench URL that opens `folder` and runs `testsEntry` in the remote extension host. */
function testRunUrl(codeServer: CodeServer, testsEntry: string, folder: string): string {
  const remote = (file: string) => `vscode-remote://${new URL(codeServer.url).host}${file}`;
  const payload = [
    ['extensionDevelopmentPath', remote(ROOT)],
    ['extensionTestsPath', remote(testsEntry)],
  ];
  return `${codeServer.url}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/**
 * Runs `testsEntry` (a bundle whose run() the extension host calls) beside this folder's extension
 * in a fresh code-server, through a page in Chromium, until the host reports its exit code; then
 * stops code-server, the browser and the proxy trap again. `scratch` holds code-server's folders
 * and stays the caller's to remove.
 */
export async function runInExtensionHost(options: {
  installed: Installed;
  scratch: string;
  testsEntry: string;
  timeoutMs: number;
  /** The workspace folder (default: a copy of the end-to-end fixture workspace). */
  folder?: string;
  /** User settings over baseSettings(). */
  settings?: Record<string, unknown>;
  /** More environment variables for code-server and its extension host. */
  env?: NodeJS.ProcessEnv;
  /** Called once code-server and the browser are up, before the workbench loads. */
  onReady?: () => void;
}): Promise<ExtensionHostRun> {
  const proxy = await startProxyTrap();
  const blocked: string[] = [];
  const consoleErrors: string[] = [];
  let codeServer: CodeServer | undefined;
  let browser: Browser | undefined;
  try {
    const extensionsDir = path.join(options.scratch, 'extensions');
    mkdirSync(extensionsDir);
    codeServer = await startCodeServer({
      installed: options.installed,
      extensionsDir,
      scratch: options.scratch,
      settings: { ...baseSettings(), ...options.settings },
      proxy: proxy.url,
      args: ['--vscode-option', 'enable-smoke-test-driver'],
      ...(options.env ? { env: options.env } : {}),
    });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await (await workbenchContext(browser, codeServer.url, blocked)).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    let exit: (code: number) => void = () => undefined;
    const exited = new Promise<number>((resolve) => (exit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => exit(code));
    options.onReady?.();
    await page.goto(testRunUrl(codeServer, options.testsEntry, options.folder ?? codeServer.workspace), { waitUntil: 'domcontentloaded', timeout: 60_000 });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension host did not finish within ${seconds(options.timeoutMs)}`)), options.timeoutMs);
    });
    const exitCode = await Promise.race([exited, timedOut]).finally(() => clearTimeout(timer));
    return {
      exitCode,
      output: `${codeServer.output().slice(-4000)}${consoleErrors.length ? `\nworkbench console errors:\n${consoleErrors.slice(-20).join('\n')}` : ''}`,
      offLoopback: [...new Set([...blocked, ...proxy.attempts])],
    };
  } finally {
    await browser?.close().catch(() => undefined);
    await codeServer?.stop();
    await proxy.close();
  }
}

/** Builds the extension and the suite, runs the suite in a fresh code-server, and stops everything again. */
export async function runSuiteInCodeServer(timeoutMs = 5 * 60_000): Promise<CodeServerRun> {
  const installed = await ensureInstalled();
  const started = Date.now();
  runChecked(process.execPath, ['esbuild.js']);
  const scratch = mkdtempSync(path.join(tmpdir(), 'rerank-vscode-'));
  const resultsFile = path.join(scratch, 'results.json');
  try {
    const run = await runInExtensionHost({
      installed,
      scratch,
      testsEntry: TESTS_BUNDLE,
      timeoutMs,
      env: { [RESULTS_ENV]: resultsFile },
      onReady: () => log(`extension host suite: code-server ready in ${seconds(Date.now() - started)}, running the suite`),
    });
    log(`extension host suite: finished with code ${run.exitCode} in ${seconds(Date.now() - started)}`);
    let results: HostResults | undefined;
    try {
      results = parseResults(readFileSync(resultsFile, 'utf8'));
    } catch {
      results = undefined;
    }
    return { ...run, results };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
