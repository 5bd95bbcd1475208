// A test file's end-to-end environment: one E2EEnvironment per file (the install, the .vsix in a
// fresh extensions folder, the browser, the loopback server, the proxy trap), a Session per
// scenario (its own code-server and browser context), and useE2EEnvironment, the mocha hooks every
// file shares. The parts it starts come from harness.ts.

import { rmSync } from 'node:fs';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCohereServer, type CohereServer, type CohereServerOptions } from '../support/cohereServer';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  baseSettings,
  clearArtifacts,
  installExtension,
  log,
  packageProbe,
  packageVsix,
  scratchFolder,
  seconds,
  skipLayer,
  startCodeServer,
  startProxyTrap,
  whyCannotRun,
  workbenchContext,
  type CodeServer,
  type ProxyTrap,
} from './harness';
import { MissingPrerequisite, ensureInstalled, type Installed } from './install';
import { Workbench } from './workbench';

export interface SessionOptions {
  /** More code-server arguments (before the workspace folder). */
  args?: readonly string[];
  /** Files written into the session's user data folder before code-server starts. */
  userData?: Record<string, string>;
  /** A selector that shows the workbench knows the extension. */
  readyWhen?: string;
  /** The browser accepts any certificate (a loopback test server's names no trusted CA signed). */
  ignoreHTTPSErrors?: boolean;
}

/** Everything the scenarios share: install, .vsix, extensions folder, browser, loopback server. */
export class E2EEnvironment {
  readonly timings: Record<string, number> = {};
  /** Every request the browser tried to send off the machine (aborted). */
  readonly blocked: string[] = [];
  private constructor(
    readonly installed: Installed,
    readonly scratch: string,
    readonly extensionsDir: string,
    readonly browser: Browser,
    readonly server: CohereServer,
    readonly proxy: ProxyTrap,
  ) {}

  static async create(serverOptions: CohereServerOptions): Promise<E2EEnvironment> {
    const timings: Record<string, number> = {};
    const time = async <T>(name: string, fn: () => T | Promise<T>): Promise<T> => {
      const started = Date.now();
      const value = await fn();
      timings[name] = Date.now() - started;
      log(`${name}: ${seconds(timings[name] ?? 0)}`);
      return value;
    };
    const installed = await time('install (cache)', () => ensureInstalled());
    const scratch = scratchFolder();
    let server: CohereServer | undefined;
    let browser: Browser | undefined;
    const proxy = await startProxyTrap();
    try {
      const vsix = await time('build + vsce package', () => packageVsix(scratch));
      const extensionsDir = path.join(scratch, 'extensions');
      await time('install the .vsix', () => installExtension(installed, vsix, extensionsDir, scratch, proxy.url));
      const probe = await time('package the LM tool probe', () => packageProbe(scratch));
      const listed = await time('install the probe', () => installExtension(installed, probe, extensionsDir, scratch, proxy.url, 'rerank-tests.lm-probe'));
      log(`extensions: ${listed.replace(/\n/g, ', ')}`);
      server = await startCohereServer(serverOptions);
      const { chromium } = await import('playwright-core');
      browser = await time('launch Chromium', () => chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS }));
      const env = new E2EEnvironment(installed, scratch, extensionsDir, browser, server, proxy);
      Object.assign(env.timings, timings);
      return env;
    } catch (err) {
      await browser?.close().catch(() => undefined);
      await server?.close().catch(() => undefined);
      await proxy.close();
      rmSync(scratch, { recursive: true, force: true });
      throw err;
    }
  }

  /**
   * A fresh code-server (user data, workspace copy, settings) and a fresh browser context on it.
   * `env` sets or replaces variables of code-server's environment (a proxy, for one); `options`
   * adds code-server arguments and user data files, and names what shows the extension is known
   * (its activity bar entry by default).
   */
  async openSession(name: string, settings: Record<string, unknown> = {}, env: NodeJS.ProcessEnv = {}, options: SessionOptions = {}): Promise<Session> {
    const started = Date.now();
    const codeServer = await startCodeServer({
      installed: this.installed,
      extensionsDir: this.extensionsDir,
      scratch: this.scratch,
      settings: { ...baseSettings(this.server.url), ...settings },
      proxy: this.proxy.url,
      env,
      ...(options.args ? { args: options.args } : {}),
      ...(options.userData ? { userData: options.userData } : {}),
    });
    let context: BrowserContext | undefined;
    try {
      context = await workbenchContext(this.browser, codeServer.url, this.blocked, options.ignoreHTTPSErrors);
      const page = await context.newPage();
      const workbench = new Workbench(page, name, options.readyWhen ?? '.activitybar a[aria-label^="Rerank"]');
      await workbench.open(codeServer.workbenchUrl);
      log(`${name}: workbench ready in ${seconds(Date.now() - started)}`);
      return new Session(name, codeServer, context, page, workbench);
    } catch (err) {
      await context?.close().catch(() => undefined);
      await codeServer.stop();
      throw err;
    }
  }

  async dispose(): Promise<void> {
    await this.browser.close().catch(() => undefined);
    await this.server.close().catch(() => undefined);
    await this.proxy.close();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}

