// A run's passages as the index holds them: counted in the report, texts still UTF-8 bytes. The
// first stage scores them from their term data and decodes only the files of the passages it keeps;
// a run without a first stage (the offline ranker) takes them all, and scores them from their term data too.

import type { Candidate, LineRange } from '../../core/types';
import { searchTermBlocks, type TermBlock } from '../../core/termBm25';
import type { IndexedBm25 } from '../../providers/local';
import type { CollectedFile } from '../files';
import type { CollectReport } from '../report';
import { META_WORDS, passageCount, recordCandidates, termBlock, type FileRecord } from './record';

/** A file with passages, in walk order. */
export interface IndexedFile {
  rootIndex: number;
  /** The root as given. */
  root: string;
  /** The root's label in candidate ids ("" for a single root). */
  label: string;
  /** Relative to the root. */
  path: string;
  record: FileRecord;
}

/** Whether a passage takes part in the run (Find Related leaves out the selection's own). */
export type KeepPassage = (file: IndexedFile, range: LineRange) => boolean;

export class IndexedCollection {
  constructor(
    readonly report: CollectReport,
    readonly files: readonly IndexedFile[],
    /** Settles when every changed index is written; a failed write rejects (the run itself is not affected). */
    readonly saved: Promise<void>,
    /** Roots whose index was built from nothing (none yet, damaged, or other settings). */
    readonly rebuilt: readonly string[],
    /** The index file name of each root, in the storage. */
    readonly names: readonly string[],
  ) {}

  get passages(): number {
    return this.report.candidates;
  }

  /** Every passage, file by file in walk order, as candidates. */
  all(keep?: KeepPassage): CollectedFile[] {
    return this.files.map((file) => ({ root: file.root, path: file.path, candidates: candidatesOf(file, keep) }));
  }

  /**
   * What bm25FirstStage keeps of all(keep): the `topN` passages that score best on BM25 for
   * `query`, best first, filled up with the rest in walk order; a file each, so the caller sees
   * which root and path each passage came from. Only the files of those passages are decoded.
   */
  firstStage(query: string, topN: number, keep?: KeepPassage): CollectedFile[] {
    const { order, fileOf, passageOf } = this.rank(query, topN, keep);
    const decoded = new Map<number, Candidate[]>();
    return order.map((n) => {
      const f = fileOf[n] as number;
      const file = this.files[f] as IndexedFile;
      let candidates = decoded.get(f);
      if (candidates === undefined) {
        candidates = recordCandidates(file.record, file.path, file.label);
        decoded.set(f, candidates);
      }
      return { root: file.root, path: file.path, candidates: [candidates[passageOf[n] as number] as Candidate] };
    });
  }

  /** firstStage as positions in all()'s passages, taken one after another. */
  firstStagePositions(query: string, topN: number): number[] {
    return this.rank(query, topN, undefined).order;
  }

  /**
   * BM25 over all(keep)'s passages, numbered one after another in that order, from their term data:
   * the hits searchBm25 gives for their texts, with nothing decoded or tokenized.
   */
  termBm25(keep?: KeepPassage): IndexedBm25 {
    const { blocks, fileOf } = this.termBlocks(keep);
    return { count: fileOf.length, hits: (query, params) => searchTermBlocks(blocks, query, params) };
  }

  /** The first stage's choice, as numbers of the kept passages, and each one's file and passage within it. */
  private rank(query: string, topN: number, keep: KeepPassage | undefined): { order: number[]; fileOf: number[]; passageOf: number[] } {
    const { blocks, fileOf, passageOf } = this.termBlocks(keep);
    const total = fileOf.length;
    const limit = Math.max(0, Math.min(Math.floor(topN), total));
    const chosen = new Set<number>();
    const order: number[] = [];
    for (const hit of searchTermBlocks(blocks, query)) {
      if (order.length === limit) break;
      chosen.add(hit.index);
      order.push(hit.index);
    }
    for (let i = 0; i < total && order.length < limit; i++) if (!chosen.has(i)) order.push(i);
    return { order, fileOf, passageOf };
  }

  /** The term data of the kept passages, and each one's file and passage within it. */
  private termBlocks(keep: KeepPassage | undefined): { blocks: TermBlock[]; fileOf: number[]; passageOf: number[] } {
    const blocks: TermBlock[] = [];
    const fileOf: number[] = [];
    const passageOf: number[] = [];
    this.files.forEach((file, f) => {
      const kept = keptPassages(file, keep);
      blocks.push(kept === undefined ? termBlock(file.record) : subBlock(file.record, kept));
      const count = kept?.length ?? passageCount(file.record);
      for (let i = 0; i < count; i++) {
        fileOf.push(f);
        passageOf.push(kept === undefined ? i : (kept[i] as number));
      }
    });
    return { blocks, fileOf, passageOf };
  }
}

function candidatesOf(file: IndexedFile, keep: KeepPassage | undefined): Candidate[] {
  const all = recordCandidates(file.record, file.path, file.label);
  if (keep === undefined) return all;
  return all.filter((c) => c.source.kind !== 'file' || c.source.range === undefined || keep(file, c.source.range));
}

/** The passages of `file` that `keep` keeps, or undefined when it keeps them all. */
function keptPassages(file: IndexedFile, keep: KeepPassage | undefined): number[] | undefined {
  if (keep === undefined) return undefined;
  const meta = file.record.meta;
  const kept: number[] = [];
  for (let p = 0; p * META_WORDS < meta.length; p++) {
    if (keep(file, { startLine: meta[p * META_WORDS] as number, endLine: meta[p * META_WORDS + 1] as number })) kept.push(p);
  }
  return kept.length === meta.length / META_WORDS ? undefined : kept;
}

/** The term data of some of a record's passages. */
function subBlock(record: FileRecord, passages: readonly number[]): TermBlock {
  const starts: number[] = [];
  for (let p = 0, at = 0; p * META_WORDS < record.meta.length; p++) {
    starts.push(at);
    at += 2 * (record.meta[p * META_WORDS + 3] as number);
  }
  const stats: number[] = [];
  const pairs: number[] = [];
  for (const p of passages) {
    const termCount = record.meta[p * META_WORDS + 3] as number;
    stats.push(record.meta[p * META_WORDS + 2] as number, termCount);
    const start = starts[p] as number;
    for (let i = 0; i < 2 * termCount; i++) pairs.push(record.pairs[start + i] as number);
  }
  return { passages: passages.length, stats, stride: 2, pairs };
}
