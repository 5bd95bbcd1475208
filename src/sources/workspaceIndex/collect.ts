// Collection through the workspace index: the same walk, rules, bounds and report as
// streamFileCandidates, but a file whose size and modification time match its record is not read,
// decoded, chunked or scanned again; only files that changed or appeared are, files that went away
// drop out, and the index is written back when anything changed. The run's BM25 first stage then
// scores the records' term data (src/core/termBm25.ts) and decodes only the passages it keeps.
//
// Why this shape: on this repository's node_modules (bench/index.ts) a warm run's cost is the
// walk and a stat per file; term data per passage makes BM25 a scan of integers instead of a
// tokenizer pass over every text, and texts stay UTF-8 bytes until a passage is handed on.

import { cancelledError } from '../../core/errors';
import { outcomeOf, type OutcomeSettings } from '../fileOutcomes';
import { prepareCollection, streamFileCandidates, YIELD_EVERY_MS, type CollectOptions } from '../files';
import { nextTurn } from '../walk';
import { countOutcome, readFileBytes, readFileNow, type FileOutcome } from '../fileCandidates';
import { isLargeDataFile } from '../defaultExcludes';
import type { SourceFs } from '../fs';
import { folderKey, type CollectReport, type RootReport } from '../report';
import type { FoundFile } from '../walk';
import { decodeIndex, encodeIndex, INDEX_FORMAT_VERSION, type IndexData } from './format';
import { outcomeOfRecord, passageCount, recordOf, type FileRecord } from './record';
import { indexName, type IndexStorage } from './storage';
import { IndexedCollection, type IndexedFile } from './search';

export interface IndexOptions {
  storage: IndexStorage;
  /**
   * Indexes kept in memory between runs (the extension keeps one for the window's life, and its
   * file watcher marks changes in it); without it each run reads the index from storage.
   */
  loaded?: LoadedIndexes;
  /** What made the passages (the extension's or the CLI's version): another one rebuilds the index. */
  producer: string;
}

/** Loaded indexes by root, and the changes a file watcher saw since. */
export class LoadedIndexes {
  private readonly byRoot = new Map<string, IndexData>();

  get(root: string): IndexData | undefined {
    return this.byRoot.get(root);
  }

  set(root: string, data: IndexData): void {
    this.byRoot.set(root, data);
  }

  /** A file under `root` changed, appeared or went away: the next run reads it again. */
  markChanged(root: string, relativePath: string): void {
    this.byRoot.get(root)?.records.delete(relativePath);
  }

  clear(): void {
    this.byRoot.clear();
  }
}

/** What the passages depend on besides the files: a change of any of these rebuilds the index. */
export function indexFingerprint(options: CollectOptions, report: CollectReport, producer: string): string {
  return JSON.stringify({
    format: INDEX_FORMAT_VERSION,
    producer,
    chunk: { maxTokens: options.chunk?.maxTokens, maxTokensPerDoc: options.chunk?.maxTokensPerDoc, overlapLines: options.chunk?.overlapLines },
    secrets: report.secretPolicy ?? 'kept',
    maxFileBytes: report.maxFileBytes,
  });
}

/** Collects `roots` as streamFileCandidates does, through (and updating) their indexes. */
export async function collectIndexed(fs: SourceFs, roots: readonly string[], options: CollectOptions, index: IndexOptions): Promise<IndexedCollection> {
  const report = streamFileCandidates(fs, roots, options).report;
  const { settings, filesOf } = await prepareCollection(fs, roots, options, report);
  const settingsKey = indexFingerprint(options, report, index.producer);
  const run: RunState = { fs, options, settings, report, files: [], done: 0, lastYield: Date.now(), now: Date.now() };
  const saves: Promise<void>[] = [];
  const rebuilt: string[] = [];
  const names: string[] = [];
  for (let r = 0; r < roots.length; r++) {
    const root = roots[r] as string;
    // The real path names the index: "src" given in two folders is two roots. It is part of the
    // fingerprint too, so two roots whose names collide rebuild rather than share records.
    const real = await realPath(fs, root);
    const name = indexName(real);
    names.push(name);
    const fingerprint = `${settingsKey}\n${real}`;
    // The index is read while the folder is walked: the read waits on the disk, the walk mostly on the CPU.
    const reading = index.loaded?.get(root) ?? readIndex(index.storage, name);
    const found: FoundFile[][] = [];
    for await (const batch of await filesOf(r)) found.push(batch);
    let old = await reading;
    if (old?.fingerprint !== fingerprint) {
      old = { fingerprint, records: new Map() };
      rebuilt.push(root);
    }
    const next: IndexData = { fingerprint, records: new Map() };
    const changed = await updateRoot(run, r, found, old, next);
    index.loaded?.set(root, next);
    // Every entry of `next` is new (changed) or one of `old`'s, so a smaller `next` means files went away.
    // Encoded on a later turn: the run's first stage does not wait for it.
    if (changed || next.records.size !== old.records.size) saves.push(nextTurn().then(() => index.storage.write(name, encodeIndex(next))));
  }
  report.bytesRead = settings.budget.bytes;
  report.limitReached = settings.budget.full;
  return new IndexedCollection(report, run.files, Promise.all(saves).then(() => undefined), rebuilt, names);
}

