// The secret scanner: recall on the repository's planted set, and false positives and speed on
// real code written by others (this project's node_modules), the scanner of the baseline commit
// measured in the same run.
//
//   node --import tsx bench/secrets.ts [--secrets-root DIR] [--secrets-baseline REV] [--secrets-show N]
//
// Files are found and read as the collector finds and reads them (walkFolder with the default
// excludes and ignore files, the reusing reader, the same size limit and binary test), decoded,
// and cut into passages by the chunker. The scanner runs once over each whole file, as the
// collector runs it; a passage is "altered" when a finding touches one of its lines (what the
// omit policy drops and the redact policy changes). Times are warm (an untimed pass first, then
// the median of three rounds, the passes alternating in each): reading every file, and scanning
// every decoded text with each scanner. The baseline is
// src/core/secrets.ts at REV (default: the commit before the scanner's family coverage), loaded
// from git into a temporary file.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chunkText } from '../src/core/chunk';
import { findSecrets, redactSecrets, type SecretFinding } from '../src/core/secrets';
import { compileGlobs, DEFAULT_EXCLUDES } from '../src/sources/globs';
import { DEFAULT_MAX_FILE_BYTES } from '../src/sources/files';
import { notText } from '../src/sources/fileCandidates';
import { createNodeFs, createReusingReader } from '../src/sources/nodeFs';
import { emptyRootReport } from '../src/sources/report';
import { walkFolder, type FoundFile } from '../src/sources/walk';
import { progress, report, runMain } from './lib';

const repo = path.resolve(__dirname, '..');
const option = (name: string, fallback: string): string => {
  const at = process.argv.indexOf(name);
  return at >= 0 && process.argv[at + 1] !== undefined ? (process.argv[at + 1] as string) : fallback;
};
const ROOT = path.resolve(option('--secrets-root', path.join(repo, 'node_modules')));
const BASELINE = option('--secrets-baseline', '063c876');
const SHOW = Number(option('--secrets-show', '0'));

type Scan = (text: string) => readonly Pick<SecretFinding, 'kind' | 'start' | 'end' | 'startLine' | 'endLine'>[];

/**
 * Median ms of each pass over three rounds after an untimed one (which warms the code and the
 * caches). The passes alternate within a round, so load from other processes falls on all of them.
 */
function timedTogether(passes: readonly (() => void)[]): number[] {
  for (const pass of passes) pass();
  const times = passes.map((): number[] => []);
  for (let round = 0; round < 3; round++) {
    passes.forEach((pass, i) => {
      const started = performance.now();
      pass();
      times[i]?.push(performance.now() - started);
    });
  }
  return times.map((t) => t.sort((a, b) => a - b)[1] as number);
}

