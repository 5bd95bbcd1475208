// The extension ranking a large folder in the editor against the CLI ranking the same folder, in
// one run: code-server (the end-to-end harness's install, sandbox and browser) opens ROOT (default:
// this project's node_modules) as its workspace folder with bench/editorHost.ts as the extension
// host's test entry, and the extension host times, round after round, the built CLI in a child
// process on the extension host's own Node (`-p local --format prompt`: collection, secret guard,
// BM25 over every passage, titles, prompt context) and then the extension's rerank_context tool
// with the offline ranker (the same steps, as the extension runs them for a language model). The
// first round warms the page cache and is dropped; medians of the rest. Once after the rounds, the
// extension's workspace collection alone gives the passages and files the extension considers.
// search.exclude's default "**/node_modules" is turned off: with ROOT inside node_modules, it
// would leave out the nested packages the CLI reads.
//
// Run by bench/run.mjs (`npm run bench -- --only editor`); alone:
//   node esbuild.js && RERANK_E2E_CACHE=/work/e2e-cache node --import tsx bench/editor.ts [--editor-root DIR] [--editor-rounds N]
// Skipped, saying why, where code-server or Chromium cannot run (see test/e2e/README.md) or the
// end-to-end cache holds no code-server yet.

import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, whyCannotRun } from '../test/e2e/harness';
import { CACHE_DIR, CODE_SERVER_VERSION, MissingPrerequisite, ensureInstalled } from '../test/e2e/install';
import { runInExtensionHost } from '../test/vscode/codeServer';
import type { EditorPlan, EditorResults } from './editorHost';
import { progress, report, runMain } from './lib';

const TARGET_RATIO = 1.5;
const QUERY = 'parse the configuration file and report errors';

function option(name: string, fallback: string): string {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
}

runMain(async () => {
  const why = whyCannotRun();
  if (why !== undefined) return report({ skipped: why });
  // A benchmark run does not spend ten minutes installing code-server: the end-to-end layer does.
  if (!existsSync(path.join(CACHE_DIR, `code-server-${CODE_SERVER_VERSION}`))) {
    return report({ skipped: `no code-server in ${CACHE_DIR} (run the end-to-end layer once, or set RERANK_E2E_CACHE to its cache)` });
  }
  let installed;
  try {
    installed = await ensureInstalled();
  } catch (err) {
    if (err instanceof MissingPrerequisite) return report({ skipped: err.message });
    throw err;
  }
  const root = realpathSync(option('--editor-root', path.join(ROOT, 'node_modules')));
  const rounds = Math.max(2, Number(option('--editor-rounds', '4')));
  const cli = path.join(ROOT, 'dist', 'cli.js');
  const scratch = mkdtempSync(path.join(tmpdir(), 'rerank-bench-editor-'));
  const host = path.join(scratch, 'host.js');
  const resultsFile = path.join(scratch, 'results.json');
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: [path.join(ROOT, 'bench', 'editorHost.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: host,
    external: ['vscode'],
    define: { __VERSION__: JSON.stringify('bench') },
    logLevel: 'warning',
  });
  try {
    const plan: EditorPlan = { rounds, root, cli, query: QUERY, results: resultsFile, cacheHome: path.join(scratch, 'cache') };
    const run = await runInExtensionHost({
      installed,
      scratch,
      testsEntry: host,
      timeoutMs: 15 * 60_000,
      folder: root,
      settings: { 'rerank.provider': 'local', 'search.exclude': { '**/node_modules': false } },
      env: { RERANK_BENCH_EDITOR: JSON.stringify(plan) },
      onReady: () => progress(`editor: ${rounds} rounds of the CLI and the extension over ${root}`),
    });
    let results: EditorResults;
    try {
      results = JSON.parse(readFileSync(resultsFile, 'utf8')) as EditorResults;
    } catch {
      throw new Error(`the extension host wrote no figures (exit code ${run.exitCode}):\n${run.output}`);
    }
    const timed = results.rounds.slice(1);
    for (const [i, r] of results.rounds.entries()) progress(`round ${i + 1}/${rounds}: CLI ${r.cliMs.toFixed(0)} ms, extension ${r.toolMs.toFixed(0)} ms`);
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
    const cliMs = med(timed.map((r) => r.cliMs));
    const toolMs = med(timed.map((r) => r.toolMs));
    const cliPassages = Number(/of (\d+) candidates/.exec(results.rounds[0]?.cliSummary ?? '')?.[1] ?? NaN);
    const ratio = toolMs / cliMs;
    await report({
      root,
      rounds: timed.length,
      vscodeVersion: results.vscodeVersion,
      node: results.node,
      cli: { ms: cliMs, passages: cliPassages, summary: results.rounds[0]?.cliSummary },
      extension: { ms: toolMs, firstRunMs: results.rounds[0]?.toolMs, contextChars: results.rounds[0]?.toolChars },
      collect: results.collect,
      ratio,
      target: { ratio: TARGET_RATIO, met: ratio <= TARGET_RATIO },
      offLoopback: run.offLoopback,
    });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
});