async function realPath(fs: SourceFs, path: string): Promise<string> {
  try {
    return fs.realpath ? await fs.realpath(path) : path;
  } catch {
    return path;
  }
}

async function readIndex(storage: IndexStorage, name: string): Promise<IndexData | undefined> {
  try {
    const bytes = await storage.read(name);
    return bytes === undefined ? undefined : decodeIndex(bytes);
  } catch {
    // An index that cannot be read is rebuilt, like one that is damaged.
    return undefined;
  }
}

interface RunState {
  fs: SourceFs;
  options: CollectOptions;
  settings: OutcomeSettings;
  report: CollectReport;
  files: IndexedFile[];
  done: number;
  lastYield: number;
  now: number;
}

/** Walks one root, reusing `old`'s records that still match and filling `next`; whether any record was made anew. */
async function updateRoot(run: RunState, rootIndex: number, found: readonly FoundFile[][], old: IndexData, next: IndexData): Promise<boolean> {
  const rootReport = run.report.roots[rootIndex] as RootReport;
  const readNow = run.fs.readFileTransient?.bind(run.fs);
  let changed = false;
  for (const batch of found) {
    for (const file of batch) {
      if (run.options.signal?.aborted) throw cancelledError();
      const previous = old.records.get(file.relativePath);
      let stat;
      try {
        stat = await run.fs.stat(file.path);
      } catch (err) {
        count(run, rootIndex, rootReport, file, { kind: 'unreadable', reason: (err as { code?: string })?.code ?? String(err) }, undefined);
        continue;
      }
      let record = previous !== undefined && previous.mtime >= 0 && previous.size === stat.size && previous.mtime === stat.mtime ? previous : undefined;
      let outcome: FileOutcome;
      if (record !== undefined) outcome = reuse(file, record, run.settings);
      else {
        const read = run.settings.budget.full !== undefined ? LEFT_OUT : readNow ? readFileNow(readNow, file.path, run.settings.maxFileBytes) : await readFileBytes(run.fs, file.path, run.settings.maxFileBytes);
        outcome = outcomeOf(file, read, run.settings);
        record = recordOf(outcome, stat, read instanceof Uint8Array ? read.length : undefined, run.now);
        if (record !== undefined) changed = true;
      }
      // A file left out by a bound keeps the record it had, for a run with room for it.
      record ??= previous;
      if (record !== undefined) next.records.set(file.relativePath, record);
      count(run, rootIndex, rootReport, file, outcome, record);
    }
    if (Date.now() - run.lastYield > YIELD_EVERY_MS) {
      await nextTurn();
      run.lastYield = Date.now();
    }
  }
  return changed;
}

const LEFT_OUT: FileOutcome = { kind: 'left-out' };

/** What outcomeOf would make of the file, from its record: the same bounds, nothing read. */
function reuse(file: FoundFile, record: FileRecord, settings: OutcomeSettings): FileOutcome {
  if (record.kind === 'too-large') return outcomeOfRecord(record);
  const budget = settings.budget;
  if (budget.full !== undefined) return LEFT_OUT;
  if (isLargeDataFile(file.relativePath, record.size) && settings.skipLargeData(file)) return { kind: 'large-data' };
  if (budget.bytes + record.size > budget.maxBytes) {
    budget.full = 'bytes';
    return LEFT_OUT;
  }
  if (record.kind !== 'text') return outcomeOfRecord(record);
  const passages = passageCount(record);
  if (budget.passages + passages > budget.maxPassages) {
    budget.full = 'passages';
    return LEFT_OUT;
  }
  budget.bytes += record.size;
  budget.passages += passages;
  return outcomeOfRecord(record);
}

/** Counts the file in the report as countOutcomes does, and keeps a text file's record for the run. */
function count(run: RunState, rootIndex: number, rootReport: RootReport, file: FoundFile, outcome: FileOutcome, record: FileRecord | undefined): void {
  const isText = countOutcome(outcome, file.relativePath, rootReport);
  if (outcome.kind === 'left-out') addTo(rootReport.leftOutByFolder, folderKey(file.relativePath, 1), 1);
  let passages = 0;
  if (isText) {
    addTo(rootReport.bytesByFolder, folderKey(file.relativePath, 2), outcome.bytes);
    passages = record === undefined ? 0 : passageCount(record);
    if (record !== undefined && passages > 0) run.files.push({ rootIndex, root: rootReport.root, label: rootReport.label, path: file.relativePath, record });
  }
  rootReport.candidates += passages;
  run.report.candidates += passages;
  run.done++;
  run.options.onProgress?.({ root: rootReport.root, path: file.relativePath, filesDone: run.done, candidates: run.report.candidates });
}

function addTo(counts: Record<string, number>, key: string, amount: number): void {
  counts[key] = (counts[key] ?? 0) + amount;
}