/** The baseline's findSecrets, from git, or undefined (with why) when git cannot give it. */
async function loadBaseline(dir: string): Promise<Scan | string> {
  try {
    const source = execFileSync('git', ['show', `${BASELINE}:src/core/secrets.ts`], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const file = path.join(dir, 'secretsBaseline.ts');
    writeFileSync(file, source.replace(/from '\.\/lines'/, `from ${JSON.stringify(path.join(repo, 'src/core/lines'))}`));
    const loaded = (await import(file)) as { findSecrets: Scan };
    return loaded.findSecrets;
  } catch (err) {
    return `baseline ${BASELINE} not loaded: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
  }
}

interface Planted {
  file: string;
  family: string;
  secret: string;
}

/** Share of planted secrets of which no 12-character piece survives redaction. */
function plantedRecall(scan: Scan): { caught: number; total: number; missed: string[] } {
  const dir = path.join(repo, 'test/fixtures/secrets');
  const planted = JSON.parse(readFileSync(path.join(dir, 'planted.json'), 'utf8')) as Planted[];
  const missed: string[] = [];
  const redacted = new Map<string, string>();
  for (const p of planted) {
    let text = redacted.get(p.file);
    if (text === undefined) {
      const original = readFileSync(path.join(dir, 'planted', p.file), 'utf8');
      text = redactSecrets(original, scan(original) as SecretFinding[]);
      redacted.set(p.file, text);
    }
    const pieces = p.secret.length <= 12 ? [p.secret] : Array.from({ length: p.secret.length - 11 }, (_, i) => p.secret.slice(i, i + 12));
    if (pieces.some((piece) => (text as string).includes(piece))) missed.push(`${p.family} (${p.file})`);
  }
  return { caught: planted.length - missed.length, total: planted.length, missed };
}

async function main(): Promise<void> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'rerank-bench-secrets-'));
  try {
    const baseline = await loadBaseline(tmp);
    progress(`secrets: walking ${ROOT}`);
    const rules = { include: undefined, exclude: compileGlobs(DEFAULT_EXCLUDES), ignoreFiles: true, symlinkBounds: undefined };
    const found: FoundFile[] = [];
    for await (const folder of walkFolder(createNodeFs(), ROOT, rules, emptyRootReport(ROOT, '', false))) found.push(...folder);
    const read = createReusingReader();
    const readAll = (): void => {
      for (const file of found) read(file.path, DEFAULT_MAX_FILE_BYTES);
    };
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const texts: { path: string; text: string }[] = [];
    for (const file of found) {
      const bytes = read(file.path, DEFAULT_MAX_FILE_BYTES);
      if (bytes === undefined || notText(bytes) !== undefined) continue;
      try {
        texts.push({ path: file.relativePath, text: decoder.decode(bytes) });
      } catch {
        // Not UTF-8: the collector skips it too.
      }
    }
    const chars = texts.reduce((n, t) => n + t.text.length, 0);
    progress(`secrets: ${texts.length} texts, ${(chars / 1e6).toFixed(0)} M chars; scanning`);
    const passages = texts.map((t) => chunkText(t.text).map((p) => [p.startLine, p.endLine] as const));
    const passageCount = passages.reduce((n, p) => n + p.length, 0);

    const scanners: Scan[] = typeof baseline === 'string' ? [findSecrets] : [findSecrets, baseline];
    const [readMs = NaN, ...scanMsOf] = timedTogether([readAll, ...scanners.map((scan) => () => texts.forEach((t) => scan(t.text)))]);
    const measure = (scan: Scan, scanMs: number) => {
      const findingsOf = texts.map((t) => scan(t.text));
      let altered = 0;
      const kinds = new Map<string, number>();
      const examples: string[] = [];
      texts.forEach((t, i) => {
        const findings = findingsOf[i] ?? [];
        if (findings.length === 0) return;
        for (const f of findings) {
          kinds.set(f.kind, (kinds.get(f.kind) ?? 0) + 1);
          if (examples.length < SHOW) {
            const lineStart = t.text.lastIndexOf('\n', f.start) + 1;
            const line = t.text.slice(lineStart, Math.min(t.text.length, lineStart + 160)).split('\n')[0];
            examples.push(`${f.kind}  ${t.path}:${f.startLine}  ${JSON.stringify(t.text.slice(f.start, Math.min(f.end, f.start + 60)))}  in  ${line}`);
          }
        }
        for (const [start, end] of passages[i] ?? []) if (findings.some((f) => f.startLine <= end && f.endLine >= start)) altered++;
      });
      const recall = plantedRecall(scan);
      return {
        scanMs,
        scanOverRead: scanMs / readMs,
        passagesAltered: altered,
        alteredShare: altered / passageCount,
        findingsByKind: Object.fromEntries([...kinds].sort((a, b) => b[1] - a[1])),
        recall: { caught: recall.caught, total: recall.total, share: recall.caught / recall.total, missed: recall.missed },
        examples,
      };
    };
    const ours = measure(findSecrets, scanMsOf[0] as number);
    const before = typeof baseline === 'string' ? null : measure(baseline, scanMsOf[1] as number);
    await report({
      root: ROOT,
      files: found.length,
      texts: texts.length,
      chars,
      passages: passageCount,
      readMs,
      baselineRev: BASELINE,
      baselineSkipped: typeof baseline === 'string' ? baseline : null,
      ours,
      baseline: before,
      scanOursOverBaseline: before ? ours.scanMs / before.scanMs : null,
      target: { recall: 0.95, alteredShare: 0.01, met: ours.recall.caught / ours.recall.total >= 0.95 && ours.alteredShare < 0.01 },
    });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

runMain(main);
