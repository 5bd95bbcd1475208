// The built CLI (dist/cli.js) as a child process, with no key or proxy inherited from the
// environment, so tests talk to 127.0.0.1 directly with only the key they give. Each child has
// a fresh cache folder of its own (XDG_CACHE_HOME), never the user's: a test that wants a score
// cache to last across runs gives --cache DIR or its own XDG_CACHE_HOME.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const CLI = path.resolve(__dirname, '../../dist/cli.js');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface RunOptions {
  /** COHERE_API_KEY for the child; null or absent for no key at all. */
  key?: string | null;
  env?: Record<string, string>;
  input?: string;
}

/** A running CLI: its process, its result once it exits, and a way to wait for what it says. */
export interface CliChild {
  child: ChildProcess;
  result: Promise<CliResult>;
  /** Resolves once stderr matches (for acting at a known point of the run, e.g. reading stdin). */
  stderrMatching(pattern: RegExp): Promise<void>;
}

/** Runs `node dist/cli.js ARGS` asynchronously (the server lives in this process's event loop). */
export function runBuiltCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const { child, result } = startBuiltCli(args, options);
  child.stdin?.end(options.input ?? '');
  return result;
}

/** Starts the CLI with its stdin left open: the caller writes, ends or leaves it. */
export function startBuiltCli(args: readonly string[], options: Omit<RunOptions, 'input'> = {}): CliChild {
  // No inherited key and no proxy: the child talks to 127.0.0.1 directly, with only our fake key.
  const dropped = new Set(['COHERE_API_KEY', 'RERANK_API_KEY', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
  if (options.key) env.COHERE_API_KEY = options.key;
  const cacheHome = mkdtempSync(path.join(tmpdir(), 'rerank-cli-cache-'));
  env.XDG_CACHE_HOME = cacheHome;
  Object.assign(env, options.env);
  const started = Date.now();
  const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { pattern: RegExp; resolve: () => void }[] = [];
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => {
    stderr += t;
    for (const w of waiters.filter((w) => w.pattern.test(stderr))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  });
  child.stdin.on('error', () => undefined);
  const result = new Promise<CliResult>((resolve, reject) => {
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', (err) => {
      clearTimeout(guard);
      rmSync(cacheHome, { recursive: true, force: true });
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      rmSync(cacheHome, { recursive: true, force: true });
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
  return {
    child,
    result,
    stderrMatching: (pattern) => (pattern.test(stderr) ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ pattern, resolve }))),
  };
}
