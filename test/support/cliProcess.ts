// The built CLI (dist/cli.js) as a child process, with no key or proxy inherited from the
// environment, so tests talk to 127.0.0.1 directly with only the key they give.

import { spawn } from 'node:child_process';
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

/** Runs `node dist/cli.js ARGS` asynchronously (the server lives in this process's event loop). */
export function runBuiltCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  // No inherited key and no proxy: the child talks to 127.0.0.1 directly, with only our fake key.
  const dropped = new Set(['COHERE_API_KEY', 'RERANK_API_KEY', 'HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'NO_PROXY', 'no_proxy']);
  const env: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !dropped.has(name)));
  if (options.key) env.COHERE_API_KEY = options.key;
  Object.assign(env, options.env);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
    child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
    const guard = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', (err) => {
      clearTimeout(guard);
      reject(err);
    });
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.input ?? '');
  });
}

