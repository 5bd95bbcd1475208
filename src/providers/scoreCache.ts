// The score cache: a ranker whose scores do not depend on the other documents of a request
// remembers each document's score, so a repeated run sends only what it has not scored before.
// The file holds hashes and scores only: never a passage, the query or the key.

import { errorText } from '../core/errors';
import { DEFAULT_SCORE_TABLE_BOUNDS, KEY_LENGTH, SCORE_TABLE_VERSION, ScoreTable, sha256Hex, type Hasher, type ScoreTableBounds } from '../core/scoreTable';
import type { RankRequestOptions, RankResponse, Ranker, RankerLimits, ScoreMemory } from '../core/types';

/** The cache's one file: Node's fs for the CLI, workspace.fs for the extension. */
export interface ScoreCacheStorage {
  /** The file's text, or undefined when there is none. */
  read(): Promise<string | undefined>;
  /** Replaces the file whole (a temporary file renamed over it), so a reader never sees half of one. */
  write(text: string): Promise<void>;
}

export interface ScoreCacheOptions {
  bounds?: ScoreTableBounds;
  hash?: Hasher;
  /** Told when the file could not be read or written; the run goes on without it. */
  onError?: (message: string) => void;
}

/** What a score depends on besides the query and the text. The API key is no part of it. */
export interface ScoreScope {
  provider: string;
  /** The URL requests go to: its origin and path. */
  url: string;
  model: string;
  maxTokensPerDoc?: number;
}

export class ScoreCache {
  private readonly bounds: ScoreTableBounds;
  readonly hash: Hasher;
  private readonly onError: (message: string) => void;

  constructor(
    private readonly storage: ScoreCacheStorage,
    options: ScoreCacheOptions = {},
  ) {
    this.bounds = options.bounds ?? DEFAULT_SCORE_TABLE_BOUNDS;
    this.hash = options.hash ?? sha256Hex;
    this.onError = options.onError ?? (() => undefined);
  }

  /** The table on disk; a missing, unreadable, corrupt or other-version file gives an empty one that replaces it. */
  async load(): Promise<ScoreTable> {
    let text: string | undefined;
    try {
      text = await this.storage.read();
    } catch (err) {
      this.onError(`the score cache could not be read (${errorText(err)}); starting an empty one`);
    }
    const table = text === undefined ? undefined : await ScoreTable.fromText(text, this.bounds, this.hash);
    if (text !== undefined && !table) this.onError('the score cache file was not a valid cache of this version; it is replaced');
    return table ?? new ScoreTable(this.bounds);
  }

  async save(table: ScoreTable): Promise<void> {
    if (!table.changed) return;
    try {
      await this.storage.write(await table.toText(this.hash));
      table.changed = false;
    } catch (err) {
      this.onError(`the score cache could not be written (${errorText(err)})`);
    }
  }

  /** One key per document: the scope, the query and the text as sent, hashed together. */
  async keys(scope: ScoreScope, query: string, documents: readonly string[]): Promise<string[]> {
    // JSON has no raw line break, so the prefix ends unambiguously at the first one.
    const prefix = JSON.stringify([SCORE_TABLE_VERSION, scope.provider, scope.url, scope.model, scope.maxTokensPerDoc ?? null, await this.hash(query)]);
    return Promise.all(documents.map(async (text) => (await this.hash(`${prefix}\n${text}`)).slice(0, KEY_LENGTH)));
  }
}

/**
 * A ranker with a score cache in front. A run opens the table when the engine asks what it knows
 * (recall), every batch it sends adds its scores, and persist writes the table and lets it go.
 */
export class CachedRanker implements Ranker, ScoreMemory {
  readonly provider: string;
  readonly model: string;
  readonly limits: RankerLimits;
  readonly memory: ScoreMemory = this;
  private table: Promise<ScoreTable> | undefined;

  constructor(
    private readonly inner: Ranker,
    private readonly scope: ScoreScope,
    private readonly cache: ScoreCache,
  ) {
    this.provider = inner.provider;
    this.model = inner.model;
    this.limits = inner.limits;
  }

  async recall(query: string, documents: readonly string[]): Promise<(number | undefined)[]> {
    this.table ??= this.cache.load();
    const table = await this.table;
    const keys = await this.cache.keys(this.scope, query, documents);
    return keys.map((key) => table.get(key));
  }

  async rank(query: string, documents: readonly string[], options: RankRequestOptions): Promise<RankResponse> {
    const response = await this.inner.rank(query, documents, options);
    // Only a run that asked first keeps what it learns (and persists it when it ends).
    const open = this.table;
    if (open) {
      const [table, keys] = await Promise.all([open, this.cache.keys(this.scope, query, documents)]);
      for (const r of response.results) table.set(keys[r.index] as string, r.score);
    }
    return response;
  }

  async persist(): Promise<void> {
    const open = this.table;
    this.table = undefined;
    if (open) await this.cache.save(await open);
  }
}
