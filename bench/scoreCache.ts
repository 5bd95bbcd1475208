// Score cache benchmark: a workspace-shaped run (2,000 passages of 200 files, each sent with its
// path header, 100 per request) against the loopback Cohere-shaped server of the integration tests
// (it parses every request and counts the documents it receives), through createRanker with a
// score cache in a temporary folder, as the CLI builds it. Runs, in order:
//   uncached - no score cache: the baseline;
//   cold     - an empty cache: the same requests as the baseline, and the cache filled;
//   warm     - the identical run again: target, no request;
//   one passage changed, one file's 10 passages changed: target, only those are sent.
// Each run's ranking must equal the baseline's (the changed runs: an uncached run of the same
// input). Counts are exact; times are one sample each (the counts are the point).
//
// Run by bench/run.mjs; alone: node --import tsx bench/scoreCache.ts [--passages N]

import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { rerank } from '../src/core/engine';
import { documentTextFor } from '../src/core/titleText';
import type { Candidate, Run } from '../src/core/types';
import { createRanker } from '../src/providers/index';
import { ScoreCache } from '../src/providers/scoreCache';
import { createDispatcher, undiciTransport } from '../src/providers/undiciTransport';
import { SCORE_CACHE_FILE, nodeCacheStorage } from '../src/cli/scoreCacheDir';
import { startCohereServer } from '../test/support/cohereServer';
import { makeDocuments, progress, report, runMain } from './lib';

const KEY = 'bench-key-0000000000000000000000000000';
const QUERY = 'retry a rate limited request with backoff and a deadline';
const PASSAGES_PER_FILE = 10;
const BATCH = 100;

function numberArg(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  const value = at >= 0 ? Number(process.argv[at + 1]) : NaN;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function candidates(texts: readonly string[]): Candidate[] {
  return texts.map((text, i) => {
    const file = Math.floor(i / PASSAGES_PER_FILE);
    const startLine = (i % PASSAGES_PER_FILE) * 20 + 1;
    return { id: String(i), text, title: `section ${i % PASSAGES_PER_FILE}`, source: { kind: 'file', path: `src/module${file}.ts`, range: { startLine, endLine: startLine + 19 } } };
  });
}

runMain(async () => {
  const passages = numberArg('passages', 2_000);
  const server = await startCohereServer({ apiKey: KEY });
  const dispatcher = createDispatcher();
  const dir = mkdtempSync(path.join(tmpdir(), 'rerank-bench-cache-'));
  try {
    const texts = makeDocuments(passages, 800, 11);
    const ranked = async (label: string, input: readonly string[], cached: boolean) => {
      const ranker = createRanker({
        provider: 'cohere',
        apiKey: KEY,
        endpoint: server.url,
        http: { transport: undiciTransport(dispatcher), timeoutMs: 30_000 },
        ...(cached ? { scoreCache: new ScoreCache(nodeCacheStorage(dir)) } : {}),
      });
      const before = { requests: server.requests.length, documents: documentsReceived() };
      const started = performance.now();
      const run = await rerank(QUERY, candidates(input), ranker, { topK: 20, batchSize: BATCH, maxRequests: 1_000, documentText: documentTextFor('path-and-title') });
      const ms = performance.now() - started;
      const row = { label, requests: server.requests.length - before.requests, documents: documentsReceived() - before.documents, fromCache: run.stats.fromCache?.passages ?? 0, requestsSaved: run.stats.fromCache?.requestsSaved ?? 0, ms };
      progress(`${label}: ${row.requests} requests, ${row.documents} documents sent, ${row.fromCache} from the cache, ${ms.toFixed(0)} ms`);
      return { run, row };
    };
    const documentsReceived = () => server.requests.reduce((n, r) => n + ((r.body?.documents as unknown[] | undefined)?.length ?? 0), 0);
    const same = (a: Run, b: Run) => JSON.stringify(a.items.map((i) => [i.index, i.score])) === JSON.stringify(b.items.map((i) => [i.index, i.score]));

    const uncached = await ranked('uncached (baseline)', texts, false);
    const cold = await ranked('cold cache', texts, true);
    const warm = await ranked('warm, nothing changed', texts, true);
    const onePassage = [...texts];
    onePassage[777 % passages] = `${onePassage[777 % passages]} Edited.`;
    const changedPassage = await ranked('one passage changed', onePassage, true);
    const oneFile = [...onePassage];
    for (let i = 0; i < PASSAGES_PER_FILE; i++) oneFile[(1230 + i) % passages] = `${oneFile[(1230 + i) % passages]} Rewritten.`;
    const changedFile = await ranked(`one file changed (${PASSAGES_PER_FILE} passages)`, oneFile, true);
    const check = [
      same(cold.run, uncached.run),
      same(warm.run, uncached.run),
      same(changedPassage.run, (await ranked('one passage changed, uncached (check)', onePassage, false)).run),
      same(changedFile.run, (await ranked('one file changed, uncached (check)', oneFile, false)).run),
    ];
    const rows = [uncached, cold, warm, changedPassage, changedFile].map((r) => r.row);
    await report({
      passages,
      passagesPerFile: PASSAGES_PER_FILE,
      batchSize: BATCH,
      rows,
      sameRanking: check.every(Boolean),
      cacheFileBytes: statSync(path.join(dir, SCORE_CACHE_FILE)).size,
      ratios: {
        warmRequestsOverCold: warm.row.requests / cold.row.requests,
        onePassageDocumentsOverCold: changedPassage.row.documents / cold.row.documents,
        oneFileDocumentsOverCold: changedFile.row.documents / cold.row.documents,
        warmMsOverUncached: warm.row.ms / uncached.row.ms,
        coldMsOverUncached: cold.row.ms / uncached.row.ms,
      },
    });
  } finally {
    await server.close();
    await dispatcher.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
});