export class Session {
  constructor(
    readonly name: string,
    readonly codeServer: CodeServer,
    readonly context: BrowserContext,
    readonly page: Page,
    readonly workbench: Workbench,
  ) {}

  async close(failed: boolean): Promise<void> {
    if (failed) {
      await this.workbench.screenshot(`${this.name}-failed`).catch(() => undefined);
      log(`${this.name}: code-server output (tail):\n${this.codeServer.output().slice(-2000)}`);
    }
    await this.context.close().catch(() => undefined);
    await this.codeServer.stop();
  }
}

export interface E2ESuiteOptions {
  /** The loopback Cohere-shaped server's options (the key it accepts, its scorer, CORS). */
  server: CohereServerOptions;
  /** The file's own setup once the environment is up, in the same hook and bound; `started` is when setup began. */
  prepare?: (env: E2EEnvironment, started: number) => void | Promise<void>;
  /** The file's lines about traffic that tried to leave (CI logs are read for them), before the environment goes. */
  report?: (env: E2EEnvironment) => void;
}

export interface E2ESuite {
  /** The environment the suite's `before` set up: a test of the suite runs only when there is one. */
  readonly env: E2EEnvironment;
  /** `env.openSession`, and `afterEach` closes the session (with a screenshot and code-server's log when the test failed). */
  openSession(...args: Parameters<E2EEnvironment['openSession']>): Promise<Session>;
}

/**
 * The hooks every end-to-end file shares, added to `suite` (a describe's `this`): the layer skipped
 * with one line where it cannot run, one environment for the suite, each test's session closed
 * after it, and at the end the file's report and the environment disposed.
 */
export function useE2EEnvironment(suite: Mocha.Suite, options: E2ESuiteOptions): E2ESuite {
  suite.timeout(120_000);
  let env: E2EEnvironment | undefined;
  let session: Session | undefined;

  suite.beforeAll(async function () {
    this.timeout(10 * 60_000); // a clean machine installs code-server first
    const skip = (why: string) => skipLayer(this, 'end-to-end', why);
    const why = whyCannotRun();
    if (why) return skip(why);
    const started = Date.now();
    clearArtifacts();
    try {
      env = await E2EEnvironment.create(options.server);
    } catch (err) {
      if (err instanceof MissingPrerequisite) return skip(err.message);
      throw err; // the build, the package or the .vsix install failed: that is the project's fault
    }
    await options.prepare?.(env, started);
  });

  suite.afterEach(async function () {
    await session?.close(this.currentTest?.state === 'failed');
    session = undefined;
  });

  suite.afterAll(async function () {
    if (!env) return;
    options.report?.(env);
    await env.dispose();
  });

  const ready = (): E2EEnvironment => {
    if (!env) throw new Error('the end-to-end environment is not set up');
    return env;
  };
  return {
    get env() {
      return ready();
    },
    async openSession(...args) {
      session = await ready().openSession(...args);
      return session;
    },
  };
}
