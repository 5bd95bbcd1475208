// The extension-host side of bench/editor.ts: code-server's extension host loads this bundle as its
// extensionTestsPath and awaits run(). In rounds, it runs the CLI (a child process on the extension
// host's own Node) and the extension's rerank_context tool over the same folder, each ranking offline
// with BM25 and guarding secrets as prompt context needs, and then, once, the extension's workspace
// collection alone (workspaceCandidates, bundled here from src/) to count the passages and files it
// considers. The figures go as JSON to the file bench/editor.ts names.

import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { readSettings } from '../src/vscode/settings';
import { folderUris, workspaceCandidates } from '../src/vscode/workspace/index';
import { nodePlatform } from '../src/vscode/nodePlatform';

/** What bench/editor.ts asks for, in $RERANK_BENCH_EDITOR. */
export interface EditorPlan {
  rounds: number;
  root: string;
  cli: string;
  /** XDG_CACHE_HOME for the CLI. */
  cacheHome: string;
  query: string;
  results: string;
}

export interface EditorRound {
  cliMs: number;
  /** The CLI's last stderr line ("10 of 41408 candidates · local · …"). */
  cliSummary: string;
  toolMs: number;
  toolChars: number;
}

export interface EditorResults {
  vscodeVersion: string;
  node: string;
  rounds: EditorRound[];
  collect: { ms: number; passages: number; files: number };
}

export async function run(): Promise<void> {
  const plan = JSON.parse(process.env.RERANK_BENCH_EDITOR ?? '{}') as EditorPlan;
  const rounds: EditorRound[] = [];
  for (let round = 0; round < plan.rounds; round++) {
    const cli = await timeCli(plan);
    const tool = await timeTool(plan.query);
    rounds.push({ cliMs: cli.ms, cliSummary: cli.summary, toolMs: tool.ms, toolChars: tool.chars });
  }
  const results: EditorResults = { vscodeVersion: vscode.version, node: process.version, rounds, collect: await timeCollection(plan.query) };
  writeFileSync(plan.results, JSON.stringify(results, null, 2));
}

/** `rerank -q QUERY -p local --format prompt ROOT` in a fresh process, output dropped. */
function timeCli(plan: EditorPlan): Promise<{ ms: number; summary: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    // Its cache folder (the index a run again reads) is the benchmark's own, never the user's.
    const env = { ...process.env, XDG_CACHE_HOME: plan.cacheHome };
    const child = spawn(process.execPath, [plan.cli, '-q', plan.query, '-p', 'local', '--format', 'prompt', plan.root], { stdio: ['ignore', 'ignore', 'pipe'], env });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code === 0) resolve({ ms, summary: stderr.trim().split('\n').pop() ?? '' });
      else reject(new Error(`the CLI exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}

/** The rerank_context tool over the workspace, as a language model calls it. */
async function timeTool(query: string): Promise<{ ms: number; chars: number }> {
  const started = performance.now();
  const result = await vscode.lm.invokeTool('rerank_context', { input: { query, scope: 'workspace' }, toolInvocationToken: undefined }, new vscode.CancellationTokenSource().token);
  const ms = performance.now() - started;
  let chars = 0;
  for (const part of result.content) if (part instanceof vscode.LanguageModelTextPart) chars += part.value.length;
  return { ms, chars };
}

/** The extension's workspace collection alone, with the user's settings: its time, passages and files. */
async function timeCollection(query: string): Promise<{ ms: number; passages: number; files: number }> {
  const log = vscode.window.createOutputChannel('Rerank bench', { log: true });
  try {
    const started = performance.now();
    const { candidates } = await workspaceCandidates(folderUris(), query, readSettings(), false, new AbortController().signal, () => undefined, log, nodePlatform);
    const ms = performance.now() - started;
    const files = new Set(candidates.map((c) => (c.source.kind === 'file' ? c.source.path : '')));
    return { ms, passages: candidates.length, files: files.size };
  } finally {
    log.dispose();
  }
}
